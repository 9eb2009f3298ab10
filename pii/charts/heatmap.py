"""Weakness heatmaps. Colour by rank band (rank printed in the cell) or by
score; a cell with no published figure is grey with "—" and its own legend
entry, never coloured as a 0."""

from __future__ import annotations

import textwrap
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from pii import fmt
from pii.analysis.bands import N_BANDS, band_label, band_of
from pii.charts import theme
from pii.charts.responsive import fit_height, short_label
from pii.charts.theme import BAND_COLOURS, FOCUS, MISSING, apply_theme
from pii.i18n import t

ROW_PX = 26
LABEL_CHARS = 22  # row labels: code + abbreviated name (~130 px, leaves a 390 px phone room for cells); full in hover
# fixed ranges (a gap of −30 looks the same in every edition and group)
GAP_BEST_RANGE = (-40.0, 0.0)
GAP_MEDIAN_RANGE = (-25.0, 25.0)


def _score_scale() -> object:
    return getattr(theme, "SCORE_SCALE", "Viridis")


def wrap(text: object, width: int = 60) -> str:
    if not isinstance(text, str) or not text:
        return ""
    return _wrap(text, width)


@lru_cache(maxsize=1024)  # one description per row, repeated in every column's tooltip
def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width))


def row_label(code: str, name: str, limit: int = LABEL_CHARS) -> str:
    return short_label(fmt.code_name(code, name), limit)


def _band_scale() -> list[list[object]]:
    # stepwise scale over z = 0..3 (zmin -0.5, zmax 3.5): one flat colour per band
    scale: list[list[object]] = []
    for i, colour in enumerate(BAND_COLOURS):
        scale += [[i / N_BANDS, colour], [(i + 1) / N_BANDS, colour]]
    return scale


def _cell_value(c: dict | None, mode: str, lang: str) -> tuple[float | int | None, str]:
    """(z, text) of one cell in ``mode``; z None = no figure (drawn grey)."""
    if c is None:
        return None, "—"
    if mode == "rank":
        rank = c["rank"]
        return (None, "—") if fmt.is_missing(rank) else (int(c["band"]), str(int(rank)))
    if mode == "score":
        s = c["score"]
        return (None, "—") if fmt.is_missing(s) else (float(s), fmt.number(s, lang))
    if mode == "group_rank":
        r, n = c.get("group_rank"), c.get("group_n")
        if fmt.is_missing(r) or fmt.is_missing(n):
            return None, "—"
        try:
            band = band_of(r, n)
        except ValueError:  # fewer than four units with data: no band, position only
            band = min(N_BANDS - 1, int((int(r) - 1) * N_BANDS / max(int(n), 1)))
        return band, fmt.rank(r, n, lang, compact=True)
    gap = c.get(mode)
    if fmt.is_missing(gap):
        # a score of its own but no other in the row: say why there is no gap (issue 21)
        lone = not fmt.is_missing(c.get("score")) and not fmt.is_missing(c.get("group_scored"))
        return None, t("hm_gap_needs_two_cell", lang) if lone else "—"
    lo, hi = GAP_BEST_RANGE if mode == "gap_best" else GAP_MEDIAN_RANGE
    return max(lo, min(hi, float(gap))), fmt.number(gap, lang, signed=True)


def _hover(c: dict | None, code: str, x_label: str, lang: str, n_units: int, name_col: str, desc_col: str) -> str:
    missing = t("missing", lang)
    score = None if c is None else c["score"]
    rank = None if c is None else c["rank"]
    of = n_units if c is None or fmt.is_missing(c["rank_of"]) else c["rank_of"]
    band = None if c is None else c["band"]
    band_txt = band_label(int(band), int(of), lang) if not fmt.is_missing(band) else "—"
    name = c[name_col] if c is not None else code
    desc = c[desc_col] if c is not None else ""
    text = (f"<b>{wrap(fmt.code_name(code, name), 50)}</b><br>{x_label}<br>"
            f"{t('score', lang)}: {fmt.number(score, lang, missing=missing)}<br>"
            f"{t('rank', lang)}: {fmt.rank(rank, of, lang, missing=missing)} · {band_txt}")
    if c is not None and not fmt.is_missing(c.get("group_n")):
        gr = c.get("group_rank")
        text += "<br>" + t("hm_hover_group_rank", lang, rank=fmt.rank(gr, c["group_n"], lang, missing=missing))
        if not fmt.is_missing(c.get("gap_best")):
            text += "<br>" + t("hm_hover_gaps", lang, best=fmt.number(c["gap_best"], lang, signed=True),
                               median=fmt.number(c["gap_median"], lang, signed=True), n=int(c["group_scored"]))
        elif not fmt.is_missing(c.get("score")) and not fmt.is_missing(c.get("group_scored")):
            text += "<br>" + t("hm_gap_needs_two", lang)
    if isinstance(desc, str) and desc:
        text += f"<br><i>{wrap(desc)}</i>"
    return text


