"""Benchmark: cold start of the app and memory of the server process.

Cold start = process start (the command scripts/start.sh ends with) →
/_stcore/health answers → the first page (Overview) fully drawn in headless
Chromium. Memory = RSS of the server process (psutil; Kaleido's Chromium,
started only for exports, is reported apart) with 1 browser session, then with
20 sessions (19 more Streamlit websocket clients, each on a different page).

usage: .venv/bin/python tests/bench/bench_startup.py [--starts 3] [--port 8608] [--sessions 20]
Results: tests/bench/results/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_concurrency import PAGES, Client  # noqa: E402
from bench_pages import RESULTS, machine  # noqa: E402

from tests.e2e.helpers import ROOT as APP_ROOT  # noqa: E402
from tests.e2e.helpers import launch_browser, stop_server, streamlit_cmd, wait_health, wait_ready  # noqa: E402


def rss_mb(pid: int) -> tuple[float, float]:
    """(server RSS, RSS of its child processes) in MiB."""
    import psutil

    proc = psutil.Process(pid)
    children = sum(c.memory_info().rss for c in proc.children(recursive=True) if c.is_running())
    return round(proc.memory_info().rss / 2**20, 1), round(children / 2**20, 1)


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--port", type=int, default=8608)
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--out", default=str(RESULTS / "startup.json"))
    args = ap.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    starts: list[dict] = []
    memory: dict = {}
    with sync_playwright() as p:
        browser = launch_browser(p)
        for i in range(args.starts):
            t0 = time.perf_counter()
            proc = subprocess.Popen(streamlit_cmd(args.port) + ["--server.address", "127.0.0.1"], cwd=APP_ROOT,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            try:
                wait_health(base, proc)
                t_health = time.perf_counter() - t0
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(base + "/")
                wait_ready(page, settle_ms=0)
                t_page = time.perf_counter() - t0
                starts.append({"health_s": round(t_health, 2), "first_page_drawn_s": round(t_page, 2)})
                print(f"  start {i + 1}: health {t_health:.2f} s, first page drawn {t_page:.2f} s", file=sys.stderr)
                if i == args.starts - 1:
                    time.sleep(2)
                    memory["1_session"] = dict(zip(("server_mb", "children_mb"), rss_mb(proc.pid)))
                    clients = []
                    for k in range(args.sessions - 1):
                        c = Client(base)
                        c.run(PAGES[k % len(PAGES)], "lang=vi" if k % 2 else "lang=en")
                        clients.append(c)
                    time.sleep(2)
                    memory[f"{args.sessions}_sessions"] = dict(zip(("server_mb", "children_mb"), rss_mb(proc.pid)))
                    for c in clients:
                        c.close()
                page.close()
            finally:
                stop_server(proc)
        browser.close()
    res = {"what": "cold start (s) and server RSS (MiB)", "starts": starts,
           "median_health_s": statistics.median(s["health_s"] for s in starts),
           "median_first_page_drawn_s": statistics.median(s["first_page_drawn_s"] for s in starts),
           "memory": memory, "machine": {**machine(), "load_avg_at_end": os.getloadavg()}}
    RESULTS.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
