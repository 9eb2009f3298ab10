"""Weakness heatmaps. Colour by rank band (rank printed in the cell) or by
score; a cell with no published figure is grey with "—" and its own legend
entry, never coloured as a 0."""

from __future__ import annotations

import textwrap
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from pii import fmt
from pii.analysis.bands import N_BANDS, band_label
from pii.charts.theme import BAND_COLOURS, FOCUS, MISSING, apply_theme
from pii.i18n import t

# sequential and colour-blind safe; viridis rather than cividis because
# cividis's grey middle reads like the grey of a missing cell
SCORE_SCALE = "Viridis"
ROW_PX = 26
LABEL_CHARS = 42


def wrap(text: object, width: int = 60) -> str:
    if not isinstance(text, str) or not text:
        return ""
    return _wrap(text, width)


@lru_cache(maxsize=1024)  # one description per row, repeated in every column's tooltip
def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width))


def row_label(code: str, name: str, limit: int = LABEL_CHARS) -> str:
    label = f"{code} {name}"
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _band_scale() -> list[list[object]]:
    # stepwise scale over z = 0..3 (zmin -0.5, zmax 3.5): one flat colour per band
    scale: list[list[object]] = []
    for i, colour in enumerate(BAND_COLOURS):
        scale += [[i / N_BANDS, colour], [(i + 1) / N_BANDS, colour]]
    return scale


def _heat(cells: pd.DataFrame, x_col: str, x_order: list[object], x_labels: dict[object, str], colour: str,
          lang: str, title: str | None, n_units: int, focus_x: object | None = None) -> go.Figure:
    name_col, desc_col = ("name_vi", "description_vi") if lang == "vi" else ("name_en", "description_en")
    rows = cells.drop_duplicates("code").sort_values("sort_order")
    codes = rows["code"].tolist()
    ylabels = [row_label(c, n) for c, n in zip(rows["code"], rows[name_col])]
    # plain dicts: a per-cell DataFrame lookup costs ~1 ms, times 700 cells
    idx = {(r["code"], r[x_col]): r for r in cells.to_dict("records")}
    missing = t("missing", lang)

    z, zmiss, text, hover = [], [], [], []
    for code in codes:
        zr, mr, tr, hr = [], [], [], []
        for x in x_order:
            c = idx.get((code, x))
            score = None if c is None else c["score"]
            rank = None if c is None else c["rank"]
            of = n_units if c is None or fmt.is_missing(c["rank_of"]) else c["rank_of"]
            band = None if c is None else c["band"]
            has = not fmt.is_missing(rank) if colour == "rank" else not fmt.is_missing(score)
            if colour == "rank":
                zr.append(int(band) if has else None)
                tr.append(str(int(rank)) if has else "—")
            else:
                zr.append(float(score) if has else None)
                tr.append(fmt.number(score, lang, decimals=1) if has else "—")
            mr.append(None if has else 0)
            band_txt = band_label(int(band), int(of), lang) if not fmt.is_missing(band) else "—"
            name = c[name_col] if c is not None else code
            desc = c[desc_col] if c is not None else ""
            hr.append(
                f"<b>{code} {name}</b><br>{x_labels.get(x, x)}<br>"
                f"{t('score', lang)}: {fmt.number(score, lang, missing=missing)}<br>"
                f"{t('rank', lang)}: {fmt.rank(rank, of, lang, missing=missing)} · {band_txt}"
                + (f"<br><i>{wrap(desc)}</i>" if isinstance(desc, str) and desc else ""))
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
    if colour == "rank":
        fig.add_trace(go.Heatmap(z=z, colorscale=_band_scale(), zmin=-0.5, zmax=N_BANDS - 0.5, showscale=False,
                                 textfont=dict(size=12, color="#1F2933"), **common))
        for i in range(N_BANDS):
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=band_label(i, n_units, lang),
                                     marker=dict(symbol="square", size=13, color=BAND_COLOURS[i])))
    else:
        fig.add_trace(go.Heatmap(z=z, colorscale=SCORE_SCALE, zmin=0, zmax=100,
                                 colorbar=dict(title=dict(text=t("score", lang)), thickness=12, len=0.6),
                                 textfont=dict(size=12), **common))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=f"— {missing}",
                             marker=dict(symbol="square", size=13, color=MISSING, line=dict(color="#9AA5B1", width=1))))
    # a fixed height per row keeps the numbers legible on a 1366×768 screen
    apply_theme(fig, lang, title, height=max(320, (230 if len(xs) > 6 else 150) + ROW_PX * len(codes)))
    fig.update_yaxes(autorange="reversed", automargin=True, type="category", tickfont=dict(size=12))
    rotated = len(xs) > 6
    fig.update_xaxes(side="top", type="category", automargin=True, tickangle=-35 if rotated else 0)
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
