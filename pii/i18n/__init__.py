"""VI/EN string catalogue. Vietnamese is the default language.

Strings live in ``catalog_*.py`` modules (one per area, each a dict
``KEY -> (vi, en)``) so features can add strings without touching each other.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"


@cache
def catalog() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if mod.name.startswith("catalog_"):
            strings = importlib.import_module(f"{__name__}.{mod.name}").STRINGS
            dup = set(strings) & set(merged)
            if dup:
                raise ValueError(f"duplicate i18n keys in {mod.name}: {sorted(dup)}")
            merged.update(strings)
    return merged


def t(key: str, lang: str = DEFAULT_LANG, **kwargs: object) -> str:
    """Translate ``key``; unknown keys raise so a typo fails a test, not a user."""
    vi, en = catalog()[key]
    text = vi if lang == "vi" else en
    return text.format(**kwargs) if kwargs else text


def name_col(lang: str) -> str:
    """Column holding names in this language (``name_vi`` / ``name_en``)."""
    return "name_vi" if lang == "vi" else "name_en"
