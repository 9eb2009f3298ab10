"""The source line printed on every exported chart and slide."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote

import pandas as pd

from pii.i18n import t

MAX_PUBLISHERS = 4


def source_line(edition: int | None, sources: pd.DataFrame | None = None, lang: str = "vi",
                ids: Iterable[str] | None = None) -> str:
    """"Nguồn: Bộ KH&CN, Chỉ số PII 2023; số liệu trích từ: …" — the Ministry's
    edition first, then the publishers the figures were actually taken from
    (``sources`` rows, optionally restricted to ``ids``), most-cited first."""
    parts: list[str] = []
    if edition is not None:
        parts.append(t("source_most", lang, edition=edition))
    publishers: list[str] = []
    if sources is not None and len(sources):
        rows = sources
        if ids is not None:
            order = [i for i in dict.fromkeys(ids) if i in set(sources["source_id"])]
            rows = sources.set_index("source_id").loc[order].reset_index()
        publishers = [str(p) for p in dict.fromkeys(rows["publisher"].dropna()) if str(p).strip()]
    if publishers:
        shown = publishers[:MAX_PUBLISHERS]
        text = ", ".join(shown)
        if len(publishers) > len(shown):
            text += " " + t("ex_more_sources", lang, n=len(publishers) - len(shown))
        parts.append(t("ex_taken_from", lang, publishers=text))
    return t("source_line", lang, sources="; ".join(parts) if parts else "—")


def ids_of(scores: pd.DataFrame) -> list[str]:
    """Source ids of score rows, most-cited first (score and rank sources)."""
    cols = [c for c in ("score_source_id", "rank_source_id") if c in scores.columns]
    if not cols:
        return []
    counts = pd.concat([scores[c] for c in cols]).dropna().value_counts()
    return [str(i) for i in counts.index]


def known_title(row: object) -> str | None:
    """The title of one sources row, or None when the stored title is only the words of its URL's slug
    (titles gathered from links: no diacritics, not the title as published, so they are not printed in a
    Vietnamese citation; the publisher and the link identify the page)."""
    title = str(getattr(row, "title", "") or "").strip()
    url = str(getattr(row, "url", "") or "")
    if title and url and title.isascii():
        words = " ".join(re.sub(r"[^a-z0-9]+", " ", title.lower()).split())
        slug = " ".join(re.sub(r"[^a-z0-9]+", " ", unquote(url).lower()).split())
        if words and words in slug:
            return None
    return title or None


def readable(row: object) -> str:
    """"Publisher, title" of one sources row (what a reader can look up), never the id."""
    publisher = str(getattr(row, "publisher", "") or "").strip()
    title = known_title(row) or ""
    if publisher and title:
        return f"{publisher}, {title}"
    return publisher or title or str(getattr(row, "source_id", ""))


def source_names(sources: pd.DataFrame) -> dict[str, str]:
    """source_id -> "publisher, title" for rows of the sources table."""
    if sources is None or not len(sources):
        return {}
    return {str(r.source_id): readable(r) for r in sources.itertuples()}


def names_for(db: object, ids: Iterable[str]) -> dict[str, str]:
    """source_id -> "publisher, title" for ``ids`` (``db`` is a queries.PiiDB)."""
    wanted = [str(i) for i in dict.fromkeys(ids) if isinstance(i, str) and i]
    return source_names(db.sources(wanted)) if wanted else {}  # type: ignore[attr-defined]


def source_rows(s: object, ids: Iterable[str]) -> pd.DataFrame:
    """Rows of the sources table for ``ids``, for a view state ``s`` (``pii.viewstate.ViewState``): what a page's
    export or source list reads (pages make no database call, issue 20)."""
    return s.db.sources([str(i) for i in dict.fromkeys(ids)])  # type: ignore[attr-defined]
