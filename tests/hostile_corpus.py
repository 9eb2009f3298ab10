"""Hostile files for the import (issue 12): the small ones are written once into
tests/bad_inputs/ (``python -m tests.hostile_corpus``), the big ones are made at
test time by :data:`GENERATED` (never committed: megabytes to gigabytes).

Each entry: (file name, bytes, row, column, message_en substring, what it is).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

HEADER = "edition,province,code,score,rank,source\n"
SRC = "https://example.org/pii-2024-report"
CORPUS = Path(__file__).resolve().parent / "bad_inputs"


def _csv_row(**over: str) -> bytes:
    row = {"edition": "2024", "province": "Hà Nội", "code": "I.1.1", "score": "55.5", "rank": "", "source": SRC}
    row.update(over)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(row.values())
    return (HEADER + buf.getvalue()).encode("utf-8")


def _xlsx(rows: list[list[object]] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows or [HEADER.strip().split(","), [2024, "Hà Nội", "I.1.1", 55.5, None, SRC]]:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None], add: dict[str, bytes] | None = None,
           level: int = 6) -> bytes:
    """A copy of the zip ``data`` with each part passed through ``change`` (None drops it)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as dst:
        for info in src.infolist():
            body = change(info.filename, src.read(info))
            if body is not None:
                dst.writestr(info.filename, body)
        for k, v in (add or {}).items():
            dst.writestr(k, v)
    return out.getvalue()


def _sheet_with(prolog: bytes, cell_text: str | None = None) -> bytes:
    def change(name: str, body: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            body = body.replace(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>", b"")
            body = re.sub(rb"^<\?xml[^>]*\?>", b"", body)
            return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + prolog + body
        return body
    return _rezip(_xlsx(), change)


BILLION_LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10)) + b"]>\n")
XXE = b'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def _prolog(body: bytes, dtd: bytes) -> bytes:
    """``dtd`` placed where a DTD goes: after the XML declaration, or first."""
    m = re.match(rb"<\?xml[^>]*\?>", body)
    return body[:m.end()] + dtd + body[m.end():] if m else dtd + body


def _dimension(ref: bytes) -> bytes:
    def change(name: str, body: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="' + ref + b'"/>', body)
        return body
    return _rezip(_xlsx(), change)


def _docx(body_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
                   b'openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body_xml + b"</w:body></w:document>")
    return out.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    out = b"%PDF-1.4\n"
    for i, obj in enumerate(objects, start=1):
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    return out + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _escaped_page_pdf(n: int = 600) -> bytes:
    """600 pages whose /Type is written /P#61ge (the same name to a PDF parser; a byte search misses it)."""
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(n))
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n]
                + [b"<< /Type /P#61ge /Parent 2 0 R /MediaBox [0 0 10 10] >>"] * n)


def _wide_cell_xlsx() -> bytes:
    """No <dimension>, one cell at XFD3: openpyxl pads every row to 16,384 columns."""
    return _rezip(_xlsx(), lambda n, b: re.sub(rb'<dimension ref="[^"]*"\s*/>', b"", b).replace(
        b"</sheetData>", b'<row r="3"><c r="XFD3"><v>1</v></c></row></sheetData>')
        if n == "xl/worksheets/sheet1.xml" else b)


def _framework_named(name: str) -> bytes:
    return f"edition,code,level,parent_code,name_vi,name_en\n2026,PII,pii,,{name},Index\n".encode()


