"""Issue 22, the lower items: what real tools write is accepted (Excel for Mac's CR line ends, a literal "%"
in a number format) while the limits count what the parser does (see also tests/hostile_corpus.py)."""

from __future__ import annotations

import io

from openpyxl import Workbook

from pii.pipeline import limits, readers_csv
from pii.pipeline.readers_xlsx import is_percent_format, read_xlsx


def _mac_csv() -> bytes:
    rows = ["edition,province,code,score,rank,source"] + [
        f"2024,Hà Nội,I.1.{i % 9 + 1},{40 + i % 50}.5,,https://example.org/report-{i}" for i in range(900)]
    return "\r".join(rows).encode("utf-8")  # Excel for Mac: CR alone ends a line


def test_excel_for_mac_csv_with_cr_line_ends_over_40_kb_is_read():
    data = _mac_csv()
    assert len(data) > 40 * 1024 and b"\n" not in data
    assert limits.check_upload(data, "mac.csv") == []  # was "line too long"
    grid = readers_csv.read_csv(data, "mac.csv")
    assert len(grid.rows) == 901 and grid.rows[1][:3] == ["2024", "Hà Nội", "I.1.1"]


def test_semicolon_cells_count_towards_the_cell_limit():
    line = ";".join(["1"] * 60).encode() + b"\n"
    problems = limits.check_upload(b"edition;province\n" + line * 20_000, "semi.csv")
    assert problems and "cells; the limit" in problems[0].message_en


def test_only_a_real_percent_format_multiplies_by_100():
    assert is_percent_format("0.00%") and is_percent_format("[Red]0.0%") and is_percent_format('"Tỷ lệ "0%')
    assert not is_percent_format('0.00" %"') and not is_percent_format("0\\%") and not is_percent_format("0.0_%")
    wb = Workbook()
    ws = wb.active
    ws.append(["edition", "province", "code", "score", "rank", "source"])
    ws.append([2024, "Hà Nội", "I.1.1", 55.5, None, "https://example.org/a"])
    ws.append([2024, "Hà Nội", "I.1.2", 0.419, None, "https://example.org/a"])
    ws["D2"].number_format = '0.00" %"'  # shows 55.50 %: the value is 55.5
    ws["D3"].number_format = "0.00%"  # shows 41.90 %: the value is 41.9
    buf = io.BytesIO()
    wb.save(buf)
    grid = read_xlsx(buf.getvalue(), "pct.xlsx")
    assert float(grid.rows[1][3]) == 55.5 and float(grid.rows[2][3]) == 41.9
    assert grid.how["percent_cells"] == ["D3"]


def _first(data: bytes, name: str) -> str:
    from pii.pipeline import import_formats

    problems = limits.check_upload(data, name)
    if not problems:
        got = import_formats.read_table(data, name)
        problems = got.problems if hasattr(got, "problems") else [got]
    return problems[0].message_en


def test_messages_say_what_is_wrong_and_what_to_do():
    """Issue 22, item 13: no library text ("File is not a zip file", "There is no item named", "field larger
    than field limit"), and the right diagnosis for a .doc, a password-protected PDF, a Strict workbook."""
    import zipfile

    not_zip = _first(b"PK\x03\x04 not really a zip" + b"\0" * 100, "x.xlsx")
    assert "not a complete Excel (.xlsx) or Word (.docx) file" in not_zip and "zip file" not in not_zip
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    missing = _first(buf.getvalue(), "x.xlsx")
    assert "open it in Excel and save it again" in missing and "no item named" not in missing
    long_field = _first(b'edition,province\n2024,"' + b"x" * 9000 + b"\n" + b"y" * 9000 * 16, "x.csv")
    assert "field limit" not in long_field
    doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "WordDocument".encode("utf-16-le") + b"\0" * 500
    assert "old Word file (.doc)" in _first(doc, "bao_cao.xls") and "old Word file" in _first(doc, "bao_cao.doc")
    strict = io.BytesIO()
    wb = Workbook()
    wb.active.append(["edition", "province"])
    wb.save(strict)
    src, out = zipfile.ZipFile(io.BytesIO(strict.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info).replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                          b"http://purl.oclc.org/ooxml/spreadsheetml/main")
            dst.writestr(info.filename, body)
    assert "Strict Open XML" in _first(out.getvalue(), "strict.xlsx")


def test_a_password_protected_pdf_is_not_called_damaged():
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    w.encrypt(user_password="bi-mat", owner_password="bi-mat")
    buf = io.BytesIO()
    w.write(buf)
    msg = _first(buf.getvalue(), "khoa.pdf")
    assert "password-protected" in msg and "damaged" not in msg
