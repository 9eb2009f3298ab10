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

from pii.pipeline.problems import Problem
from pii.text import fold

_POINT = re.compile(r"[+-]?\d+(?:\.\d+)?", re.ASCII)
_COMMA = re.compile(r"[+-]?\d+(?:,\d+)?", re.ASCII)
_INT = re.compile(r"[+-]?\d+", re.ASCII)
# "10", "10/63", "04/63", "hạng 10", "thứ 10", "xếp thứ 10/63", "10/63 tỉnh" (compared without diacritics)
_RANK = re.compile(r"(?:(?:xep\s+)?(?:hang|thu)\s+)?0*(\d+)(?:\s*/\s*(\d+))?(?:\s+(?:tinh|tinh,?\s*thanh(?:\s+pho)?))?",
                   re.ASCII)


_ascii_fold = fold  # pii.text: the one diacritic fold


def _odd_characters(text: str) -> str | None:
    """Why a cell that float() might accept is still not a plain number (a catalogue key)."""
    if "_" in text:
        return "num_underscore"
    if any(ch.isdigit() and not ("0" <= ch <= "9") for ch in text):
        return "num_odd_digits"
    return None


def _figure_text(text: str, raw: str, file: str, line: int, col: str, problems: list[Problem]) -> str | None:
    """``text`` (the cell ``raw`` stripped and cleaned by the caller) when it may be a figure; None when it is
    blank (no problem: an empty cell) or written with characters no figure has (a problem says which)."""
    if text == "":
        return None
    odd = _odd_characters(text)
    if odd:
        problems.append(Problem.of(file, line, col, odd, value=raw[:120]))
        return None
    return text


def parse_number(text: str, file: str, line: int, col: str, problems: list[Problem],
                 decimal_comma: bool = False) -> float | None:
    """'47.75' -> 47.75 (or '47,75' when ``decimal_comma``); '' -> None; anything else -> a problem and None."""
    raw = str(text)
    text = _figure_text(raw.strip().replace("\u00a0", "").replace("\u202f", ""), raw, file, line, col, problems)
    if text is None:
        return None
    if decimal_comma:
        if _COMMA.fullmatch(text):
            return float(text.replace(",", "."))
        if _POINT.fullmatch(text):
            problems.append(Problem.of(file, line, col, "num_point_in_comma_file", value=raw[:120]))
            return None
    else:
        if _POINT.fullmatch(text):
            return float(text)
        if _COMMA.fullmatch(text):
            problems.append(Problem.of(file, line, col, "num_decimal_comma", value=raw[:120]))
            return None
    if text.endswith("%") and (_COMMA if decimal_comma else _POINT).fullmatch(text[:-1].strip()):
        # typed as text, so not a percent-formatted cell (those are read as shown): 51,90% could be 51.90 points
        # or 0.519 — say which is wanted instead of guessing
        problems.append(Problem.of(file, line, col, "num_percent_text", value=raw[:120],
                                   number=text[:-1].strip()))
        return None
    problems.append(Problem.of(file, line, col, "num_not_a_number", value=raw[:120]))
    return None


def parse_rank(text: str, file: str, line: int, col: str, problems: list[Problem],
               units_ranked: int | None = None, decimal_comma: bool = False) -> float | None:
    """'10', '10/63', '04/63', 'hạng 10' -> 10.0; '/63' must equal the units ranked in the edition.

    Returned as a float so the build's own check ("a whole number from 1 to N") still applies.
    """
    raw = str(text)
    text = _figure_text(raw.strip().replace("\u00a0", " "), raw, file, line, col, problems)
    if text is None:
        return None
    m = _RANK.fullmatch(re.sub(r"\s+", " ", _ascii_fold(text)).strip().rstrip("."))
    if not m:  # e.g. '2.5': the plain number parser words the problem ("whole number" comes from the checks)
        return parse_number(text, file, line, col, problems, decimal_comma=decimal_comma)
    rank, of = int(m.group(1)), m.group(2)
    if of is not None and units_ranked is not None and int(of) != units_ranked:
        problems.append(Problem.of(file, line, col, "num_rank_of", value=raw[:120], of=of, units=units_ranked))
        return None
    return float(rank)
