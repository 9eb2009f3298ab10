"""Benchmark: time from navigation to the last chart drawn, per page, in
headless Debian Chromium (Playwright); median of 5 loads of each page.

A load is ``page.goto(url)`` in a fresh tab (a new Streamlit session, like
opening a shared link) until Streamlit is idle, no lazy-load skeleton is left
and every Plotly chart has its SVG (tests/e2e/helpers.wait_ready).

usage: .venv/bin/python tests/bench/bench_browser.py [--runs 5] [--port 8608] [--lang vi]
Results: tests/bench/results/browser.json. Budget: 2 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import RESULTS, machine, pages  # noqa: E402

from tests.e2e.helpers import launch_browser, start_server, stop_server, wait_ready  # noqa: E402

BUDGET_S = 2.0


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--port", type=int, default=8608)
    ap.add_argument("--lang", default="vi")
    ap.add_argument("--out", default=str(RESULTS / "browser.json"))
    args = ap.parse_args()
    proc = start_server(args.port)
    base = f"http://127.0.0.1:{args.port}"
    res: dict = {"what": "seconds from page.goto to the last chart drawn (fresh tab = new session)",
                 "runs": args.runs, "budget_s": BUDGET_S, "machine": machine(), "pages": {}}
    try:
        with sync_playwright() as p:
            browser = launch_browser(p)
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            warm = ctx.new_page()
            for name in pages():  # warm the server: first run of each page loads its modules
                warm.goto(f"{base}/{'' if name == 'overview' else name}?lang={args.lang}")
                wait_ready(warm, settle_ms=100)
            warm.close()
            import psutil

            server = psutil.Process(proc.pid)
            for name in pages():
                url = f"{base}/{'' if name == 'overview' else name}?lang={args.lang}"
                times, cpu, charts = [], [], 0
                for _ in range(args.runs):
                    tab = ctx.new_page()
                    c0 = sum(server.cpu_times()[:2])
                    t0 = time.perf_counter()
                    tab.goto(url)
                    wait_ready(tab, settle_ms=0)
                    times.append(time.perf_counter() - t0)
                    # server CPU spent on this load: what the wall time would
                    # approach on an idle machine (the benchmark box is shared)
                    cpu.append(sum(server.cpu_times()[:2]) - c0)
                    charts = tab.locator('[data-testid="stPlotlyChart"]').count()
                    tab.close()
                res["pages"][name] = {"median_s": round(statistics.median(times), 2), "max_s": round(max(times), 2),
                                      "server_cpu_median_s": round(statistics.median(cpu), 3), "charts": charts}
                print(f"  {name:14s} median {statistics.median(times):5.2f} s  server cpu "
                      f"{statistics.median(cpu):5.2f} s ({charts} charts)", file=sys.stderr)
            browser.close()
    finally:
        stop_server(proc)
    res["machine"]["load_avg_at_end"] = __import__("os").getloadavg()
    RESULTS.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(res["pages"], indent=1))


if __name__ == "__main__":
    main()
