"""Limits checked on the raw bytes of an upload BEFORE any parser sees them (issue 12).

A hostile or careless file must cost a bounded amount of time and memory. The
parsers (csv, openpyxl, python-docx, pypdf) are not bounded by themselves: a
2 MB XLSX can declare 16,384 columns that openpyxl pads every row to, a zip
"bomb" inflates to gigabytes, an XML entity expands a billion times. So:

- size: at most ``MAX_BYTES`` (20 MB);
- zip containers (XLSX, DOCX): the central directory is read without
  extracting anything: at most ``MAX_ZIP_MEMBERS`` members, ``MAX_UNZIPPED``
  bytes in total and a compression ratio of at most ``MAX_RATIO`` for any
  member bigger than 1 MB; every XML part is streamed once (bounded by the
  sizes just checked) and refused if it declares a DTD or an entity (OOXML
  never needs one: that is the billion-laughs and external-entity attack);
- XLSX: the sheet's declared dimension and its real rows and cells are
  counted by streaming the sheet XML: at most ``MAX_ROWS`` rows,
  ``MAX_COLUMNS`` columns and ``MAX_CELLS`` cells;
- DOCX: at most ``MAX_DOCX_TABLES`` tables (deeply nested tables are the attack);
- CSV / text: at most ``MAX_ROWS`` lines, ``MAX_CELLS`` cells and
  ``MAX_LINE_CHARS`` characters on one line;
- PDF: at most ``MAX_PDF_PAGES`` page objects.

Anything else a parser might do is bounded by the worker process
(:mod:`pii.pipeline.sandbox`): memory and time limits, killed when exceeded.
"""

from __future__ import annotations

import io
import re
import zipfile

from pii import fmt
from pii.pipeline.problems import Problem

MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_ZIP_MEMBERS = 1000
# a full PII edition in the long template is ~ 63 units x 80 codes = 5,040 rows, so 30,000 holds six editions; the
# check needs ~6 KB per row (measured: 30,000 rows peak at 295 MB in the worker), and 45,000 rows ran out of the
# worker's 512 MB with "needed more than 512 MB" — the limit now says what is wrong instead
MAX_ROWS = 30_000
MAX_COLUMNS = 200
MAX_CELLS = 1_000_000
MAX_LINE_CHARS = 10_000
MAX_CELL_CHARS = 1_000  # checked on each cell after reading (pii.pipeline.importer)
MAX_DOCX_TABLES = 1_000
MAX_TABLE_DEPTH = 10  # tables inside tables (issue 22: 90 deep crashed the reader, lxml stops at 256 levels)
MAX_XML_DEPTH = 200  # any element nesting (lxml refuses more than 256 without its 'huge' option)
MAX_PDF_PAGES = 500
ZIP_MAGIC = b"PK\x03\x04"
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?\"")
_TBL = re.compile(rb"<w:tbl[\s>]")
_SHEET_ROOT = re.compile(rb"<(?:\w+:)?worksheet[\s>]")
# a cell reference past column GR (the 200th): GS..GZ, HA..ZZ, or three letters
_WIDE_CELL = re.compile(rb'\sr="((?:G[S-Z]|[H-Z][A-Z]|[A-Z]{3})[A-Z]*)\d+"')
_TAG = re.compile(rb"<(/?)([A-Za-z][\w.:-]*)[^<>]*?(/?)>")
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_CHUNK = 1 << 20


def _mb(n: float, lang: str = "en") -> str:
    return f"{fmt.number(n / (1024 * 1024), lang, decimals=1)} MB"  # 1.024,0 MB in Vietnamese


