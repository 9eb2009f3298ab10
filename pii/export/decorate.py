"""Put title, subtitle, source line and export date on a copy of a figure.

Plotly places annotations only in plot ("paper") coordinates, so the footer is
pinned to the paper's bottom-left corner and shifted by the margins this module
sets itself: the left margin is measured from the longest y tick label and the
bottom margin reserves the x axis plus the footer. Automargin may still push
right/top (colorbars, legends), which does not move that corner.
"""

from __future__ import annotations

import datetime as dt
import math

import plotly.graph_objects as go

from pii import fmt
from pii.charts import responsive
from pii.charts.theme import FONT_FAMILY, MUTED, TEXT, register
from pii.export import text
from pii.fmt import d3_format
from pii.i18n import t

TITLE_SIZE = 20
SUBTITLE_SIZE = 13
FOOTER_SIZE = 11
PAD = 14
DEFAULT_WIDTH = 960
DEFAULT_HEIGHT = 540


def export_date_text(day: dt.date | None, lang: str) -> str:
    return t("ex_exported_on", lang, date=fmt.day(day or dt.date.today(), lang))


def _category_labels(fig: go.Figure, axis: str) -> list[str]:
    """Tick labels of a categorical axis, read from the traces' data."""
    labels: list[str] = []
    for tr in fig.data:
        values = getattr(tr, axis, None)
        if values is None:
            continue
        if tr.type == "bar" and axis == "y" and getattr(tr, "orientation", None) != "h":
            continue  # numeric axis of vertical bars
        for v in values:
            if isinstance(v, str):
                labels.append(v)
            elif isinstance(v, (int, float)):
                labels.append(f"{v:,.0f}")
    axis_obj = fig.layout.yaxis if axis == "y" else fig.layout.xaxis
    if axis_obj.ticktext:
        labels += [str(x) for x in axis_obj.ticktext]
    return labels


def _has_axes(fig: go.Figure) -> bool:
    return any(tr.type in {"bar", "scatter", "heatmap", "box", "histogram", "scattergl", "waterfall"}
               for tr in fig.data)


def _legend_names(fig: go.Figure) -> list[str]:
    """Names of the legend entries: traces and shapes (reference lines may sit in the legend)."""
    shown = [tr for tr in fig.data
             if getattr(tr, "showlegend", None) is not False and tr.type not in {"table", "heatmap"}]
    if len(shown) == 1 and not shown[0].showlegend:
        shown = []  # a lone trace gets no legend unless asked
    names = [str(tr.name or "") for tr in shown]
    names += [str(sh.name or sh.legendgrouptitle.text or "") for sh in fig.layout.shapes if sh.showlegend]
    return names


def _shows_legend(fig: go.Figure) -> bool:
    return fig.layout.showlegend is not False and bool(_legend_names(fig))


def _legend_height(fig: go.Figure, w: int) -> int:
    """Height of a horizontal legend: items wrap into rows of the image width."""
    widths = [text.width(n, 12) + 44 for n in _legend_names(fig)]
    rows, used = 1, 0.0
    for item in widths:
        if used and used + item > w - 2 * PAD:
            rows, used = rows + 1, 0.0
        used += item
    return rows * 22 + 4


def _outside_text_room(fig: go.Figure, plot_w: float) -> int:
    """Right margin that keeps labels printed beyond the end of horizontal
    bars inside the image, given the empty share of the x range."""
    need = 0.0
    for tr in fig.data:
        if tr.type != "bar" or tr.orientation != "h" or tr.textposition != "outside" or tr.text is None:
            continue
        axis = fig.layout[tr.xaxis.replace("x", "xaxis", 1)] if tr.xaxis and tr.xaxis != "x" else fig.layout.xaxis
        hi = axis.range[1] if axis.range else None
        for x, label in zip(tr.x or [], tr.text if not isinstance(tr.text, str) else [tr.text] * len(tr.x or [])):
            if x is None or not hi:
                continue
            free = (1 - float(x) / float(hi)) * plot_w
            need = max(need, text.width(str(label), 13) + 8 - free)
    return int(need)


