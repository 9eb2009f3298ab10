"""Overview charts: pillar scores and ranks of the focus province."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pii import fmt
from pii.charts.theme import FOCUS, MISSING, apply_theme
from pii.i18n import name_col, t


def pillar_bars(pillars: pd.DataFrame, lang: str = "vi", title: str | None = None) -> go.Figure:
    """Horizontal bars of pillar scores, rank printed beside each bar; a pillar
    with no published score is drawn as an empty grey bar labelled missing."""
    df = pillars.sort_values("sort_order", ascending=False)
    labels = [f"{c}. {n}" for c, n in zip(df["code"], df[name_col(lang)])]
    has = df["score"].notna()
    text = [
        f"{fmt.number(s, lang)} ({t('rank', lang).lower()} {fmt.rank(r, o, lang, missing='—')})" if ok
        else t("missing", lang)
        for s, r, o, ok in zip(df["score"], df["rank"], df["rank_of"], has)
    ]
    fig = go.Figure(go.Bar(
        x=df["score"].where(has, 100).tolist(), y=labels, orientation="h",
        marker=dict(color=[FOCUS if ok else MISSING for ok in has],
                    pattern=dict(shape=["" if ok else "/" for ok in has])),
        text=text, textposition="outside", cliponaxis=False,
        customdata=text, hovertemplate="%{y}<br>%{customdata}<extra></extra>",
    ))
    apply_theme(fig, lang, title, height=360)
    fig.update_xaxes(range=[0, 130], title=t("score", lang), tickvals=[0, 20, 40, 60, 80, 100])
    fig.update_yaxes(automargin=True)
    fig.update_layout(showlegend=False)
    return fig
