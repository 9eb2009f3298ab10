"""Number formatting: 47,75 in Vietnamese, 47.75 in English; missing stays
missing (never 0)."""

from __future__ import annotations

import math

from pii.i18n import t


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(float(value)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return value is __import__("pandas").NA


def number(value: object, lang: str = "vi", decimals: int = 2, missing: str | None = None,
           signed: bool = False) -> str:
    """Format a number; thousands '.' and decimal ',' in Vietnamese."""
    if is_missing(value):
        return missing if missing is not None else t("missing", lang)
    x = float(value)  # type: ignore[arg-type]
    text = f"{x:{'+' if signed else ''},.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text.replace("-", "−") if x < 0 else text


def rank(value: object, of: object = None, lang: str = "vi", missing: str | None = None) -> str:
    if is_missing(value):
        return missing if missing is not None else t("missing", lang)
    if is_missing(of):
        return str(int(value))  # type: ignore[arg-type]
    return t("rank_of", lang, rank=int(value), of=int(of))  # type: ignore[arg-type]


def d3_format(lang: str, decimals: int = 2) -> tuple[str, str]:
    """Plotly layout.separators and a tick format for the language."""
    return (",." if lang == "vi" else ".,", f",.{decimals}f")
