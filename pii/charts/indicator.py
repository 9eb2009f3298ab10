"""Indicator-detail charts: the focus province across editions, and the
published values of the peer group for one code."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pii import fmt
from pii.charts.theme import FOCUS, MISSING, NEUTRAL, PEER, apply_theme
from pii.i18n import t


def history_bars(history: pd.DataFrame, lang: str = "vi", title: str | None = None) -> go.Figure:
    """Score per edition with the rank beside it; an edition without a
    published score is an empty hatched bar labelled missing. A bar for a
    different unit (before/after the 2025 merger) is drawn in grey."""
    has = history["score"].notna().tolist()
    # a merged/pre-merger unit often keeps the same name: say it is another unit
    other = t("ind_other_unit", lang)
    x = [f"PII {e}" + (f"<br>({other})" if m else "") for e, m in zip(history["edition"], history["merged"])]
    missing = t("missing", lang)
    text = [
        (f"{fmt.number(s, lang)} · {fmt.rank(r, o, lang, missing='—')}" if ok
         else (t("ind_rank_only", lang, rank=fmt.rank(r, o, lang)) if not fmt.is_missing(r) else missing))
        for s, r, o, ok in zip(history["score"], history["rank"], history["rank_of"], has)
    ]
    fig = go.Figure(go.Bar(
        x=x, y=[float(s) if ok else 100.0 for s, ok in zip(history["score"], has)],
        marker=dict(color=[(NEUTRAL if m else FOCUS) if ok else MISSING for ok, m in zip(has, history["merged"])],
                    pattern=dict(shape=["" if ok else "/" for ok in has])),
        text=text, textposition="outside", cliponaxis=False,
        customdata=text, hovertemplate="%{x}<br>%{customdata}<extra></extra>"))
    apply_theme(fig, lang, title, height=320)
    fig.update_yaxes(range=[0, 118], title=t("score", lang), tickvals=[0, 20, 40, 60, 80, 100])
    fig.update_layout(showlegend=False)
    return fig


def peer_bars(peers: pd.DataFrame, lang: str = "vi", title: str | None = None) -> go.Figure:
    """Peers' published score for the code, focus in the accent colour;
    peers with no published score drawn as hatched grey bars labelled missing."""
    name = "province_vi" if lang == "vi" else "province_en"
    df = peers.iloc[::-1]  # plotly draws the first bar at the bottom
    has = df["score"].notna().tolist()
    missing = t("missing", lang)
    text = [
        (f"{fmt.number(s, lang)} · {fmt.rank(r, o, lang, missing='—')}" if ok
         else (t("ind_rank_only", lang, rank=fmt.rank(r, o, lang)) if not fmt.is_missing(r) else missing))
        for s, r, o, ok in zip(df["score"], df["rank"], df["rank_of"], has)
    ]
    labels = [f"<b>{n}</b>" if f else n for n, f in zip(df[name], df["is_focus"])]
    fig = go.Figure(go.Bar(
        x=[float(s) if ok else 100.0 for s, ok in zip(df["score"], has)], y=labels, orientation="h",
        marker=dict(color=[(FOCUS if f else PEER) if ok else MISSING for ok, f in zip(has, df["is_focus"])],
                    pattern=dict(shape=["" if ok else "/" for ok in has])),
        text=text, textposition="outside", cliponaxis=False,
        customdata=text, hovertemplate="%{y}<br>%{customdata}<extra></extra>"))
    apply_theme(fig, lang, title, height=max(260, 90 + 26 * len(df)))
    # room right of a full bar for "100,00 · 1/63" or the missing label
    fig.update_xaxes(range=[0, 185 if not all(has) else 135], title=t("score", lang),
                     tickvals=[0, 20, 40, 60, 80, 100])
    fig.update_yaxes(automargin=True)
    fig.update_layout(showlegend=False)
    return fig
