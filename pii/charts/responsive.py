"""Charts that read on a 390 px phone as well as on a 1440 px screen.

Plotly resizes a figure's width to its container but not its height, margins
or labels: a chart built for a laptop keeps 300 px of row labels on a 358 px
phone column, and a one-line title runs off the right edge. The builders in
``pii/charts`` call these helpers instead: heights from the number of rows,
margins that grow with the labels (automargin), labels short enough for a
phone with the full text kept for the hover, and titles wrapped onto lines.
"""

from __future__ import annotations

import plotly.graph_objects as go

from pii.analysis.map import LON_RANGE
from pii.text import short, wrap

TITLE_CHARS = 44  # ~ what fits a 358 px plot at the theme's 17 px title font


def fit_height(rows: int, row_px: int = 26, base: int = 150, minimum: int = 300, maximum: int | None = None) -> int:
    """Height in px that gives every row ``row_px`` plus ``base`` for the axes,
    title and legend; never below ``minimum`` (an empty chart still reads)."""
    h = max(minimum, base + row_px * max(rows, 0))
    return min(h, maximum) if maximum else h


short_label = short  # pii.text: the one "cut with …" rule


def wrap_label(text: object, width: int = 24, max_lines: int = 3) -> str:
    """``text`` on lines of at most ``width`` characters (Plotly ``<br>``), "…" beyond ``max_lines``."""
    return wrap(text, width, max_lines)


def responsive(fig: go.Figure, *, title_chars: int = TITLE_CHARS, legend_below: bool = True) -> go.Figure:
    """Automargins on every axis, a wrapped title and a legend below the plot,
    so nothing is cut at phone width. Call after the theme."""
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    title = fig.layout.title.text if fig.layout.title else None
    if title and "<br>" not in title and len(title) > title_chars:
        wrapped = wrap_label(title, title_chars, max_lines=3)
        top = fig.layout.margin.t if fig.layout.margin.t is not None else 60
        # each extra title line needs ~22 px more at the top, or it runs into the plot
        fig.update_layout(title_text=wrapped, margin_t=top + 22 * wrapped.count("<br>"))
    if legend_below:
        fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0))
    # legend items: Plotly moves a horizontal legend's items onto new lines itself
    return fig


LABEL_ROOM_LON = 124.0  # a landscape map's east edge: room for "TP. Hồ Chí Minh 55,85"


def beside(fig: go.Figure) -> go.Figure:
    """The colour bar and the legend beside the map instead of under it, for a landscape image (slide, link
    preview, A4): there the height is short and the labels off the coast need the map tall.

    The map reaches further east (to ``LABEL_ROOM_LON``) so the names written in the sea stay inside the map's
    frame: at 1200×630 the frame ended at the coast and cut them ("Thái Nguyên 4…", "TP. Hồ Chí Mi…"). The
    colour bar stands in the upper part, its title on its right, clear of the legend pinned under the plot."""
    fig.update_layout(geo=dict(domain=dict(x=[0.0, 0.74], y=[0.0, 1.0]),
                               lonaxis=dict(range=[LON_RANGE[0], LABEL_ROOM_LON])),
                      legend=dict(orientation="v", yanchor="bottom", y=0.0, xanchor="left", x=0.76))
    for tr in fig.data:
        if tr.type == "choropleth" and tr.showscale is not False:
            tr.colorbar.update(orientation="v", x=0.78, xanchor="left", y=1.0, yanchor="top", len=0.6,
                               thickness=14, title_side="right")
    return fig


WIDE_PX = 600  # an image at least this wide (CSS px) has the room for one-line row labels


def for_image(fig: go.Figure, width: int, height: int) -> go.Figure:
    """``fig`` laid out for an image of ``width`` × ``height`` CSS px (slide picture, link preview, A4,
    social square). A landscape map gets its colour bar and legend beside it (:func:`beside`). In an image
    at least ``WIDE_PX`` wide, a trace that carries one-line labels (``meta["wide"]``: ``ticktext``;
    ``xrange``, the room its value labels need; ``xtitle``, its axis title unwrapped) shows them instead of
    the two-line labels a 390 px phone needs: those overlapped in a slide's short picture and in the square
    social image."""
    if width > height and any(tr.type == "choropleth" for tr in fig.data):
        beside(fig)
    if width < WIDE_PX:
        return fig
    for tr in fig.data:
        wide = tr.meta.get("wide") if isinstance(tr.meta, dict) else None
        if not wide:
            continue
        yaxis = "yaxis" + (tr.yaxis or "y")[1:]
        fig.layout[yaxis].update(tickvals=list(tr.y), ticktext=list(wide["ticktext"]))
        xaxis = fig.layout["xaxis" + (tr.xaxis or "x")[1:]]
        if "xrange" in wide:
            xaxis.update(range=list(wide["xrange"]))
        if "xtitle" in wide:  # the axis title on one line
            xaxis.title.text = wide["xtitle"]
    return fig