def _fit_rows(fig: go.Figure, plot_h: float, plot_w: float) -> None:
    """Per preset: shrink the text of crowded rows (bar labels, heatmap cells,
    table cells) so that rows never overprint each other on a short canvas and
    a table never runs past the image (plotly would cut its last rows); every
    row keeps its label (plotly thins crowded labels, which put a name beside
    the wrong bar on the link preset)."""
    rows_of: dict[str, list[object]] = {}
    for tr in fig.data:
        if tr.type == "table":
            _fit_table(tr, plot_h, plot_w)
        elif (tr.type == "bar" and tr.orientation == "h" or tr.type == "heatmap"
              or tr.type == "scatter" and tr.y is not None and any(isinstance(v, str) for v in tr.y)) \
                and tr.y is not None:
            # rows of a categorical y axis (bars, heatmap rows, dot rows such as "no published figure")
            rows_of.setdefault((tr.yaxis or "y").replace("y", "yaxis", 1), []).extend(tr.y)
    for axis_name, cats in rows_of.items():
        axis = fig.layout[axis_name]
        cats = list(dict.fromkeys(cats))
        frac = (axis.domain[1] - axis.domain[0]) if axis.domain else 1.0
        row_px = plot_h * frac / max(1, len(cats))
        if row_px >= 20:
            continue
        size = max(7, int(row_px * 0.72))
        for tr in fig.data:
            if (tr.yaxis or "y").replace("y", "yaxis", 1) != axis_name or tr.type not in ("bar", "heatmap", "scatter"):
                continue
            tr.textfont.size = size
            if tr.type == "bar":
                tr.insidetextfont.size = size
                tr.outsidetextfont.size = size
        axis.tickfont.size = min(size + 1, 13)
        if axis.tickmode != "array" and all(isinstance(c, str) for c in cats):
            axis.update(tickmode="array", tickvals=cats, ticktext=cats)


def _fit_table(tr: go.Table, plot_h: float, plot_w: float) -> None:
    cols = tr.cells.values or []
    if not cols or not len(cols[0]):
        return
    weights = list(tr.columnwidth) if tr.columnwidth else [1.0] * len(cols)
    widths = [plot_w * wgt / sum(weights) - 10 for wgt in weights]
    for size in (11, 10, 9, 8, 7):
        line = size * 1.35
        rows = [max(1, *(math.ceil(text.width(str(c[i]), size) / max(20.0, cw)) for c, cw in zip(cols, widths)))
                for i in range(len(cols[0]))]
        header = size * 1.4 + 10
        if header + sum(r * line + 8 for r in rows) <= plot_h - 8 or size == 7:
            break
    tr.cells.height = line + 6
    tr.cells.font.size = size
    tr.header.height = header
    tr.header.font.size = size + 1


