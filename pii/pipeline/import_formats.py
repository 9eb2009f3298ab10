"""Reading uploaded files (CSV, XLSX, Word, PDF, plan-appendix text) into a plain
table of strings with the row of every figure in the file, refusing what cannot
be read safely, and saying how the file was read (for the preview).

Decisions (documented in the README):
- Each format has its reader (``readers_csv``, ``readers_xlsx``, ``readers_docs``),
  a pure function from bytes to a :class:`~pii.pipeline.grid.Grid`; the header is
  then found the same way for all of them (:mod:`pii.pipeline.headers`): title rows
  above it, two header rows with merged cells, Vietnamese names with or without
  diacritics.
- CSV: UTF-8 (± BOM) or UTF-16 with BOM; comma, semicolon or tab and the decimal
  separator are detected once for the whole file; a figure written the other way
  is refused with its row and column. Legacy encodings are refused, not guessed.
- Formula cells (XLSX formulas, or CSV text starting with "=" / "@") are
  refused: a value must be a value, and a formula is a spreadsheet-injection risk.
- Files larger than ``MAX_BYTES`` are refused before parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pii.pipeline import numbers
from pii.pipeline.grid import Grid
from pii.pipeline.headers import find_header, is_repeat
from pii.pipeline.problems import Problem

MAX_BYTES = 20 * 1024 * 1024  # well under Streamlit's upload limit (config.toml), so our message is the one shown
XLSX_MAGIC = b"PK\x03\x04"
FORMULA_START = ("=", "@")


@dataclass
class RawTable:
    """Header (normalised) and rows of strings, each row with its line number.

    ``how`` holds the facts of the reading (format, sheet, header rows, dialect,
    percent cells, hidden rows skipped, pages) and ``where`` a location per line when
    the line number alone is not enough (PDF page, Word table)."""

    file: str
    header: list[str]
    rows: list[tuple[int, list[str]]]
    original_header: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    how: dict = field(default_factory=dict)
    where: dict[int, str] = field(default_factory=dict)
    decimal_comma: bool = False
    edition_hint: str | None = None

    def records(self) -> list[tuple[int, dict[str, str]]]:
        return [(line, dict(zip(self.header, cells + [""] * (len(self.header) - len(cells)))))
                for line, cells in self.rows]


def kind_of_file(data: bytes, name: str) -> str:
    """'xlsx', 'xls', 'docx', 'pdf', 'text' (plan appendix) or 'csv', from the bytes first, then the name."""
    from pii.pipeline.readers_xlsx import is_old_xls

    low = name.lower()
    if data[:5] == b"%PDF-" or low.endswith(".pdf"):
        return "pdf"
    if is_old_xls(data, name):
        return "xls"
    if data[:4] == XLSX_MAGIC or low.endswith((".xlsx", ".xlsm", ".docx")):
        return "docx" if low.endswith(".docx") or b"word/document.xml" in data[:4000] else "xlsx"
    return "csv"


def read_table(data: bytes, name: str, sheet: str | None = None) -> RawTable:
    """CSV, XLSX, DOCX or PDF bytes -> RawTable (``problems`` set when unreadable)."""
    got = read_grid(data, name, sheet)
    if isinstance(got, Problem):
        return RawTable(name, [], [], problems=[got])
    return table_from_grid(name, got)


def read_grid(data: bytes, name: str, sheet: str | None = None) -> Grid | Problem:
    """The file's cells as its reader gives them, before any header is looked for (the layout is decided on
    this grid: pii.pipeline.layout_detect)."""
    from pii.pipeline import readers_csv, readers_docs, readers_xlsx

    if len(data) > MAX_BYTES:
        return Problem.of(name, None, None, "fmt_too_large", size=f"{len(data) / 1e6:.1f}",
                          limit=MAX_BYTES // (1024 * 1024))
    if not data.strip(b"\xef\xbb\xbf\xff\xfe \r\n\t\x00"):
        return Problem.of(name, None, None, "fmt_empty")
    kind = kind_of_file(data, name)
    got: Grid | Problem
    if kind == "xls":
        got = readers_xlsx.old_xls_problem(name, data)
    elif kind == "xlsx":
        got = readers_xlsx.read_xlsx(data, name, sheet)
    elif kind == "docx":
        got = readers_docs.read_docx(data, name)
    elif kind == "pdf":
        got = readers_docs.read_pdf(data, name)
    else:
        got = readers_csv.read_csv(data, name)
    return got


def normalise_header(h: str) -> str:
    return re.sub(r"\s+", "_", str(h).strip().lstrip("\ufeff").lower())


def _text(c: object) -> str:
    return c if isinstance(c, str) and hasattr(c, "value") else str(c).strip()  # keep numeric cells as they are


def table_from_grid(name: str, grid: Grid) -> RawTable:
    """Find the header, drop blank, repeated-header and wrapped rows, decide the decimal separator."""
    from pii.pipeline.readers_csv import decimal_of

    keep = [i for i, r in enumerate(grid.rows) if any(str(c).strip() for c in r)]
    if not keep:
        return RawTable(name, [], [], problems=[Problem.of(name, None, None, "fmt_empty")], how=dict(grid.how))
    header = find_header(grid.rows, grid.spans)
    if header is None:  # no recognisable header: the first row is the header (the checks then say what is missing)
        first = keep[0]
        cols, labels, hrows, edition = ([normalise_header(h) for h in grid.rows[first]],
                                        [str(h) for h in grid.rows[first]], [first], None)
    else:
        cols, labels, hrows, edition = header.columns, header.labels, header.rows, header.edition
    how = dict(grid.how)
    how["header_rows"] = [grid.lines[i] for i in hrows]
    how["header"] = [lab for lab in labels if lab]
    if hrows[0] > keep[0]:
        how["title_rows"] = [grid.lines[i] for i in keep if i < hrows[0]]
    table = RawTable(name, cols, [], original_header=labels, how=how, edition_hint=edition)
    width = len(cols)
    skipped_repeat, merged = [], []
    last_data: list[str] | None = None
    for i in keep:
        if i <= hrows[-1]:
            continue
        ln = grid.lines[i]
        cells = [_text(c) for c in grid.rows[i]]
        if header is not None and is_repeat(cells, header, grid.rows):
            skipped_repeat.append(ln)
            continue
        rec = dict(zip(cols, cells))
        figures = [rec.get(k, "") for k in ("score", "rank", "code", "province", "edition")]
        if last_data is not None and header is not None and not any(str(f).strip() for f in figures) \
                and "name" in cols:
            # a row cut by a page break (or a wrapped cell): its text belongs to the row above
            for j, c in enumerate(cells[:len(last_data)]):
                if c and not hasattr(c, "value"):
                    last_data[j] = f"{last_data[j]} {c}".strip()
            merged.append(ln)
            continue
        f_cols = grid.formulas[i] if grid.formulas is not None else []
        for j in f_cols:
            table.problems.append(Problem.of(name, ln, _col(table, j), "fmt_formula_cell", value=str(cells[j])[:120]))
        if grid.formulas is None:
            for j, c in enumerate(cells):
                if c.startswith(FORMULA_START):
                    table.problems.append(Problem.of(name, ln, _col(table, j), "fmt_formula_start", value=str(c)[:120]))
        if len(cells) > width and any(str(c).strip() for c in cells[width:]):
            table.problems.append(Problem.of(name, ln, None, "fmt_row_too_wide", cells=len(cells), width=width))
        table.rows.append((ln, cells))
        if grid.where:
            table.where[ln] = grid.where[i]
        last_data = cells
    if skipped_repeat:
        how["repeated_headers"] = skipped_repeat
    if merged:
        how["merged_rows"] = merged
    fig_cols = [j for j, c in enumerate(cols) if c in ("score", "value")]
    values = [cells[j] for _, cells in table.rows for j in fig_cols if j < len(cells)]
    comma, n_comma, n_point = decimal_of(values, how.get("delimiter"))
    table.decimal_comma = comma
    how["decimal"] = "comma" if comma else "point"
    how["decimal_counts"] = (n_comma, n_point)
    if not table.rows:
        table.problems.append(Problem.of(name, None, None, "fmt_header_only"))
    return table


def _col(table: RawTable, j: int) -> str:
    return table.original_header[j] if j < len(table.original_header) else f"#{j + 1}"


def parse_number(text: str, file: str, line: int, col: str, problems: list[Problem],
                 decimal_comma: bool = False) -> float | None:
    """A figure cell -> float, strictly (see :mod:`pii.pipeline.numbers`); a numeric XLSX cell as it is."""
    if hasattr(text, "value"):
        return float(text.value)  # type: ignore[attr-defined]
    return numbers.parse_number(text, file, line, col, problems, decimal_comma=decimal_comma)
