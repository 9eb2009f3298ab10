"""Publishing that survives faults (issue 12): a journal, one commit point, recovery.

An import (or a rollback) changes three things: CSV files under
``sources/imports/``, the ``parquet/`` folder and ``import_log.jsonl``. Killing
the process between any two of those writes must leave the previous version or
the new one, never a mix. So, under the data folder's lock (fcntl.flock):

1. ``begin``: a journal ``.publish-journal.json`` names the transaction and the
   files it will add (import) or move away (rollback);
2. the CSV files are written (temp file + rename) or moved;
3. ``prepare_tables``: the new parquet folder is written completely beside the
   current one (``parquet.next``, fsynced, renamed into place when complete);
4. the log line carrying the transaction id is appended and fsynced — the
   COMMIT POINT;
5. ``swap``: ``parquet.next`` and ``parquet`` are exchanged in one atomic
   ``renameat2(RENAME_EXCHANGE)`` (readers never see a missing folder), the old
   one becomes ``parquet.previous``;
6. ``end``: the journal is removed.

:func:`recover` (run under the lock before every publish, rollback and build)
finishes a committed transaction (swap if not yet done) and undoes one that was
not committed (delete the added CSVs / move the moved ones back, drop
``parquet.next``, cut a torn last log line). ``PII_PUBLISH_FAULT=<step>`` makes
the process exit at that step, for the kill tests.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

JOURNAL = ".publish-journal.json"
FAULT_ENV = "PII_PUBLISH_FAULT"
STEPS = ("journal", "csv", "staging", "prepared", "logged", "exchanged", "swapped", "done")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def fault(step: str) -> None:
    """Test hook: exit at once (as ``kill -9`` would) when ``PII_PUBLISH_FAULT`` names this step."""
    if os.environ.get(FAULT_ENV) == step:
        os._exit(137)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def begin(base: Path, txn: str, kind: str, files: list[str]) -> None:
    write_atomic(base / JOURNAL, json.dumps({"txn": txn, "kind": kind, "files": files}).encode())
    fault("journal")


def end(base: Path) -> None:
    (base / JOURNAL).unlink(missing_ok=True)
    _fsync_dir(base)
    fault("done")


def next_dir(out_dir: Path) -> Path:
    return out_dir.with_name(out_dir.name + ".next")


def previous_dir(out_dir: Path) -> Path:
    return out_dir.with_name(out_dir.name + ".previous")


TAG = ".version"  # inside each parquet folder: which transaction wrote it (tells recover() if a swap happened)


def _tag(folder: Path) -> str | None:
    try:
        return (folder / TAG).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def prepare_tables(tables: dict[str, pd.DataFrame], out_dir: Path, tag: str | None = None) -> Path:
    """Write every table into ``<out_dir>.next`` (complete, fsynced) without touching ``out_dir``."""
    base = out_dir.parent
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".parquet-staging-", dir=base))
    try:
        (staging / TAG).write_text(tag or os.urandom(8).hex(), encoding="utf-8")
        for name, df in tables.items():
            df.to_parquet(staging / f"{name}.parquet", index=False)
            fault("staging")
        for f in staging.iterdir():
            fd = os.open(f, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        nxt = next_dir(out_dir)
        if nxt.exists():
            shutil.rmtree(nxt)
        staging.rename(nxt)
        _fsync_dir(base)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fault("prepared")
    return nxt


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap(out_dir: Path, keep_previous: bool = True, tag: str | None = None) -> Path:
    """Make ``<out_dir>.next`` the current folder; the old one becomes ``<out_dir>.previous``.

    ``tag``: the version ``.next`` was written as; if ``out_dir`` already carries it, the exchange
    happened before a kill and only the old folder (now at ``.next``) is left to put away."""
    nxt, prev = next_dir(out_dir), previous_dir(out_dir)
    if not nxt.exists():
        return out_dir
    exchanged = tag is not None and out_dir.exists() and _tag(out_dir) == tag
    if not out_dir.exists():
        nxt.rename(out_dir)
    elif exchanged or _exchange(nxt, out_dir):  # out_dir is new now, nxt holds the old version
        fault("exchanged")
        if prev.exists():
            shutil.rmtree(prev)
        if keep_previous:
            nxt.rename(prev)
        else:
            shutil.rmtree(nxt)
    else:  # no atomic exchange here: two renames; recover() repairs a kill in between
        if prev.exists():
            shutil.rmtree(prev)
        out_dir.rename(prev)
        fault("exchanged")
        nxt.rename(out_dir)
        if not keep_previous:
            shutil.rmtree(prev)
    (out_dir / TAG).unlink(missing_ok=True)  # only needed while a swap can be half-done
    _fsync_dir(out_dir.parent)
    fault("swapped")
    return out_dir


def _committed(log_path: Path, txn: str) -> bool:
    if not log_path.exists():
        return False
    for line in log_path.read_text(encoding="utf-8").splitlines():
        try:
            if json.loads(line).get("txn") == txn:
                return True
        except ValueError:
            continue
    return False


def _cut_torn_line(log_path: Path) -> None:
    """A kill while appending can leave half a line: it was never committed."""
    if not log_path.exists():
        return
    data = log_path.read_bytes()
    if data and not data.endswith(b"\n"):
        keep = data[:data.rfind(b"\n") + 1]
        with open(log_path, "r+b") as fh:
            fh.truncate(len(keep))
            fh.flush()
            os.fsync(fh.fileno())


def recover(base: Path, imports_dir: Path, log_path: Path, rolled_back: Path) -> str | None:
    """Finish or undo an interrupted publish (call under the lock). Returns what was done, or None."""
    out_dir = base / "parquet"
    for stale in base.glob(".parquet-staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    _cut_torn_line(log_path)
    journal = base / JOURNAL
    done = None
    if journal.exists():
        try:
            j = json.loads(journal.read_text(encoding="utf-8"))
        except ValueError:  # torn journal: written before anything else, so nothing else happened
            j = {"txn": None, "kind": "import", "files": []}
        if j.get("txn") and _committed(log_path, j["txn"]):
            swap(out_dir, tag=j["txn"])
            done = f"finished {j['kind']} {j['txn']}"
        else:
            for fname in j.get("files", []):
                if j.get("kind") == "rollback":
                    if (rolled_back / fname).exists() and not (imports_dir / fname).exists():
                        os.replace(rolled_back / fname, imports_dir / fname)
                else:
                    (imports_dir / fname).unlink(missing_ok=True)
                    (imports_dir / f".{fname}.tmp").unlink(missing_ok=True)
            if next_dir(out_dir).exists():
                shutil.rmtree(next_dir(out_dir))
            if not out_dir.exists() and previous_dir(out_dir).exists():
                previous_dir(out_dir).rename(out_dir)
            done = f"undid {j.get('kind')} {j.get('txn')}"
        journal.unlink()
        _fsync_dir(base)
    elif not out_dir.exists():  # a build killed between its two renames
        if next_dir(out_dir).exists():
            next_dir(out_dir).rename(out_dir)
            done = "finished build"
        elif previous_dir(out_dir).exists():
            previous_dir(out_dir).rename(out_dir)
            done = "restored previous build"
    elif next_dir(out_dir).exists():  # a build killed before its swap: keep the current version
        shutil.rmtree(next_dir(out_dir))
        done = "dropped unfinished build"
    return done

