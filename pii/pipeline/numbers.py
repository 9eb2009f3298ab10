"""Numbers and ranks as documents print them, read strictly.

Python's ``float()`` is too lenient for official figures: it accepts digit
separators ("4_7.75" -> 47.75, "1_0" -> 10), full-width and other non-ASCII
digits ("４７.７５"), "inf" and "nan". A figure must be plain ASCII digits with
at most one decimal separator, and the separator is the one the file's dialect
uses (a point, or a comma in Vietnamese-locale files). Anything else is refused
with its row and column, never guessed.
"""

from __future__ import annotations

import re
import unicodedata

from pii.pipeline.problems import Problem

_POINT = re.compile(r"[+-]?\d+(?:\.\d+)?", re.ASCII)
_COMMA = re.compile(r"[+-]?\d+(?:,\d+)?", re.ASCII)
_INT = re.compile(r"[+-]?\d+", re.ASCII)
# "10", "10/63", "04/63", "hạng 10", "thứ 10", "xếp thứ 10/63", "10/63 tỉnh" (compared without diacritics)
_RANK = re.compile(r"(?:(?:xep\s+)?(?:hang|thu)\s+)?0*(\d+)(?:\s*/\s*(\d+))?(?:\s+(?:tinh|tinh,?\s*thanh(?:\s+pho)?))?",
                   re.ASCII)


def _p(file: str, line: int, col: str, vi: str, en: str, value: str) -> Problem:
    return Problem(file, line, col, vi, en, value[:120])


def _ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().replace("đ", "d")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _odd_characters(text: str) -> tuple[str, str] | None:
    """Why a cell that float() might accept is still not a plain number."""
    if "_" in text:
        return ("dấu '_' giữa các chữ số không phải cách viết số — hãy ghi số thường (47.75)",
                "'_' between digits is not how a figure is written — write a plain number (47.75)")
    if any(ch.isdigit() and not ("0" <= ch <= "9") for ch in text):
        return ("chữ số toàn khổ hoặc không phải chữ số ASCII (０-９) — hãy gõ lại bằng chữ số thường",
                "full-width or non-ASCII digits — retype the figure with ordinary digits 0-9")
    return None


def parse_number(text: str, file: str, line: int, col: str, problems: list[Problem],
                 decimal_comma: bool = False) -> float | None:
    """'47.75' -> 47.75 (or '47,75' when ``decimal_comma``); '' -> None; anything else -> a problem and None."""
    raw = str(text)
    text = raw.strip().replace("\u00a0", "").replace("\u202f", "")
    if text == "":
        return None
    odd = _odd_characters(text)
    if odd:
        problems.append(_p(file, line, col, odd[0], odd[1], raw))
        return None
    if decimal_comma:
        if _COMMA.fullmatch(text):
            return float(text.replace(",", "."))
        if _POINT.fullmatch(text):
            problems.append(_p(file, line, col,
                               "số có dấu chấm trong tệp dùng dấu phẩy thập phân: không rõ là phần nghìn hay thập "
                               "phân — hãy ghi bằng dấu phẩy (47,75)",
                               "a point in a file that uses decimal commas is ambiguous (thousands or decimals?) — "
                               "write it with a comma (47,75)", raw))
            return None
    else:
        if _POINT.fullmatch(text):
            return float(text)
        if _COMMA.fullmatch(text):
            problems.append(_p(file, line, col, "dùng dấu phẩy thập phân — hãy viết số với dấu chấm (47.75)",
                               "decimal comma — write numbers with a decimal point (47.75)", raw))
            return None
    problems.append(_p(file, line, col, "không phải là số", "not a number", raw))
    return None


def parse_rank(text: str, file: str, line: int, col: str, problems: list[Problem],
               units_ranked: int | None = None, decimal_comma: bool = False) -> float | None:
    """'10', '10/63', '04/63', 'hạng 10' -> 10.0; '/63' must equal the units ranked in the edition.

    Returned as a float so the build's own check ("a whole number from 1 to N") still applies.
    """
    raw = str(text)
    text = raw.strip().replace("\u00a0", " ")
    if text == "":
        return None
    odd = _odd_characters(text)
    if odd:
        problems.append(_p(file, line, col, odd[0], odd[1], raw))
        return None
    m = _RANK.fullmatch(re.sub(r"\s+", " ", _ascii_fold(text)).strip().rstrip("."))
    if not m:  # e.g. '2.5': the plain number parser words the problem ("whole number" comes from the checks)
        return parse_number(text, file, line, col, problems, decimal_comma=decimal_comma)
    rank, of = int(m.group(1)), m.group(2)
    if of is not None and units_ranked is not None and int(of) != units_ranked:
        problems.append(_p(file, line, col,
                           f"hạng ghi '/{of}' nhưng kỳ này xếp hạng {units_ranked} đơn vị",
                           f"the rank says '/{of}' but this edition ranks {units_ranked} units", raw))
        return None
    return float(rank)
