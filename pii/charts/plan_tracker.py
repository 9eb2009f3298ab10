"""Action plan figures: indicators each lead unit owns, by rank band."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pii.analysis.bands import band_label
from pii.charts.responsive import responsive, short_label
from pii.charts.theme import BAND_COLOURS, MISSING, apply_theme
from pii.i18n import t


def unit_band_bars(counts: pd.DataFrame, unit_order: list[str], n_ranked: int | None, lang: str = "vi",
                   title: str | None = None) -> go.Figure:
    """Stacked horizontal bars: one per lead unit (``unit_order`` top to bottom),
    segments = indicators led in each rank band, weakest band first so the
    units with most weak indicators read first; no published rank = grey."""
    col = "unit_vi" if lang == "vi" else "unit_en"
    names = counts.drop_duplicates("unit_id").set_index("unit_id")[col]
    full = [names[u] for u in reversed(unit_order)]
    y = [short_label(n, 26) for n in full]  # "Ban Quản lý các khu công nghiệp…": the bars keep room on a phone
    fig = go.Figure()
    for band in (3, 2, 1, 0, None):
        sub = counts[counts["band"].isna()] if band is None else counts[counts["band"] == band]
        n = sub.set_index("unit_id")["n"]
        x = [int(n.get(u, 0)) for u in reversed(unit_order)]
        if not any(x):
            continue
        label = t("pt_no_band", lang) if band is None or n_ranked is None else band_label(band, n_ranked, lang)
        fig.add_trace(go.Bar(x=x, y=y, orientation="h", name=label,
                             marker_color=MISSING if band is None else BAND_COLOURS[band],
                             text=[v if v else "" for v in x], textposition="inside", textfont=dict(size=12),
                             textangle=0,  # level: rotated 90° on a slide
                             customdata=full, hovertemplate="%{customdata}: %{x}<extra>" + label + "</extra>"))
    apply_theme(fig, lang, title, height=26 * len(y) + 130)
    # issue 21: Plotly shrank the numbers of narrow segments to ~6 px on a phone; at least 11 px, and a segment too
    # narrow for that still shows it, level (its one or two digits fit; hidden, about half the bars had none)
    fig.update_layout(barmode="stack", uniformtext=dict(minsize=11, mode="show"))
    # whole numbers, at most ~6 ticks: one tick per indicator ran together at 390 px
    fig.update_xaxes(title=t("pt_col_n_lead", lang), tickformat="d", nticks=6)
    # every unit named: plotly thinned crowded category labels (about half the bars had none on a slide)
    fig.update_yaxes(automargin=True, tickmode="array", tickvals=y, ticktext=y)
    # the legend below the plot: above it, its four wrapped rows covered the two-line title on a phone
    fig = responsive(fig, legend_below=True)
    fig.update_layout(legend=dict(y=-0.08 - 60 / max(fig.layout.height or 400, 1)))
    return fig
