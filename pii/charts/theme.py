"""One chart theme for the whole app: colour-blind-safe palette (Okabe–Ito),
the focus province in one accent colour everywhere, fonts with full Vietnamese
diacritics, number separators by language."""

from __future__ import annotations

import plotly.graph_objects as go

from pii.fmt import d3_format
from pii.i18n import t

FONT_FAMILY = "'Noto Sans', 'DejaVu Sans', 'Segoe UI', Arial, sans-serif"
FOCUS = "#D55E00"  # vermillion: the focus province, everywhere
PEER = "#0072B2"  # blue: peers
NEUTRAL = "#8C96A3"  # grey: others / context
MISSING = "#D9DDE3"  # light grey: no published figure
REFERENCE = "#009E73"  # green: reference lines (averages, targets)
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#D55E00"]
# Rank bands, best to worst (sequential, colour-blind safe, readable text on each).
BAND_COLOURS = ["#1A9850", "#A6D96A", "#FEE08B", "#F46D43"]
TEXT = "#1F2933"


def apply_theme(fig: go.Figure, lang: str = "vi", title: str | None = None, height: int | None = None) -> go.Figure:
    separators, _ = d3_format(lang)
    fig.update_layout(
        template="plotly_white",
        font=dict(family=FONT_FAMILY, size=13, color=TEXT),
        separators=separators,
        colorway=OKABE_ITO,
        margin=dict(l=10, r=10, t=60 if title else 20, b=10),
        hoverlabel=dict(font_family=FONT_FAMILY),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0),
    )
    if title:
        fig.update_layout(title=dict(text=title, x=0, xanchor="left", font=dict(size=17)))
    if height:
        fig.update_layout(height=height)
    return fig


def add_watermark(fig: go.Figure) -> go.Figure:
    """Demo-mode watermark, on screen and in every export."""
    fig.add_annotation(text=t("watermark"), xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                       textangle=-20, opacity=0.18, font=dict(size=34, color="#B00020", family=FONT_FAMILY))
    return fig
