"""Time and peak memory of every hostile file checked in the worker (issue 12).

usage: .venv/bin/python tests/bench/bench_hostile.py  → tests/bench/results/hostile_inputs.md

Each file of tests/bad_inputs/ and each generated one (tests/hostile_corpus.GENERATED)
is checked by pii.pipeline.sandbox.check_in_worker against a private copy of the
data, one at a time: wall seconds as the caller sees them (process start to
end) and the worker's peak resident memory (VmHWM).
"""

from __future__ import annotations

import csv
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pii import settings  # noqa: E402
from pii.pipeline import paths, sandbox  # noqa: E402
from pii.pipeline.build import build_tables, write_tables  # noqa: E402
from tests.hostile_corpus import GENERATED  # noqa: E402

CORPUS = ROOT / "tests" / "bad_inputs"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="pii-bench-hostile-"))
    base = tmp / "pii_data"
    shutil.copytree(paths.sources_dir(paths.SHIPPED_DATA_DIR), base / "sources",
                    ignore=shutil.ignore_patterns("imports"))
    write_tables(build_tables(base / "sources"), base / "parquet", keep_previous=False)
    cases = []
    for m in ("MANIFEST.csv", "MANIFEST_hostile.csv"):
        for row in csv.DictReader(open(CORPUS / m, encoding="utf-8")):
            args = dict(p.split("=", 1) for p in row["args"].split(";") if p)
            cases.append((row["file"], (CORPUS / row["file"]).read_bytes(), row["kind"] or None, args, row["what"]))
    for name, make, _, what in GENERATED:
        cases.append((name, make(), None, {}, what))
    rows = []
    for name, data, kind, args, what in cases:
        r = sandbox.check_in_worker(data, name, base=base, kind=kind, **args)
        w = r.worker
        first = r.problems[0].message_en if r.problems else "ACCEPTED"
        rows.append((name, len(data), w.seconds, w.peak_rss_mb, w.outcome, r.ok, first, what))
        print(f"{name:40s} {len(data) / 1e6:8.2f} MB {w.seconds:6.2f} s {w.peak_rss_mb:6.0f} MB {w.outcome}",
              flush=True)
    shutil.rmtree(tmp, ignore_errors=True)
    out = ROOT / "tests" / "bench" / "results" / "hostile_inputs.md"
    lines = [f"# Hostile inputs checked in the worker (budget {settings.check_seconds():g} s, "
             f"{settings.check_memory_mb()} MB address space)\n",
             f"Machine: {os.cpu_count()} cores, shared with other sessions (busy). {len(rows)} files, "
             f"{sum(1 for r in rows if not r[5])} refused.\n",
             "| file | size | wall s | peak RSS MB | outcome | refused | first problem | what |",
             "|---|---:|---:|---:|---|---|---|---|"]
    for name, size, sec, mb, outcome, ok, first, what in rows:
        size_s = f"{size / 1e6:.2f} MB" if size >= 100_000 else f"{size:,} B"
        lines.append(f"| {name} | {size_s} | {sec:.2f} | {mb:.0f} | {outcome} | {'no' if ok else 'yes'} | "
                     f"{first[:90].replace('|', '/')} | {what} |")
    secs = sorted(r[2] for r in rows)
    mbs = sorted(r[3] for r in rows)
    lines.append(f"\nmax wall {secs[-1]:.2f} s, median {secs[len(secs) // 2]:.2f} s; "
                 f"max peak {mbs[-1]:.0f} MB, median {mbs[len(mbs) // 2]:.0f} MB\n")
    out.write_text("\n".join(lines), encoding="utf-8")
    print(out)
    return 0 if all(not r[5] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
