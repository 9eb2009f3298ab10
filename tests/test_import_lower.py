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
