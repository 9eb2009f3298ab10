"""Strengths-and-weaknesses chart: each row's rank on a 1..N axis over the
rank bands (GII economy-profile style). Rows without a published rank are
listed at the right edge as missing, never placed at a rank."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pii import fmt
from pii.analysis.bands import band_label, band_ranges
from pii.charts.heatmap import row_label, wrap
from pii.charts.responsive import responsive, wrap_label
from pii.charts.theme import BAND_COLOURS, FOCUS, MISSING, apply_theme
from pii.i18n import t

ROW_PX = 22


def rank_profile(table: pd.DataFrame, n_units: int, lang: str = "vi", title: str | None = None) -> go.Figure:
    """``table`` from ``pii.analysis.strengths`` (already filtered and sorted:
    the chart keeps its order, top row first)."""
    name_col, desc_col = ("name_vi", "description_vi") if lang == "vi" else ("name_en", "description_en")
    labels = [row_label(c, n, 34) for c, n in zip(table["code"], table[name_col])]
    has = table["rank"].notna().tolist()
    missing = t("missing", lang)
    fig = go.Figure()
    for i, (lo, hi) in enumerate(band_ranges(n_units)):
        fig.add_vrect(x0=lo - 0.5, x1=hi + 0.5, fillcolor=BAND_COLOURS[i], opacity=0.28, line_width=0, layer="below")
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=band_label(i, n_units, lang),
                                 marker=dict(symbol="square", size=13, color=BAND_COLOURS[i], opacity=0.6)))
    hover = [
        f"<b>{c} {n}</b><br>{t('score', lang)}: {fmt.number(s, lang, missing=missing)}<br>"
        f"{t('rank', lang)}: {fmt.rank(r, o, lang, missing=missing)}"
        + (f"<br><i>{wrap(d)}</i>" if isinstance(d, str) and d else "")
        for c, n, s, r, o, d in zip(table["code"], table[name_col], table["score"], table["rank"],
                                    table["rank_of"], table[desc_col])
    ]
    ranks = [int(r) if ok else None for r, ok in zip(table["rank"], has)]
    fig.add_trace(go.Scatter(
        x=ranks, y=labels, mode="markers+text", name=t("rank", lang), showlegend=False,
        marker=dict(size=11, color=FOCUS, line=dict(color="white", width=1)),
        text=[str(r) if r is not None else "" for r in ranks], textposition="middle right",
        textfont=dict(size=11), customdata=hover, hovertemplate="%{customdata}<extra></extra>"))
    miss_y = [lab for lab, ok in zip(labels, has) if not ok]
    if miss_y:
        fig.add_trace(go.Scatter(
            x=[n_units + 3] * len(miss_y), y=miss_y, mode="markers", name=f"— {missing}",
            marker=dict(symbol="square", size=11, color=MISSING, line=dict(color="#9AA5B1", width=1)),
            hovertemplate="%{y}<br>" + missing + "<extra></extra>"))
    apply_theme(fig, lang, title, height=max(260, 130 + ROW_PX * len(labels)))
    # issue 21: at 390 px the one-line title ran past the right edge and ticks 1 and 10 printed over each other:
    # the title on two lines, ticks at the band ends only (the title says 1 = best)
    fig.update_xaxes(range=[0, n_units + 5], title=wrap_label(t("sw_axis_rank", lang, n=n_units), 20), side="top",
                     tickvals=sorted(hi for _, hi in band_ranges(n_units)), zeroline=False)
    # explicit range: autorange pads a category axis by a few rows top and bottom
    fig.update_yaxes(range=[len(labels) - 0.5, -0.5], automargin=True, type="category", tickfont=dict(size=12),
                     categoryorder="array", categoryarray=labels)
    fig.update_layout(legend=dict(y=-0.02, yanchor="top"), margin=dict(t=110 if title else 60, b=40))
    return responsive(fig, legend_below=False)  # a long title wraps on a phone
