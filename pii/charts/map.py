"""Choropleth of the provinces by PII score or rank; missing drawn as missing."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pii import fmt
from pii.analysis import map as geo
from pii.analysis import rules
from pii.charts.compare import wrap
from pii.charts.theme import FOCUS, MISSING, SCORE_RANGE, SCORE_SCALE, apply_theme, score_colorbar
from pii.i18n import t

# The app's one score scale (theme.SCORE_SCALE, YlGnBu) on its fixed 0–100 range,
# so maps of two editions compare; ranks use the same scale (dark = better).
SCALE = SCORE_SCALE
_CLEAR = [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]]
BORDER = dict(line=dict(color="#7F8C99", width=0.3))  # thin and dark: islets stay visible

geo.use_offline_topojson_for_images()


def _features(frame: pd.DataFrame) -> str:
    """Only the features a trace draws (each trace carries its own), from the
    unit set of the frame (63 or 34: the code lists differ)."""
    return geo.geojson_url(str(frame["unit_set"].iat[0]), tuple(frame["gso_code"]))


def _hover(frame: pd.DataFrame, lang: str, members: dict[str, str]) -> list[list[str]]:
    missing = t("missing", lang)
    rows = []
    for r in frame.itertuples():
        extra = t("map_members", lang, members=members[r.province_id]) if r.province_id in members else ""
        rows.append([r.name, fmt.number(r.score, lang, missing=missing),
                     fmt.rank(r.rank, r.rank_of, lang, missing=missing), extra])
    return rows


def choropleth(frame: pd.DataFrame, measure: str, focus_id: str, edition: int, lang: str,
               description: str = "", members: dict[str, str] | None = None) -> go.Figure:
    """``frame`` is :func:`pii.analysis.map.map_frame` (every unit, with its unit set)."""
    members = members or {}
    # Plain dicts, built unvalidated; the GeoJSON goes in as a data: URL string
    # (see pii.analysis.map.geojson_url) so nothing copies 25,000 vertices per run.
    traces: list[dict] = []
    desc = f"<br><i>{wrap(description, 60)}</i>" if description else ""
    template = ("<b>%{customdata[0]}</b>%{customdata[3]}<br>" + t("map_hover_score", lang) + ": %{customdata[1]}<br>"
                + t("map_hover_rank", lang) + ": %{customdata[2]}" + desc + "<extra></extra>")
    gone = frame[frame["missing"]]
    if len(gone):
        # z is only a colour key here (one grey); the hover says "no published figure"
        traces.append(dict(
            type="choropleth", geojson=_features(gone),
            featureidkey="properties.gso_code", locations=gone["gso_code"].tolist(), z=[1] * len(gone),
            colorscale=[[0, MISSING], [1, MISSING]], showscale=False, name=t("map_missing_legend", lang),
            showlegend=True, marker=BORDER, customdata=_hover(gone, lang, members), hovertemplate=template))
    have = frame[~frame["missing"]]
    if len(have):
        rank = measure == "rank"
        rank_of = int(frame["rank_of"].max())
        # fixed range (0–100 for scores, 1..N for ranks): the same colour means the
        # same score in every edition, so two maps can be compared side by side
        lo, hi = SCORE_RANGE
        colorbar = score_colorbar(t("map_colorbar_" + measure, lang))
        # under the map, horizontal: beside it the bar took half of a 390 px phone and left the map 60 px wide
        colorbar.update(orientation="h", x=0.5, xanchor="center", y=0.0, yanchor="bottom", len=0.8, thickness=12)
        colorbar["title"]["side"] = "top"
        if rank:
            # negated so rank 1 sits at the top of the colour bar and is darkest
            ticks = [1] + list(range(10, rank_of, 10)) + [rank_of]
            colorbar.update(tickvals=[-v for v in ticks], ticktext=[str(v) for v in ticks])
        traces.append(dict(
            type="choropleth", geojson=_features(have),
            featureidkey="properties.gso_code", locations=have["gso_code"].tolist(),
            z=(-have["value"] if rank else have["value"]).tolist(), colorscale=SCALE,
            zmin=-rank_of if rank else lo, zmax=-1 if rank else hi,
            name=t("map_hover_score" if not rank else "map_hover_rank", lang), showlegend=False,
            marker=BORDER, colorbar=colorbar, customdata=_hover(have, lang, members), hovertemplate=template))
    focus = frame[frame["province_id"] == focus_id]
    if len(focus):
        traces.append(dict(
            type="choropleth", geojson=_features(focus),
            featureidkey="properties.gso_code", locations=focus["gso_code"].tolist(), z=[1],
            colorscale=_CLEAR, showscale=False, name=t("map_focus_legend", lang, name=focus["name"].iat[0]),
            showlegend=False, marker=dict(line=dict(color=FOCUS, width=3)), hoverinfo="skip"))
        # the legend's entry: a transparent choropleth drew no swatch there (issue 21); a square outlined in the
        # focus colour, as the province is outlined on the map
        traces.append(dict(
            type="scattergeo", lon=[None], lat=[None], mode="markers", hoverinfo="skip", showlegend=True,
            name=t("map_focus_legend", lang, name=focus["name"].iat[0]),
            marker=dict(symbol="square", size=14, color="rgba(255,255,255,0)", line=dict(color=FOCUS, width=3))))
    fig = go.Figure({"data": traces, "layout": {}}, _validate=False)
    # no title inside the figure: the panel's finding heads it on the page, the image and the slide (issue 20)
    apply_theme(fig, lang, title=None, height=780)
    # the map across the whole width, the colour bar and the legend under it: the same figure reads on a phone
    # (width-bound) and on a screen (height-bound)
    fig.update_layout(geo=dict(visible=False, projection=dict(type="mercator"), lonaxis=dict(range=list(geo.LON_RANGE)),
                               lataxis=dict(range=list(geo.LAT_RANGE)), bgcolor="rgba(0,0,0,0)",
                               domain=dict(x=[0.0, 1.0], y=[0.2, 1.0])),
                      margin=dict(l=0, r=0, t=10, b=0),
                      # under the map: over it the legend hid the Mekong delta
                      legend=dict(orientation="h", yanchor="bottom", y=0.1, xanchor="center", x=0.5))
    return fig


LABEL_LON = 108.9  # labels stand in the sea east of the coast (and west of the archipelagos)
LABEL_GAP_DEG = 1.35  # one text line apart, down to the small link-preview size


def _centroid(geometry: dict) -> tuple[float, float]:
    """Centre of the largest polygon of a feature (shoelace formula): islets and
    the archipelagos never pull a label into the sea."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    best, best_area = (0.0, 0.0), -1.0
    for poly in polys:
        ring = poly[0]
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if a and abs(a) > best_area:
            best_area, best = abs(a), (cx / (3 * a), cy / (3 * a))
    return best