# (file, bytes, row, column, message_en contains, what) — small enough to commit
SMALL: list[tuple[str, bytes, str, str, str, str]] = [
    ("formula_plus_province.csv", _csv_row(province="+HYPERLINK(\"http://evil.example\")"), "2", "province",
     "starts with = + - @", "name starting with +"),
    ("formula_minus_province.csv", _csv_row(province="-2+3+cmd|' /C calc'!A0"), "2", "province",
     "starts with = + - @", "DDE payload starting with -"),
    ("formula_at_source.csv", _csv_row(source="@SUM(1+1)*cmd|' /C calc'!A0"), "2", "source", "formula",
     "source starting with @"),
    ("formula_tab_province.csv", _csv_row(province="\t=1+1"), "2", "province", "formula",
     "name starting with a tab"),
    ("formula_plus_code.csv", _csv_row(code="+I.1.1"), "2", "code", "starts with = + - @", "code starting with +"),
    ("source_hyperlink_url.csv", _csv_row(source='http://=HYPERLINK("http://evil.example","x")'), "2", "source",
     "http:// or https://", "source URL http://=HYPERLINK(...)"),
    ("source_javascript.csv", _csv_row(source="javascript:alert(document.cookie)"), "2", "source",
     "http:// or https://", "javascript: source"),
    ("source_file_url.csv", _csv_row(source="file:///etc/passwd"), "2", "source", "http:// or https://",
     "file: source"),
    ("source_data_url.csv", _csv_row(source="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="), "2",
     "source", "http:// or https://", "data: source"),
    ("source_userinfo_url.csv", _csv_row(source="https://kh152@evil.example/report"), "2", "source",
     "http:// or https://", "URL hiding its host behind user@"),
    ("markdown_link_province.csv", _csv_row(province="[Đăng nhập lại](https://evil.example/x)"), "2", "province",
     "HTML/Markdown", "Markdown link as a name"),
    ("markdown_image_province.csv", _csv_row(province="![x](https://evil.example/p.png)"), "2", "province",
     "HTML/Markdown", "Markdown image as a name"),
    ("html_img_onerror_province.csv", _csv_row(province="<img src=x onerror=alert(1)>"), "2", "province",
     "HTML/Markdown", "HTML tag with a handler"),
    ("markdown_heading_code.csv", _csv_row(code="# I.1.1"), "2", "code", "HTML/Markdown", "Markdown heading"),
    ("control_escape_province.csv", _csv_row(province="Hà\x1b[31mNội"), "2", "province", "control",
     "terminal escape in a name"),
    ("bidi_override_province.csv", _csv_row(province="\u202eiộN àH"), "2", "province", "control",
     "right-to-left override"),
    ("zero_width_code.csv", _csv_row(code="I.1\u200b.1"), "2", "code", "control", "zero-width space in a code"),
    ("vertical_tab_cell.csv", _csv_row(province="Hà Nội\x0bHải Phòng"), "2", "province", "control",
     "vertical tab inside a cell"),
    ("overlong_cell.csv", _csv_row(province="Hà Nội " * 800), "2", "province", "cell too long",
     "5,600-character name"),
    ("overlong_line.csv", (HEADER + "2024,Hà Nội,I.1.1,55.5,," + "x" * 60_000 + "\n").encode(), "2", "",
     "line too long", "one 60,000-character line"),
    ("framework_markdown_name.csv",
     "edition,code,level,parent_code,name_vi,name_en\n2026,PII,pii,,[Chỉ số](https://evil.example),Index\n"
     .encode(), "2", "name_vi", "HTML/Markdown", "framework name with a link"),
    ("framework_bare_url_name.csv", _framework_named("Chỉ số https://evil.example/x"), "2", "name_vi", "HTML/Markdown",
     "framework name with a bare URL (autolink) (issue 22)"),
    ("framework_red_directive_name.csv", _framework_named(
        ":red[CẢNH BÁO: số liệu sai - gọi 0912 345 678] :material/warning:"), "2", "name_vi", "HTML/Markdown",
     "framework name with Streamlit colour and icon directives (issue 22)"),
    ("framework_bold_katex_name.csv", _framework_named("**Chỉ số** $x^2$ ~~cũ~~"), "2", "name_vi", "HTML/Markdown",
     "framework name with bold, KaTeX and strike (issue 22)"),
    ("crosswalk_formula_note.csv", b"from_edition,from_code,to_edition,to_code,note\n2023,I.1.1,2024,I.1.1,"
     b"+cmd|' /C calc'!A0\n", "2", "note", "starts with = + - @", "crosswalk note starting with +"),
    ("escaped_page_name.pdf", _escaped_page_pdf(), "", "", "600 pages",
     "600 pages typed /P#61ge (issue 22: the byte count saw none)"),
    ("wide_cell_no_dimension.xlsx", _wide_cell_xlsx(), "", "", "column 16,384",
     "no <dimension>, one cell at XFD3 (issue 22)"),
    ("xxe_sheet.xlsx", _sheet_with(XXE), "", "", "declares an XML DTD", "external entity (XXE) in the sheet"),
    ("billion_laughs_sheet.xlsx", _sheet_with(BILLION_LAUGHS), "", "", "declares an XML DTD",
     "billion laughs in the sheet"),
    ("xxe_workbook.xlsx", _rezip(_xlsx(), lambda n, b: _prolog(b, XXE) if n == "xl/workbook.xml"
                                 else b), "", "", "declares an XML DTD",
     "external entity in workbook.xml"),
    ("xxe_content_types.xlsx", _rezip(_xlsx(), lambda n, b: _prolog(b, XXE)
                                      if n == "[Content_Types].xml" else b), "", "", "declares an XML DTD",
     "external entity in [Content_Types].xml"),
    ("huge_dimension.xlsx", _dimension(b"A1:XFD1048576"), "", "", "declares the range",
     "sheet declaring 16,384 x 1,048,576 cells"),
    ("wide_dimension.xlsx", _dimension(b"A1:XFD10"), "", "", "declares the range",
     "sheet declaring 16,384 columns (openpyxl pads every row)"),
    ("empty_zip.xlsx", _rezip(_xlsx(), lambda n, b: None), "", "", "cannot read the Excel file", "zip without parts"),
    ("billion_laughs.docx", _rezip(_docx(b"<w:p/>"), lambda n, b: b.replace(b"?>", b"?>" + BILLION_LAUGHS, 1)
            if n == "word/document.xml" else b), "", "", "declares an XML DTD", "billion laughs in a Word file"),
    ("many_pages.pdf", _pdf([b"<< /Type /Catalog >>"] + [b"<< /Type /Page >>"] * 600), "", "", "pages",
     "PDF with 600 pages"),
]


