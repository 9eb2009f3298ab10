"""Benchmark (not a test): script run time of the action pages, and the target
finder's worked example for Thái Nguyên 2023.

    .venv/bin/python tests/bench/bench_pages_action.py [--runs 20]

Each page is run ``runs`` times with AppTest (a fresh session each time, after
one warm-up run that pays the imports); the median and spread are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.apptest_helpers import run_page  # noqa: E402

PAGES = {
    "plan tracker (TN 2023)": ("pages/plan_tracker.py", {}),
    "what-if (TN 2023, no change)": ("pages/what_if.py", {}),
    "what-if (TN 2023, set=III.2.3:52.34,VII.2.2:40)": ("pages/what_if.py", {"set": "III.2.3:52.34,VII.2.2:40"}),
}


def time_page(page: str, params: dict[str, str], runs: int) -> list[float]:
    run_page(page, params)  # warm-up: imports, caches
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        at = run_page(page, params)
        out.append(time.perf_counter() - t0)
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].value}")
    return out


def worked_example() -> None:
    from pii.analysis import what_if as wi
    from pii.analysis import what_if_target as wt
    from pii.analysis.model import Tree
    from queries import PiiDB

    db = PiiDB()
    tree = Tree.from_framework(db.framework(2023))
    base = wi.Baseline.from_frames(tree, db.scores(2023, provinces=["thai_nguyen"]))
    units = db.units(2023)[["province_id"]].merge(db.scores(2023, codes=["PII"])[["province_id", "score", "rank"]],
                                                  on="province_id", how="left")
    cur = wi.recompute(base, {}).pii_new
    print(f"\nTarget finder, Thái Nguyên PII 2023 (recomputed PII {cur:.4f}, published 47.75, rank 10/63)")
    for k in (10, 9, 5):
        th = wt.national_threshold("thai_nguyen", cur, units, k)
        print(f"  rank ≤ {k}: needs ≥ {th.needed} (0.01 above {th.ref_id} {th.ref_score}); met={th.met}; "
              f"gain={th.gain}; margin={th.margin}")
    members = db.peer_group_members("tdmnpb", 2023)["province_id"]
    reg = wt.group_threshold("thai_nguyen", cur, units, members)
    print(f"  first in region: needs ≥ {reg.needed} (above {reg.ref_id} {reg.ref_score}); met={reg.met}; "
          f"margin={reg.margin}; members without a published PII: {len(reg.unknown)} (bounded by the 11th, 46.51)")
    for k in (9, 5):
        th = wt.national_threshold("thai_nguyen", cur, units, k)
        print(f"  combinations for rank ≤ {k} (+{th.gain} PII, at most +20 points per indicator):")
        for c in wt.combinations(base, th.gain, 20):
            steps = ", ".join(f"{r.code} {r._2:.2f}→{r.to:.2f} ({r.weight})" for r in c.steps.itertuples())
            print(f"    {c.key}: {len(c.steps)} indicators, model gain {c.gain:.4f}: {steps}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    print(f"AppTest script run time, {args.runs} runs each (seconds)")
    for label, (page, params) in PAGES.items():
        times = time_page(page, params, args.runs)
        q = statistics.quantiles(times, n=10)
        print(f"  {label:52s} median {statistics.median(times):.3f}  p10 {q[0]:.3f}  p90 {q[-1]:.3f}  "
              f"min {min(times):.3f}")
    from pii.analysis import plan_tracker as pt
    from pii.export import unit_sheet as xs
    from queries import PiiDB

    db = PiiDB()
    plan = "152/KH-UBND-2024"
    table = pt.indicator_table(db.framework(2023), db.plan_assignments(plan), db.plan_actions(plan),
                               db.scores(2023, provinces=["thai_nguyen"], levels=["indicator"]))
    sheet = pt.unit_sheet(table, "so_khcn")
    for name, fn in (("unit sheet XLSX (Sở KH&CN, 15 rows)", xs.unit_sheet_xlsx),
                     ("unit sheet PDF  (Sở KH&CN, 15 rows)", xs.unit_sheet_pdf)):
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            fn(sheet, "Sở Khoa học và Công nghệ", "Thái Nguyên", 2023, "vi", db.sources(["kh152"]))
            times.append(time.perf_counter() - t0)
        print(f"  {name:52s} median {statistics.median(times):.3f} (5 runs)")
    worked_example()


if __name__ == "__main__":
    main()
