"""``python -m pii demo-progress``: watermarked demo reports in the progress store.

Every demo row is written by the author ``(demo)``, a name no account can have
(account names are ``[a-z0-9._-]``), so the page and the pack know the store
holds illustrative data and say so; ``--clear`` removes only those rows.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta

from sqlalchemy import text

from pii.progress import store, writes
from pii.progress.context import plan_context
from queries import PiiDB

DEMO_AUTHOR = "(demo)"
PLAN_ID = "152/KH-UBND-2024"


def is_demo(url: str | None = None) -> bool:
    return bool(store.rows("demo_rows", {"author": DEMO_AUTHOR}, url)[0]["n"])


def fill(db: PiiDB, weeks: int = 12, today: date | None = None, seed: int = 152, url: str | None = None,
         share: float = 0.7, density: float = 0.5) -> int:
    """Reports on ``share`` of the lead assignments, in a ``density`` share of the ``weeks`` weeks up to
    ``today``; returns how many."""
    rng = random.Random(seed)
    today = today or date.today()
    ctx = plan_context(db, PLAN_ID)
    leads = ctx.assignments[ctx.assignments["role"] == "lead"][["code", "unit_id"]].drop_duplicates()
    rows, audit = [], []
    for a in leads.itertuples(index=False):
        if rng.random() > share:
            continue
        status = "not_started"
        for w in range(weeks, 0, -1):
            if rng.random() >= density:
                continue
            status = rng.choice({"not_started": ["not_started", "in_progress"],
                                 "in_progress": ["in_progress", "in_progress", "done", "blocked"],
                                 "blocked": ["blocked", "in_progress"], "done": ["done"]}[status])
            on = today - timedelta(days=7 * w - rng.randint(0, 4))
            row = {"report_id": writes.new_id(), "plan_id": PLAN_ID, "code": a.code, "unit_id": a.unit_id,
                   "status": status, "note": "Báo cáo minh họa (DỮ LIỆU MINH HỌA)", "expected": None,
                   "author": DEMO_AUTHOR, "reported_on": on.isoformat(),
                   "created_at": f"{on.isoformat()}T08:00:00.{len(rows):06d}+00:00"}
            rows.append(row)
            audit.append({"audit_id": writes.new_id(), "at": store.now_iso(), "actor": DEMO_AUTHOR,
                          "action": "report", "target": f"{PLAN_ID}/{a.code}/{a.unit_id}", "before_json": None,
                          "after_json": json.dumps(row, ensure_ascii=False)})
    with store.transaction(url) as conn:
        if rows:
            conn.execute(text(store.sql("insert_report")), rows)
            conn.execute(text(store.sql("insert_audit")), audit)
    return len(rows)


def clear(url: str | None = None) -> None:
    with store.transaction(url) as conn:
        conn.execute(text(store.sql("delete_demo_reports")), {"author": DEMO_AUTHOR})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pii demo-progress", description=__doc__.splitlines()[0])
    ap.add_argument("--weeks", type=int, default=12, help="weeks of reports (default 12)")
    ap.add_argument("--clear", action="store_true", help="remove the demo reports and stop")
    args = ap.parse_args(argv)
    clear()
    if args.clear:
        print("demo progress reports removed")
        return 0
    n = fill(PiiDB(), weeks=args.weeks)
    print(f"{n} demo progress reports written to the progress store (shown as DỮ LIỆU MINH HỌA)")
    return 0
