"""Many writers and a killed writer (issue 23): 20 writers in 2 processes post 1,000 reports, all there and
none twice; a kill -9 during writes loses nothing that was committed. Real SQLite (WAL) and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from pii.progress import store
from tests.progress_helpers import fresh_postgres_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    u = f"sqlite:///{tmp_path / 'progress.sqlite'}" if request.param == "sqlite" else fresh_postgres_db()
    store.engine(u)  # migrated once before the writers start
    yield u
    store.dispose_all()


def _writer(url: str, threads: int, each: int, prefix: str) -> subprocess.Popen:
    env = {**os.environ, "PII_PROGRESS_DB": url, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.progress_writer", str(threads), str(each), prefix],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _ids(url: str) -> list[str]:
    with store.engine(url).connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT report_id FROM reports"))]


def test_twenty_writers_in_two_processes_post_a_thousand_reports(url: str) -> None:
    procs = [_writer(url, 10, 50, f"p{k}") for k in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-2000:] for o in outs]
    printed = [line for out, _ in outs for line in out.split()]
    ids = _ids(url)
    assert len(ids) == 1000 and len(set(ids)) == 1000
    assert set(ids) == set(printed)
    with store.engine(url).connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM audit_log WHERE action = 'report'")).scalar_one() == 1000


def test_a_kill_during_writes_loses_nothing_committed(url: str) -> None:
    proc = _writer(url, 4, 10_000, "k")
    committed: list[str] = []
    for line in proc.stdout:  # type: ignore[union-attr]
        committed.append(line.strip())
        if len(committed) >= 300:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    store.dispose_all()
    ids = set(_ids(url))
    assert set(committed) <= ids  # every id the writer saw committed is there
    assert len(ids) >= 300
    if url.startswith("sqlite"):
        with store.engine(url).connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
