"""Table downloads (issue 20): the workbook stores what the page shows as numbers Excel can sort (a score, a
rank shown as "1/63"), lists the table's sources in the user's language, and prints one page wide."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from pii.export.tables import to_xlsx_bytes
from pii.panels import compare
from pii.provenance import source_rows
from pii.viewstate import ViewState
from queries import PiiDB


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


def _book(df: pd.DataFrame, lang: str, sources: pd.DataFrame | None = None) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df, lang, sources=sources)))


def test_compare_table_scores_and_ranks_are_numbers_and_its_sources_are_listed(db: PiiDB) -> None:
    s = ViewState(db, 2023, "thai_nguyen", "top10", "vi")
    table = compare.table(s, "PII")
    shown = table.set_index("Tỉnh/thành")
    assert shown.loc["Thái Nguyên", "Điểm"] == "47,75" and shown.loc["Thái Nguyên", "Xếp hạng"] == "10/63"
    bar = compare.bar(s, "PII")
    wb = _book(table, "vi", source_rows(s, bar.sources))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    tn = rows["Thái Nguyên"]
    score, rank = tn[header.index("Điểm")], tn[header.index("Xếp hạng")]
    assert score == pytest.approx(47.75) and rank == 10  # numbers, not "47,75" / "10/63"
    cell = ws.cell(row=list(rows).index("Thái Nguyên") + 2, column=header.index("Xếp hạng") + 1)
    assert cell.number_format == '0"/63"'  # Excel still shows 10/63
    src = wb.worksheets[1]
    listed = [r[0] for r in src.iter_rows(min_row=2, values_only=True)]
    assert listed and "Bảng này không kèm mã nguồn" not in str(listed)
    assert [c.value for c in src[1]] == ["Đơn vị công bố", "Tiêu đề", "Ngày công bố", "Địa chỉ", "Mã nguồn"]


def test_text_that_is_not_a_number_stays_text() -> None:
    df = pd.DataFrame({"Mã": ["III.2.3", "I"], "Điểm": ["chưa có số liệu công bố", "=1+1"], "n": ["12", "1.5"]})
    ws = _book(df, "vi").worksheets[0]
    assert [c.value for c in ws[2]] == ["III.2.3", "chưa có số liệu công bố", 12]
    assert [c.value for c in ws[3]] == ["I", "=1+1", "1.5"]  # "1.5" is not a Vietnamese number; a formula is text
    assert ws.cell(row=3, column=2).data_type == "s"


def test_workbook_prints_one_page_wide_with_the_header_on_every_page() -> None:
    df = pd.DataFrame({f"c{i}": list(range(300)) for i in range(6)})
    ws = _book(df, "en").worksheets[0]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    # fit to one page wide (Excel's default width 1 is left out of the file), any number of pages tall
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws.page_setup.fitToWidth in (None, 1)
    assert ws.print_title_rows == "$1:$1"
