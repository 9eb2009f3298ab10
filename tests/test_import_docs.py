"""Importing the documents the Department really receives (issue 11): the plan 152
appendix as an office spreadsheet, as Word and as PDF from two producers; a
Vietnamese-locale CSV, Excel's UTF-16 "Unicode text", percent cells, hidden
sheets and rows, a multi-sheet workbook, a scanned PDF; the data-request workbook.

Fixtures are generated at test time (tests/fixtures/import_docs/make.py); each is
checked against the figures it must give (pii_data/sources/scores_plan152.csv).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from pii.pipeline import data_request, importer, numbers, paths
from pii.pipeline.build import build_tables, write_tables
from pii.pipeline.preview import how_lines
from queries import PiiDB
from tests.fixtures.import_docs import make

ROOT = Path(__file__).resolve().parent.parent
TN = dict(kind="appendix", province="Thái Nguyên", source="kh152")  # the edition comes from the header


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "pii_data"
    shutil.copytree(paths.sources_dir(paths.SHIPPED_DATA_DIR), out / "sources",
                    ignore=shutil.ignore_patterns("imports"))
    write_tables(build_tables(out / "sources"), out / "parquet", keep_previous=False)
    return out


@pytest.fixture(scope="module")
def expected() -> dict[tuple[str, str], float]:
    exp = make.expected()
    assert len(exp) == 150 and exp[("I", "score")] == 51.9 and exp[("VII.2.2", "rank")] == 56
    return exp


def _figures(report: importer.ImportReport) -> dict[tuple[str, str], float]:
    assert report.figures is not None
    return {(c, m): v for c, m, v in zip(report.figures["code"], report.figures["measure"], report.figures["value"])}


def _accepted_equal(report: importer.ImportReport, expected: dict) -> None:
    assert report.ok, [p.text("en") for p in report.problems]
    assert _figures(report) == expected
    assert (report.added, report.changed, report.unchanged) == (0, 0, 150)
    assert set(report.figures["change"]) == {"unchanged"}
    assert set(report.figures["province_id"]) == {"thai_nguyen"} and set(report.figures["edition"]) == {2023}


# -- the plan 152 appendix in four layouts ------------------------------------------------------

def test_office_spreadsheet(base, expected):
    report = importer.check_file(make.plan_xlsx(), "plan152_office.xlsx", base=base, **TN)
    _accepted_equal(report, expected)
    how = report.how
    assert how["sheet"] == "Phụ lục" and how["header_rows"] == [4, 5] and how["title_rows"] == [1, 2]
    assert how["decimal"] == "comma" and how["decimal_counts"] == (75, 0)
    assert how["edition_from_header"] == "2023"
    assert "Kết quả năm 2023 / Điểm số" in how["header"]
    # every figure says where it is: pillar I is on Excel row 6, indicator I.1.1 on row 8
    where = dict(zip(zip(report.figures["code"], report.figures["measure"]), report.figures["where"]))
    assert where[("I", "score")] == "6" and where[("I.1.1", "rank")] == "8"
    assert "Dòng tiêu đề: 4, 5" in " ".join(how_lines(how, "vi"))


def test_word_appendix(base, expected):
    report = importer.check_file(make.plan_docx(), "plan152.docx", base=base, **TN)
    _accepted_equal(report, expected)
    assert report.how["format"] == "docx" and report.how["tables"] == [1] and report.how["header_rows"] == [1, 2]


def test_word_appendix_without_numbers_is_matched_by_name(base, expected):
    report = importer.check_file(make.plan_docx(with_codes=False), "plan152_names.docx", base=base, **TN)
    _accepted_equal(report, expected)
    assert report.how["matched_by_name"] == 75


def test_word_appendix_with_an_ambiguous_name_asks(base):
    data = make.plan_docx(with_codes=False, names=[("Tác động đến sản xuất", "40,00")])
    report = importer.check_file(data, "ambiguous.docx", base=base, **TN)
    assert not report.ok
    asked = [p for p in report.problems if "matches several codes" in p.message_en]
    assert len(asked) == 1 and asked[0].column == "name" and asked[0].value == "Tác động đến sản xuất"
    assert "VII " in asked[0].message_en and "VII.1 " in asked[0].message_en and "[table 1, row" in asked[0].message_en


@pytest.mark.parametrize("producer", ["chromium", "fpdf2"])
def test_pdf_appendix_from_two_producers(base, expected, producer):
    data = make.chromium_pdf() if producer == "chromium" else make.fpdf_pdf()
    report = importer.check_file(data, f"plan152_{producer}.pdf", base=base, **TN)
    _accepted_equal(report, expected)
    how = report.how
    assert how["format"] == "pdf" and how["pages"] >= 5 and len(how["pages_with_table"]) == how["pages"]
    assert len(how["repeated_headers"]) >= 2 * (how["pages"] - 1)  # two header rows repeated on every page
    assert all("page " in w for w in report.figures["where"])


def test_a_pillar_printed_wrong_is_refused_naming_its_row(base):
    report = importer.check_file(make.plan_xlsx("II", 10.0), "pillar_off.xlsx", base=base, **TN)
    assert not report.ok
    hits = [p for p in report.problems if "differs by more than 0.01" in p.message_en]
    assert [(p.row, p.column, p.value) for p in hits] == [(16, "score", "51.84")]  # 41.84 + 10, Excel row 16
    assert "II (Thái Nguyên, 2023)" in hits[0].message_en  # the unit by its name (issue 19)


def test_a_pillar_printed_wrong_in_a_pdf_names_the_page(base):
    report = importer.check_file(make.fpdf_pdf("II", 10.0), "pillar_off.pdf", base=base, **TN)
    hits = [p for p in report.problems if "differs by more than 0.01" in p.message_en]
    assert len(hits) == 1 and hits[0].value == "51.84" and "[page " in hits[0].message_en
    assert "[trang " in hits[0].message_vi


# -- spreadsheets as offices keep them ----------------------------------------------------------

def test_percent_cells_are_read_as_shown(base, expected):
    report = importer.check_file(make.percent_xlsx(), "percent.xlsx", base=base, **TN)
    _accepted_equal(report, expected)
    assert len(report.how["percent_cells"]) == 75 and report.how["percent_cells"][0] == "C6"
    assert "75 percent-formatted cells read as shown" in " ".join(how_lines(report.how, "en"))


def test_hidden_sheet_and_hidden_rows_are_skipped_and_said(base, expected):
    report = importer.check_file(make.hidden_xlsx(), "hidden.xlsx", base=base, **TN)
    _accepted_equal(report, expected)  # not the hidden sheet's 99s, not the hidden rows' 12,34
    assert report.how["sheet"] == "Phụ lục" and report.how["hidden_sheets"] == ["Nháp"]
    assert report.how["hidden_rows"] == [7, 8]
    text = " ".join(how_lines(report.how, "vi"))
    assert "Trang ẩn bị bỏ qua: 'Nháp'" in text and "2 dòng ẩn bị bỏ qua" in text


def test_multi_sheet_workbook_picks_the_data_sheet_and_another_can_be_chosen(base, expected):
    data = make.multi_sheet_xlsx()
    report = importer.check_file(data, "multi.xlsx", base=base, **TN)
    _accepted_equal(report, expected)
    assert report.how["sheet"] == "Số liệu 2023" and report.how["sheet_reason"] == "found"
    other = importer.check_file(data, "multi.xlsx", base=base, sheet="Ghi chú", **TN)
    assert not other.ok and other.how["sheet"] == "Ghi chú" and other.how["sheet_reason"] == "asked"
    assert any("missing column" in p.message_en and "Điểm / Điểm số" in p.message_en for p in other.problems)
    missing = importer.check_file(data, "multi.xlsx", base=base, sheet="Nope", **TN)
    assert "there is no sheet 'Nope'" in missing.problems[0].message_en


# -- CSV and text as Excel writes them ----------------------------------------------------------

def test_vietnamese_locale_csv(base, expected):
    report = importer.check_file(make.vn_csv(), "vn.csv", base=base)
    _accepted_equal(report, expected)
    assert report.kind == "long"
    assert (report.how["encoding"], report.how["delimiter"], report.how["decimal"]) == ("UTF-8 (BOM)", "semicolon",
                                                                                        "comma")


def test_utf16_unicode_text(base, expected):
    data = make.utf16_txt()
    assert data[:2] == b"\xff\xfe"
    report = importer.check_file(data, "unicode.txt", base=base)
    _accepted_equal(report, expected)
    assert (report.how["encoding"], report.how["delimiter"]) == ("UTF-16 LE (BOM)", "tab")


def test_semicolon_csv_with_decimal_point_is_accepted(base):
    data = (ROOT / "tests" / "fixtures" / "import_docs" / "accepted" / "separator_semicolon.csv").read_bytes()
    report = importer.check_file(data, "separator_semicolon.csv", base=base)
    assert report.ok and report.added == 1
    assert report.figures[["province_id", "code", "value"]].values.tolist() == [["ha_noi", "I.1.1", 55.5]]


def test_scanned_pdf_gets_a_clear_message(base):
    report = importer.check_file(make.scanned_pdf(), "scan.pdf", base=base, **TN)
    assert not report.ok and len(report.problems) == 1
    assert "no text layer" in report.problems[0].message_en and "no OCR" in report.problems[0].message_en
    assert "không có lớp chữ" in report.problems[0].message_vi


def test_legacy_encoding_and_utf16_are_told_apart(base):
    text = "edition,province,code,score,rank,source\n2024,Thái Nguyên,I.1.1,55.5,,kh152\n"
    cp = importer.check_file(text.encode("cp1258"), "ansi.csv", base=base)
    assert "not UTF-8" in cp.problems[0].message_en and "Windows-1258" in cp.problems[0].message_en
    be = importer.check_file(text.encode("utf-16-be"), "be.csv", base=base)  # no BOM: NUL every other byte
    assert be.how["encoding"] == "UTF-16 BE" and not any("not UTF-8" in p.message_en for p in be.problems)


# -- numbers and ranks as printed ---------------------------------------------------------------

@pytest.mark.parametrize("text,comma,value", [("47.75", False, 47.75), ("47,75", True, 47.75), ("10", True, 10.0),
                                              ("-0.5", False, -0.5)])
def test_numbers_read(text, comma, value):
    problems: list = []
    assert numbers.parse_number(text, "f", 2, "score", problems, decimal_comma=comma) == value and not problems


@pytest.mark.parametrize("text,comma,message", [
    ("4_7.75", False, "'_' between digits"), ("1_0", False, "'_' between digits"),
    ("４７.７５", False, "full-width"), ("٤٧", False, "full-width"), ("47,75", False, "decimal comma"),
    ("1.234", True, "ambiguous"), ("inf", False, "not a number"), ("nan", False, "not a number"),
    ("1e3", False, "not a number"), ("47.75.1", False, "not a number")])
def test_numbers_refused_with_row_and_column(text, comma, message):
    problems: list = []
    assert numbers.parse_number(text, "f.csv", 7, "score", problems, decimal_comma=comma) is None
    assert len(problems) == 1 and message in problems[0].message_en
    assert (problems[0].file, problems[0].row, problems[0].column) == ("f.csv", 7, "score")


@pytest.mark.parametrize("text,value", [("10", 10), ("10/63", 10), ("04/63", 4), ("hạng 10", 10), ("Hạng 10", 10),
                                        ("thứ 10/63", 10), ("xếp thứ 4", 4), ("10 / 63", 10)])
def test_ranks_as_printed(text, value):
    problems: list = []
    assert numbers.parse_rank(text, "f", 2, "rank", problems, units_ranked=63) == value and not problems


def test_rank_over_the_wrong_number_of_units_is_refused():
    problems: list = []
    assert numbers.parse_rank("10/34", "f", 2, "rank", problems, units_ranked=63) is None
    assert "this edition ranks 63 units" in problems[0].message_en


def test_ranks_as_printed_in_a_file(base):
    payload = ("Năm;Tỉnh/thành phố;Mã chỉ số;Điểm số;Thứ hạng;Nguồn\n"
               "2023;Thái Nguyên;PII;47,75;10/63;kh152\n2023;Bắc Kạn;PII;;hạng 56;kh152\n").encode()
    report = importer.check_file(payload, "ranks.csv", base=base)
    assert report.ok, [p.text("en") for p in report.problems]
    ranks = report.figures[report.figures["measure"] == "rank"].set_index("province_id")["value"].to_dict()
    assert ranks == {"thai_nguyen": 10.0, "bac_kan": 56.0}
    # same figures, but the file cites the plan (kh152) where the data cites the press: the sources change
    assert (report.changed, report.sources_changed) == (3, 3) and set(report.figures["change"]) == {"source"}


# -- publishing what equals the data changes nothing ---------------------------------------------

def test_publishing_a_file_equal_to_the_data_changes_no_figure(data_copy):
    before = PiiDB(data_copy / "parquet").scores(2023)
    report = importer.publish(make.plan_xlsx(), "plan152_office.xlsx", user="test", base=data_copy, **TN)
    assert report.ok and (report.added, report.changed, report.unchanged) == (0, 0, 150)
    after = PiiDB(data_copy / "parquet").scores(2023)
    cols = ["province_id", "code", "score", "rank"]
    pd.testing.assert_frame_equal(before[cols].sort_values(cols[:2]).reset_index(drop=True),
                                  after[cols].sort_values(cols[:2]).reset_index(drop=True))


# -- the data-request workbook ------------------------------------------------------------------

def test_request_workbook_lists_the_framework_and_known_figures(base):
    data = data_request.request_workbook("Bắc Giang", 2023, base=base)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Số liệu", "Hướng dẫn"] and wb.properties.keywords == data_request.KEYWORD
    ws = wb["Số liệu"]
    assert [c.value for c in ws[4]] == data_request.HEADER
    rows = {(r[2], r[4], r[5]): r[6] for r in ws.iter_rows(min_row=5, values_only=True)}
    assert len({r[2] for r in ws.iter_rows(min_row=5, values_only=True)}) == 78  # every code of 2023
    assert rows[("PII", 46.51, 11)].startswith("https://vnexpress.net/")
    assert rows[("I", 67.23, 4)].startswith("https://thuviennhadat.vn/")  # the addendum's figure, with its source
    assert ("I.1.1", None, None) in rows
    assert "HƯỚNG DẪN" in wb["Hướng dẫn"]["A1"].value


def test_returned_request_workbook_imports_as_it_is(data_copy):
    data = data_request.request_workbook("bac_kan", 2023, base=data_copy)
    report = importer.check_file(data, "request_bac_kan_2023.xlsx", base=data_copy)
    assert report.ok, [p.text("en") for p in report.problems]
    assert (report.added, report.changed, report.unchanged) == (0, 0, 1) and report.how["blank_rows"] == 77
    # the peer fills in its PII score and one pillar, with a source, and sends it back
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Số liệu"]
    for row in ws.iter_rows(min_row=5):
        if row[2].value == "PII":
            row[4].value, row[6].value = 28.5, "https://example.org/bac-kan-pii-2023"
        if row[2].value == "III":
            row[4].value, row[5].value, row[6].value = "31,2", 50, "https://example.org/bac-kan-pii-2023"
    buf = io.BytesIO()
    wb.save(buf)
    report = importer.publish(buf.getvalue(), "request_bac_kan_2023.xlsx", user="test", base=data_copy)
    assert report.ok, [p.text("en") for p in report.problems]
    assert (report.added, report.changed) == (3, 1)  # PII score, III score and rank added; PII rank re-sourced
    got = PiiDB(data_copy / "parquet").scores(2023, provinces=["bac_kan"]).set_index("code")
    assert got.loc["PII", "score"] == 28.5 and got.loc["PII", "rank"] == 56
    assert got.loc["III", "score"] == 31.2 and got.loc["III", "rank"] == 50


def test_request_cli_and_dry_run_preview(data_copy, tmp_path):
    env = {**os.environ, "PII_DATA_DIR": str(data_copy)}
    out = tmp_path / "req.xlsx"
    res = subprocess.run([sys.executable, "-m", "pii", "request", "--province", "bac_kan", "--edition", "2023",
                          "--out", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0 and "Bắc Kạn 2023, 78 codes, 1 published figures" in res.stdout
    xlsx = tmp_path / "multi.xlsx"
    xlsx.write_bytes(make.multi_sheet_xlsx())
    res = subprocess.run([sys.executable, "-m", "pii", "import", str(xlsx), "--format", "appendix", "--province",
                          "Thái Nguyên", "--source", "kh152", "--dry-run", "--lang", "en"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "Sheet: 'Số liệu 2023'" in res.stdout and "Header row(s): 4, 5" in res.stdout
    assert "Figures read: 150 (added 0, changed 0, source changed 0, unchanged 150)" in res.stdout
    assert "  6 | 2023 | thai_nguyen | I | Thể chế | score | 51.90 | 51.90 | unchanged" in res.stdout
    assert "Aggregates recomputed from their published children: 23" in res.stdout
    res = subprocess.run([sys.executable, "-m", "pii", "import", str(xlsx), "--format", "appendix", "--province",
                          "Thái Nguyên", "--source", "kh152", "--dry-run", "--sheet", "Hướng dẫn"], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 1 and "Trang tính: 'Hướng dẫn' (do người dùng chọn)" in res.stdout


def test_request_download_is_on_the_public_part_of_the_page(monkeypatch, data_copy):
    from tests.apptest_helpers import run_page, texts

    monkeypatch.setenv("PII_DATA_DIR", str(data_copy))
    at = run_page("pages/import_data.py", {"lang": "vi"})  # no account, nobody signed in
    assert not at.exception
    assert "Phiếu đề nghị cung cấp số liệu (gửi Sở KH&CN tỉnh bạn)" in [e.label for e in at.expander]
    assert "ô trống cho phần còn lại và hướng dẫn bằng tiếng Việt" in texts(at)
    assert at.selectbox(key="_impd_req_prov").value == "bac_kan"
    at.selectbox(key="_impd_req_prov").set_value("lang_son").run()
    assert not at.exception and at.selectbox(key="_impd_req_prov").value == "lang_son"


def _word_as_shown_variant() -> bytes:
    """The Word appendix where one score cell also holds hidden text (w:vanish) and another score is a tracked
    change (the old value deleted, the new one inserted): Word shows the real scores (issue 22)."""
    import copy

    import docx
    from docx.oxml.ns import qn

    d = docx.Document(io.BytesIO(make.plan_docx()))
    table = d.tables[0]
    body = [r for r in table.rows[2:] if r.cells[2].text.strip()]
    hidden_cell, tracked_cell = body[3].cells[2], body[5].cells[2]
    p = hidden_cell.paragraphs[0]
    ghost = copy.deepcopy(p.runs[0]._r)
    ghost.find(qn("w:t")).text = "99,99"
    rpr = ghost.get_or_add_rPr()
    rpr.append(rpr.makeelement(qn("w:vanish"), {}))
    p.runs[0]._r.addprevious(ghost)
    p = tracked_cell.paragraphs[0]
    run = p.runs[0]._r
    ins = run.makeelement(qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "Lan", qn("w:date"): "2026-11-30T08:00:00Z"})
    dele = run.makeelement(qn("w:del"), {qn("w:id"): "2", qn("w:author"): "Lan", qn("w:date"): "2026-11-30T08:00:00Z"})
    old = copy.deepcopy(run)
    t = old.find(qn("w:t"))
    t.tag = qn("w:delText")
    t.text = "11,11"
    run.addprevious(dele)
    dele.append(old)
    run.addprevious(ins)
    ins.append(run)  # moves the run into the insertion
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_word_is_read_as_shown_hidden_text_not_tracked_insertions_yes(base, expected):
    report = importer.check_file(_word_as_shown_variant(), "plan152_tracked.docx", base=base, **TN)
    _accepted_equal(report, expected)  # not 99,99 (hidden), not 11,11 (deleted); the inserted score is read
    assert report.how["hidden_text"] >= 1
    assert "hidden Word text skipped" in " ".join(how_lines(report.how, "en"))


def test_zero_height_rows_and_zero_width_columns_are_hidden(base, expected):
    """A zero-height row or zero-width column is as invisible as a hidden one (issue 22: a zero-height row's
    stale 12,34 replaced the real score). Written as Excel writes them (ht="0", width="0")."""
    import re
    import zipfile

    from openpyxl import load_workbook as load

    wb = load(io.BytesIO(make.hidden_xlsx()))
    ws = wb["Phụ lục"]
    for r in (7, 8):
        ws.row_dimensions[r].hidden = False
    ws.insert_cols(6)
    ws.cell(7, 6, "22,50")
    buf = io.BytesIO()
    wb.save(buf)
    src, out = zipfile.ZipFile(io.BytesIO(buf.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                body = re.sub(rb'<row r="([78])"[^>]*>', rb'<row r="\1" ht="0" customHeight="1">', body)
                col = b'<col min="6" max="6" width="0" customWidth="1"/>'
                body = body.replace(b"<cols>", b"<cols>" + col, 1) if b"<cols>" in body else body.replace(
                    b"<sheetData>", b"<cols>" + col + b"</cols><sheetData>", 1)
            dst.writestr(info, body)
    report = importer.check_file(out.getvalue(), "zero_height.xlsx", base=base, **TN)
    _accepted_equal(report, expected)
    assert report.how["hidden_rows"] == [7, 8] and report.how["hidden_columns"] == ["F"]
