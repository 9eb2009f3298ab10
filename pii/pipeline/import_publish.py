"""Publishing a checked import, and rolling one back.

Publishing stores the checked rows under ``sources/imports/`` (so a later ``python -m pii build``
keeps them), swaps the parquet folder by rename (previous version kept for :func:`rollback`) and
appends to ``import_log.jsonl``; the log line is the commit point (pii.pipeline.publish_txn).
"""

from __future__ import annotations

import errno
import getpass
import os
from datetime import UTC, datetime
from pathlib import Path

from pii.pipeline import paths, publish_txn
from pii.pipeline.import_check import check_file
from pii.pipeline.import_lock import LOG_NAME, ROLLED_BACK_DIR, lock, read_log, recover_locked, write_log
from pii.pipeline.import_report import ImportReport
from pii.pipeline.import_store import IMPORTS_DIR
from pii.pipeline.problems import DataError, Problem


def _txn(sha: str | None) -> str:
    return f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}-{str(sha or '')[:12]}"


def _write_problem(file: str, err: OSError) -> Problem:
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return Problem.of(file, None, None, "pb_disk_full")
    return Problem.of(file, None, None, "pb_write_failed", error=err.strerror)


def publish(data: bytes, name: str, user: str | None = None, base: Path | None = None,
            checker: object | None = None, **kw: object) -> ImportReport:
    """Check again (under the lock) and publish only if everything passes.

    ``checker`` runs the check (default :func:`check_file` in this process; the page and the CLI pass
    :func:`pii.pipeline.sandbox.check_in_worker` so a hostile file is parsed in a limited worker).
    Killing the process at any step leaves the previous version or the new one (pii.pipeline.publish_txn)."""
    check = checker or check_file
    base = Path(base or paths.data_dir())
    seen = _fingerprint(base)
    report = check(data, name, base=base, **kw)  # type: ignore[operator]
    if not report.ok:
        return report  # refused before taking the lock: a bad file leaves no trace at all
    with lock(base):  # one publish at a time, across processes
        recover_locked(base)  # a publish killed half-way is finished or undone first
        if _fingerprint(base) != seen:  # someone published meanwhile: check against their data too
            report = check(data, name, base=base, **kw)  # type: ignore[operator]
            if not report.ok:
                return report
        imp = paths.sources_dir(base) / IMPORTS_DIR
        txn = _txn(report.sha256)
        written: list[str] = []
        try:
            imp.mkdir(parents=True, exist_ok=True)
            publish_txn.begin(base, txn, "import", list(report.outputs))
            for fname, df in report.outputs.items():
                publish_txn.write_atomic(imp / fname, df.to_csv(index=False).encode("utf-8"))
                written.append(fname)
            publish_txn.fault("csv")
            publish_txn.prepare_tables(report.tables or {}, base / "parquet", tag=txn)
            write_log(base, {"action": "import", "when": datetime.now(UTC).isoformat(timespec="seconds"),
                        "who": user or whoami(), "file": report.file, "sha256": report.sha256, "kind": report.kind,
                        "rows_in_file": report.rows_in_file, "rows_added": report.added,
                        "rows_changed": report.changed, "rows_unchanged": report.unchanged, "files": written,
                        "txn": txn})
            publish_txn.fault("logged")
        except OSError as err:  # a full disk, a read-only folder: undo, say so plainly
            recover_locked(base)
            report.tables = None
            report.problems.append(_write_problem(report.file, err))
            return report
        publish_txn.swap(base / "parquet", tag=txn)
        publish_txn.end(base)
    return report


def _fingerprint(base: Path) -> list[tuple[str, int, int]]:
    src = paths.sources_dir(base)
    return sorted((str(p.relative_to(src)), p.stat().st_size, p.stat().st_mtime_ns)
                  for p in src.rglob("*.csv") if ROLLED_BACK_DIR not in p.parts)


def rollback(user: str | None = None, base: Path | None = None) -> dict:
    """Undo the newest import still in effect (repeat to undo older ones)."""
    base = Path(base or paths.data_dir())
    with lock(base):
        recover_locked(base)
        stack: list[dict] = []
        for entry in read_log(base):  # imports still in effect, newest last
            if entry.get("action") == "import":
                stack.append(entry)
            elif entry.get("action") == "rollback" and stack:
                stack.pop()
        if not stack:
            raise DataError([Problem.of(LOG_NAME, None, None, "pb_nothing_to_roll_back")])
        last = stack[-1]
        imp = paths.sources_dir(base) / IMPORTS_DIR
        away = imp / ROLLED_BACK_DIR
        away.mkdir(parents=True, exist_ok=True)
        txn = _txn(last.get("sha256"))
        publish_txn.begin(base, txn, "rollback", [f for f in last.get("files", []) if (imp / f).exists()])
        for fname in last.get("files", []):
            if (imp / fname).exists():
                os.replace(imp / fname, away / fname)
        publish_txn.fault("csv")
        # Rebuild from the sources as they were before the import rather than
        # trusting parquet.previous, which a manual build may have replaced since.
        from pii.pipeline.build import build_tables

        try:
            publish_txn.prepare_tables(build_tables(paths.sources_dir(base)), base / "parquet", tag=txn)
            entry = {"action": "rollback", "when": datetime.now(UTC).isoformat(timespec="seconds"),
                     "who": user or whoami(), "file": last.get("file"), "sha256": last.get("sha256"),
                     "files": last.get("files", []), "txn": txn}
            write_log(base, entry)
            publish_txn.fault("logged")
        except BaseException:
            recover_locked(base)  # not committed: the files go back, the parquet folder was never touched
            raise
        publish_txn.swap(base / "parquet", tag=txn)
        publish_txn.end(base)
    return entry


def whoami() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
