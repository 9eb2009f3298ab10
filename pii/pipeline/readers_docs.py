"""Appendix tables in Word (.docx, python-docx) and in PDF with a text layer (pdfplumber).

Both give a grid of cell texts; the header, local numbering and name matching
are shared with spreadsheets. A table that runs over several pages repeats its
header on each page (dropped as a repeat later) and may split a row across a page
break (its continuation, a row with text but no number and no code, is merged into
the row above later). A scanned PDF has no text layer: it is refused with a clear
message; there is no OCR (a misread digit would publish a wrong figure).
"""

from __future__ import annotations

import io
import re
import zipfile

from pii.pipeline import limits
from pii.pipeline.grid import Grid
from pii.pipeline.headers import find_header
from pii.pipeline.problems import Problem


def _text(cell: str | None) -> str:
    # a cell wrapped over lines is one value: join its lines
    return re.sub(r"\s*\n\s*", " ", cell or "").strip()


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_GONE = (_W + "del", _W + "moveFrom")  # tracked deletions and moves away: Word does not show them


def _hidden_run(run: object) -> bool:
    rpr = run.find(_W + "rPr")  # type: ignore[attr-defined]
    for tag in ("vanish", "webHidden"):
        mark = rpr.find(_W + tag) if rpr is not None else None
        if mark is not None and mark.get(_W + "val", "true").lower() not in ("false", "0", "off"):
            return True
    return False


def _shown_text(tc: object, hidden: list[int]) -> str:
    """What Word shows in a cell (issue 22): tracked insertions read, tracked deletions and hidden text
    (w:vanish) not; python-docx's ``cell.text`` did the opposite for both. ``hidden`` counts hidden runs."""
    paragraphs = []
    for p in tc.iterchildren(_W + "p"):  # type: ignore[attr-defined]
        buf = []
        for run in p.iter(_W + "r"):
            if any(a.tag in _GONE for a in run.iterancestors()):
                continue
            if _hidden_run(run):
                if any((t.text or "").strip() for t in run.iter(_W + "t")):
                    hidden[0] += 1
                continue
            for ch in run:
                if ch.tag == _W + "t":
                    buf.append(ch.text or "")
                elif ch.tag in (_W + "tab", _W + "br", _W + "cr"):
                    buf.append(" ")
        paragraphs.append("".join(buf))
    return "\n".join(paragraphs)


def read_docx(data: bytes, name: str) -> Grid | Problem:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError, PackageNotFoundError):  # type: ignore[misc]
        # SyntaxError: lxml's XML errors ("Excessive depth" past 256 levels: limits refuses deep tables first)
        return Problem.of(name, None, None, "imp_word_unreadable")
    rows, spans, lines, where, used = [], [], [], [], []
    width = None
    hidden = [0]
    for t, table in enumerate(document.tables, start=1):
        grid_rows, grid_spans = [], []
        above: list[object] = []
        for row in table.rows:
            cells = row.cells  # a merged cell is returned once per grid column it covers
            seen, plain, spanned = set(), [], []
            for j, cell in enumerate(cells):
                tc = cell._tc
                text = _text(_shown_text(tc, hidden))
                spanned.append(text)
                repeat = id(tc) in seen or (j < len(above) and above[j] is tc)
                plain.append("" if repeat else text)
                seen.add(id(tc))
            above = [c._tc for c in cells]
            grid_rows.append(plain)
            grid_spans.append(spanned)
        header = find_header(grid_rows, grid_spans)
        if header is None and not (width and grid_rows and len(grid_rows[0]) == width):
            continue  # a table that is not the appendix (signatures, a layout table)
        width = width or (len(grid_rows[0]) if grid_rows else None)
        used.append(t)
        for r, (plain, spanned) in enumerate(zip(grid_rows, grid_spans), start=1):
            rows.append(plain)
            spans.append(spanned)
            lines.append(len(rows))
            where.append(f"table {t}, row {r}")
    if not rows:
        return Problem.of(name, None, None, "docx_no_table")
    return Grid(rows, lines, where=where, spans=spans, how={"format": "docx", "tables": used,
                                                            "tables_in_file": len(document.tables),
                                                            "hidden_text": hidden[0]})


def _page_tables(page: object) -> list[list[list[str | None]]]:
    """The ruled tables of a page. A row cut by the page break has side borders but no bottom border on
    this page, so the finder would drop it (and its figures) silently: close it with a line under its text."""
    found = page.find_tables()  # type: ignore[attr-defined]
    if found:
        x0, _, x1, bottom = max((tb.bbox for tb in found), key=lambda b: b[3])
        below = [c for c in page.chars if c["top"] > bottom and x0 <= c["x0"] <= x1]  # type: ignore[attr-defined]
        sides = [e for e in page.edges if e["orientation"] == "v" and e["bottom"] > bottom + 2]  # type: ignore
        if below and sides:
            found = page.find_tables({"explicit_horizontal_lines": [max(c["bottom"] for c in below) + 1]})  # type: ignore
    return [tb.extract() for tb in found]


def read_pdf(data: bytes, name: str) -> Grid | Problem:
    import pdfplumber

    rows, lines, where = [], [], []
    pages_with_table = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            n_pages = len(pdf.pages)
            if n_pages > limits.MAX_PDF_PAGES:  # the parser's own count: object streams and /P#61ge too (issue 22)
                return Problem.of(name, None, None, "lim_pdf_pages", n=n_pages, limit=limits.MAX_PDF_PAGES)
            chars = 0
            for p, page in enumerate(pdf.pages, start=1):
                chars += len(page.chars)
                tables = _page_tables(page)
                if not tables and page.chars:  # tables drawn without rules: align on the text instead
                    tables = page.extract_tables({"vertical_strategy": "text", "horizontal_strategy": "text"})
                for table in tables:
                    if not table or len(table[0]) < 3:
                        continue
                    pages_with_table.append(p)
                    for r, row in enumerate(table, start=1):
                        rows.append([_text(c) for c in row])
                        lines.append(len(rows))
                        where.append(f"page {p}, row {r}")
    except MemoryError:
        raise  # the worker's memory limit: reported as "too big", not as a damaged file
    except Exception as err:  # noqa: BLE001 - pdfminer raises many kinds of error on a damaged file
        # the parser's own words ("'NoneType' object is not iterable") mean nothing to the user: say what to do
        if "password" in f"{type(err).__name__} {err!r} {getattr(err, '__cause__', '')!r}".lower():
            return Problem.of(name, None, None, "pdf_password")  # not "damaged": it has a password (issue 22)
        return Problem.of(name, None, None, "imp_pdf_unreadable")
    if chars == 0:
        return Problem.of(name, None, None, "docx_pdf_no_text")
    if not rows:
        return Problem.of(name, None, None, "docx_pdf_no_table")
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return Grid(rows, lines, where=where, how={"format": "pdf", "pages": n_pages,
                                               "pages_with_table": sorted(set(pages_with_table))})
