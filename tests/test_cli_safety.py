"""The command line under faults (issue 22): no traceback (one line, an incident id, exit code 3), terminal
escape codes in a file name shown as text, and a check worker that stops when its CLI is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def test_an_unexpected_error_is_one_line_not_a_traceback(tmp_path):
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "pii", "build", str(not_a_folder / "data")], cwd=ROOT, env=_env(),
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 3, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and "File \"" not in r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "incident" in lines[0], r.stderr


def test_escape_codes_in_a_file_name_are_shown_not_run(tmp_path, data_copy):
    bad = tmp_path / "Hà\x1b[2J\x1b]0;owned\x07Nội.csv"
    bad.write_text("edition,province,code,score,rank,source\n2024,Ha Giang,I.1.1,140,,https://example.org/x\n",
                   encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "pii", "import", "--dry-run", str(bad)], cwd=ROOT,
                       env=_env(PII_DATA_DIR=str(data_copy)), capture_output=True, text=True, timeout=300)
    out = r.stdout + r.stderr
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J" in out  # the name is still there, as text


def test_check_worker_stops_when_its_cli_is_killed(tmp_path, data_copy):
    rows = ["edition,province,code,score,rank,source"] + [
        f"2024,Hà Nội,I.1.1,{40 + i % 50}.5,,https://example.org/r{i}" for i in range(29_000)]
    slow = tmp_path / "slow.csv"
    slow.write_text("\n".join(rows), encoding="utf-8")
    cli = subprocess.Popen([sys.executable, "-m", "pii", "import", "--dry-run", str(slow)], cwd=ROOT,
                           env=_env(PII_DATA_DIR=str(data_copy), PII_CHECK_SECONDS="120",
                                    PII_CHECK_WALL_SECONDS="300"),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = None
    deadline = time.monotonic() + 120
    while worker is None and time.monotonic() < deadline:
        kids = [p for p in psutil.Process(cli.pid).children(recursive=True)
                if "pii.pipeline.sandbox" in " ".join(p.cmdline())]
        worker = kids[0] if kids else None
        time.sleep(0.1)
    assert worker is not None, "no check worker started"
    time.sleep(1)
    assert worker.is_running()
    os.kill(cli.pid, signal.SIGKILL)
    cli.wait(timeout=30)
    gone, alive = psutil.wait_procs([worker], timeout=10)
    for p in alive:
        p.kill()
    assert not alive, "the check worker kept running after its CLI was killed"
