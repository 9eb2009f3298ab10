"""Indicator-detail charts: the focus province across editions, and the
published values of the peer group for one code."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pii import fmt
from pii.charts.responsive import fit_height, wrap_label
from pii.charts.theme import FOCUS, MUTED, NEUTRAL, PEER, apply_theme
from pii.i18n import t

# A missing figure is drawn as what it is: a gap where the bar would be, with a
# short note at its foot (italic, muted). A full-height hatched bar outweighed
# the one real bar next to it; a gap cannot be read as a score.
_NOTE_FONT = dict(color=MUTED, size=11)


def _label(score: object, rank: object, of: object, lang: str) -> str:
    if not fmt.is_missing(score):
        return f"{fmt.number(score, lang)} · {fmt.rank(rank, of, lang, missing='—')}"
    if not fmt.is_missing(rank):
        return t("ind_rank_only", lang, rank=fmt.rank(rank, of, lang))
    return t("missing", lang)


def history_bars(history: pd.DataFrame, lang: str = "vi", title: str | None = None) -> go.Figure:
    """Score per edition with the rank on the bar; an edition without a
    published score is a gap with a short note. A bar for a different
    unit (before/after the 2025 merger) is grey, not the focus colour."""
    other = t("ind_other_unit", lang)  # a merged unit often keeps the old name: say it is another unit
    x = [f"PII {e}" + (f"<br>({other})" if m else "") for e, m in zip(history["edition"], history["merged"])]
    text = [_label(s, r, o, lang) for s, r, o in zip(history["score"], history["rank"], history["rank_of"])]
    has = history["score"].notna().tolist()
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=[v for v, ok in zip(x, has) if ok], y=[float(s) for s, ok in zip(history["score"], has) if ok],
        marker=dict(color=[NEUTRAL if m else FOCUS for m, ok in zip(history["merged"], has) if ok]),
        text=[v for v, ok in zip(text, has) if ok], textposition="outside", cliponaxis=False,
        hovertemplate="%{x}<br>%{text}<extra></extra>"))
    gaps = [v for v, ok in zip(text, has) if not ok]
    fig.add_trace(go.Scatter(  # the gap's note, at the foot of the empty slot
        x=[v for v, ok in zip(x, has) if not ok], y=[0.0] * len(gaps), mode="text", text=gaps,
        texttemplate=[f"<i>{wrap_label(g, 14)}</i>" for g in gaps], textposition="top center",
        textfont=_NOTE_FONT, hovertemplate="%{x}<br>%{text}<extra></extra>", cliponaxis=False))
    apply_theme(fig, lang, title, height=330)
    fig.update_xaxes(categoryorder="array", categoryarray=x)
    fig.update_yaxes(range=[0, 118], title=t("score", lang), tickvals=[0, 20, 40, 60, 80, 100])
    fig.update_layout(showlegend=False, barmode="overlay")
    return fig


def peer_bars(peers: pd.DataFrame, lang: str = "vi", title: str | None = None) -> go.Figure:
    """Peers' published score for the code, focus in the accent colour,
    best first; a peer with no published score has no bar, only a short note."""
    name = "province_vi" if lang == "vi" else "province_en"
    df = peers.iloc[::-1]  # plotly draws the first bar at the bottom
    labels = [f"<b>{n}</b>" if f else n for n, f in zip(df[name], df["is_focus"])]
    text = [_label(s, r, o, lang) for s, r, o in zip(df["score"], df["rank"], df["rank_of"])]
    has = df["score"].notna().tolist()
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=[float(s) for s, ok in zip(df["score"], has) if ok], y=[v for v, ok in zip(labels, has) if ok],
        orientation="h", marker=dict(color=[FOCUS if f else PEER for f, ok in zip(df["is_focus"], has) if ok]),
        text=[v for v, ok in zip(text, has) if ok], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}<br>%{text}<extra></extra>"))
    gaps = [v for v, ok in zip(text, has) if not ok]
    fig.add_trace(go.Scatter(  # no bar: the note where the bar would start
        x=[0.0] * len(gaps), y=[v for v, ok in zip(labels, has) if not ok], mode="text", text=gaps,
        texttemplate=[f"<i>{g}</i>" for g in gaps], textposition="middle right", textfont=_NOTE_FONT,
        hovertemplate="%{y}<br>%{text}<extra></extra>", cliponaxis=False))
    apply_theme(fig, lang, title, height=fit_height(len(df), 26, base=90, minimum=260))
    fig.update_xaxes(range=[0, 135], title=t("score", lang), tickvals=[0, 20, 40, 60, 80, 100])
    fig.update_yaxes(automargin=True, categoryorder="array", categoryarray=labels)
    fig.update_layout(showlegend=False, barmode="overlay")
    return fig
