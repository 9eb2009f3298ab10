"""Benchmark: median time of each PiiDB query function, straight from DuckDB
(memo cleared before every call) and from the per-instance memo.

usage: .venv/bin/python tests/bench/bench_queries.py [--runs 50] [--datasets shipped,x1,x10,x100]
Results: tests/bench/results/queries.json and queries.md. Budget: 5 ms per query.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import RESULTS, dataset_dir, dataset_size, machine  # noqa: E402

BUDGET_MS = 5.0
PLAN = "152/KH-UBND-2024"


def calls(db) -> dict[str, Callable[[], object]]:  # type: ignore[no-untyped-def]
    """One representative call per public query method (what the pages ask)."""
    ed = int(db.editions()["edition"].max())
    ed23 = 2023
    tn = "thai_nguyen"
    region = db.peer_group_members("tdmnpb", ed23)["province_id"].tolist()
    return {
        "editions": db.editions,
        "units": lambda: db.units(ed23),
        "all_provinces": db.all_provinces,
        "members": lambda: db.members("thai_nguyen_2025"),
        "successors": db.successors,
        "regions": db.regions,
        "peer_groups": db.peer_groups,
        "peer_group_members": lambda: db.peer_group_members("tdmnpb", ed23),
        "framework": lambda: db.framework(ed23),
        "scores (edition, all)": lambda: db.scores(ed23),
        "scores (focus province)": lambda: db.scores(ed23, provinces=[tn]),
        "scores (region, indicators)": lambda: db.scores(ed23, provinces=region, levels=["indicator"]),
        "scores (PII, latest edition)": lambda: db.scores(ed, codes=["PII"]),
        "score_history": lambda: db.score_history([tn], ["PII", "III.2.3"]),
        "coverage": db.coverage,
        "plan_assignments": lambda: db.plan_assignments(PLAN),
        "plan_actions": lambda: db.plan_actions(PLAN, code="III.2.3"),
        "plans": lambda: db.plans(tn),
        "targets": lambda: db.targets(PLAN),
        "plan_units": db.plan_units,
        "sources": lambda: db.sources(),
        "region_averages": lambda: db.region_averages(ed23),
        "region_ranks": lambda: db.region_ranks(ed23),
        "status_counts": db.status_counts,
    }


def measure(db, fn: Callable[[], object], runs: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    fn()  # warm DuckDB's plan/catalog
    cold, cold_cpu, warm = [], [], []
    for _ in range(runs):
        db._memo.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        cold.append(time.perf_counter() - t0)
        cold_cpu.append(time.process_time() - c0)
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        warm.append(time.perf_counter() - t0)
    return {"duckdb_median_ms": round(statistics.median(cold) * 1000, 3),
            "duckdb_max_ms": round(max(cold) * 1000, 3),
            # CPU time of this process (all DuckDB threads): what the query costs
            # when the machine is not shared
            "duckdb_cpu_median_ms": round(statistics.median(cold_cpu) * 1000, 3),
            "memo_median_ms": round(statistics.median(warm) * 1000, 4)}


def main() -> None:
    from queries import PiiDB

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--datasets", default="shipped,x1,x10,x100")
    ap.add_argument("--out", default=str(RESULTS / "queries.json"))
    args = ap.parse_args()
    res: dict = {"what": "PiiDB query time (ms): median straight from DuckDB, and from the memo",
                 "runs": args.runs, "budget_ms": BUDGET_MS, "machine": machine(), "sizes": {}, "datasets": {}}
    for ds in args.datasets.split(","):
        base = dataset_dir(ds)
        db = PiiDB(base / "parquet" if base else None)
        res["sizes"][ds] = dataset_size(ds)
        res["datasets"][ds] = {name: measure(db, fn, args.runs) for name, fn in calls(db).items()}
        print(f"{ds}: done", file=sys.stderr)
    RESULTS.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    ds = list(res["datasets"])
    lines = ["| query | " + " | ".join(f"{d} ({res['sizes'][d]['score_rows']:,} rows)" for d in ds) + " |",
             "|---|" + "---|" * len(ds)]
    for name in res["datasets"][ds[0]]:
        cells = []
        for d in ds:
            r = res["datasets"][d][name]
            mark = " ⚠" if r["duckdb_median_ms"] > BUDGET_MS else ""
            cells.append(f"{r['duckdb_median_ms']:.2f} (cpu {r['duckdb_cpu_median_ms']:.2f}; "
                         f"memo {r['memo_median_ms']:.3f}){mark}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    md = "\n".join(lines) + "\n"
    Path(args.out).with_suffix(".md").write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
