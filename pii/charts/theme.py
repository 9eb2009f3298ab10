"""One chart theme for the whole app: colour-blind-safe palette (Okabe–Ito),
the focus province in one accent colour everywhere, fonts with full Vietnamese
diacritics, number separators by language.

The look lives in one Plotly template registered once as ``pio.templates["pii"]``;
``apply_theme`` only adds what depends on the call (language, title, height).
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from pii.fmt import d3_format
from pii.i18n import t

# Every family in the chain has the full Vietnamese set (ă â đ ê ô ơ ư + the
# five tone marks stacked on them). Noto Sans/Segoe UI/Arial serve browsers;
# DejaVu Sans and Liberation Sans are what Debian's Chromium (Kaleido exports)
# finds when Noto Sans is not installed, so a glyph never falls back to boxes.
FONT_FAMILY = "'Noto Sans', 'Segoe UI', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
FOCUS = "#D55E00"  # vermillion: the focus province, everywhere
PEER = "#0072B2"  # blue: peers
NEUTRAL = "#8C96A3"  # grey: others / context
MISSING = "#D9DDE3"  # light grey: no published figure
REFERENCE = "#009E73"  # green: reference lines (averages, targets)
# Okabe–Ito without vermillion first, so an ordinary series never looks like the focus.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#D55E00"]
# Rank bands, best to worst (sequential, colour-blind safe, readable text on each).
BAND_COLOURS = ["#1A9850", "#A6D96A", "#FEE08B", "#F46D43"]
TEXT = "#1F2933"
MUTED = "#52606D"  # subtitles, source lines
GRID = "#E4E7EB"
TEMPLATE = "pii"


def _template() -> go.layout.Template:
    base = pio.templates["plotly_white"]
    tpl = go.layout.Template(base)
    tpl.layout.update(
        font=dict(family=FONT_FAMILY, size=13, color=TEXT),
        colorway=OKABE_ITO,
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        hoverlabel=dict(font_family=FONT_FAMILY, bgcolor="#FFFFFF"),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0, font=dict(size=12)),
        title=dict(x=0, xanchor="left", font=dict(size=17, color=TEXT)),
        xaxis=dict(gridcolor=GRID, zerolinecolor=GRID, linecolor="#9AA5B1", tickfont=dict(color=MUTED)),
        yaxis=dict(gridcolor=GRID, zerolinecolor=GRID, linecolor="#9AA5B1", tickfont=dict(color=TEXT)),
        coloraxis=dict(colorbar=dict(outlinewidth=0, tickfont=dict(color=MUTED))),
    )
    return tpl


def register() -> str:
    """Register the template once (idempotent) and return its name."""
    if TEMPLATE not in pio.templates:
        pio.templates[TEMPLATE] = _template()
    return TEMPLATE


register()


def _set_template(fig: go.Figure) -> None:
    """``template="pii"`` re-validates the whole template (every trace type of
    plotly_white): ~13 ms per figure, the largest cost of a page run. The
    registered template is already valid, so assign it the way Plotly assigns
    its default template (validation off); the figure JSON is identical."""
    tpl = pio.templates[register()]
    layout = fig.layout
    layout._validate = False
    try:
        layout.template = tpl
    finally:
        layout._validate = fig._validate


def apply_theme(fig: go.Figure, lang: str = "vi", title: str | None = None, height: int | None = None) -> go.Figure:
    separators, _ = d3_format(lang)
    _set_template(fig)
    fig.update_layout(
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
    """Demo-mode watermark, on screen and in every export (added once)."""
    if any(getattr(a, "name", None) == "pii_watermark" for a in fig.layout.annotations):
        return fig
    fig.add_annotation(text=t("watermark"), xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                       name="pii_watermark", textangle=-20, opacity=0.18,
                       font=dict(size=26, color="#B00020", family=FONT_FAMILY))  # 34 was clipped on narrow plots
    return fig
