"""Alt text: one or two sentences saying what a chart shows, with its key numbers."""

from __future__ import annotations

import re

import plotly.graph_objects as go

from pii import fmt
from pii.i18n import t

_TAG = re.compile(r"<[^>]+>")
MAX_ITEMS = 3


def _plain(s: object) -> str:
    return _TAG.sub(" ", str(s)).replace("  ", " ").strip()


def _pairs(tr: go.BaseTraceType) -> list[tuple[str, float]]:
    """(label, value) of a bar/scatter trace, missing values dropped."""
    if tr.type == "bar" and getattr(tr, "orientation", None) == "h":
        labels, values = tr.y, tr.x
    else:
        labels, values = tr.x, tr.y
    if values is not None and any(isinstance(v, str) for v in values):
        labels, values = values, labels  # a horizontal dot plot: categories on y, numbers on x
    if labels is None or values is None:
        return []
    out = []
    for lab, val in zip(labels, values):
        if not fmt.is_missing(val):
            out.append((_plain(lab), float(val)))
    return out


def alt_text(fig: go.Figure, title: str, lang: str = "vi", key_numbers: list[str] | None = None) -> str:
    """Alt text for ``fig``. ``key_numbers`` (already formatted sentences) win
    over what can be read from the traces; otherwise the highest and lowest
    values of the first bar/scatter trace are named, or a heatmap's size."""
    head = t("ex_alt_head", lang, kind=t(f"ex_kind_{_kind(fig)}", lang), title=_plain(title))
    if key_numbers:
        return f"{head} {' '.join(key_numbers)}"
    bars = [p for tr in fig.data if tr.type == "bar" for p in _pairs(tr)]
    for tr in fig.data:
        if tr.type in ("bar", "scatter"):
            # all bar panels together (e.g. best and worst side by side); a line chart's first series
            pairs = bars if tr.type == "bar" else _pairs(tr)
            if not pairs:
                continue
            ranked = sorted(pairs, key=lambda p: p[1], reverse=True)
            hi = ", ".join(f"{lab} {fmt.number(v, lang)}" for lab, v in ranked[:MAX_ITEMS])
            lo = ", ".join(f"{lab} {fmt.number(v, lang)}" for lab, v in ranked[-MAX_ITEMS:][::-1])
            if len(ranked) <= MAX_ITEMS:
                return f"{head} {t('ex_alt_values', lang, values=hi)}"
            return f"{head} {t('ex_alt_hi_lo', lang, n=len(ranked), hi=hi, lo=lo)}"
        if tr.type == "heatmap" and tr.z is not None:
            rows = len(tr.z)
            cols = len(tr.z[0]) if rows else 0
            return f"{head} {t('ex_alt_heatmap', lang, rows=rows, cols=cols)}"
        if tr.type == "table":
            n = len(tr.cells.values[0]) if tr.cells.values else 0
            return f"{head} {t('ex_alt_table', lang, n=n)}"
    return head


def _kind(fig: go.Figure) -> str:
    types = {tr.type for tr in fig.data}
    for kind in ("heatmap", "table", "bar", "scatter"):
        if kind in types:
            return kind
    return "chart"
