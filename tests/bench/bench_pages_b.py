"""Benchmark (a script, not a test): run time of the peer comparison, trends
and map pages — median of N AppTest runs — on the shipped data and on the
synthetic complete dataset (pii.pipeline.demo).

usage: .venv/bin/python tests/bench/bench_pages_b.py [--runs 20] [--datasets shipped,synthetic]

Each dataset runs in its own process (PII_DATA_DIR points at the synthetic
folder, written once under $PII_BENCH_DIR, default /tmp/pii_bench_b). Per
view: one discarded warm-up run (caches, imports), then ``--runs`` fresh
AppTest sessions, each timed around ``AppTest.run()`` (app.py + the page,
plus AppTest's own overhead). Wall and process CPU time are both
reported (CPU time is the steadier number on a busy machine). Prints a
Markdown table and writes JSON to ``--out`` if given.
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
BENCH_DIR = Path(os.environ.get("PII_BENCH_DIR", "/tmp/pii_bench_b"))

# (label, page file, URL parameters): the default view and one heavier view per page
VIEWS = [
    ("compare (region, PII)", "pages/compare.py", {"edition": "2023"}),
    ("compare (indicator III.2.3)", "pages/compare.py", {"edition": "2023", "code": "III.2.3"}),
    ("trends (score)", "pages/trends.py", {"edition": "2023"}),
    ("trends (rank)", "pages/trends.py", {"edition": "2023", "chart": "rank"}),
    ("map 2023 (63 units)", "pages/map.py", {"edition": "2023"}),
    ("map 2025 (34 units)", "pages/map.py", {"edition": "2025", "measure": "rank"}),
]


def synthetic_dir() -> Path:
    base = BENCH_DIR / "synthetic"
    if not (base / "parquet" / "scores.parquet").exists():
        from pii.pipeline import demo

        print(f"writing the synthetic dataset to {base} …", file=sys.stderr)
        demo.write_demo(base, seed=2023)
    return base


def worker(runs: int) -> list[dict]:
    from streamlit.testing.v1 import AppTest

    app = str(ROOT / "app.py")
    out = []
    for label, page, params in VIEWS:
        times, cpu = [], []
        for i in range(runs + 1):
            at = AppTest.from_file(app, default_timeout=120)
            for k, v in params.items():
                at.query_params[k] = v
            at.switch_page(page)
            t0, c0 = time.perf_counter(), time.process_time()
            at.run()
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
            if at.exception:
                raise RuntimeError(f"{label}: {at.exception}")
            if i:  # the first run warms caches and imports
                times.append(dt)
                cpu.append(dc)
        # CPU time is reported too: on a shared, busy machine wall time mostly
        # measures the queue for a core
        out.append({"view": label, "runs": runs, "median_ms": round(statistics.median(times) * 1000, 1),
                    "min_ms": round(min(times) * 1000, 1), "max_ms": round(max(times) * 1000, 1),
                    "cpu_median_ms": round(statistics.median(cpu) * 1000, 1)})
        print(f"  {label}: {out[-1]['median_ms']} ms", file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--datasets", default="shipped,synthetic")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.runs)))
        return
    results: dict[str, list[dict]] = {}
    for name in args.datasets.split(","):
        env = {k: v for k, v in os.environ.items() if k != "PII_DATA_DIR"}
        if name == "synthetic":
            env["PII_DATA_DIR"] = str(synthetic_dir())
        print(f"dataset {name} …", file=sys.stderr)
        proc = subprocess.run([sys.executable, __file__, "--worker", "--runs", str(args.runs)], env=env,
                              cwd=ROOT, capture_output=True, text=True, check=True)
        results[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    names = list(results)
    print(f"| view | {' | '.join(f'{n}: wall median (min–max) / CPU median, ms' for n in names)} |")
    print(f"|---|{'---|' * len(names)}")
    for i, (label, _, _) in enumerate(VIEWS):
        cells = [f"{results[n][i]['median_ms']} ({results[n][i]['min_ms']}–{results[n][i]['max_ms']}) / "
                 f"{results[n][i]['cpu_median_ms']}" for n in names]
        print(f"| {label} | {' | '.join(cells)} |")
    print(f"\n{args.runs} runs per view after one warm-up; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
