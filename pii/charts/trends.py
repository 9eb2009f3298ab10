"""Score (slope) and rank (bump) charts across editions, with the 2025 merger
drawn as a break in the series."""

from __future__ import annotations

import plotly.graph_objects as go

from pii import fmt
from pii.analysis.trends import TrendData
from pii.charts.compare import wrap
from pii.charts.responsive import responsive
from pii.charts.theme import CONTEXT, FOCUS, MUTED, NEUTRAL, apply_theme
from pii.i18n import t

MEASURES = ("score", "rank")
DIRECT_LABELS_MAX = 4  # context series named at their line ends; more get one grey legend entry


def trend_chart(data: TrendData, measure: str, info: dict[str, str], lang: str) -> go.Figure:
    """``measure`` is "score" or "rank"; rank axis points down (1 at the top)."""
    fig = go.Figure()
    missing = t("missing", lang)
    # the focus in the focus colour, every other series grey context; names written at
    # the end of the lines (direct labels) when there are few, else one grey legend entry
    order = sorted(data.lineages, key=lambda lin: lin.focus)  # focus last: drawn on top
    drawn = [lin for lin in order if not data.rows[data.rows["lineage"] == lin.old_id][measure].isna().all()]
    direct = sum(not lin.focus for lin in drawn) <= DIRECT_LABELS_MAX
    context_legend = False
    for lin in drawn:
        part = data.rows[data.rows["lineage"] == lin.old_id]
        colour = FOCUS if lin.focus else CONTEXT
        for _seg, grp in part.groupby("segment"):
            seg = int(_seg)
            custom = [[u, fmt.number(s, lang, missing=missing), fmt.rank(r, o, lang, missing=missing)]
                      for u, s, r, o in zip(grp["unit_name"], grp["score"], grp["rank"], grp["rank_of"])]
            labels = ([fmt.number(v, lang, missing="") for v in grp["score"]] if measure == "score"
                      else fmt.rank_column(grp, lang, missing=""))
            fig.add_trace(go.Scatter(
                x=grp["edition"].tolist(), y=grp[measure].tolist(),
                mode="lines+markers+text" if lin.focus else "lines+markers",
                text=labels if lin.focus else None, textposition="top center",
                cliponaxis=False,  # the first edition's value ("47,75") was cut at the plot's left edge
                name=lin.name, legendgroup=lin.old_id, showlegend=False, connectgaps=False,
                line=dict(color=colour, width=4 if lin.focus else 1.5),
                marker=dict(size=11 if lin.focus else 6, color=colour, symbol="diamond" if seg == 1 else "circle"),
                customdata=custom,
                hovertemplate=("<b>%{customdata[0]}</b> — PII %{x}<br>" + t("score", lang) + ": %{customdata[1]}<br>"
                               + t("rank", lang) + ": %{customdata[2]}<br><i>" + wrap(info["description"])
                               + "</i><extra></extra>"),
            ))
        if not lin.focus and not direct and not context_legend:
            # one legend entry for all the grey lines (no data: a key, not a series)
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=t("trd_context_legend", lang),
                                     line=dict(color=CONTEXT, width=1.5), showlegend=True, hoverinfo="skip"))
            context_legend = True
        last = part.dropna(subset=[measure]).sort_values("edition").tail(1)
        if len(last) and (lin.focus or direct):
            fig.add_annotation(x=int(last["edition"].iat[0]), y=float(last[measure].iat[0]), text=lin.name,
                               showarrow=False, xanchor="left", xshift=10, name="pii_direct_label",
                               font=dict(size=13 if lin.focus else 11, color=FOCUS if lin.focus else MUTED))
    if data.break_after is not None:
        x = data.break_after + 0.5
        fig.add_vline(x=x, line=dict(color=NEUTRAL, dash="dash", width=2))
        # yshift: clear of the top tick label ("100" sat under "Sáp nhập…" on a phone)
        fig.add_annotation(x=x, y=1.0, yref="paper", text=t("trd_break_label", lang), showarrow=False,
                           xanchor="center", yanchor="bottom", yshift=12, font=dict(size=12, color="#4A5561"),
                           bgcolor="rgba(255,255,255,0.85)")
    # no title inside the figure: the panel's finding heads it on the page, the image and the slide (issue 20)
    apply_theme(fig, lang, title=None, height=500)
    # the year only (the title names the PII): on a phone "PII 2023" labels turned sideways and were cut, and a
    # second line under them was hidden by the legend
    fig.update_xaxes(tickvals=data.editions, ticktext=[str(e) for e in data.editions], tickangle=0,
                     range=[min(data.editions) - 0.45, max(data.editions) + 0.3], title=None)
    fig.update_layout(margin=dict(r=120))  # the direct labels at the line ends
    if measure == "rank":
        top = int(max([63.0] + [float(v) for v in data.rows["rank_of"].dropna()]))
        ticks = [1] + list(range(10, top + 1, 10))
        fig.update_yaxes(autorange=False, range=[top + 2, -1], title=t("trd_axis_rank", lang), tickvals=ticks)
    else:
        fig.update_yaxes(range=[0, 100], title=t("score", lang), tickformat=",.0f")
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.08, xanchor="left", x=0),
                      margin=dict(t=50, b=40))  # the top: room for the merger label over the break line
    return responsive(fig, legend_below=False)

