"""Figures of the peer comparison: ranked bar, pillar radar, input-versus-output
scatter. Each builder takes shaped data (pii.analysis.compare); the panels (pii.panels.compare) are the one
place they are called with a view state."""

from __future__ import annotations

import plotly.graph_objects as go

from pii import fmt
from pii.analysis import compare as cmp
from pii.charts.responsive import responsive
from pii.charts.theme import (
    CONTEXT,
    FOCUS,
    MAX_REFERENCE_LINES,
    NEUTRAL,
    REF_LINE_PX,
    SERIES,
    apply_theme,
    ref_label_lines,
    reference_line,
)
from pii.i18n import t
from pii.text import wrap


def ranked_bar(bar: cmp.RankedBar, info: dict[str, str], edition: int, lang: str) -> go.Figure:
    rows = bar.rows
    colours = [FOCUS if f else CONTEXT for f in rows["focus"]]
    ranks = fmt.rank_column(rows, lang, missing=t("missing", lang))
    custom = [[fmt.number(s, lang), r, wrap(info["description"])] for s, r in zip(rows["score"], ranks)]
    fig = go.Figure(go.Bar(
        x=rows["score"].tolist(), y=rows["name"].tolist(), orientation="h", marker_color=colours,
        # the value inside the bar's end: a reference line runs under the bar (layer below), so it never
        # crosses a value label (outside, "27,87" and "26,14" sat on the regional average line; issue 20)
        text=[fmt.number(s, lang) for s in rows["score"]], textposition="inside", insidetextanchor="end",
        insidetextfont=dict(color=["#FFFFFF" if f else "#1F2933" for f in rows["focus"]]), constraintext="none",
        cliponaxis=False,
        customdata=custom, name=info["name"], showlegend=False,
        hovertemplate=("<b>%{y}</b><br>" + f"{info['code']} {info['name']}: " + "%{customdata[0]}<br>"
                       + t("cmp_hover_rank", lang) + ": %{customdata[1]}<br><i>%{customdata[2]}</i><extra></extra>"),
    ))
    # at most two reference lines, labelled at their top end (no legend): the published
    # average of the focus province's own region and the group mean the app computes
    refs = [r for r in bar.references if r.computed or r.focus_region]
    refs.sort(key=lambda r: r.computed)
    for ref in refs[:MAX_REFERENCE_LINES]:
        value = fmt.number(ref.value, lang)
        if ref.computed:
            label = t("cmp_ref_group_mean", lang, n=ref.n, value=value)
            short = t("cmp_ref_group_mean_short", lang, value=value)
        else:
            label = t("cmp_ref_region", lang, region=ref.name, value=value)
            short = t("cmp_ref_region_short", lang, value=value)
        reference_line(fig, ref.value, label, dash="dot" if ref.computed else "dash", short=short)
    # no title in the figure: the panel's finding is the heading on the page and the title of image and slide
    # (a title here repeated "PII … PII 2023" above a squat chart; issue 20)
    lines = sum(ref_label_lines(a.text) for a in fig.layout.annotations if a.name == "pii_ref_label")
    top_margin = 14 + REF_LINE_PX * lines + 4 if lines else 16
    apply_theme(fig, lang, height=max(300, top_margin + 70 + 34 * len(rows)))
    top = max([100.0] + [float(v) for v in rows["score"]])
    fig.update_xaxes(range=[0, top * 1.08], title=t("score", lang), tickformat=",.0f")
    for ann in fig.layout.annotations:  # a label of a line in the right half runs leftwards: never off the image
        if ann.name == "pii_ref_label" and ann.x > top * 1.08 * 0.45:
            ann.update(xanchor="right", xshift=2, align="right")
    fig.update_yaxes(autorange="reversed", automargin=True, title=None)
    # the reference labels sit above the plot: room for every line of them, nothing else
    fig.update_layout(showlegend=False, margin=dict(t=top_margin, b=40))
    return responsive(fig, legend_below=False)


