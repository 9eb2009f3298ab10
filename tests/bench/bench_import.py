"""Benchmark: import of a full synthetic 63-province edition (all 78 codes,
score and rank: 4,914 rows, 9,828 figures) into a private copy of the data.

Measures the check (dry run) of the CSV and of the same data as XLSX (plain and
in the office layout: title rows, Vietnamese headers), as a text PDF (fpdf2, a
table over ~100 pages; issue 11) directly and in the limited worker process, the
publish (check again under the lock + staging build + atomic swap + log) and
the rollback (rebuild from sources without the import). Never touches the
shipped data.

usage: .venv/bin/python tests/bench/bench_import.py [--repeat 3]
Results: tests/bench/results/import.json and import.md
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from pii.pipeline import demo, importer, paths  # noqa: E402
from pii.pipeline.build import build_tables, write_tables  # noqa: E402
from queries import PiiDB  # noqa: E402

RESULTS = ROOT / "tests" / "bench" / "results"


def machine() -> dict:
    import os
    import platform

    return {"cpus": os.cpu_count(), "python": platform.python_version(), "load_avg_at_start": os.getloadavg()}


def _office_xlsx(long: pd.DataFrame) -> bytes:
    """The edition as a clerk keeps it: two title rows, a blank row, Vietnamese headers on row 4."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["KẾT QUẢ CHỈ SỐ PII NĂM 2024 CỦA 63 TỈNH, THÀNH PHỐ (dữ liệu tổng hợp)"])
    ws.append(["Nguồn: Báo cáo PII 2024"])
    ws.append([])
    ws.append(["Năm", "Tỉnh/thành phố", "Mã chỉ số", "Điểm số", "Thứ hạng", "Nguồn"])
    for r in long.itertuples(index=False):
        ws.append([r.edition, r.province, r.code, float(r.score), int(r.rank), r.source])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _pdf(long: pd.DataFrame) -> bytes:
    """The edition as a text PDF: one ruled table, header repeated on every page, decimal commas."""
    from fpdf import FPDF

    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", font)
    pdf.add_font("DejaVu", "B", font)
    pdf.set_font("DejaVu", size=7)
    pdf.add_page()
    with pdf.table(col_widths=(12, 40, 20, 18, 18, 62), repeat_headings=1, text_align="LEFT",
                   line_height=3.6) as table:
        table.row(["Năm", "Tỉnh/thành phố", "Mã chỉ số", "Điểm số", "Thứ hạng", "Nguồn"])
        for r in long.itertuples(index=False):
            table.row([str(r.edition), r.province, r.code, f"{float(r.score):.2f}".replace(".", ","),
                       str(int(r.rank)), r.source])
    return bytes(pdf.output())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    out: dict = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="pii-bench-import-") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        demo_dir = tmp / "demo"
        demo.write_demo(demo_dir, seed=2023)
        out["demo_write_s"] = round(time.perf_counter() - t0, 2)
        s = pd.read_parquet(demo_dir / "parquet" / "scores.parquet")
        e24 = s[s["edition"] == 2024]
        long = pd.DataFrame({"edition": 2024, "province": e24["province_id"], "code": e24["code"],
                             "score": e24["score"], "rank": e24["rank"],
                             "source": "https://example.org/synthetic-full-edition"})
        csv_bytes = long.to_csv(index=False).encode()
        xbuf = io.BytesIO()
        long.to_excel(xbuf, index=False)
        data = tmp / "pii_data"
        shutil.copytree(paths.sources_dir(paths.SHIPPED_DATA_DIR), data / "sources",
                        ignore=shutil.ignore_patterns("imports"))
        write_tables(build_tables(data / "sources"), data / "parquet", keep_previous=False)
        out["rows_in_file"] = len(long)
        out["csv_mb"] = round(len(csv_bytes) / 1e6, 2)

        cpu: list[float] = []

        def timed(fn) -> tuple[float, object]:
            t, c = time.perf_counter(), time.process_time()
            r = fn()
            cpu.append(time.process_time() - c)
            return time.perf_counter() - t, r

        checks = []
        for _ in range(args.repeat):
            sec, rep = timed(lambda: importer.check_file(csv_bytes, "full_2024.csv", base=data))
            assert rep.ok, rep.problems[:5]
            checks.append(sec)
        out["check_csv_s"] = {"median": round(statistics.median(checks), 2), "runs": [round(x, 2) for x in checks],
                              "cpu_median": round(statistics.median(cpu), 2)}
        sec, rep = timed(lambda: importer.check_file(xbuf.getvalue(), "full_2024.xlsx", base=data))
        assert rep.ok
        out["check_xlsx_s"] = round(sec, 2)
        office = _office_xlsx(long)
        sec, rep = timed(lambda: importer.check_file(office, "full_2024_office.xlsx", base=data))
        assert rep.ok and rep.how["header_rows"] == [4], rep.problems[:5]
        out["check_xlsx_office_s"] = round(sec, 2)
        t0 = time.perf_counter()
        pdf = _pdf(long)
        out["pdf_make_s"] = round(time.perf_counter() - t0, 2)
        sec, rep = timed(lambda: importer.check_file(pdf, "full_2024.pdf", base=data))
        assert rep.ok and len(rep.figures) == 2 * len(long), rep.problems[:5]
        out["pdf_pages"] = rep.how["pages"]
        out["pdf_mb"] = round(len(pdf) / 1e6, 2)
        out["check_pdf_s"] = round(sec, 2)
        from pii.pipeline import sandbox

        for label, payload, fname in (("xlsx", office, "full_2024_office.xlsx"), ("pdf", pdf, "full_2024.pdf")):
            t0 = time.perf_counter()
            rep = sandbox.check_in_worker(payload, fname, base=data)
            out[f"worker_{label}"] = {"wall_s": round(time.perf_counter() - t0, 2), "ok": rep.ok,
                                      "outcome": getattr(rep.worker, "outcome", None),
                                      "peak_rss_mb": round(getattr(rep.worker, "peak_rss_mb", 0) or 0, 1),
                                      "budget_s": getattr(rep.worker, "budget_seconds", None),
                                      "problems": [p.message_en for p in rep.problems[:2]]}
        sec, rep = timed(lambda: importer.publish(csv_bytes, "full_2024.csv", user="bench", base=data))
        assert rep.ok
        out["publish_s"] = round(sec, 2)
        out["added_changed_unchanged"] = [rep.added, rep.changed, rep.unchanged]
        n = len(PiiDB(data / "parquet").scores(2024))
        sec, _ = timed(lambda: importer.rollback(user="bench", base=data))
        out["rollback_s"] = round(sec, 2)
        n_after = PiiDB(data / "parquet").scores(2024)
        out["scores_2024_after_publish"] = n
        out["scores_2024_after_rollback"] = len(n_after)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "import.json").write_text(json.dumps(out, indent=2), encoding="utf-8")
    md = [
        "# Import benchmark (full synthetic 63-province edition)", "",
        f"- rows in file: {out['rows_in_file']} ({out['csv_mb']} MB CSV)",
        f"- check (dry run), CSV: median {out['check_csv_s']['median']} s wall, "
        f"{out['check_csv_s']['cpu_median']} s CPU, over {args.repeat} runs",
        f"- check, same data as XLSX: {out['check_xlsx_s']} s",
        f"- check, XLSX in the office layout (title rows, Vietnamese headers): {out['check_xlsx_office_s']} s",
        f"- check, same data as a text PDF ({out['pdf_pages']} pages, {out['pdf_mb']} MB, made by fpdf2 in "
        f"{out['pdf_make_s']} s): {out['check_pdf_s']} s",
        f"- in the limited worker (issue 12), XLSX office: {out['worker_xlsx']}",
        f"- in the limited worker, PDF: {out['worker_pdf']}",
        f"- publish (check, staging build, atomic swap, log; re-check only if the sources changed meanwhile): "
        f"{out['publish_s']} s",
        f"- rollback (rebuild without the import): {out['rollback_s']} s",
        f"- 2024 score rows: {out['scores_2024_after_publish']} after publish, "
        f"{out['scores_2024_after_rollback']} after rollback",
        f"- machine: {out['machine']}",
    ]
    (RESULTS / "import.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
