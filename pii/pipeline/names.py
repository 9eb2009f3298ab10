"""Province names: the one matcher every place that reads a name uses (the import, ``python -m pii
request``, URL parameters, the map's check of its features), with and without diacritics and
common variants ("TP HCM", "Tp. Hồ Chí Minh").

A name carrying a character the reader cannot see (format, bidi, zero-width, line/paragraph
separators, Hangul fillers) or letters of two scripts ("Hà Nộiа" with a Cyrillic а) never matches:
:func:`name_problem` says which character, its Unicode name and where (issue 22, item 11).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from pii.text import fold as text_fold

_PREFIXES = ("thanh pho ", "tp. ", "tp ", "tinh ")
# Letters that draw as blank space though their category is "letter" (Lo): the Hangul fillers.
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0"}
# Categories never part of a name: format (Cf: U+00AD, U+061C, U+200B–U+200F, U+202A–U+202E, U+2060,
# U+2066–U+2069, U+FEFF …), line/paragraph separators, controls, private use, unassigned.
_HIDDEN_CATEGORIES = {"Cf", "Zl", "Zp", "Cc", "Co", "Cn", "Cs"}


def name_key(text: str) -> str:
    """Lower-case ASCII key: 'TP. Hồ Chí Minh' -> 'hochiminh'."""
    text = text_fold(str(text).strip())
    text = re.sub(r"[.\-_,]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    for prefix in _PREFIXES:
        prefix = prefix.replace(".", " ").strip() + " "
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text.replace(" ", "")


def same_name(a: str, b: str) -> bool:
    """Two spellings of one name (diacritics, case, 'Tỉnh'/'TP.' prefixes aside)."""
    return name_problem(a) is None and name_problem(b) is None and name_key(a) == name_key(b)


def _char_name(ch: str) -> str:
    return unicodedata.name(ch, "UNNAMED")


def hidden_char(text: str, allowed: str = "") -> tuple[int, str] | None:
    """(1-based position, character) of the first character a reader cannot see, else None."""
    for i, ch in enumerate(str(text), 1):
        if ch in allowed:
            continue
        if ch in _BLANK_LETTERS or unicodedata.category(ch) in _HIDDEN_CATEGORIES:
            return i, ch
    return None


def _script(ch: str) -> str | None:
    """The script of a letter, from its Unicode name ('LATIN', 'CYRILLIC', 'GREEK', …)."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    return _char_name(ch).split(" ")[0]


def mixed_script(text: str) -> tuple[int, str, str, str] | None:
    """(position, character, its script, the name's main script) of the first letter whose script differs from
    the name's main one: a look-alike ('а' U+0430 CYRILLIC in 'Hà Nộiа'), else None."""
    text = unicodedata.normalize("NFC", str(text))
    scripts = [(i, ch, _script(ch)) for i, ch in enumerate(text, 1)]
    counts: dict[str, int] = {}
    for _, _, s in scripts:
        if s:
            counts[s] = counts.get(s, 0) + 1
    if len(counts) < 2:
        return None
    main = max(counts, key=lambda s: (counts[s], s == "LATIN"))
    i, ch, s = next((i, ch, s) for i, ch, s in scripts if s and s != main)
    return i, ch, str(s), main


def name_problem(text: str, allowed: str = "") -> tuple[str, dict[str, str]] | None:
    """Why ``text`` cannot be read as a name: (catalogue key, fields), else None."""
    hit = hidden_char(text, allowed)
    if hit:
        pos, ch = hit
        return "pb_hidden_char", {"code": f"U+{ord(ch):04X}", "uname": _char_name(ch), "pos": str(pos)}
    mixed = mixed_script(text)
    if mixed:
        pos, ch, script, main = mixed
        return "pb_mixed_script", {"code": f"U+{ord(ch):04X}", "uname": _char_name(ch), "pos": str(pos),
                                   "script": script.title(), "main": main.title()}
    return None


class ProvinceMatcher:
    """Maps names of one unit set (63 or 34 units, or every unit ever ranked) to province ids."""

    def __init__(self, units: Iterable[tuple[str, str, str]], aliases: Iterable[tuple[str, str]] = ()):
        self._index: dict[str, str] = {}
        ids = set()
        for pid, name_vi, name_en in units:
            ids.add(pid)
            for key in (pid, name_vi, name_en):
                self._index.setdefault(name_key(key), pid)
        for alias, pid in aliases:
            if pid in ids:
                self._index.setdefault(name_key(alias), pid)

    def match(self, name: str) -> str | None:
        if name is None or name_problem(name) is not None:
            return None  # an invisible character or a look-alike letter: never a match (name_problem says why)
        key = name_key(name)
        return self._index.get(key) if key else None


def matcher_of(provinces: object, aliases: object | None = None) -> ProvinceMatcher:
    """A matcher over the rows of a provinces table (province_id, name_vi, name_en) and an aliases table
    (alias, province_id), as the parquet tables or the query results hold them."""
    units = provinces[["province_id", "name_vi", "name_en"]].itertuples(index=False, name=None)  # type: ignore[index]
    pairs = [] if aliases is None else aliases[["alias", "province_id"]].itertuples(index=False, name=None)  # type: ignore[index]
    return ProvinceMatcher(units, pairs)
