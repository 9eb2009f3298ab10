"""Table downloads: CSV (UTF-8 with BOM, so Excel opens Vietnamese correctly)
and XLSX (formatted header, frozen first row, a sources sheet)."""

from __future__ import annotations

import io
import math
import re

import pandas as pd

from pii.i18n import t
from pii.safety import csv_safe_frame

# readable first (who published what, when); the id last, for cross-reference with the data files. The sources'
# ``note`` is the maintainers' (English, names files of the repository): not for a published workbook (issue 20)
SOURCE_COLUMNS = ("publisher", "title", "published_on", "url", "source_id")
MAX_COL_WIDTH = 60


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV (UTF-8 with BOM); text cells that begin with = + - @ tab or CR get a leading ' (OWASP CSV
    injection rule) so a spreadsheet shows them as text; numbers, including -3.5, stay numbers."""
    return csv_safe_frame(df).to_csv(index=False).encode("utf-8-sig")


def sheet_title(name: str) -> str:
    """An Excel-safe sheet name (no []:*?/\\, at most 31 characters)."""
    clean = "".join("-" if c in "[]:*?/\\" else c for c in str(name)).strip("'") or "Data"
    return clean[:31]


def _cell(v: object) -> object:
    # a missing figure stays an empty cell, never 0
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):
        return v.item()  # numpy scalars
    return v


_RANK = re.compile(r"^(\d{1,4})/(\d{1,4})$")
_NUMBER = {"vi": re.compile(r"^-?\d{1,9}(,(\d{1,6}))?$"), "en": re.compile(r"^-?\d{1,9}(\.(\d{1,6}))?$")}


def _typed(text: str, lang: str) -> tuple[float | int, str] | None:
    """A display cell that is a number ("62,86" in vi, "62.86" in en) or a rank ("1/63") as (value, Excel
    number format), so the workbook sorts and sums what the page shows; None for any other text (names,
    codes such as "III.2.3", "chưa có số liệu công bố")."""
    s = text.strip().replace("\u2212", "-")
    m = _RANK.match(s)
    if m:
        return int(m.group(1)), f'0"/{int(m.group(2))}"'  # shows 1/63, sorts as 1
    m = _NUMBER.get(lang, _NUMBER["en"]).match(s)
    if m:
        decimals = len(m.group(2) or "")
        value = float(s.replace(",", ".")) if decimals else int(s)
        return value, "0" if not decimals else "0." + "0" * decimals  # Excel shows the locale's decimal mark
    return None


def to_xlsx_bytes(df: pd.DataFrame, lang: str = "vi", sheet: str | None = None,
                  sources: pd.DataFrame | None = None, title: str | None = None) -> bytes:
    """One data sheet (header row bold and frozen, filter, sized columns) and a
    sources sheet listing ``sources`` (rows of the sources table) or, with
    none given, a line saying the table carries no source ids."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_urls": False, "nan_inf_to_errors": False})
    wb.set_properties({"title": title or sheet or "PII", "comments": t("app_short", lang)})
    head = wb.add_format({"bold": True, "bg_color": "#1F2933", "font_color": "#FFFFFF", "text_wrap": True,
                          "valign": "top", "border": 1, "border_color": "#9AA5B1"})
    num = wb.add_format({"num_format": "0.00"})
    integer = wb.add_format({"num_format": "0"})
    formats: dict[str, object] = {}
    ws = wb.add_worksheet(sheet_title(sheet or t("ex_sheet_data", lang)))
    cols = [str(c) for c in df.columns]
    for j, col in enumerate(cols):
        ws.write_string(0, j, col, head)
    for i, row in enumerate(df.itertuples(index=False), start=1):
        for j, v in enumerate(row):
            v = _cell(v)
            if v is None:
                continue
            if isinstance(v, bool):
                ws.write_boolean(i, j, v)
            elif isinstance(v, int):
                ws.write_number(i, j, v, integer)
            elif isinstance(v, float):
                ws.write_number(i, j, v, num)
            elif (typed := _typed(str(v), lang)) is not None:
                value, code = typed
                ws.write_number(i, j, value, formats.setdefault(code, wb.add_format({"num_format": code})))
            else:
                ws.write_string(i, j, str(v))
    for j, col in enumerate(cols):
        longest = max([len(col)] + [len(str(_cell(v) or "")) for v in df.iloc[:, j].head(500)])
        ws.set_column(j, j, min(max(8, longest + 2), MAX_COL_WIDTH))
    ws.freeze_panes(1, 0)
    if len(df) and cols:
        ws.autofilter(0, 0, len(df), len(cols) - 1)
    _print_setup(ws, len(cols))

    src = wb.add_worksheet(sheet_title(t("ex_sheet_sources", lang)))
    src_cols = [t(f"ex_src_{c}", lang) for c in SOURCE_COLUMNS]
    for j, col in enumerate(src_cols):
        src.write_string(0, j, col, head)
    if sources is not None and len(sources):
        for i, row in enumerate(sources.reindex(columns=list(SOURCE_COLUMNS)).itertuples(index=False), start=1):
            for j, v in enumerate(row):
                v = _cell(v)
                if v not in (None, ""):
                    src.write_string(i, j, str(v))
    else:
        src.write_string(1, 0, t("ex_no_sources", lang))
    for j, w in enumerate((28, 60, 14, 50, 40, 16)):
        src.set_column(j, j, w)
    src.freeze_panes(1, 0)
    _print_setup(src, len(SOURCE_COLUMNS))
    wb.close()
    return buf.getvalue()


def _print_setup(ws: object, n_cols: int) -> None:
    """A4, every column on the page width (landscape beyond four columns), the header row on every page: a
    printed table reads like the screen (the strengths table printed on 15 pages, 3 columns on the first)."""
    ws.set_paper(9)  # type: ignore[attr-defined]  # A4
    if n_cols > 4:
        ws.set_landscape()  # type: ignore[attr-defined]
    ws.fit_to_pages(1, 0)  # type: ignore[attr-defined]  # one page wide, as many pages tall as needed
    ws.repeat_rows(0)  # type: ignore[attr-defined]
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)  # type: ignore[attr-defined]
