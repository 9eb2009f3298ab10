"""Report profiles (issue 19): the Ministry's PII report, one section of two or three pages per unit, in PDF
(with a text layer) or Word.

Each section's heading names its unit ("HỒ SƠ PII 2023 — TỈNH THÁI NGUYÊN"); the title or the headings name
the edition ("… NĂM 2023"); the section's table is numbered as in the appendices (I, 1, 1.1 or full codes
I.1.1) with a score and a rank per row. The text is read line by line, so a page costs little:

- PDF: pypdfium2 (PDFium's text layer; chosen over pdfplumber and pdfminer.six for CPU and memory — measured
  in the README); each line keeps its page.
- Word: python-docx, paragraphs and tables in document order; each line keeps its table number.

The rows then go through the long layout's checks like any other file (pii.pipeline.layout_wide.Cells maps
each figure back to its page, unit and measure).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pii.pipeline import progress
from pii.pipeline.headers import key
from pii.pipeline.import_formats import RawTable
from pii.pipeline.layout_wide import LONG_HEADER, Cells
from pii.pipeline.names import ProvinceMatcher
from pii.pipeline.problems import Problem

_CODE = r"(?:PII|INPUT|OUTPUT|[IVX]{1,4}(?:\.\d{1,2}){0,2}|\d{1,2}(?:\.\d{1,2})?)"
_ROW = re.compile(rf"^({_CODE})\.?\s+(.*?)\s+(\d{{1,3}}(?:[.,]\d{{1,4}})?)\s+(\d{{1,2}})(?:\s*/\s*\d{{1,2}})?$")
_YEAR = re.compile(r"\b(?:nam|pii|edition|ky)\s+(20\d\d)\b")
_HEADING_PREFIX = re.compile(r"^.*?(?:[:–—-]\s+)", re.UNICODE)


@dataclass
class Line:
    text: str
    place: str  # "page 12" / "table 4"


MAX_STREAM = 16 << 20  # a report page's content stream is well under 1 MB unpacked


def _streams_small(data: bytes, cap: int = MAX_STREAM) -> bool:
    """Every Flate stream unpacks to at most ``cap`` bytes (counted by inflating with a bound, never in full):
    PDFium would unpack a 256 MiB bomb stream whole, past the worker's memory."""
    import zlib

    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        if end < 0:
            break
        z = zlib.decompressobj()
        try:
            z.decompress(data[m.end():end], cap)
        except zlib.error:
            continue  # not Flate (or damaged): PDFium decides
        if z.unconsumed_tail:
            return False
    return True


def pdf_lines(data: bytes) -> list[Line] | None:
    """Every text line of a PDF with its page; None when the file has no text layer, cannot be read, or holds
    a stream too big to unpack (the appendix reader then gives its own message)."""
    import pypdfium2 as pdfium

    if not _streams_small(data):
        return None

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception:  # noqa: BLE001 - PDFium's errors mean nothing to the user; the caller says what to do
        return None
    out: list[Line] = []
    try:
        n = len(pdf)
        for i in range(n):
            page = pdf[i]
            text = page.get_textpage().get_text_range()
            out += [Line(s.strip(), f"page {i + 1}") for s in re.split(r"\r\n|\n|\r", text) if s.strip()]
            if i % 10 == 0:
                progress.step("pages", i, n)
    finally:
        pdf.close()
    return out or None


def docx_lines(data: bytes) -> list[Line] | None:
    """Paragraphs and table rows of a Word file in document order (a table row's cells joined by spaces)."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        doc = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - a damaged file: the caller says what to do
        return None
    out: list[Line] = []
    n_table = 0
    for el in doc.element.body.iterchildren():
        if el.tag.endswith("}p"):
            text = Paragraph(el, doc).text.strip()
            if text:
                out.append(Line(text, f"table {n_table}" if n_table else "title"))
        elif el.tag.endswith("}tbl"):
            n_table += 1
            for row in Table(el, doc).rows:
                cells = [c.text.strip() for c in row.cells]
                out.append(Line(" ".join(c for c in cells if c), f"table {n_table}"))
    return out or None


@dataclass
class Profiles:
    edition: str | None
    sections: list[tuple[str, str, list[tuple[Line, re.Match]]]]  # (unit as printed, heading place, rows)


def find_profiles(lines: list[Line], matcher: ProvinceMatcher) -> Profiles:
    """Sections headed by a unit's name, each with its table rows."""
    edition = None
    sections: list[tuple[str, str, list]] = []
    skip = False
    for i, ln in enumerate(lines):
        if skip:
            skip = False
            continue
        m = _ROW.match(ln.text)
        if not m and i + 1 < len(lines) and re.fullmatch(r"\d{1,2}", lines[i + 1].text):
            # the rank set on a line of its own (PDF text order at the foot of a page): one row
            m = _ROW.match(f"{ln.text} {lines[i + 1].text}")
            skip = m is not None
        if m and sections:
            sections[-1][2].append((ln, m))
            continue
        if edition is None and (y := _YEAR.search(key(ln.text))):
            edition = y.group(1)
        unit = _unit_of_heading(ln.text, matcher)
        if unit:
            sections.append((unit, f"{ln.place} ({len(sections) + 1})", []))
    return Profiles(edition, [s for s in sections if s[2]])


def _unit_of_heading(text: str, matcher: ProvinceMatcher) -> str | None:
    """The unit a heading names: 'HỒ SƠ PII 2023 — TỈNH THÁI NGUYÊN' -> 'TỈNH THÁI NGUYÊN' (matched)."""
    if len(text) > 120:
        return None
    for cand in (text, _HEADING_PREFIX.sub("", text), text.split(":")[-1], text.split("—")[-1]):
        cand = cand.strip(" .:")
        if cand and matcher.match(cand):
            return cand
    return None


def to_table(profiles: Profiles, name: str, edition: str, source: str) -> tuple[RawTable, Cells]:
    """Long rows, one per unit and measure; each figure keeps its page (or table), unit and code."""
    from pii.pipeline.import_rows import expand_code

    table = RawTable(name, list(LONG_HEADER), [], original_header=list(LONG_HEADER))
    cells = Cells()
    k = 0
    for unit, heading, rows in profiles.sections:
        state: dict[str, str] = {}
        for ln, m in rows:
            k += 1
            code = expand_code(m.group(1), state) or m.group(1)
            table.rows.append((k, [edition, unit, code, m.group(3), m.group(4), source]))
            cells.line[k] = k
            cells.place[k] = ln.place
            cells.unit[k] = unit
            cells.code[k] = code
            cells.label[(k, "section")] = heading  # where the unit's section starts (a unit twice: both)
            for col, label in (("score", "Điểm số"), ("rank", "Xếp hạng"), ("code", "STT")):
                cells.label[(k, col)] = label
    from pii.pipeline.readers_csv import decimal_of

    table.decimal_comma, n_comma, n_point = decimal_of([r[3] for _, r in table.rows], None)
    table.how.update({"decimal": "comma" if table.decimal_comma else "point", "decimal_counts": (n_comma, n_point)})
    return table, cells


def read_profiles(data: bytes, name: str, fmt: str, matcher: ProvinceMatcher) -> Profiles | Problem | None:
    lines = pdf_lines(data) if fmt == "pdf" else docx_lines(data)
    if lines is None:
        return None
    found = find_profiles(lines, matcher)
    pages = {ln.place for ln in lines}
    found.pages = len(pages)  # type: ignore[attr-defined]
    return found
