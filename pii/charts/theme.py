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
# --- the colour language (one meaning per colour, on pages and in every export) ---
# The focus province is vermillion; everything else that is only context is grey;
# a missing figure is a light grey (hatched where the chart allows) that no scale
# uses; scores use ONE sequential scale on a fixed 0–100 range; rank bands use ONE
# ordinal blue→ochre scale. tests/test_colour_language.py checks the palette under
# simulated deuteranopia/protanopia/tritanopia (CIEDE2000 between neighbours).
FOCUS = "#D55E00"  # vermillion: the focus province, everywhere
CONTEXT = "#A3ACB7"  # grey: the other provinces, when they are only context for the focus
PEER = CONTEXT  # (old name) peers are context: never a saturated colour that competes with the focus
NEUTRAL = "#8C96A3"  # darker grey: lines and markers of context, connectors
MISSING = "#E6E8EB"  # light grey: no published figure (no scale below uses it)
MISSING_PATTERN = dict(shape="/", fgcolor="#B8C0CA", fgopacity=0.7)  # hatching on missing bars
REFERENCE = "#52606D"  # dark slate: reference lines (averages, targets), labelled at the line's end
MAX_REFERENCE_LINES = 2
REF_LABEL_CHARS = 28  # a reference label wraps at this width: one line of a 358 px phone plot from its middle
REF_LINE_PX = 15  # the height of one line of a reference label (11 px font)
# Okabe–Ito without vermillion first, so an ordinary series never looks like the focus.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#D55E00"]
# Categorical series where a chart must tell several provinces apart (radar):
# Okabe–Ito without the focus vermillion, its near-twin orange and the pale yellow.
SERIES = ["#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#000000"]
# Rank bands, best to worst: blue (strong) → ochre (weak), lightness steps so the
# order survives colour-blindness and greyscale print; dark text readable on each
# (contrast ≥ 4.5 with TEXT).
BAND_COLOURS = ["#4A98CF", "#A9D1EC", "#F3DCAE", "#C98B3E"]
# Scores (0–100): ColorBrewer YlGnBu, sequential and colour-blind safe; the pale
# end is yellow, so a low score never reads as the grey of a missing figure.
SCORE_SCALE = [[0.0, "#FFFFD9"], [0.125, "#EDF8B1"], [0.25, "#C7E9B4"], [0.375, "#7FCDBB"], [0.5, "#41B6C4"],
               [0.625, "#1D91C0"], [0.75, "#225EA8"], [0.875, "#253494"], [1.0, "#081D58"]]
SCORE_RANGE = (0.0, 100.0)  # fixed across editions so two maps or heatmaps compare
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


def reference_line(fig: go.Figure, value: float, label: str, axis: str = "x", dash: str = "dash",
                   colour: str = REFERENCE, short: str | None = None) -> go.Figure:
    """A reference line (average, target) labelled at its end, not in a legend;
    at most MAX_REFERENCE_LINES per figure (more would cross the data labels)."""
    n = sum(1 for a in fig.layout.annotations if a.name == "pii_ref_label")
    if n >= MAX_REFERENCE_LINES:
        raise ValueError(f"at most {MAX_REFERENCE_LINES} reference lines per chart")
    line = dict(color=colour, dash=dash, width=1.5)
    if axis == "x":
        from pii.charts.responsive import wrap_label

        fig.add_shape(type="line", xref="x", yref="paper", x0=value, x1=value, y0=0, y1=1, line=line,
                      layer="below", name=label)  # under the bars: never through a value label
        # at the top end, wrapped so it fits a phone; a second label above the first, so two never overlap
        below = sum(ref_label_lines(a.text) for a in fig.layout.annotations if a.name == "pii_ref_label")
        # ``short``: the label drawn (one line); ``label`` names the line (its shape's name, the alt text)
        fig.add_annotation(x=value, y=1, xref="x", yref="paper", text=wrap_label(short or label, REF_LABEL_CHARS, 3),
                           showarrow=False, yanchor="bottom", xanchor="left", xshift=-2,
                           yshift=2 + REF_LINE_PX * below, align="left", font=dict(size=11, color=colour),
                           name="pii_ref_label")
    else:
        fig.add_shape(type="line", xref="paper", yref="y", x0=0, x1=1, y0=value, y1=value, line=line,
                      layer="below", name=label)  # under the bars: never through a value label
        fig.add_annotation(x=1, y=value, xref="paper", yref="y", text=label, showarrow=False, xanchor="right",
                           yanchor="bottom" if n == 0 else "top", font=dict(size=11, color=colour),
                           name="pii_ref_label")
    return fig


def ref_label_lines(text: str | None) -> int:
    """Lines of a reference label as drawn (wrapped with <br>)."""
    return (text or "").count("<br>") + 1


def score_colorbar(title: str) -> dict:
    """The colour bar of the score scale: fixed 0–100 ticks every 20."""
    return dict(title=dict(text=title), thickness=14, len=0.7, tickvals=[0, 20, 40, 60, 80, 100],
                tickformat=",.0f", outlinewidth=0)
