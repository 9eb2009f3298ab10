"""Number formatting: 47,75 in Vietnamese, 47.75 in English; missing stays
missing (never 0)."""

from __future__ import annotations

import math

from pii.i18n import t


def value_or_none(value: object) -> float | None:
    """A figure as a float, None when it is missing (None, NaN, pandas NA)."""
    return None if is_missing(value) else float(value)  # type: ignore[arg-type]


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


def rank(value: object, of: object = None, lang: str = "vi", missing: str | None = None,
         compact: bool = False) -> str:
    """"10/63" (English "10 of 63"); ``compact``: "10/63" in every language, where a cell or a bar label has
    no room for the words."""
    if is_missing(value):
        return missing if missing is not None else t("missing", lang)
    if is_missing(of):
        return str(int(value))  # type: ignore[arg-type]
    if compact:
        return f"{int(value)}/{int(of)}"  # type: ignore[call-overload]
    return t("rank_of", lang, rank=int(value), of=int(of))  # type: ignore[arg-type]


# codes that are not numbering but words: shown by their name only ("Đầu vào", not "INPUT")
NAME_ONLY_CODES = frozenset({"INPUT", "OUTPUT"})


def rank_column(df: object, lang: str = "vi", missing: str | None = None) -> list[str]:
    """The rank column of a display table: "10/63" per row of ``df`` (its ``rank`` and ``rank_of`` columns;
    without ``rank_of``, the rank alone), missing spelled out."""
    ranks = list(df["rank"])  # type: ignore[index]
    ofs = list(df["rank_of"]) if "rank_of" in df else [None] * len(ranks)  # type: ignore[index,operator]
    return [rank(r, o, lang, missing=missing) for r, o in zip(ranks, ofs)]


def code_name(code: object, name: object) -> str:
    """"I.1.1 Name" for a numbered code; the name alone for INPUT/OUTPUT."""
    c, n = str(code), "" if is_missing(name) else str(name)
    if c in NAME_ONLY_CODES and n:
        return n
    return f"{c} {n}".strip()


def date(value: object, lang: str = "vi", missing: str = "—") -> str:
    """A date as dd/mm/yyyy in Vietnamese, yyyy-mm-dd in English; accepts a
    date, datetime, pandas Timestamp or ISO string; missing stays "—"."""
    import datetime as _dt

    import pandas as pd

    if value is None or (isinstance(value, str) and not value.strip()):
        return missing
    if not isinstance(value, str) and pd.isna(value):  # NaN, NaT, NA (NaT is a datetime subclass)
        return missing
    if isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    d = value.date() if isinstance(value, _dt.datetime) else value
    if not isinstance(d, _dt.date):
        return str(value)
    return d.strftime("%d/%m/%Y") if lang == "vi" else d.isoformat()


def day(value: object, lang: str = "vi", missing: str = "—") -> str:
    """A date in running text, an image's or a slide's footer and a press release: "07/12/2026" (vi),
    "7 Dec 2026" (en). Accepts what :func:`date` accepts; the one export-date format (issue 20)."""
    import datetime as _dt

    text = date(value, "vi", missing)
    try:
        d = _dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return text  # missing, or a text that is not a date: as it is
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return text if lang == "vi" else f"{d.day} {months[d.month - 1]} {d.year}"  # no locale-dependent %b


def parse_number(text: object, lang: str = "vi") -> float | None:
    """A number typed by a user: "38,47" (vi) or "38.47" (en); thousands
    separators and spaces ignored; None when it is not a number."""
    if text is None:
        return None
    s = str(text).strip().replace(" ", "").replace("\u00a0", "").replace("−", "-")
    if not s:
        return None
    if lang == "vi":
        s = s.replace(".", "").replace(",", ".") if "," in s else s
    else:
        s = s.replace(",", "")
    try:
        x = float(s)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def parse_score(text: object, lang: str = "vi", lo: float = 0.0, hi: float = 100.0) -> float | None:
    """A typed score in ``lo..hi``: read in the page's language first, then in
    the other (a value typed before a language switch, "52.34" on the
    Vietnamese page); None when neither gives a number in range."""
    for lg in (lang, "en" if lang == "vi" else "vi"):
        x = parse_number(text, lg)
        if x is not None and lo <= x <= hi:
            return x
    return None


def d3_format(lang: str, decimals: int = 2) -> tuple[str, str]:
    """Plotly layout.separators and a tick format for the language."""
    return (",." if lang == "vi" else ".,", f",.{decimals}f")