def _heat(cells: pd.DataFrame, x_col: str, x_order: list[object], x_labels: dict[object, str], colour: str,
          lang: str, title: str | None, n_units: int, focus_x: object | None = None) -> go.Figure:
    name_col, desc_col = ("name_vi", "description_vi") if lang == "vi" else ("name_en", "description_en")
    rows = cells.drop_duplicates("code").sort_values("sort_order", kind="stable")
    codes = rows["code"].tolist()
    context = dict(zip(rows["code"], rows["context"])) if "context" in rows else {}
    # context rows (higher levels shown because peers lack this level) in bold
    ylabels = [f"<b>{row_label(c, n)}</b>" if context.get(c) else row_label(c, n)
               for c, n in zip(rows["code"], rows[name_col])]
    # plain dicts: a per-cell DataFrame lookup costs ~1 ms, times 700 cells
    idx = {(r["code"], r[x_col]): r for r in cells.to_dict("records")}
    missing = t("missing", lang)

    z, zmiss, text, hover = [], [], [], []
    for code in codes:
        zr, mr, tr, hr = [], [], [], []
        for x in x_order:
            c = idx.get((code, x))
            value, label = _cell_value(c, colour, lang)
            zr.append(value)
            tr.append(label)
            mr.append(None if value is not None else 0)
            hr.append(_hover(c, code, x_labels.get(x, str(x)), lang, n_units, name_col, desc_col))
        z.append(zr)
        zmiss.append(mr)
        text.append(tr)
        hover.append(hr)

    xs = [x_labels.get(x, str(x)) for x in x_order]
    fig = go.Figure()
    fig.add_trace(go.Heatmap(  # missing cells underneath: flat grey
        z=zmiss, x=xs, y=ylabels, colorscale=[[0, MISSING], [1, MISSING]], showscale=False,
        hoverinfo="skip", xgap=2, ygap=2))
    common = dict(x=xs, y=ylabels, text=text, texttemplate="%{text}", customdata=hover,
                  hovertemplate="%{customdata}<extra></extra>", xgap=2, ygap=2)
    if colour in ("rank", "group_rank"):
        fig.add_trace(go.Heatmap(z=z, colorscale=_band_scale(), zmin=-0.5, zmax=N_BANDS - 0.5, showscale=False,
                                 textfont=dict(size=12, color="#1F2933"), **common))
        if colour == "rank":
            for i in range(N_BANDS):
                fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=band_label(i, n_units, lang),
                                         marker=dict(symbol="square", size=13, color=BAND_COLOURS[i])))
        else:
            for i in range(N_BANDS):
                fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=t(f"hm_group_band_{i}", lang),
                                         marker=dict(symbol="square", size=13, color=BAND_COLOURS[i])))
    else:
        if colour == "score":
            lo, hi = getattr(theme, "SCORE_RANGE", (0.0, 100.0))
            bar_title = t("score", lang)
        else:
            lo, hi = GAP_BEST_RANGE if colour == "gap_best" else GAP_MEDIAN_RANGE
            bar_title = t(f"hm_colour_{colour}_short", lang)
        fig.add_trace(go.Heatmap(z=z, colorscale=_score_scale(), zmin=lo, zmax=hi,
                                 colorbar=dict(title=dict(text=bar_title), thickness=12, len=0.6),
                                 textfont=dict(size=12), **common))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=f"— {missing}",
                             marker=dict(symbol="square", size=13, color=MISSING, line=dict(color="#9AA5B1", width=1))))
    rotated = len(xs) > 6
    # a fixed height per row keeps the numbers legible on a 1366×768 screen and on a phone
    apply_theme(fig, lang, title, height=fit_height(len(codes), ROW_PX, base=230 if rotated else 150, minimum=320))
    fig.update_yaxes(autorange="reversed", automargin=True, type="category", tickfont=dict(size=12))
    # −60°: neighbouring province names keep ≥ 13 px apart even with 16 px columns (14 units at 390 px)
    fig.update_xaxes(side="top", type="category", automargin=True, tickangle=-60 if rotated else 0,
                     tickfont=dict(size=11))
    # rotated province names stand above the plot: keep them clear of the title
    top = (170 if rotated else 110) if title else (110 if rotated else 60)
    fig.update_layout(plot_bgcolor="white", legend=dict(y=-0.02, yanchor="top", orientation="h"),
                      margin=dict(t=top, b=40))
    if focus_x is not None and focus_x in x_order:
        i = x_order.index(focus_x)
        fig.add_shape(type="rect", xref="x", yref="paper", x0=i - 0.5, x1=i + 0.5, y0=0, y1=1,
                      line=dict(color=FOCUS, width=3), fillcolor="rgba(0,0,0,0)")
    return fig


def focus_heatmap(cells: pd.DataFrame, lang: str = "vi", colour: str = "rank", title: str | None = None,
                  unit_names: dict[int, str] | None = None) -> go.Figure:
    """Rows = codes, columns = editions (from ``pii.analysis.heatmap.focus_matrix``).
    ``unit_names`` labels an edition whose unit differs (the 2025 merger)."""
    editions = sorted(int(e) for e in cells["edition"].unique())
    labels = {e: f"PII {e}" + (f"<br>({unit_names[e]})" if unit_names and e in unit_names else "") for e in editions}
    # the band scale follows each cell's own N; the legend shows the newest edition with any rank
    ranked = cells.dropna(subset=["rank"])
    n = int(ranked["rank_of"].iloc[-1]) if len(ranked) else int(cells["rank_of"].max())
    return _heat(cells, "edition", editions, labels, colour, lang, title, n)


def peer_heatmap(cells: pd.DataFrame, order: list[str], focus_id: str, lang: str = "vi", colour: str = "rank",
                 title: str | None = None) -> go.Figure:
    """Rows = codes, columns = provinces in ``order``; the focus column framed
    in the focus colour and its name in bold."""
    pcol = "province_vi" if lang == "vi" else "province_en"
    names = dict(zip(cells["province_id"], cells[pcol]))
    labels = {p: (f"<b>{names.get(p, p)}</b>" if p == focus_id else names.get(p, p)) for p in order}
    n = int(cells["rank_of"].max()) if len(cells) else 63
    return _heat(cells, "province_id", order, labels, colour, lang, title, n, focus_x=focus_id)
