"""Benchmark (issue 19): the check of a whole edition, per layout, at full size, in the limited worker
(30 s of CPU, 512 MB), as the page and the CLI run it.

Layouts: the Ministry's ranking table (63 units × 78 measures, a Điểm số | Xếp hạng pair per measure:
158 columns), the same with headers by name / 'Trụ cột N' and numbers typed as text, the data workbook as
CSV (one score column per measure), the transposed workbook (measures as rows, units as columns), and the
report with one profile per unit as PDF (fpdf2, 190 pages; Chromium) and Word.
Each is checked in a private copy of the shipped data; reported: the worker's CPU seconds and peak MB, and
the wall time until the report is back (what a person waits before the preview can be drawn).

usage: .venv/bin/python tests/bench/bench_edition_import.py [--repeat 3]
Results: tests/bench/results/edition_import.json and edition_import.md
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pii.pipeline import paths, sandbox  # noqa: E402
from pii.pipeline.build import build_tables, write_tables  # noqa: E402
from tests.fixtures import edition as E  # noqa: E402

RESULTS = ROOT / "tests" / "bench" / "results"


def files() -> dict[str, tuple[str, bytes]]:
    fw = E.framework(2023)
    units = E.units("63")
    figs = E.figures(fw, [u["province_id"] for u in units])
    return {
        "wide: ranking table (xlsx, 158 columns)": ("xep_hang_2023.xlsx", E.ranking_xlsx(fw, units, figs)),
        "wide: headers by name, text numbers (xlsx)": ("xep_hang_ten.xlsx", E.ranking_xlsx(
            fw, units, figs, head_by="mixed", text_numbers=True)),
        "wide: data workbook (csv, scores only)": ("so_lieu_2023.csv", E.data_csv(fw, units, figs)),
        "transposed (xlsx)": ("xoay_2023.xlsx", E.transposed_xlsx(fw, units, figs)),
        "profiles: report PDF (fpdf2, 190 pages)": ("bao_cao_2023.pdf", E.profiles_fpdf(fw, units, figs)),
        "profiles: report PDF (Chromium)": ("bao_cao_2023_chromium.pdf", E.profiles_chromium(fw, units, figs)),
        "profiles: report Word (docx)": ("bao_cao_2023.docx", E.profiles_docx(fw, units, figs)),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pii-bench-edition-"))
    base = tmp / "pii_data"
    shutil.copytree(paths.sources_dir(paths.SHIPPED_DATA_DIR), base / "sources",
                    ignore=shutil.ignore_patterns("imports"))
    write_tables(build_tables(base / "sources"), base / "parquet", keep_previous=False)
    out = {}
    try:
        for label, (name, data) in files().items():
            runs = []
            for _ in range(args.repeat):
                t0 = time.monotonic()
                report = sandbox.check_in_worker(data, name, base=base, source=E.URL)
                wall = time.monotonic() - t0
                w = report.worker
                runs.append({"wall_s": wall, "cpu_s": w.cpu_seconds, "peak_mb": w.peak_rss_mb, "ok": report.ok,
                             "figures": 0 if report.figures is None else len(report.figures),
                             "kind": report.kind, "outcome": w.outcome})
            out[label] = {"bytes": len(data), "runs": runs,
                          "wall_s": statistics.median(r["wall_s"] for r in runs),
                          "cpu_s": statistics.median(r["cpu_s"] for r in runs),
                          "peak_mb": max(r["peak_mb"] for r in runs), "ok": all(r["ok"] for r in runs),
                          "figures": runs[0]["figures"], "kind": runs[0]["kind"]}
            print(label, json.dumps({k: v for k, v in out[label].items() if k != "runs"}), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "edition_import.json").write_text(json.dumps(out, indent=2), encoding="utf-8")
    lines = ["| layout | file | figures | result | worker CPU s | peak MB | wait until the report (s) |",
             "|---|---|---|---|---|---|---|"]
    for label, r in out.items():
        lines.append(f"| {label} | {r['bytes'] / 1e3:.0f} KB | {r['figures']} | {'ok' if r['ok'] else 'refused'} "
                     f"({r['kind']}) | {r['cpu_s']:.1f} | {r['peak_mb']:.0f} | {r['wall_s']:.1f} |")
    (RESULTS / "edition_import.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
