"""XLSX workbooks as offices keep them (openpyxl).

- Reads what a cell shows: a number formatted as a percentage (0.519 shown as
  51,90%) is the 51.90 the clerk sees; every such cell is listed in the preview.
- Hidden sheets, hidden rows and hidden columns are skipped and reported: a figure
  nobody sees on screen is not taken silently.
- The sheet that holds the data is chosen (the visible sheet with a recognisable
  header and the most rows below it) and named; another can be asked for by name.
- Formula cells are refused (a value must be a value; formulas are an injection risk).
- Old binary .xls files are refused with "save as .xlsx" (no maintained reader
  that is also safe to run on uploads).
"""

from __future__ import annotations

import io
import zipfile

from openpyxl.utils import get_column_letter

from pii.pipeline.grid import Grid, Num
from pii.pipeline.headers import find_header
from pii.pipeline.problems import Problem

XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # OLE2 compound file: Excel 97-2003 .xls


def is_old_xls(data: bytes, name: str) -> bool:
    return data[:4] == XLS_MAGIC or name.lower().endswith(".xls")


_WORD_STREAM = "WordDocument".encode("utf-16-le")  # the main stream's name in an OLE2 Word 97-2003 file


def old_xls_problem(name: str, data: bytes = b"") -> Problem:
    """An OLE2 file: old Excel (.xls) or old Word (.doc): each gets its own "save as" (issue 22)."""
    if name.lower().endswith(".doc") or _WORD_STREAM in data[:1 << 20]:
        return Problem.of(name, None, None, "xlsx_old_doc")
    return Problem.of(name, None, None, "xlsx_old_xls")


def _is_strict(data: bytes) -> bool:
    """Excel's "Strict Open XML" workbook (another namespace: openpyxl finds no sheet in it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return b"purl.oclc.org/ooxml/spreadsheetml" in zf.read("xl/workbook.xml")[:4096]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False


def is_percent_format(fmt: str) -> bool:
    """A real percent format (Excel multiplies by 100 to show it): a % outside quotes, not escaped with a
    backslash and not in a [colour]/[locale] section. ``0.00" %"`` or ``0\\%`` show a literal % (issue 22)."""
    out, i, quoted = [], 0, False
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "\\":
            i += 1  # the next character is literal
        elif not quoted and ch == "[":
            end = fmt.find("]", i)
            i = end if end >= 0 else len(fmt)
        elif not quoted and ch == "_":
            i += 1  # a space as wide as the next character
        elif not quoted:
            out.append(ch)
        i += 1
    return "%" in "".join(out)


def _cell(cell: object, percent: list[str]) -> str:
    v = getattr(cell, "value", None)
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        if is_percent_format(str(getattr(cell, "number_format", "") or "")):
            percent.append(cell.coordinate)  # type: ignore[attr-defined]
            return Num(round(float(v) * 100, 10))
        return Num(float(v))
    if hasattr(v, "isoformat"):
        return v.isoformat()  # type: ignore[no-any-return]
    return str(v)


def _zero(size: object) -> bool:
    try:
        return size is not None and float(size) <= 0  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _hidden_columns(ws: object) -> set[int]:
    """Hidden columns, and zero-width ones (nobody sees them either: issue 22)."""
    out = set()
    for dim in ws.column_dimensions.values():  # type: ignore[attr-defined]
        if dim.hidden or _zero(dim.width):  # openpyxl: width 0 only when the file says so (default 13)
            out.update(range(dim.min or 1, (dim.max or dim.min or 1) + 1))
    return out


def _sheet_grid(ws: object) -> Grid:
    hidden_cols = _hidden_columns(ws)
    rows, lines, formulas, percent, hidden_rows = [], [], [], [], []
    for r, row in enumerate(ws.iter_rows(), start=1):  # type: ignore[attr-defined]
        dim = ws.row_dimensions.get(r) if hasattr(ws.row_dimensions, "get") else None  # type: ignore[attr-defined]
        values = [c for j, c in enumerate(row, start=1) if j not in hidden_cols]
        if dim is not None and (dim.hidden or _zero(dim.ht)):  # a zero-height row is hidden too (issue 22)
            if any(getattr(c, "value", None) not in (None, "") for c in values):
                hidden_rows.append(r)
            continue
        cells, f_cols = [], []
        for j, cell in enumerate(values):
            v = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f" or (isinstance(v, str) and v.startswith("=")):
                f_cols.append(j)
            cells.append(_cell(cell, percent))
        rows.append(cells)
        lines.append(r)
        formulas.append(f_cols)
    spans = [list(r) for r in rows]
    index = {ln: i for i, ln in enumerate(lines)}
    visible = [c for c in range(1, ws.max_column + 1) if c not in hidden_cols]  # type: ignore[attr-defined]
    pos = {c: j for j, c in enumerate(visible)}
    for rng in ws.merged_cells.ranges:  # type: ignore[attr-defined]
        top = ws.cell(rng.min_row, rng.min_col).value  # type: ignore[attr-defined]
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                i, j = index.get(r), pos.get(c)
                if i is not None and j is not None and top is not None:
                    row = spans[i]
                    row += [""] * (j + 1 - len(row))
                    row[j] = str(top)
    hidden_letters = [get_column_letter(c) for c in sorted(hidden_cols) if c <= ws.max_column]  # type: ignore
    return Grid(rows, lines, spans=spans, formulas=formulas, how={
        "percent_cells": percent, "hidden_rows": hidden_rows, "hidden_columns": hidden_letters})


def sheet_names(data: bytes) -> list[tuple[str, str]]:
    """(name, state) of every sheet: state is 'visible', 'hidden' or 'veryHidden'."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return []
    out = [(ws.title, ws.sheet_state) for ws in wb.worksheets]
    wb.close()
    return out