def check_upload(data: bytes, name: str) -> list[Problem]:
    """Problems that refuse ``data`` before parsing (an empty list: go on and parse)."""
    if len(data) > MAX_BYTES:
        return [Problem.of(name, None, None, "lim_too_large", size=f"{len(data) / 1e6:.1f}",
                           limit=MAX_BYTES // (1024 * 1024))]
    if data[:4] == ZIP_MAGIC:
        return _check_zip(data, name)
    if data[:5] == b"%PDF-":
        n = len(_PAGE.findall(data))
        if n > MAX_PDF_PAGES:
            return [Problem.of(name, None, None, "lim_pdf_pages", n=n, limit=MAX_PDF_PAGES)]
        return []
    return _check_text(data, name)


def _check_text(data: bytes, name: str) -> list[Problem]:
    if b"\n" not in data and b"\r" in data:  # Excel for Mac's CSV: lines end with CR alone (issue 22)
        data = data.replace(b"\r", b"\n")
    lines = data.count(b"\n") + 1
    if lines > MAX_ROWS:
        return [Problem.of(name, MAX_ROWS + 1, None, "lim_text_lines", n=f"{lines:,}", limit=f"{MAX_ROWS:,}")]
    cells = max(data.count(b","), data.count(b";"), data.count(b"\t")) + lines  # whichever is the separator
    if cells > MAX_CELLS:
        return [Problem.of(name, None, None, "lim_text_cells", n=f"{cells:,}", limit=f"{MAX_CELLS:,}")]
    start = 0
    for line_no in range(1, lines + 1):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > MAX_LINE_CHARS * 4:  # bytes; a UTF-8 character is at most 4
            return [Problem.of(name, line_no, None, "lim_line_too_long", n=f"{end - start:,}",
                               limit=f"{MAX_LINE_CHARS:,}")]
        start = end + 1
    return []


def _check_zip(data: bytes, name: str) -> list[Problem]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as err:
        return [Problem.of(name, None, None, "lim_broken_zip", err=err)]
    if len(infos) > MAX_ZIP_MEMBERS:
        return [Problem.of(name, None, None, "lim_zip_members", n=len(infos), limit=MAX_ZIP_MEMBERS)]
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        # left inline: the sizes are written per language (1.024,0 MB / 1,024.0 MB), one field dict cannot hold both
        return [Problem(name, None, None,
                        f"giải nén ra {_mb(total, 'vi')}; giới hạn là {_mb(MAX_UNZIPPED, 'vi')} (tệp nén bất thường)",
                        f"it unpacks to {_mb(total)}; the limit is {_mb(MAX_UNZIPPED)} (a zip bomb?)")]
    for i in infos:
        if i.file_size > _CHUNK and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            ratio = i.file_size / max(i.compress_size, 1)
            return [Problem.of(name, None, None, "lim_zip_ratio", value=i.filename[:120], part=i.filename,
                               ratio=f"{ratio:,.0f}", limit=MAX_RATIO)]
    problems: list[Problem] = []
    rows = cells = tables = 0
    try:
        for i in infos:
            lower = i.filename.lower()
            if not lower.endswith((".xml", ".rels", ".vml")):
                continue
            is_sheet = lower.startswith("xl/worksheets/")
            is_doc = lower.startswith("word/")
            with zf.open(i) as fh:
                tail = b""
                head_done = False
                seen = 0
                nest = _Nesting()
                while chunk := fh.read(_CHUNK):
                    seen += len(chunk)
                    if seen > i.file_size or seen > MAX_UNZIPPED:  # a directory that lies about the size
                        return [Problem.of(name, None, None, "lim_zip_size_lie", value=i.filename[:120],
                                           part=i.filename)]
                    buf = tail + chunk
                    if _DTD.search(buf):
                        return [Problem.of(name, None, None, "lim_xml_dtd", value=i.filename[:120],
                                           part=i.filename)]
                    if not head_done and not is_sheet and _SHEET_ROOT.search(buf[:4096]):
                        is_sheet = True  # a worksheet stored under an odd path (issue 22): counted all the same
                    if is_sheet:
                        if not head_done:
                            head_done = True
                            problems += _dimension(buf, name, i.filename)
                        wide = _WIDE_CELL.search(buf, max(0, len(tail)))
                        if wide:  # openpyxl pads every row to the widest cell, <dimension> or not (issue 22)
                            ref = wide.group(0)[4:-1].decode("ascii", "replace")
                            return [Problem.of(name, None, None, "lim_sheet_wide_cell", value=ref, ref=ref,
                                               col=f"{_col_number(wide.group(1)):,}", limit=MAX_COLUMNS)]
                        # count in the new bytes only (tags never exceed the 32-byte overlap kept)
                        rows += len(_ROW.findall(buf, max(0, len(tail))))
                        cells += len(_CELL.findall(buf, max(0, len(tail))))
                    if is_doc:
                        tables += len(_TBL.findall(buf, max(0, len(tail))))
                    if not is_sheet:  # sheets: flat by structure, and ~5x slower to walk; a reader error is caught
                        nest.feed(chunk)
                    if nest.tables > MAX_TABLE_DEPTH:
                        return [Problem.of(name, None, None, "lim_docx_nesting", n=f"{nest.tables:,}",
                                           limit=MAX_TABLE_DEPTH)]
                    if nest.deepest > MAX_XML_DEPTH:
                        return [Problem.of(name, None, None, "lim_xml_depth", value=i.filename[:120],
                                           part=i.filename, n=f"{nest.deepest:,}", limit=MAX_XML_DEPTH)]
                    tail = buf[-32:]
                    if problems:
                        return problems
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as err:
        return [Problem.of(name, None, None, "lim_broken_zip", err=err)]
    if rows > MAX_ROWS:
        problems.append(Problem.of(name, MAX_ROWS + 1, None, "lim_sheet_rows", n=f"{rows:,}", limit=f"{MAX_ROWS:,}"))
    elif cells > MAX_CELLS:
        problems.append(Problem.of(name, None, None, "lim_sheet_cells", n=f"{cells:,}", limit=f"{MAX_CELLS:,}"))
    if tables > MAX_DOCX_TABLES:
        problems.append(Problem.of(name, None, None, "lim_docx_tables", n=f"{tables:,}",
                                   limit=f"{MAX_DOCX_TABLES:,}"))
    return problems


class _Nesting:
    """How deep the elements (and Word tables) of one XML part nest, fed chunk by chunk (issue 22)."""

    def __init__(self) -> None:
        self.carry, self.depth, self.deepest, self.tbl, self.tables = b"", 0, 0, 0, 0

    def feed(self, chunk: bytes) -> None:
        data = self.carry + chunk
        cut = data.rfind(b"<")
        if cut > data.rfind(b">"):  # a tag cut by the chunk's end: read it with the next chunk
            data, self.carry = data[:cut], data[cut:][:4096]
        else:
            self.carry = b""
        for m in _TAG.finditer(data):
            if m.group(1):
                self.depth -= 1
                if m.group(2) == b"w:tbl":
                    self.tbl -= 1
            elif not m.group(3):
                self.depth += 1
                self.deepest = max(self.deepest, self.depth)
                if m.group(2) == b"w:tbl":
                    self.tbl += 1
                    self.tables = max(self.tables, self.tbl)


def _col_number(letters: bytes | None) -> int:
    n = 0
    for ch in letters or b"A":
        n = n * 26 + (ch - 64)
    return n


def _dimension(head: bytes, name: str, part: str) -> list[Problem]:
    """The sheet's declared size: openpyxl's read-only reader pads every row to it."""
    m = _DIMENSION.search(head)
    if not m or not m.group(3):
        return []
    n_cols = _col_number(m.group(3)) - _col_number(m.group(1)) + 1
    n_rows = int(m.group(4)) - int(m.group(2) or 1) + 1
    ref = m.group(0).split(b'"')[1].decode("ascii", "replace")
    if n_cols > MAX_COLUMNS or n_rows > MAX_ROWS or n_cols * n_rows > MAX_CELLS:
        return [Problem.of(name, None, None, "lim_sheet_range", value=part[:120], ref=ref, rows=f"{n_rows:,}",
                           cols=f"{n_cols:,}", max_rows=f"{MAX_ROWS:,}", max_cols=MAX_COLUMNS)]
    return []
