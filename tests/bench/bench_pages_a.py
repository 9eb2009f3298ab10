"""Benchmark (not a test): script run time of the strengths, heatmap and
indicator pages — median of 20 AppTest runs — on the shipped data and on the
synthetic complete dataset (pii.pipeline.demo, scale 1, read through PII_DATA_DIR).

usage: .venv/bin/python tests/bench/bench_pages_a.py [--runs 20]

Each dataset runs in its own process (PII_DATA_DIR is read when the app
starts). Per page and view: one discarded warm-up, then ``--runs`` fresh
AppTest sessions, timed around ``AppTest.run()`` (the whole script: app.py,
sidebar, page); wall time and the process's CPU time (less sensitive to a
busy machine). Results: tests/bench/results/pages_a.json and pages_a.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "tests" / "bench" / "results"

# page, URL params: the default view and a heavier one per page
VIEWS = [
    ("strengths", {}),
    ("strengths", {"level": "index", "sort": "weight"}),
    ("heatmap", {}),
    ("heatmap", {"peer_level": "indicator", "colour": "score"}),
    ("indicator", {}),
    ("indicator", {"code": "III.2.3", "lang": "en"}),
]


def run_views(runs: int) -> list[dict]:
    from streamlit.testing.v1 import AppTest

    out = []
    for page, params in VIEWS:
        times, cpu = [], []
        for i in range(runs + 1):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            for k, v in {"edition": "2023", **params}.items():
                at.query_params[k] = v
            at.switch_page(f"pages/{page}.py")
            t0, c0 = time.perf_counter(), time.process_time()
            at.run()
            dt = (time.perf_counter() - t0) * 1000
            dc = (time.process_time() - c0) * 1000
            if at.exception:
                raise RuntimeError(f"{page} {params}: {at.exception[0].message}")
            if i:  # the first run warms caches and imports
                times.append(dt)
                cpu.append(dc)
        out.append({"page": page, "params": params, "runs": runs, "median_ms": round(statistics.median(times), 1),
                    "p90_ms": round(sorted(times)[int(0.9 * (len(times) - 1))], 1),
                    "min_ms": round(min(times), 1), "cpu_median_ms": round(statistics.median(cpu), 1)})
        print(f"  {page:10s} {json.dumps(params, ensure_ascii=False):45s} median {out[-1]['median_ms']:7.1f} ms"
              f" (CPU {out[-1]['cpu_median_ms']:.0f} ms)",
              file=sys.stderr)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_views(args.runs)))
        return 0

    results = {}
    with tempfile.TemporaryDirectory(prefix="pii_bench_a_") as tmp:
        from pii.pipeline import demo

        demo.write_demo(Path(tmp), seed=2023)
        for name, data_dir in (("shipped", None), ("synthetic", tmp)):
            env = {k: v for k, v in os.environ.items() if k != "PII_DATA_DIR"}
            if data_dir:
                env["PII_DATA_DIR"] = data_dir
            print(f"{name}:", file=sys.stderr)
            proc = subprocess.run([sys.executable, __file__, "--runs", str(args.runs), "--child"], env=env,
                                  cwd=ROOT, capture_output=True, text=True, check=False)
            sys.stderr.write("\n".join(ln for ln in proc.stderr.splitlines() if "ScriptRunContext" not in ln) + "\n")
            if proc.returncode:
                raise SystemExit(f"{name} failed")
            results[name] = json.loads(proc.stdout.strip().splitlines()[-1])

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pages_a.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    load = os.getloadavg()[0]
    lines = [f"median of {args.runs} runs; wall ms (process CPU ms); load average at the end {load:.1f} "
             f"on {os.cpu_count()} CPUs", "",
             "| page | view | shipped | synthetic |", "|---|---|---|---|"]
    for a, b in zip(results["shipped"], results["synthetic"]):
        view = ", ".join(f"{k}={v}" for k, v in a["params"].items()) or "default"
        lines.append(f"| {a['page']} | {view} | {a['median_ms']} ({a['cpu_median_ms']}) "
                     f"| {b['median_ms']} ({b['cpu_median_ms']}) |")
    (RESULTS / "pages_a.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
