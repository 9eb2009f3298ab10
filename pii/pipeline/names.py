"""Province name matching: with and without diacritics, and common variants."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_PREFIXES = ("thanh pho ", "tp. ", "tp ", "tinh ")


def fold(text: str) -> str:
    """Lower-case ASCII key: 'TP. Hồ Chí Minh' -> 'ho chi minh'."""
    text = unicodedata.normalize("NFC", str(text)).strip().lower()
    text = text.replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[.\-_,]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    for prefix in _PREFIXES:
        prefix = prefix.replace(".", " ").strip() + " "
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text.replace(" ", "")


class ProvinceMatcher:
    """Maps names of one unit set (63 or 34 units) to province ids."""

    def __init__(self, units: Iterable[tuple[str, str, str]], aliases: Iterable[tuple[str, str]] = ()):
        self._index: dict[str, str] = {}
        ids = set()
        for pid, name_vi, name_en in units:
            ids.add(pid)
            for key in (pid, name_vi, name_en):
                self._index.setdefault(fold(key), pid)
        for alias, pid in aliases:
            if pid in ids:
                self._index.setdefault(fold(alias), pid)

    def match(self, name: str) -> str | None:
        if name is None:
            return None
        return self._index.get(fold(name))
