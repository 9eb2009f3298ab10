"""Overview charts: pillar scores and ranks of the focus province."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pii import fmt
from pii.charts.responsive import fit_height, responsive, wrap_label
from pii.charts.theme import FOCUS, MUTED, apply_theme
from pii.i18n import name_col, t


def pillar_bars(pillars: pd.DataFrame, lang: str = "vi", title: str | None = None) -> go.Figure:
    """Horizontal bars of pillar scores, "score · rank" beside each bar; a
    pillar with no published score is a gap with a short note. Labels wrap and
    the bar text is short, so nothing is cut at 390 px; the hover has it all."""
    df = pillars.sort_values("sort_order", ascending=False)
    full = [f"{c}. {n}" for c, n in zip(df["code"], df[name_col(lang)])]
    labels = [wrap_label(x, 22, max_lines=2) for x in full]
    has = df["score"].notna()
    text = [f"{fmt.number(s, lang)} · {fmt.rank(r, o, lang, missing='—')}" if ok else t("missing", lang)
            for s, r, o, ok in zip(df["score"], df["rank"], df["rank_of"], has)]
    hover = [f"{f}<br>{t('score', lang)}: {x}" for f, x in zip(full, text)]
    fig = go.Figure(go.Bar(
        x=df["score"].where(has, None).tolist(), y=labels, orientation="h", marker=dict(color=[FOCUS] * len(df)),
        text=[x if ok else "" for x, ok in zip(text, has)], textposition="outside", cliponaxis=False,
        customdata=hover, hovertemplate="%{customdata}<extra></extra>",
    ))
    gaps = [(lb, x) for lb, x, ok in zip(labels, text, has) if not ok]
    if gaps:
        fig.add_trace(go.Scatter(x=[0.0] * len(gaps), y=[g[0] for g in gaps], mode="text",
                                 text=[g[1] for g in gaps], texttemplate=[f"<i>{g[1]}</i>" for g in gaps],
                                 textposition="middle right", textfont=dict(color=MUTED, size=11),
                                 hoverinfo="skip", cliponaxis=False))
    apply_theme(fig, lang, title, height=fit_height(len(df), 40, base=80, minimum=300))
    # three ticks: at 390 px six ticks ran into each other
    fig.update_xaxes(range=[0, 135], title=t("score", lang), tickvals=[0, 50, 100])
    fig.update_yaxes(automargin=True, categoryorder="array", categoryarray=labels, tickfont=dict(size=12))
    fig.update_layout(showlegend=False)
    return responsive(fig, legend_below=False)
