"""Figure builders for the briefing views that have no analysis-page builder
(yet): strengths & weaknesses, the regional rank heatmap, the target tracker and
the lead-units table. Inputs are plain DataFrames; no database here."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pii import fmt
from pii.analysis.bands import band_label, band_of
from pii.charts.responsive import wrap_label
from pii.charts.theme import BAND_COLOURS, CONTEXT, FOCUS, MISSING, REFERENCE, TEXT, apply_theme
from pii.i18n import t
from pii.text import short as shorten

WIDE_LABEL = 46  # characters of an indicator name on one line in an image at least WIDE_PX wide
LABEL_LINE = 22  # characters per line of an indicator label on the best/worst chart


def standing(rank: object, of: object) -> float:
    """A bar's length on the best/worst chart: the units at or below the rank (rank 1 of 63 → 63, rank 63 → 1),
    so a longer bar is a better rank and the bars agree with the order (issue 20)."""
    if fmt.is_missing(rank) or fmt.is_missing(of):
        return 0.0
    return float(int(of) + 1 - int(rank))  # type: ignore[call-overload]


def _bar_label(score: object, rank: object, of: object, lang: str) -> str:
    if fmt.is_missing(rank):
        return t("missing", lang)
    # "7/63 · 70,69" in both languages: the words ("of 63 · score") pushed the label past a phone's edge; the
    # axis title says what the two numbers are
    return t("ex_sw_bar_label", lang, rank=fmt.rank(rank, of, lang, compact=True),
             score=fmt.number(score, lang, missing="—"))


def strengths_weaknesses(best: pd.DataFrame, worst: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """Two stacked horizontal bar panels: the best- and worst-ranked indicators (columns code, name, score, rank,
    rank_of), in rank order. The bar is the rank (its length = the units at or below it: longer = better), the
    way the panels are ordered; the label prints the rank and the score. Before, the bar was the score: a
    weak-ranked indicator with a high score drew a long bar the eye read as strong."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.09,
                        subplot_titles=(t("ex_best_panel", lang, n=len(best)), t("ex_worst_panel", lang, n=len(worst))))
    ofs = [int(o) for o in pd.concat([best["rank_of"], worst["rank_of"]]).dropna()]
    n = max(ofs) if ofs else 63
    axis_title = t("ex_sw_axis", lang)
    for row, df in ((1, best), (2, worst)):
        df = df.iloc[::-1]  # first item on top
        full = [f"{c} {nm}" for c, nm in zip(df["code"], df["name"])]
        # two short lines: one 46-character line took 300 px of a 390 px phone and ran off its left edge
        labels = [wrap_label(x, LABEL_LINE, max_lines=2) for x in full]
        fig.add_trace(go.Bar(
            x=[standing(r, n) for r in df["rank"]], y=labels, orientation="h",
            # one focus colour: the length is the rank, the label says rank and score
            marker=dict(color=FOCUS, line=dict(color="#FFFFFF", width=0.5)),
            text=[_bar_label(s, r, o, lang) for s, r, o in zip(df["score"], df["rank"], df["rank_of"])],
            textposition="outside", cliponaxis=False, showlegend=False, textfont=dict(size=11),
            customdata=full,
            # a slide or a wide image has the width for one line of up to 46 characters, not the height for two
            # (pii.charts.responsive.for_image)
            meta=dict(wide=dict(ticktext=[f"{c} {shorten(nm, WIDE_LABEL)}" for c, nm in zip(df["code"], df["name"])],
                                xrange=[0, n * 1.6],
                                **({"xtitle": wrap_label(axis_title, 48, max_lines=2)} if row == 2 else {}))),
            hovertemplate="%{customdata}<br>%{text}<extra></extra>",
        ), row=row, col=1)
        # every label shown: Plotly thins crowded category labels, which would hide indicators
        fig.update_yaxes(tickmode="array", tickvals=labels, ticktext=labels, row=row, col=1)
    apply_theme(fig, lang, None, height=700)
    # the axis reads in ranks: rank 1 at the long end, rank n at the short end
    ranks = sorted({1, *range(20, n - 8, 20), n})  # no tick crowding the last rank; fits a phone unrotated
    # the longest bar leaves room for its label ("1/63 · 100,00") inside a phone's plot
    fig.update_xaxes(range=[0, n * 2.0], tickvals=[standing(r, n) for r in ranks], ticktext=[str(r) for r in ranks],
                     tickangle=0)
    fig.update_xaxes(title=dict(text=wrap_label(axis_title, 28, max_lines=3), font=dict(size=12)),
                     row=2, col=1)
    fig.update_yaxes(automargin=True, tickfont=dict(size=11))
    # subplot titles centred over the bars (left-aligned, the Vietnamese title ran off a 390 px phone)
    for ann in fig.layout.annotations:
        ann.update(text=wrap_label(ann.text, 34, max_lines=2), font=dict(size=14, color=TEXT))
    return fig


