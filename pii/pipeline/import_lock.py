"""The import log and the data folder's lock: one publish, rollback, recovery or build at a time, across
processes (issue 22: ``python -m pii build`` takes it too)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path

from pii.pipeline import paths, publish_txn
from pii.pipeline.import_store import IMPORTS_DIR

LOG_NAME = "import_log.jsonl"
ROLLED_BACK_DIR = "rolled_back"


@contextlib.contextmanager
def lock(base: Path, wait: bool = True) -> Iterator[bool]:
    """The data folder's lock (fcntl.flock), held by every writer of ``sources/imports``, ``parquet/`` and the
    log: publish, rollback, recovery and ``python -m pii build`` (issue 22: a build during a publish dropped
    the new figures, or lost its staging folder to the publish's recovery). ``wait=False`` yields False at
    once when another process holds it."""
    base.mkdir(parents=True, exist_ok=True)
    with open(base / f"{LOG_NAME}.lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def write_log(base: Path, entry: dict) -> None:
    """Append one line and fsync it: for a publish this line is the commit point (pii.pipeline.publish_txn)."""
    with open(base / LOG_NAME, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def recover(base: Path | None = None) -> str | None:
    """Finish or undo a publish/rollback that was killed half-way (takes the lock)."""
    base = Path(base or paths.data_dir())
    with lock(base):
        return recover_locked(base)


def recover_locked(base: Path) -> str | None:
    imp = paths.sources_dir(base) / IMPORTS_DIR
    return publish_txn.recover(base, imp, base / LOG_NAME, imp / ROLLED_BACK_DIR)


def recover_at_start(base: Path) -> str | None:
    """When the app or the CLI starts (issue 22): a publish killed half-way is finished or undone now, not at
    the next publish (its CSV would stay in ``sources/imports/``, where a copied checkout builds it and no
    rollback undoes it). Skipped when another process holds the lock (it is publishing and finishes itself)
    or the folder cannot be written (a read-only deployment has nothing to recover)."""
    out = base / "parquet"
    pending = ((base / publish_txn.JOURNAL).exists() or publish_txn.next_dir(out).exists()
               or any(base.glob(".parquet-staging-*")) or (not out.exists() and publish_txn.previous_dir(out).exists()))
    if not pending:  # nothing half-done: leave the folder untouched (not even a lock file)
        return None
    try:
        with lock(base, wait=False) as got:
            return recover_locked(base) if got else None
    except OSError:
        return None


def read_log(base: Path | None = None) -> list[dict]:
    path = Path(base or paths.data_dir()) / LOG_NAME
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines() if text.endswith("\n") else text.splitlines()[:-1]  # a torn last line never committed
    return [json.loads(line) for line in lines if line.strip()]