def _many_rows_csv() -> bytes:
    """16.9 MB, 4.4 million rows, each of them bad (the issue's 129 s / 4.1 GB file)."""
    row = b"x,y,z\n"
    return HEADER.encode() + row * ((int(16.9 * 1024 * 1024) - len(HEADER)) // len(row))


def _many_cells_csv() -> bytes:
    """1.2 million cells in 20,000 lines (under the line limit: the cell limit refuses it)."""
    line = ",".join(["1"] * 60).encode() + b"\n"
    return HEADER.encode() + line * 20_000


def _zip_bomb_xlsx() -> bytes:
    """A sheet part that inflates to 1 GiB of blanks from ~1 MB (ratio ~1000:1)."""
    base = _xlsx()
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, src.read(info))
        with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(src.read("xl/worksheets/sheet1.xml")[:-len("</worksheet>")])
            block = b" " * (1 << 20)
            for _ in range(1024):
                fh.write(block)
            fh.write(b"</worksheet>")
    return out.getvalue()


def _shared_string_bomb_xlsx() -> bytes:
    """~200 KB XLSX whose shared-string table holds 5 million strings (a reader that loads the table, as
    openpyxl does even to list the sheets, builds hundreds of MB of Python strings)."""
    base = _xlsx([["edition", "province"], ["2024", "Hà Nội"]])
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    n = 5_000_000
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename != "xl/sharedStrings.xml":
                dst.writestr(info.filename, src.read(info))
        with dst.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                     b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (n, n))
            block = b"<si><t>x</t></si>" * 100_000
            for _ in range(n // 100_000):
                fh.write(block)
            fh.write(b"</sst>")
    return out.getvalue()


def _workbook_bomb_xlsx() -> bytes:
    """~300 KB XLSX whose workbook.xml (the sheet list, the first part any reader opens) inflates to 300 MB."""
    return _rezip(_xlsx(), lambda n, b: b.replace(b"<sheets>", b"<sheets>" + b" " * (300 << 20), 1)
                  if n == "xl/workbook.xml" else b, level=9)


def _workbook_elements_xlsx() -> bytes:
    """~40 KB XLSX whose workbook.xml holds 4 million empty elements (a reader that builds the XML tree of the
    sheet list, as openpyxl does, needs hundreds of MB)."""
    return _rezip(_xlsx(), lambda n, b: b.replace(b"<sheets>", b"<a/>" * 4_000_000 + b"<sheets>", 1)
                  if n == "xl/workbook.xml" else b, level=9)


def _lying_zip_xlsx() -> bytes:
    """A bomb whose central directory claims tiny sizes (parsers that trust it inflate 200 MB)."""
    data = bytearray(_rezip(_xlsx(), lambda n, b: b[:-len(b"</worksheet>")] + b" " * (200 << 20) + b"</worksheet>"
                            if n == "xl/worksheets/sheet1.xml" else b, level=9))
    # patch the uncompressed size of sheet1.xml in its local header and in the central directory to 1,000
    name = b"xl/worksheets/sheet1.xml"
    for sig, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        pos = 0
        while (pos := data.find(sig, pos)) >= 0:
            n_len = int.from_bytes(data[pos + (26 if sig == b"PK\x03\x04" else 28):][:2], "little")
            if bytes(data[pos + name_at:pos + name_at + n_len]) == name:
                data[pos + size_at:pos + size_at + 4] = (1000).to_bytes(4, "little")
            pos += 4
    return bytes(data)


def _many_cells_xlsx() -> bytes:
    """~1.5 MB XLSX, 1.2 million cells and no <dimension> (only counting the cells finds it)."""
    rows = "".join(f'<row r="{r}">' + "".join(f'<c><v>{(r * 7919 + c * 104729) % 4999}</v></c>' for c in range(300))
                   + "</row>" for r in range(1, 4001))
    body = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>').encode()
    return _rezip(_xlsx(), lambda n, b: body if n == "xl/worksheets/sheet1.xml" else b, level=9)


def _many_cells_semicolon_csv() -> bytes:
    """1.2 million cells separated by ';' (a Vietnamese-locale Excel CSV) in 20,000 lines."""
    line = ";".join(["1"] * 60).encode() + b"\n"
    return HEADER.replace(",", ";").encode() + line * 20_000


def _odd_path_sheet_xlsx() -> bytes:
    """The 1.2-million-cell sheet stored as xl/odd/sheet1.xml (the relationships point there)."""
    def change(name: str, body: bytes) -> bytes:
        return body.replace(b"worksheets/sheet1.xml", b"odd/sheet1.xml") if name.endswith(".rels") or \
            name == "[Content_Types].xml" else body

    src = zipfile.ZipFile(io.BytesIO(_many_cells_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            target = "xl/odd/sheet1.xml" if info.filename == "xl/worksheets/sheet1.xml" else info.filename
            dst.writestr(target, change(info.filename, src.read(info)))
    return out.getvalue()


def _nested_docx() -> bytes:
    depth = 5000
    return _docx(b"<w:tbl><w:tr><w:tc>" * depth + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * depth)


def _word_with_body(inner: bytes) -> bytes:
    """A real Word file (python-docx's template: every part and relationship) whose body starts with ``inner``."""
    import docx

    d = docx.Document()
    d.add_paragraph("Phụ lục")
    buf = io.BytesIO()
    d.save(buf)
    return _rezip(buf.getvalue(), lambda n, b: b.replace(b"<w:body>", b"<w:body>" + inner, 1)
                  if n == "word/document.xml" else b)


def _nested_tables_90() -> bytes:
    """Tables nested 90 deep in a real Word file, 90 tables in all (under the table count limit): lxml stops
    at 256 levels and the worker crashed with 'Excessive depth' (issue 22)."""
    return _word_with_body(b"<w:tbl><w:tr><w:tc>" * 90 + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * 90)


def _nested_content_controls() -> bytes:
    """300 nested content controls (w:sdt) in a paragraph-free body: past lxml's depth without any table."""
    return _word_with_body(b"<w:sdt><w:sdtContent>" * 150 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 150)


def _pdf_bomb() -> bytes:
    import zlib

    stream = zlib.compress(b"\0" * (256 << 20), 9)  # 256 MiB of zeros in ~250 KB
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"])


# (file, maker, message_en contains (any of, '|'), what) — made at test time, never committed
GENERATED: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("many_bad_rows_16_9mb.csv", _many_rows_csv, "lines; the limit", "16.9 MB CSV, 4.4 million bad rows"),
    ("many_cells.csv", _many_cells_csv, "cells; the limit", "1.2 million cells in 20,000 lines"),
    ("zip_bomb_1gib.xlsx", _zip_bomb_xlsx, "unpacks to|compressed", "XLSX zip bomb: 1 GiB from ~1 MB"),
    ("shared_string_bomb.xlsx", _shared_string_bomb_xlsx, "unpacks to|compressed",
     "200 KB XLSX, 5 million shared strings (issue 22)"),
    ("workbook_xml_bomb.xlsx", _workbook_bomb_xlsx, "unpacks to|compressed",
     "workbook.xml (the sheet list) inflating to 300 MB (issue 22)"),
    ("workbook_elements_bomb.xlsx", _workbook_elements_xlsx, "unpacks to|compressed",
     "workbook.xml with 4 million elements (issue 22)"),
    ("lying_zip_bomb.xlsx", _lying_zip_xlsx, "more than its declared size|cannot read the Excel file|not a complete",
     "zip bomb whose directory claims 1,000 bytes"),
    ("many_cells_1_5mb.xlsx", _many_cells_xlsx, "cells; the limit", "1.5 MB XLSX, 1.2 million cells"),
    ("nested_tables.docx", _nested_docx, "tables nested 5,000 deep", "Word file with tables nested 5,000 deep"),
    ("many_cells_semicolon.csv", _many_cells_semicolon_csv, "cells; the limit",
     "1.2 million cells separated by ';' (issue 22)"),
    ("odd_path_sheet.xlsx", _odd_path_sheet_xlsx, "cells; the limit",
     "1.2 million cells in a sheet stored at xl/odd/ (issue 22)"),
    ("nested_tables_90.docx", _nested_tables_90, "tables nested 90 deep",
     "real Word file, tables nested 90 deep (issue 22: worker crash)"),
    ("nested_content_controls.docx", _nested_content_controls, "nested too deep",
     "real Word file, content controls nested 300 levels (issue 22)"),
    ("pdf_bomb.pdf", _pdf_bomb, "cannot read the PDF file (damaged", "PDF with a 256 MiB compressed stream"),
    ("fifty_mb.csv", lambda: _csv_row() * (50 * 1024 * 1024 // len(_csv_row()) + 1), "file too large",
     "50 MB CSV"),
]


def write_small() -> None:
    """(Re)write the small hostile files and their manifest (MANIFEST_hostile.csv, same columns as MANIFEST.csv)."""
    rows = []
    for name, data, row, col, msg, what in SMALL:
        (CORPUS / name).write_bytes(data)
        rows.append({"file": name, "kind": "", "args": "", "row": row, "column": col,
                     "message_en_contains": msg, "what": what})
    with open(CORPUS / "MANIFEST_hostile.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    write_small()
