"""A writer process for the progress concurrency and kill tests:
``python -m tests.progress_writer THREADS EACH PREFIX`` posts THREADS x EACH reports
(ids PREFIX-thread-i) to the store of PII_PROGRESS_DB and prints each id once committed."""

from __future__ import annotations

import sys
import threading
from datetime import date

from pii.progress import writes
from pii.progress.context import plan_context
from pii.progress.roles import Actor
from queries import PiiDB

PLAN = "152/KH-UBND-2024"


def main() -> int:
    threads, each, prefix = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    ctx = plan_context(PiiDB(), PLAN)
    leads = ctx.assignments[ctx.assignments["role"] == "lead"][["code", "unit_id"]].drop_duplicates().values.tolist()
    actor = Actor("writer", "dost", None)
    out = threading.Lock()

    def work(n: int) -> None:
        for i in range(each):
            code, unit = leads[(n * each + i) % len(leads)]
            rid = writes.add_report(ctx, actor, code, unit, "in_progress", f"{prefix} {n} {i}", date(2026, 12, 1),
                                    report_id=f"{prefix}-{n}-{i}")
            with out:
                print(rid, flush=True)

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
