"""Vietnamese text, one place (issue 20): fold (the ASCII key every matcher builds on), slug (file names),
short (cut with "…" at a word boundary), wrap (lines joined by Plotly's ``<br>``).

A foundation: every layer may import it; it imports nothing of the project."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65_536)  # files and pages repeat the same names and headers on every row
def fold(text: object) -> str:
    """Lower-case ASCII: "Tỉnh Đắk Lắk" → "tinh dak lak" (đ → d; every other mark dropped; spacing kept)."""
    s = unicodedata.normalize("NFC", str(text)).lower().replace("đ", "d")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def slug(text: object) -> str:
    """ASCII, lower case, words joined by "-": "Thái Nguyên" → "thai-nguyen"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def short(text: object, limit: int = 28) -> str:
    """``text`` cut to ``limit`` characters, at a word boundary where one is near, with "…" (the full text goes
    in the hover)."""
    s = "" if text is None else str(text)
    if len(s) <= limit:
        return s
    cut = s[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-–(") + "…"


@lru_cache(maxsize=4096)  # one description per row, repeated in every tooltip of its row
def _wrap(s: str, width: int, max_lines: int | None) -> str:
    lines = textwrap.wrap(s, width)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = short(lines[-1] + " …", width)
    return "<br>".join(lines)


def wrap(text: object, width: int = 70, max_lines: int | None = None) -> str:
    """``text`` on lines of at most ``width`` characters joined by ``<br>`` (Plotly does not wrap); beyond
    ``max_lines`` the last line ends with "…". Empty for no text."""
    if text is None or (isinstance(text, float) and text != text) or not str(text):
        return ""
    return _wrap(str(text), width, max_lines)
