"""Reading uploaded files (CSV, XLSX, plan-appendix text) into a plain table of
strings with the line number of every row, refusing what cannot be read safely.

Decisions (documented in the README):
- CSV must be UTF-8. A byte-order mark (Excel's "CSV UTF-8") is accepted.
  Other encodings (Windows-1258, latin-1, …) are refused rather than guessed:
  a wrong guess silently corrupts Vietnamese names.
- The separator must be a comma. A semicolon file (Excel in a comma-decimal
  locale) is refused with a message saying so; so is a decimal comma in a number.
- Formula cells (XLSX formulas, or CSV text starting with "=" / "@") are
  refused: a value must be a value, and a formula is a spreadsheet-injection risk.
- Files larger than ``MAX_BYTES`` are refused before parsing.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from pii.pipeline.problems import Problem

MAX_BYTES = 20 * 1024 * 1024  # well under Streamlit's upload limit (config.toml), so our message is the one shown
XLSX_MAGIC = b"PK\x03\x04"
FORMULA_START = ("=", "@")


@dataclass
class RawTable:
    """Header (normalised) and rows of strings, each row with its line number."""

    file: str
    header: list[str]
    rows: list[tuple[int, list[str]]]
    original_header: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def records(self) -> list[tuple[int, dict[str, str]]]:
        return [(line, dict(zip(self.header, cells + [""] * (len(self.header) - len(cells)))))
                for line, cells in self.rows]


def _p(file: str, row: int | None, col: str | None, vi: str, en: str, value: object = None) -> Problem:
    return Problem(file, row, col, vi, en, None if value is None else str(value)[:120])


def read_table(data: bytes, name: str) -> RawTable:
    """CSV or XLSX bytes -> RawTable (``problems`` set when unreadable)."""
    if len(data) > MAX_BYTES:
        return RawTable(name, [], [], problems=[_p(
            name, None, None,
            f"tệp quá lớn ({len(data) / 1e6:.1f} MB); giới hạn là {MAX_BYTES // (1024 * 1024)} MB",
            f"file too large ({len(data) / 1e6:.1f} MB); the limit is {MAX_BYTES // (1024 * 1024)} MB")])
    if not data.strip(b"\xef\xbb\xbf \r\n\t"):
        return RawTable(name, [], [], problems=[_p(name, None, None, "tệp rỗng", "the file is empty")])
    if data[:4] == XLSX_MAGIC or name.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, name)
    return _read_csv(data, name)


def _read_csv(data: bytes, name: str) -> RawTable:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        return RawTable(name, [], [], problems=[_p(
            name, line, None,
            "tệp không phải mã UTF-8 (có thể là Windows-1258/TCVN3/latin-1): hãy lưu lại bằng \"CSV UTF-8\"",
            "the file is not UTF-8 (perhaps Windows-1258, TCVN3 or latin-1): save it again as \"CSV UTF-8\"",
            data[max(0, err.start - 10):err.start + 10])])
    if "\x00" in text:
        return RawTable(name, [], [], problems=[_p(name, None, None, "tệp chứa ký tự nhị phân (NUL)",
                                                   "the file contains binary (NUL) characters")])
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    if first.count(";") > first.count(",") and first.count(";") >= 1:
        return RawTable(name, [], [], problems=[_p(
            name, 1, None,
            "dấu phân cách là ';' — hãy dùng dấu phẩy ',' (CSV UTF-8, dấu thập phân là dấu chấm)",
            "the separator is ';' — use commas (CSV UTF-8 with a decimal point)", first[:80])])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        all_rows = list(reader)
    except csv.Error as err:
        return RawTable(name, [], [], problems=[_p(name, reader.line_num, None, f"CSV hỏng: {err}",
                                                   f"broken CSV: {err}")])
    return _table(name, all_rows, [i + 1 for i in range(len(all_rows))], formulas=None)


def _read_xlsx(data: bytes, name: str) -> RawTable:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        return RawTable(name, [], [], problems=[_p(name, None, None, f"không đọc được tệp XLSX: {err}",
                                                   f"cannot read the XLSX file: {err}")])
    ws = wb.worksheets[0]
    rows, lines, formulas = [], [], []
    for i, row in enumerate(ws.iter_rows(), start=1):
        cells, f_cols = [], []
        for j, cell in enumerate(row):
            v = cell.value
            if getattr(cell, "data_type", None) == "f" or (isinstance(v, str) and v.startswith("=")):
                f_cols.append(j)
            cells.append(_cell_text(v))
        rows.append(cells)
        lines.append(i)
        formulas.append(f_cols)
    wb.close()
    return _table(name, rows, lines, formulas)


def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        return repr(int(v)) if v.is_integer() else repr(v)
    return str(v)


def normalise_header(h: str) -> str:
    return re.sub(r"\s+", "_", str(h).strip().lstrip("\ufeff").lower())


def _table(name: str, all_rows: list[list[str]], lines: list[int], formulas: list[list[int]] | None) -> RawTable:
    # drop fully blank rows (Excel leaves them) but keep line numbers of the rest
    keep = [(ln, r, (formulas[i] if formulas else [])) for i, (ln, r) in enumerate(zip(lines, all_rows))
            if any(str(c).strip() for c in r)]
    if not keep:
        return RawTable(name, [], [], problems=[_p(name, None, None, "tệp rỗng", "the file is empty")])
    h_line, header, h_f = keep[0]
    table = RawTable(name, [normalise_header(h) for h in header], [], original_header=[str(h) for h in header])
    for ln, cells, f_cols in keep[1:]:
        cells = [str(c).strip() for c in cells]
        for j in f_cols:
            table.problems.append(_p(name, ln, _col(table, j), "ô chứa công thức — chỉ chấp nhận giá trị",
                                     "the cell holds a formula — only values are accepted", cells[j]))
        if formulas is None:
            for j, c in enumerate(cells):
                if c.startswith(FORMULA_START):
                    table.problems.append(_p(name, ln, _col(table, j), "ô bắt đầu bằng '=' hoặc '@' (công thức)",
                                             "the cell starts with '=' or '@' (a formula)", c))
        if len(cells) > len(header) and any(cells[len(header):]):
            table.problems.append(_p(name, ln, None, f"dòng có {len(cells)} ô nhưng tiêu đề có {len(header)} cột",
                                     f"the row has {len(cells)} cells but the header has {len(header)} columns"))
        table.rows.append((ln, cells))
    if not table.rows:
        table.problems.append(_p(name, None, None, "tệp chỉ có dòng tiêu đề, không có số liệu",
                                 "the file has only a header row, no data"))
    return table


def _col(table: RawTable, j: int) -> str:
    return table.original_header[j] if j < len(table.original_header) else f"#{j + 1}"


def parse_number(text: str, file: str, line: int, col: str, problems: list[Problem],
                 decimal_comma: bool = False) -> float | None:
    """'47.75' -> 47.75; '' -> None; bad text -> a problem and None."""
    text = str(text).strip().replace("\u00a0", "")
    if text == "":
        return None
    if decimal_comma and re.fullmatch(r"-?\d+(,\d+)?", text):
        text = text.replace(",", ".")
    if re.fullmatch(r"-?\d+,\d+", text):
        problems.append(_p(file, line, col, "dùng dấu phẩy thập phân — hãy viết số với dấu chấm (47.75)",
                           "decimal comma — write numbers with a decimal point (47.75)", text))
        return None
    try:
        value = float(text)
    except ValueError:
        problems.append(_p(file, line, col, "không phải là số", "not a number", text))
        return None
    if value != value or value in (float("inf"), float("-inf")):
        problems.append(_p(file, line, col, "không phải là số", "not a number", text))
        return None
    return value
