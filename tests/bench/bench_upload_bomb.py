"""The Streamlit server's own CPU and memory while a bomb XLSX is uploaded through the import page (issue 22).

usage: .venv/bin/python tests/bench/bench_upload_bomb.py  → tests/bench/results/upload_bomb.md

Starts the app as the README does (on a private copy of the data and a private account), signs in with
Chromium, uploads each bomb of tests/hostile_corpus (a shared-string bomb and a workbook.xml bomb) and waits
for the page's answer. The server process alone is measured with psutil (its user+system CPU time, its
resident memory sampled every 50 ms): the check runs in a child worker, whose cost is not the server's.
Every byte of an upload must be parsed in that worker, so the server's CPU and memory should stay flat.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pii import accounts  # noqa: E402
from pii.pipeline import paths  # noqa: E402
from pii.pipeline.build import build_tables, write_tables  # noqa: E402
from tests.e2e.helpers import free_port, launch_browser, start_server, stop_server, wait_ready  # noqa: E402
from tests.hostile_corpus import (  # noqa: E402
    _shared_string_bomb_xlsx,
    _workbook_bomb_xlsx,
    _workbook_elements_xlsx,
)


def measure_upload(page, proc: psutil.Process, path: Path) -> tuple[float, float, float, float, str]:
    """(server CPU seconds, RSS before MB, peak RSS MB, wall seconds) for one upload until the page answers."""
    peak = [proc.memory_info().rss]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], proc.memory_info().rss)
            time.sleep(0.05)

    before_rss = proc.memory_info().rss
    t = proc.cpu_times()
    cpu0 = t.user + t.system
    th = threading.Thread(target=sample, daemon=True)
    th.start()
    t0 = time.monotonic()
    page.locator('input[type="file"]').set_input_files(str(path))
    # "The file has 1 problem(s); nothing was written ..." or the app's incident box (the server's parser failed)
    answer = page.get_by_text("nothing was written").or_(page.get_by_text("Incident id"))
    answer.first.wait_for(timeout=400_000)
    outcome = "incident (server error)" if page.get_by_text("Incident id").count() else "refused"
    wall = time.monotonic() - t0
    stop.set()
    th.join()
    t = proc.cpu_times()
    return t.user + t.system - cpu0, before_rss / 2**20, peak[0] / 2**20, wall, outcome


def main() -> int:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="pii-bench-bomb-"))
    base = tmp / "pii_data"
    shutil.copytree(paths.sources_dir(paths.SHIPPED_DATA_DIR), base / "sources",
                    ignore=shutil.ignore_patterns("imports"))
    write_tables(build_tables(base / "sources"), base / "parquet", keep_previous=False)
    os.environ["PII_USERS_FILE"] = str(tmp / "users.toml")
    accounts.add_user("lan", "pw-bench-long-enough")
    bombs = {"shared_string_bomb.xlsx": _shared_string_bomb_xlsx(), "workbook_xml_bomb.xlsx": _workbook_bomb_xlsx(),
             "workbook_elements_bomb.xlsx": _workbook_elements_xlsx()}
    for name, data in bombs.items():
        (tmp / name).write_bytes(data)
    port = free_port()
    server = start_server(port, env={**os.environ, "PII_DATA_DIR": str(base)}, log=tmp / "server.log")
    rows = []
    try:
        proc = psutil.Process(server.pid)
        with sync_playwright() as p:
            browser = launch_browser(p)
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(180_000)
            for name, data in bombs.items():
                page.goto(f"http://127.0.0.1:{port}/import_data?lang=en")
                wait_ready(page, timeout=180_000)
                if page.get_by_label("User name", exact=True).count():
                    page.get_by_label("User name", exact=True).fill("lan")
                    page.get_by_label("Password", exact=True).fill("pw-bench-long-enough")
                    page.get_by_role("button", name="Sign in").click()
                page.get_by_text("Upload a data file").wait_for()
                time.sleep(2)  # let the sign-in rerun settle
                cpu, rss0, peak, wall, outcome = measure_upload(page, proc, tmp / name)
                rows.append((name, len(data), cpu, rss0, peak, wall, outcome))
                print(f"{name}: server CPU {cpu:.1f} s, RSS {rss0:.0f} -> peak {peak:.0f} MB, page answered "
                      f"after {wall:.1f} s ({outcome})", flush=True)
            browser.close()
    finally:
        stop_server(server)
        shutil.rmtree(tmp, ignore_errors=True)
    out = ROOT / "tests" / "bench" / "results" / "upload_bomb.md"
    lines = ["# Server process while a bomb XLSX is uploaded through the import page (issue 22)\n",
             f"Machine: {os.cpu_count()} cores, shared. psutil on the Streamlit process only (the worker is a "
             "child process with its own limits).\n",
             "| file | size | server CPU s | server RSS before MB | server RSS peak MB | answered after s | page |",
             "|---|---:|---:|---:|---:|---:|---|"]
    lines += [f"| {n} | {s / 1e6:.2f} MB | {c:.1f} | {a:.0f} | {b:.0f} | {w:.1f} | {o} |"
              for n, s, c, a, b, w, o in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
