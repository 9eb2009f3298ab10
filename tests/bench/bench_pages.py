"""Benchmark: script run time of every page (AppTest, warm process), on the
shipped data and on synthetic datasets of growing size.

usage: .venv/bin/python tests/bench/bench_pages.py [--runs 20] [--datasets shipped,x1,x10,x100]
                                                   [--pages overview,heatmap] [--profile PAGE]

Datasets (synthetic ones come from pii.pipeline.demo, written once under
$PII_BENCH_DIR, default /tmp/pii_bench, and read through PII_DATA_DIR):
  shipped  the committed data (published figures only; sparse)
  x1       complete synthetic set, the shipped editions (demo scale 1)
  x10      ~10x the rows of x1: 30 editions (demo scale 28)
  x100     ~100x the rows of x1: 300 editions (demo scale 298)

Each dataset runs in its own process. Per page: one discarded warm-up run,
then ``--runs`` fresh sessions (AppTest.run, like a user opening a link) and
one rerun of each session (like a widget change). "script" is the time inside
Streamlit's script runner (app.py + page), "wall" adds AppTest's overhead.
Results: tests/bench/results/pages.json and pages.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "tests" / "bench" / "results"
BENCH_DIR = Path(os.environ.get("PII_BENCH_DIR", "/tmp/pii_bench"))
SCALES = {"x1": 1, "x10": 28, "x100": 298}
BUDGET_MS = 150.0


def pages() -> list[str]:
    """Page stems in navigation order, as registered in app.py (files that exist)."""
    text = (ROOT / "app.py").read_text(encoding="utf-8")
    stems = re.findall(r'"pages/(\w+)\.py"', text)
    return [s for s in dict.fromkeys(stems) if (ROOT / "pages" / f"{s}.py").exists()]


def dataset_dir(name: str) -> Path | None:
    """Folder for PII_DATA_DIR (None = shipped data); generated on first use."""
    if name == "shipped":
        return None
    scale = SCALES[name]
    base = BENCH_DIR / f"scale{scale}"
    if not (base / "parquet" / "scores.parquet").exists():
        from pii.pipeline import demo

        print(f"writing synthetic dataset {name} (demo scale {scale}) to {base} …", file=sys.stderr)
        demo.write_demo(base, seed=2023, scale=scale)
    return base


def dataset_size(name: str) -> dict[str, int]:
    import duckdb

    base = dataset_dir(name) or ROOT / "pii_data"
    pq = str(base / "parquet" / "scores.parquet").replace("'", "''")
    rows, eds = duckdb.sql(f"SELECT count(*), count(DISTINCT edition) FROM read_parquet('{pq}')").fetchall()[0]
    return {"score_rows": int(rows), "editions": int(eds)}


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (p95 of 20 runs = the 19th fastest)."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(q / 100 * len(s) + 0.5)) - 1))
    return s[k]


def summary(values: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(values) * 1000, 1), "p95_ms": round(pct(values, 95) * 1000, 1),
            "min_ms": round(min(values) * 1000, 1), "max_ms": round(max(values) * 1000, 1)}


class ScriptTimer:
    """Times Streamlit's script runner (app.py + page) and can profile it
    with pyinstrument (the script runs in its own thread, so a profiler
    started in the main thread would not see it)."""

    def __init__(self) -> None:
        from streamlit.runtime.scriptrunner import script_runner as sr

        self.times: list[float] = []
        self.cpu: list[float] = []
        self.profile = False
        self.profiler = None
        orig = sr.ScriptRunner._run_script
        timer = self

        def timed(runner, *a, **k):  # type: ignore[no-untyped-def]
            prof = None
            if timer.profile:
                from pyinstrument import Profiler

                prof = Profiler(interval=0.0005)
                prof.start()
            t0, c0 = time.perf_counter(), time.thread_time()
            try:
                return orig(runner, *a, **k)
            finally:
                timer.times.append(time.perf_counter() - t0)
                timer.cpu.append(time.thread_time() - c0)
                if prof is not None:
                    prof.stop()
                    timer.profiler = prof

        sr.ScriptRunner._run_script = timed

    def take(self) -> float:
        value = sum(self.times)
        self.times.clear()
        return value

    def take_cpu(self) -> float:
        value = sum(self.cpu)
        self.cpu.clear()
        return value


def share_bytecode_cache() -> None:
    """A server compiles each page once; AppTest builds a new runtime (and an
    empty bytecode cache) per test, which would add ~50-100 ms of parsing to
    every run. Share one cache across AppTests, as the server does."""
    from streamlit.runtime.scriptrunner import script_cache

    shared: dict = {}
    orig = script_cache.ScriptCache.get_bytecode

    def get_bytecode(self, script_path: str):  # type: ignore[no-untyped-def]
        key = os.path.abspath(script_path)
        if key not in shared:
            shared[key] = orig(self, script_path)
        return shared[key]

    script_cache.ScriptCache.get_bytecode = get_bytecode


def worker(dataset: str, names: list[str], runs: int, profile: str | None) -> dict:
    """Runs inside the dataset's own process (PII_DATA_DIR already set)."""
    import logging

    from tests.apptest_helpers import run_page

    # uncaught page errors are counted below; their tracebacks would drown the output
    logging.getLogger("streamlit").setLevel(logging.CRITICAL)
    share_bytecode_cache()
    timer = ScriptTimer()
    out: dict[str, dict] = {}
    for name in names:
        page = f"pages/{name}.py"
        run_page(page)  # warm-up: imports, st.cache_*, DuckDB tables
        timer.take()
        timer.take_cpu()
        first, first_cpu, rerun, rerun_cpu, wall, errors = [], [], [], [], [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            at = run_page(page)
            wall.append(time.perf_counter() - t0)
            first.append(timer.take())
            first_cpu.append(timer.take_cpu())
            errors += [str(e.value)[:200] for e in at.exception]
            at.run()
            rerun.append(timer.take())
            rerun_cpu.append(timer.take_cpu())
            errors += [str(e.value)[:200] for e in at.exception]
        out[name] = {"runs": runs, "first_run": summary(first), "first_run_cpu": summary(first_cpu),
                     "rerun": summary(rerun), "rerun_cpu": summary(rerun_cpu), "apptest_wall": summary(wall),
                     "errors": errors[:5], "error_count": len(errors)}
        r = out[name]
        print(f"  {dataset:8s} {name:14s} script median {r['first_run']['median_ms']:7.1f} ms "
              f"p95 {r['first_run']['p95_ms']:7.1f} ms · cpu {r['first_run_cpu']['median_ms']:7.1f} ms · "
              f"rerun median {r['rerun']['median_ms']:7.1f} ms "
              f"cpu {r['rerun_cpu']['median_ms']:6.1f} · errors {len(errors)}", file=sys.stderr)
        if profile == name:
            timer.profile = True
            run_page(page).run()
            timer.profile = False
            timer.take()
            text = timer.profiler.output_text(unicode=True, color=False)
            path = RESULTS / f"profile_{name}_{dataset}.txt"
            path.write_text(text, encoding="utf-8")
            print(f"  profile written to {path}", file=sys.stderr)
    return out


def machine() -> dict:
    import platform

    import psutil

    return {"cpus": os.cpu_count(), "python": platform.python_version(), "load_avg_at_start": os.getloadavg(),
            "ram_gb": round(psutil.virtual_memory().total / 2**30, 1)}


def markdown(res: dict) -> str:
    ds = list(res["datasets"])
    head = "| page | " + " | ".join(
        f"{d} ({res['sizes'][d]['score_rows']:,} rows, {res['sizes'][d]['editions']} ed.)" for d in ds) + " |"
    lines = [head, "|---|" + "---|" * len(ds)]
    for p in res["pages"]:
        cells = []
        for d in ds:
            r = res["datasets"][d].get(p)
            if r is None:
                cells.append("—")
                continue
            f = r["first_run"]
            mark = " ⚠" if d == "shipped" and f["median_ms"] > BUDGET_MS else ""
            err = f" **{r['error_count']} errors**" if r["error_count"] else ""
            cpu = r.get("first_run_cpu", {}).get("median_ms", float("nan"))
            rr = r["rerun"]["median_ms"]
            rc = r.get("rerun_cpu", {}).get("median_ms", float("nan"))
            cells.append(f"{f['median_ms']:.0f} / {f['p95_ms']:.0f} "
                         f"(cpu {cpu:.0f}; rerun {rr:.0f}, cpu {rc:.0f}){mark}{err}")
        lines.append(f"| {p} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--datasets", default="shipped,x1,x10,x100")
    ap.add_argument("--pages", default="")
    ap.add_argument("--profile", default=None, help="page stem to profile with pyinstrument (one extra run)")
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--out", default=str(RESULTS / "pages.json"))
    args = ap.parse_args()
    names = [p for p in args.pages.split(",") if p] or pages()
    if args.worker:
        print(json.dumps(worker(args.worker, names, args.runs, args.profile)))
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    old = json.loads(Path(args.out).read_text(encoding="utf-8")) if Path(args.out).exists() else {}
    res: dict = {"what": "AppTest script run time per page (ms): first run of a new session, and a rerun",
                 "runs_last_invocation": args.runs, "budget_ms": BUDGET_MS, "machine": machine(), "pages": names,
                 "sizes": {}, "datasets": {}, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    for ds in args.datasets.split(","):
        base = dataset_dir(ds)
        res["sizes"][ds] = dataset_size(ds)
        env = {**os.environ}
        env.pop("PII_DATA_DIR", None)
        if base is not None:
            env["PII_DATA_DIR"] = str(base)
        cmd = [sys.executable, __file__, "--worker", ds, "--runs", str(args.runs), "--pages", ",".join(names)]
        if args.profile:
            cmd += ["--profile", args.profile]
        proc = subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
        res["datasets"][ds] = json.loads(proc.stdout.strip().splitlines()[-1])
    res["machine"]["load_avg_at_end"] = os.getloadavg()
    # datasets measured in an earlier invocation are kept (run them one by one)
    res["sizes"] = {**old.get("sizes", {}), **res["sizes"]}
    res["datasets"] = {d: {**old.get("datasets", {}).get(d, {}), **res["datasets"].get(d, {})}
                       for d in dict.fromkeys([*old.get("datasets", {}), *res["datasets"]])}
    res["pages"] = list(dict.fromkeys(res["pages"] + old.get("pages", [])))
    Path(args.out).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    md = markdown(res)
    Path(args.out).with_suffix(".md").write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