def radar(data: cmp.Radar, pillar_names: dict[str, str], focus_id: str, edition: int, lang: str,
          descriptions: dict[str, str] | None = None) -> go.Figure:
    descriptions = descriptions or {}
    fig = go.Figure()
    # short lines so the labels fit a half-width column at 1366 px
    theta = [f"{c}. " + wrap(pillar_names.get(c, c), 14) for c in data.pillars]
    palette = SERIES
    i = 0
    for pid, grp in data.rows.groupby("province_id", sort=False):
        s = grp.set_index("code").reindex(data.pillars)
        focus = pid == focus_id
        colour = FOCUS if focus else palette[i % len(palette)]
        i += 0 if focus else 1
        r = [None if fmt.is_missing(v) else float(v) for v in s["score"]]
        custom = [[fmt.number(v, lang), rk, wrap(descriptions.get(c, ""), 50)]
                  for c, v, rk in zip(data.pillars, s["score"], fmt.rank_column(s, lang))]
        # close the polygon by repeating the first point
        fig.add_trace(go.Scatterpolar(
            r=r + r[:1], theta=theta + theta[:1], name=grp["name"].iat[0], mode="lines+markers",
            line=dict(color=colour, width=3.5 if focus else 2), connectgaps=False,
            fill="toself" if focus else None, fillcolor="rgba(213,94,0,0.12)" if focus else None,
            customdata=custom + custom[:1],
            hovertemplate="<b>%{fullData.name}</b><br>%{theta}: %{customdata[0]}<br>"
                          + t("cmp_hover_rank", lang) + ": %{customdata[1]}<br><i>%{customdata[2]}</i><extra></extra>",
        ))
    apply_theme(fig, lang, title=None, height=480)  # the panel's finding heads the chart (issue 20)
    # radial ticks between the first two spokes, so they do not cover a label
    step = 360 / max(1, len(data.pillars))
    fig.update_layout(polar=dict(radialaxis=dict(range=[0, 100], tickformat=",.0f", angle=90 - step / 2,
                                                 tickangle=90 - step / 2, tickfont=dict(size=10)),
                                 angularaxis=dict(direction="clockwise", rotation=90, tickfont=dict(size=11))),
                      legend=dict(orientation="h", yanchor="top", y=-0.05, xanchor="left", x=0),
                      margin=dict(l=95, r=95, t=40, b=40))
    return responsive(fig, legend_below=False)


def io_scatter(data: cmp.Scatter, edition: int, lang: str, explain: str = "") -> go.Figure:
    """``explain`` (how the sub-indices are made) goes into every tooltip."""
    rows = data.rows
    fig = go.Figure()
    # a shape, not a trace: the data traces stay first (alt text reads them)
    fig.add_shape(type="line", x0=0, y0=0, x1=100, y1=100, line=dict(color=NEUTRAL, dash="dot", width=1),
                  name=t("cmp_scatter_diagonal", lang), showlegend=True, layer="below")
    for computed in (False, True):
        part = rows[rows["computed"] == computed]
        if part.empty:
            continue
        colours = [FOCUS if f else NEUTRAL for f in part["focus"]]
        custom = [[fmt.number(a, lang), fmt.number(b, lang), fmt.number(b / a if a else None, lang)]
                  for a, b in zip(part["input"], part["output"])]
        name = t("cmp_scatter_computed" if computed else "cmp_scatter_published", lang)
        fig.add_trace(go.Scatter(
            x=part["input"].tolist(), y=part["output"].tolist(), mode="markers+text", text=part["name"].tolist(),
            textposition="top center", textfont=dict(size=11),
            # computed points are hollow: same colour, open symbol
            marker=dict(size=[16 if f else 11 for f in part["focus"]], color=colours,
                        symbol="circle-open" if computed else "circle",
                        line=dict(color=colours, width=3 if computed else 1)),
            name=name, customdata=custom,
            hovertemplate=("<b>%{text}</b><br>" + t("cmp_axis_input", lang) + ": %{customdata[0]}<br>"
                           + t("cmp_axis_output", lang) + ": %{customdata[1]}<br>"
                           + t("cmp_efficiency", lang) + ": %{customdata[2]}<br>" + name
                           + (f"<br><i>{wrap(explain, 60)}</i>" if explain else "") + "<extra></extra>"),
        ))
    lo = min([100.0] + [float(v) for v in rows[["input", "output"]].to_numpy().ravel()]) if len(rows) else 0.0
    hi = max([0.0] + [float(v) for v in rows[["input", "output"]].to_numpy().ravel()]) if len(rows) else 100.0
    lo, hi = max(0.0, lo - 8), min(100.0, hi + 8)
    apply_theme(fig, lang, title=None, height=480)  # the panel's finding heads the chart (issue 20)
    fig.update_xaxes(range=[lo, hi], title=t("cmp_axis_input", lang), tickformat=",.0f")
    fig.update_yaxes(range=[lo, hi], title=t("cmp_axis_output", lang), tickformat=",.0f")
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.15, xanchor="left", x=0), margin=dict(b=40))
    return responsive(fig, legend_below=False)