def centroids(unit_set: str) -> dict[str, tuple[float, float]]:
    """gso_code -> (lon, lat) label point of each unit."""
    return {f["properties"]["gso_code"]: _centroid(f["geometry"]) for f in geo.load_geojson(unit_set)["features"]}


def label_leaders(fig: go.Figure, frame: pd.DataFrame, focus_id: str, lang: str,
                  n_leaders: int = 3) -> go.Figure:
    """Write the names of the focus province (in the focus colour) and of the
    ``n_leaders`` best-ranked units (with their score) in the empty sea east of
    the mainland, one line apart, each joined to its province by a thin line:
    labels on the provinces themselves overlapped (Hà Nội, Hải Phòng and Thái
    Nguyên lie within 100 km)."""
    have = frame[~frame["missing"]]
    rows = pd.concat([rules.strongest(have, n_leaders), frame[frame["province_id"] == focus_id]])
    rows = rows.drop_duplicates("province_id")
    where = centroids(str(frame["unit_set"].iat[0])) if len(rows) else {}
    picks = [(r, *where[r.gso_code]) for r in rows.itertuples() if r.gso_code in where]
    picks.sort(key=lambda x: -x[2])  # north first
    last_lat = None
    for r, lon, lat in picks:
        label_lat = lat if last_lat is None else min(lat, last_lat - LABEL_GAP_DEG)
        last_lat = label_lat
        colour = FOCUS if r.province_id == focus_id else "#1F2933"
        value = "" if fmt.is_missing(r.score) else f" {fmt.number(r.score, lang)}"
        fig.add_trace(go.Scattergeo(
            lon=[lon, LABEL_LON], lat=[lat, label_lat], mode="lines+markers", showlegend=False, hoverinfo="skip",
            line=dict(color=colour, width=1), marker=dict(size=[6, 0], color=colour), name="pii_map_leader"))
        fig.add_trace(go.Scattergeo(
            lon=[LABEL_LON], lat=[label_lat], text=[f"<b>{r.name}</b>{value}"], mode="text",
            textposition="middle right", textfont=dict(size=13, color=colour), hoverinfo="skip", showlegend=False,
            name="pii_map_label"))
    return fig