def read_xlsx(data: bytes, name: str, sheet: str | None = None) -> Grid | Problem:
    from openpyxl import load_workbook

    if _is_strict(data):  # openpyxl reads no cell of it: say how to save it instead of "the file is empty"
        return Problem.of(name, None, None, "xlsx_strict")

    try:
        wb = load_workbook(io.BytesIO(data), data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError) as err:
        # SyntaxError: lxml's and ElementTree's XML errors (a part nested past lxml's 256 levels, issue 22)
        if _is_strict(data):
            return Problem.of(name, None, None, "xlsx_strict")
        return Problem.of(name, None, None, "xlsx_unreadable", err=err)
    sheets = [(ws.title, ws.sheet_state) for ws in wb.worksheets]
    if sheet is not None:
        chosen = next((ws for ws in wb.worksheets if ws.title == sheet), None)
        if chosen is None:
            return Problem.of(name, None, None, "xlsx_no_such_sheet", sheet=sheet,
                              sheets=", ".join(t for t, _ in sheets))
        grid, reason = _sheet_grid(chosen), "asked"
    else:
        best: tuple[tuple[int, int], object, Grid] | None = None
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            g = _sheet_grid(ws)
            header = find_header(g.rows, g.spans)
            filled = sum(1 for r in g.rows if any(str(c).strip() for c in r))
            rank = (1 if header is not None and header.roles & {"score", "rank"} else 0,
                    filled - (header.rows[-1] + 1 if header else 0))
            if best is None or rank > best[0]:
                best = (rank, ws, g)
        if best is None:
            return Problem.of(name, None, None, "xlsx_strict" if _is_strict(data) else "xlsx_no_visible_sheet")
        chosen, grid, reason = best[1], best[2], "found"
    grid.how.update({"format": "xlsx", "sheet": chosen.title, "sheet_reason": reason,  # type: ignore[attr-defined]
                     "sheet_state": chosen.sheet_state, "sheets": sheets,  # type: ignore[attr-defined]
                     "hidden_sheets": [t for t, s in sheets if s != "visible" and t != chosen.title]})  # type: ignore
    # a data-request workbook we sent (pii.pipeline.data_request): rows the peer left empty are skipped
    grid.how["request"] = "pii-data-request" in str(wb.properties.keywords or "")
    return grid