def region_heatmap(ranks: pd.DataFrame, columns: list[tuple[str, str]], focus: str, rank_of: int,
                   lang: str = "vi") -> go.Figure:
    """Provinces (rows, ``ranks`` index = province_id, column ``name``) × codes
    (``columns`` = [(code, label)]) coloured by national rank band, rank printed
    in each cell; a cell with no published rank is grey with "—"."""
    codes = [c for c, _ in columns]
    labels = [lab for _, lab in columns]
    rows = list(ranks.index)
    names = [f"<b>{ranks.loc[p, 'name']}</b>" if p == focus else str(ranks.loc[p, "name"]) for p in rows]
    z, text = [], []
    for p in rows:
        zr, tr = [], []
        for c in codes:
            r = ranks.loc[p, c] if c in ranks.columns else None
            b = band_of(r, rank_of)
            zr.append(None if b is None else b)
            tr.append("—" if fmt.is_missing(r) else str(int(r)))
        z.append(zr)
        text.append(tr)
    scale = []
    for i, col in enumerate(BAND_COLOURS):  # a stepped scale: one flat colour per band
        scale += [[i / 4, col], [(i + 1) / 4, col]]
    fig = go.Figure()
    fig.add_trace(go.Heatmap(z=[[1] * len(codes) for _ in rows], x=labels, y=names, showscale=False,
                             colorscale=[[0, MISSING], [1, MISSING]], hoverinfo="skip", xgap=2, ygap=2))
    fig.add_trace(go.Heatmap(z=z, x=labels, y=names, text=text, texttemplate="%{text}", zmin=0, zmax=4,
                             colorscale=scale, showscale=False, xgap=2, ygap=2,
                             textfont=dict(size=12, color=TEXT),
                             hovertemplate="%{y} · %{x}<br>" + t("rank", lang) + ": %{text}<extra></extra>"))
    for i in range(4):  # legend swatches for the bands (heatmaps have no legend of their own)
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=band_label(i, rank_of, lang),
                                 marker=dict(symbol="square", size=12, color=BAND_COLOURS[i])))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=t("ex_missing_cell", lang),
                             marker=dict(symbol="square", size=12, color=MISSING)))
    apply_theme(fig, lang, None, height=max(360, 34 * len(rows) + 120))
    # every province named even when rows are tight (Plotly would thin the labels)
    fig.update_yaxes(autorange="reversed", automargin=True, showgrid=False, tickmode="array", tickvals=names,
                     ticktext=names)
    fig.update_xaxes(side="top", showgrid=False, tickangle=0)
    fig.update_layout(showlegend=True, legend=dict(y=-0.02, yanchor="top", orientation="h"))
    if focus in rows:
        i = rows.index(focus)
        fig.add_shape(type="rect", xref="paper", yref="y", x0=0, x1=1, y0=i - 0.5, y1=i + 0.5,
                      line=dict(color=FOCUS, width=3), fillcolor="rgba(0,0,0,0)")
    return fig


def target_bars(rows: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """A dot (gap) chart of PII scores (columns label, score, role ∈ focus /
    other / average). Bars from zero hid a lead of about one point; dots on an
    axis that starts near the data show it, and the axis title says it does
    not start at 0. Each other row prints its gap to the focus province; a
    dotted line at the focus score guides the eye. Missing scores are listed
    as missing, never placed at a value."""
    df = rows.iloc[::-1]
    has = df["score"].notna()
    focus = df[df["role"] == "focus"]
    f_score = float(focus["score"].iat[0]) if len(focus) and focus["score"].notna().iat[0] else None
    colours = {"focus": FOCUS, "other": CONTEXT, "average": REFERENCE}
    text = []
    for s, role, ok in zip(df["score"], df["role"], has):
        if not ok:
            text.append(t("missing", lang))
        elif role == "focus" or f_score is None:
            text.append(fmt.number(s, lang))
        else:
            text.append(f"{fmt.number(s, lang)} ({fmt.number(float(s) - f_score, lang, signed=True)})")
    known = df[has]
    lo = float(known["score"].min()) if len(known) else 0.0
    hi = float(known["score"].max()) if len(known) else 100.0
    pad = max(1.0, (hi - lo) * 0.12)
    x0 = max(0.0, lo - pad)
    fig = go.Figure()
    if f_score is not None:
        fig.add_shape(type="line", xref="x", yref="paper", x0=f_score, x1=f_score, y0=0, y1=1,
                      line=dict(color=FOCUS, width=1, dash="dot"), layer="below")
    fig.add_trace(go.Scatter(
        x=[float(s) if ok else x0 for s, ok in zip(df["score"], has)], y=df["label"].tolist(), mode="markers+text",
        marker=dict(size=[16 if r == "focus" else 12 for r in df["role"]],
                    color=[colours.get(r, CONTEXT) if ok else MISSING for r, ok in zip(df["role"], has)],
                    symbol=["circle" if ok else "square-open" for ok in has], line=dict(color="#FFFFFF", width=1)),
        text=text, textposition="middle right", cliponaxis=False, showlegend=False,
        textfont=dict(size=13, color=[FOCUS if r == "focus" else TEXT for r in df["role"]]),
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    apply_theme(fig, lang, None, height=360)
    span = hi - x0
    fig.update_xaxes(range=[x0, hi + span * 0.45 + 1], title=t("ex_axis_not_zero", lang), tickformat=",.0f",
                     showline=True)
    fig.update_yaxes(automargin=True, showgrid=True)
    return fig


def table_figure(df: pd.DataFrame, lang: str = "vi", widths: list[float] | None = None) -> go.Figure:
    """A table as a figure (for image/PDF exports); text cells already formatted."""
    header = [f"<b>{c}</b>" for c in df.columns]
    cells = [df[c].astype(str).tolist() for c in df.columns]
    fig = go.Figure(go.Table(
        columnwidth=widths,
        header=dict(values=header, fill_color="#1F2933", font=dict(color="#FFFFFF", size=13), align="left",
                    height=30),
        cells=dict(values=cells, fill_color=[["#FFFFFF", "#F5F7FA"] * (len(df) // 2 + 1)], align="left",
                   font=dict(size=11, color=TEXT), height=22),
    ))
    apply_theme(fig, lang, None, height=80 + 30 * len(df))
    return fig