def decorate(fig: go.Figure, title: str, subtitle: str | None, source_line: str,
             export_date: dt.date | str | None = None, lang: str = "vi", *, width: int | None = None,
             height: int | None = None, note: str | None = None) -> go.Figure:
    """A copy of ``fig`` ready to publish: ``title`` (bold) and ``subtitle``
    (edition, peer group) on top; ``note`` (e.g. "— = no published figure"),
    ``source_line`` and the export date at the bottom. ``width`` is the CSS
    width it will be rendered at (line wrapping)."""
    register()
    # a copy without plotly's per-property validation (15 ms → 2 ms a figure): the input is a
    # valid figure and every value set below is a literal of this module
    out = go.Figure(fig.to_dict(), _validate=False)
    w = int(width or out.layout.width or DEFAULT_WIDTH)
    h = int(height or out.layout.height or DEFAULT_HEIGHT)
    responsive.for_image(out, w, h)  # a landscape map's colour bar beside it; one-line row labels where wide
    date_text = export_date if isinstance(export_date, str) else export_date_text(export_date, lang)
    separators, _ = d3_format(lang)

    # measured in the bold face it is drawn in (the regular face + 10 % ran past the right edge)
    title_lines = text.wrap(title, w - 2 * PAD - 4, TITLE_SIZE, bold=True)
    sub_lines = [line for part in (subtitle or "").split("\n") if part.strip()
                 for line in text.wrap(part, w - 2 * PAD, SUBTITLE_SIZE)]
    # Plotly anchors a multi-line title about one line too high with yanchor="top"; push it down
    title_pad = PAD + (TITLE_SIZE if len(title_lines) > 1 else 0)
    top = title_pad + len(title_lines) * (TITLE_SIZE + 6) + len(sub_lines) * (SUBTITLE_SIZE + 6) + 12
    legend_bottom = _shows_legend(out) and (out.layout.legend.y is not None and out.layout.legend.y < 0.5)
    if _shows_legend(out) and not legend_bottom:
        top += 30

    footer = text.wrap(source_line, w - 2 * PAD, FOOTER_SIZE)
    if note:
        footer = text.wrap(note, w - 2 * PAD, FOOTER_SIZE) + footer
    footer.append(f"{date_text} · {t('app_short', lang)}")
    footer_h = len(footer) * (FOOTER_SIZE + 5) + 6

    if any(a.yref == "paper" and (a.y or 0) >= 1 for a in out.layout.annotations):
        top += 22  # subplot titles sit above the plot area
    axes = _has_axes(out)
    left = PAD
    bottom = footer_h + PAD
    if axes:
        ylabels = _category_labels(out, "y")
        ytick = max((text.width(s, 13) for s in ylabels), default=30.0)
        ytitle = 24 if any(ax.title.text for ax in out.select_yaxes()) else 0
        left = int(min(ytick + ytitle + 16, w * 0.45))
        xlabels = list(dict.fromkeys(lab for tr in out.data if tr.type in ("waterfall", "bar")
                                     and getattr(tr, "orientation", None) != "h"
                                     for lab in (tr.x or []) if isinstance(lab, str)))
        if xlabels:  # a long first category label centred under its bar reaches left of the plot
            slot = (w - left - PAD) / len(xlabels)
            longest_line = max(text.width(part, 13) for part in xlabels[0].split("<br>"))
            left = int(max(left, PAD + longest_line / 2 - slot / 2 + 4))
        xtitle = 24 if any(ax.title.text for ax in out.select_xaxes()) else 0
        if out.layout.xaxis.side == "top":
            top += 26 + xtitle
        else:
            bottom += 26 + xtitle
    legend_h = _legend_height(out, w) if legend_bottom else 0
    if legend_bottom:
        # pinned in container coordinates right above the footer, whatever y the builder chose
        bottom += legend_h + 8
        out.update_layout(legend=dict(yref="container", y=(footer_h + PAD) / h, yanchor="bottom",
                                      xref="container", x=PAD / w, xanchor="left", orientation="h"))
        out.update_yaxes(automargin=False)
        out.update_xaxes(automargin=False)

    right = max(PAD, int(out.layout.margin.r or 0))
    if axes:
        right = max(right, _outside_text_room(out, w - left - PAD))
    if any(tr.type == "scatterpolar" for tr in out.data):
        # the angular labels stand outside the polar domain: room on both sides and below
        left, right = max(left, 100), max(right, 100)
        bottom += 44
    # wrapped for a phone screen; a publication image has the width: one line each, stacked line by line
    for i, ann in enumerate(a for a in out.layout.annotations if a.name == "pii_ref_label"):
        ann.update(text=(ann.text or "").replace("<br>", " "), yshift=2 + 16 * i)
    ref_labels = sum(1 for a in out.layout.annotations if a.name == "pii_ref_label")
    top += 16 * max(0, ref_labels - 1)  # reference-line labels stacked above the plot
    _fit_rows(out, h - top - bottom, w - left - right)

    subtitle_html = "<br>".join(sub_lines)
    out.update_layout(
        separators=separators,
        font=dict(family=FONT_FAMILY),
        title=dict(text="<br>".join(f"<b>{line}</b>" for line in title_lines),
                   subtitle=dict(text=subtitle_html, font=dict(size=SUBTITLE_SIZE, color=MUTED)),
                   font=dict(size=TITLE_SIZE, color=TEXT, family=FONT_FAMILY),
                   x=0, xanchor="left", xref="container", y=1, yanchor="top", yref="container",
                   automargin=False, pad=dict(t=title_pad, l=PAD)),
        margin=dict(l=left, r=right, t=top, b=bottom, autoexpand=True),
    )
    out.add_annotation(
        text="<br>".join(footer), xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="bottom",
        xshift=-(left - PAD), yshift=-(bottom - PAD // 2), showarrow=False, align="left",
        font=dict(size=FOOTER_SIZE, color=MUTED, family=FONT_FAMILY), name="pii_footer",
    )
    return out
