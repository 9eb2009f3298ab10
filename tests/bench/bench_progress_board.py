"""Benchmark (not a test): the plan-progress board with 3 years of weekly reports on every assignment of
plan 152 (61 lead assignments x 156 weeks = 9,516 reports), against the framework floor in the same run.

    .venv/bin/python tests/bench/bench_progress_board.py [--runs 10]

Both scripts run under AppTest in a fresh session each time, after one warm-up run that pays the imports:
the app's progress page signed in as the Department (board tab), and ../shared/bench/floor_app.py. Prints
the medians and the ratio. The store is a fresh SQLite file (the embedded default).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="pii_bench_progress_"))
os.environ["PII_USERS_FILE"] = str(TMP / "users.toml")
os.environ["PII_PROGRESS_DB"] = f"sqlite:///{TMP / 'progress.sqlite'}"

from streamlit.testing.v1 import AppTest  # noqa: E402

from pii import accounts  # noqa: E402
from pii.progress import demo, store  # noqa: E402
from queries import PiiDB  # noqa: E402
from tests.apptest_helpers import run_page  # noqa: E402

FLOOR = ROOT.parent / "shared" / "bench" / "floor_app.py"
PW = "bench-password-long"


def board_run() -> float:
    t0 = time.perf_counter()
    at = run_page("pages/progress.py", {"lang": "vi", "section": "board"})
    at.session_state["_imp_user_signed_in"] = "khcn"  # signed in, as the sign-in form leaves it
    at.session_state["_imp_last_seen"] = time.time()
    at.run()
    elapsed = time.perf_counter() - t0
    if at.exception or not at.dataframe:
        raise RuntimeError(f"the board did not render: {at.exception}")
    return elapsed


def floor_run() -> float:
    t0 = time.perf_counter()
    at = AppTest.from_file(str(FLOOR), default_timeout=60)
    at.run()
    if at.exception:
        raise RuntimeError(str(at.exception[0].value))
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    accounts.add_user("khcn", PW)
    accounts.set_fields("khcn", role="dost")
    n = demo.fill(PiiDB(), weeks=156, today=date.today(), share=1.0, density=1.0)
    print(f"store: {n} reports ({store.rows('report_count')[0]['n']} rows)")
    board_run(), floor_run()  # warm-up
    app, floor = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine
        app.append(board_run())
        floor.append(floor_run())
    a, f = statistics.median(app), statistics.median(floor)
    print(f"progress board (two runs: sign-in state, board): median {a * 1000:.0f} ms "
          f"(min {min(app) * 1000:.0f}, max {max(app) * 1000:.0f})")
    print(f"floor app: median {f * 1000:.0f} ms (min {min(floor) * 1000:.0f}, max {max(floor) * 1000:.0f})")
    print(f"ratio to the floor: {a / f:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
