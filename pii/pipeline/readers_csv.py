"""CSV and "Unicode text" files as Excel writes them, read with one dialect for the whole file.

- Encoding: UTF-8 with or without BOM; UTF-16 LE/BE with BOM (Excel's "Unicode
  text"), or without BOM when every other byte is NUL. Legacy encodings
  (Windows-1258, TCVN3, latin-1) are refused with the likely culprit named: a wrong
  guess silently corrupts Vietnamese names.
- Separator: comma, semicolon or tab, chosen for the whole file (the one that
  splits the most rows into the same number of cells), never per row.
- Decimal separator: decided later from the figure columns of the whole file
  (:func:`decimal_of`); in a comma-separated file it is always the point.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from pii.pipeline.grid import Grid
from pii.pipeline.problems import Problem

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
_CP1258_MARKS = {0xCC, 0xEC, 0xD2, 0xF2, 0xDE}  # Windows-1258 combining tone marks: frequent in Vietnamese text


def decode(data: bytes, name: str) -> tuple[str, str] | Problem:
    """(text, encoding label) or the problem that says why the bytes are not text we accept."""
    if data.startswith(b"\xef\xbb\xbf"):
        enc, label, body = "utf-8", "UTF-8 (BOM)", data[3:]
    elif data.startswith(b"\xff\xfe"):
        enc, label, body = "utf-16-le", "UTF-16 LE (BOM)", data[2:]
    elif data.startswith(b"\xfe\xff"):
        enc, label, body = "utf-16-be", "UTF-16 BE (BOM)", data[2:]
    else:
        head = data[:400]
        odd, even = head[1::2], head[0::2]
        if len(head) >= 8 and odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
            enc, label, body = "utf-16-le", "UTF-16 LE", data
        elif len(head) >= 8 and even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
            enc, label, body = "utf-16-be", "UTF-16 BE", data
        else:
            enc, label, body = "utf-8", "UTF-8", data
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as err:
        line = body[:err.start].count(b"\n" if enc == "utf-8" else "\n".encode(enc)) + 1
        return _legacy(body, name, line, err.start) if enc == "utf-8" else Problem.of(
            name, line, None, "csv_broken_encoding", label=label, at=err.start)
    if "\x00" in text:
        return Problem.of(name, None, None, "csv_nul")
    return text.lstrip("\ufeff"), label


def _legacy(data: bytes, name: str, line: int, at: int) -> Problem:
    # the message names the likely encoding and says how to save the file again as UTF-8 (in Excel's words)
    key = "csv_not_utf8_cp1258" if {b for b in data if b >= 0x80} & _CP1258_MARKS else "csv_not_utf8"
    return Problem.of(name, line, None, key, value=str(data[max(0, at - 10):at + 10])[:120])


def _split(text: str, delimiter: str) -> list[list[str]] | None:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        return None


def sniff(text: str) -> str:
    """The separator that splits the most non-blank rows into the same number (>1) of cells."""
    best, best_key = ",", (-1.0, 0)
    for d in DELIMITERS:
        rows = _split(text, d)
        if not rows:
            continue
        widths = [len(r) for r in rows if any(c.strip() for c in r)]
        if not widths:
            continue
        width, n = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        k = (n / len(widths), width)
        if k > best_key:
            best, best_key = d, k
    return best


def read_csv(data: bytes, name: str) -> Grid | Problem:
    got = decode(data, name)
    if isinstance(got, Problem):
        return got
    text, label = got
    delimiter = sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as err:
        return Problem.of(name, reader.line_num, None, "csv_broken", err=err)
    return Grid(rows, [i + 1 for i in range(len(rows))], how={
        "format": "csv", "encoding": label, "delimiter": DELIMITERS[delimiter]})


_COMMA_NUM = re.compile(r"\s*[+-]?\d+,\d+\s*%?\s*", re.ASCII)
_POINT_NUM = re.compile(r"\s*[+-]?\d+\.\d+\s*%?\s*", re.ASCII)


def decimal_of(cells: list[str], delimiter: str | None) -> tuple[bool, int, int]:
    """(decimal comma?, cells written with a comma, with a point) over every figure cell of the file.

    The majority decides; cells written the other way are then refused one by one
    as ambiguous, never converted. A comma-separated file always uses the point.
    """
    comma = sum(1 for c in cells if not hasattr(c, "value") and _COMMA_NUM.fullmatch(c))
    point = sum(1 for c in cells if not hasattr(c, "value") and _POINT_NUM.fullmatch(c))
    if delimiter == "comma":
        return False, comma, point
    return comma > point, comma, point
