"""Peer comparison, trends and map: data shaping and figures on the shipped
data, with the published values a reader would check."""

from __future__ import annotations

import re
from statistics import mean

import plotly.graph_objects as go
import pytest

from pii.analysis import compare as cmp
from pii.analysis import map as geo
from pii.analysis.trends import merger_notes, trend_data
from pii.charts.theme import FOCUS, MISSING, PEER
from pii.charts.trends import trend_chart
from pii.panels import compare as compare_panels
from pii.panels import map as map_panels
from pii.panels import trends as trend_panels
from pii.viewstate import ViewState
from queries import PiiDB

TDMNPB_2023_WITH_PII = {"thai_nguyen": 47.75, "bac_giang": 46.51, "phu_tho": 41.29, "tuyen_quang": 33.74,
                        "son_la": 27.87, "ha_giang": 26.14, "lai_chau": 22.78, "cao_bang": 22.18}


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


def group(db: PiiDB, gid: str, edition: int) -> list[str]:
    return db.peer_group_members(gid, edition)["province_id"].tolist()


def bar_trace(fig: go.Figure) -> go.Bar:
    return next(tr for tr in fig.data if tr.type == "bar")


# -- peer comparison -----------------------------------------------------------------
def test_top10_2023_bar_has_ten_bars_with_thai_nguyen_highlighted(db):
    fig = compare_panels.bar(ViewState(db, 2023, "thai_nguyen", "top10", "vi")).fig
    bar = bar_trace(fig)
    assert len(bar.y) == 10
    values = dict(zip(bar.y, bar.x))
    assert values["Thái Nguyên"] == 47.75 and values["Hà Nội"] == 62.86
    assert list(bar.y)[0] == "Hà Nội" and list(bar.y)[-1] == "Thái Nguyên"  # best first, TN 10th
    colours = dict(zip(bar.y, bar.marker.color))
    assert colours["Thái Nguyên"] == FOCUS
    assert {c for n, c in colours.items() if n != "Thái Nguyên"} == {PEER}
    assert dict(zip(bar.y, bar.text))["Thái Nguyên"] == "47,75"
    assert fig.layout.separators == ",."


def test_region_average_reference_and_computed_group_mean(db):
    fig = compare_panels.bar(ViewState(db, 2023, "thai_nguyen", "tdmnpb", "vi")).fig
    bar = bar_trace(fig)
    assert dict(zip(bar.y, bar.x)) == {
        n: v for n, v in zip(["Thái Nguyên", "Bắc Giang", "Phú Thọ", "Tuyên Quang", "Sơn La", "Hà Giang",
                              "Lai Châu", "Cao Bằng"], TDMNPB_2023_WITH_PII.values())}
    lines = {s.name: s.x0 for s in fig.layout.shapes}
    region = [n for n in lines if "Trung du và miền núi phía Bắc" in n]
    assert region == ["Trung bình vùng Trung du và miền núi phía Bắc (công bố): 32,19"]
    assert lines[region[0]] == 32.19
    computed = [n for n in lines if "tính toán" in n]
    expected = mean(TDMNPB_2023_WITH_PII.values())
    assert computed == [f"Trung bình nhóm, tính toán trên 8 đơn vị có số liệu: {expected:.2f}".replace(".", ",")]
    assert lines[computed[0]] == pytest.approx(expected)


def test_missing_units_are_listed_not_zero(db):
    peers = group(db, "tdmnpb", 2023)
    scores = cmp.peer_scores(db, 2023, peers, ["PII"], "vi")
    bar = cmp.ranked_bar_data(scores, "PII", "thai_nguyen", db.region_averages(2023), {}, "vi")
    assert set(bar.missing) == {"Bắc Kạn", "Hòa Bình", "Lào Cai", "Lạng Sơn", "Yên Bái", "Điện Biên"}
    assert (bar.rows["score"] > 0).all() and len(bar.rows) == 8
    headers = {"province": "P", "score": "S", "rank": "R", "source": "Src"}

    table = cmp.table(scores, "PII", "vi", "chưa có số liệu công bố", headers).set_index("P")
    assert table.loc["Bắc Kạn", "S"] == "chưa có số liệu công bố"
    assert table.loc["Bắc Kạn", "R"] == "56/63"  # the rank was published without a score
    assert table.loc["Hòa Bình", "R"] == "chưa có số liệu công bố"
    assert table.loc["Thái Nguyên", "S"] == "47,75" and table.loc["Thái Nguyên", "R"] == "10/63"


def test_2025_units_are_named_with_their_members(db):
    names = cmp.unit_names(db, 2025, "vi")
    assert names["thai_nguyen_2025"] == "Thái Nguyên (Thái Nguyên + Bắc Kạn)"
    assert names["bac_ninh_2025"] == "Bắc Ninh (Bắc Ninh + Bắc Giang)"
    assert names["cao_bang"] == "Cao Bằng"  # unchanged by the merger
    fig = compare_panels.bar(ViewState(db, 2025, "thai_nguyen_2025", "tdmnpb", "en")).fig
    bar = bar_trace(fig)
    assert dict(zip(bar.y, bar.text)) == {"Bac Ninh (Bac Ninh + Bac Giang)": "48.76"}
    assert not any("published" in (s.name or "") for s in fig.layout.shapes)  # no 2025 region average published


def test_radar_keeps_only_units_with_pillars_and_says_who_is_left_out(db):
    fw = db.framework(2023)
    pillars = cmp.level_codes(fw, "pillar")
    assert pillars == ["I", "II", "III", "IV", "V", "VI", "VII"]
    peers = group(db, "tdmnpb", 2023)
    data = cmp.radar_data(cmp.peer_scores(db, 2023, peers, pillars, "vi"), pillars, "thai_nguyen")
    # Bắc Giang has pillars I and III from the addendum (plan 41/KH-UBND, issue 11): drawn, its gaps listed
    assert data.rows["province_id"].unique().tolist() == ["thai_nguyen", "bac_giang"]
    assert data.rows[data.rows["province_id"] == "thai_nguyen"].set_index("code")["score"].to_dict() == {
        "I": 51.90, "II": 41.84, "III": 58.76, "IV": 46.82, "V": 46.64, "VI": 27.65, "VII": 64.97}
    assert len(data.left_out) == 12 and "Bắc Giang" not in data.left_out and "Bắc Kạn" in data.left_out
    assert data.partial["Bắc Giang"] == ["II", "IV", "V", "VI", "VII"]
    fig = compare_panels.radar(ViewState(db, 2023, "thai_nguyen", "tdmnpb", "vi")).fig
    assert len(fig.data) == 2 and fig.data[0].line.color == FOCUS
    assert list(fig.data[0].r) == [51.90, 41.84, 58.76, 46.82, 46.64, 27.65, 64.97, 51.90]


def test_radar_partial_pillars_are_gaps_not_zero(db):
    pillars = cmp.level_codes(db.framework(2023), "pillar")
    data = cmp.radar_data(cmp.peer_scores(db, 2023, ["thai_nguyen", "ninh_binh"], pillars, "vi"), pillars,
                          "thai_nguyen")
    assert data.partial == {"Ninh Bình": ["IV", "VI", "VII"]}
    fig = compare_panels.radar(ViewState(db, 2023, "thai_nguyen", "custom", "vi", ["thai_nguyen", "ninh_binh"])).fig
    nb = next(tr for tr in fig.data if tr.name == "Ninh Bình")
    assert list(nb.r)[:7] == [46.16, 42.41, 64.05, None, 40.54, None, None]


def test_input_output_scatter_published_and_computed(db):
    peers = ["thai_nguyen", "ha_tinh", "tay_ninh", "bac_kan"]
    codes = ["INPUT", "OUTPUT", *cmp.PILLARS_INPUT, *cmp.PILLARS_OUTPUT]
    data = cmp.io_scatter_data(cmp.peer_scores(db, 2023, peers, codes, "vi"), "thai_nguyen")
    rows = data.rows.set_index("province_id")
    # Thái Nguyên has no published sub-index: the mean of its published pillars, flagged computed
    assert rows.loc["thai_nguyen", "computed"]
    assert rows.loc["thai_nguyen", "input"] == pytest.approx((51.90 + 41.84 + 58.76 + 46.82 + 46.64) / 5)
    assert rows.loc["thai_nguyen", "output"] == pytest.approx((27.65 + 64.97) / 2)
    assert (rows.loc["thai_nguyen", "input"] + rows.loc["thai_nguyen", "output"]) / 2 == pytest.approx(47.75, abs=0.01)
    assert not rows.loc["ha_tinh", "computed"]
    assert (rows.loc["ha_tinh", "input"], rows.loc["ha_tinh", "output"]) == (44.18, 23.35)
    assert data.left_out == ["Bắc Kạn"]
    fig = compare_panels.scatter(ViewState(db, 2023, "thai_nguyen", "custom", "vi", peers)).fig
    names = [tr.name for tr in fig.data]
    assert names == ["số liệu công bố", "tính toán từ các trụ cột công bố"]
    assert fig.data[1].marker.symbol == "circle-open"


def test_level_download_keeps_missing_empty_with_status(db):
    fw = db.framework(2023)
    scores = cmp.peer_scores(db, 2023, ["thai_nguyen", "bac_kan"], ["III.2.3"], "en")
    out = cmp.download_frame(scores, fw, 2023, "en", "no published figure").set_index("province_id")
    assert out.loc["thai_nguyen", "score"] == 12.34 and out.loc["thai_nguyen", "rank"] == 55
    assert out.loc["thai_nguyen", "status"] == ""
    assert out.loc["bac_kan", "status"] == "no published figure"
    assert out["score"].isna().sum() == 1  # missing stays empty, never 0


# -- trends -------------------------------------------------------------------------
def test_trend_of_thai_nguyen_breaks_at_the_merger(db):
    data = trend_data(db, "thai_nguyen", ["thai_nguyen"], "PII", "vi")
    rows = data.rows.set_index("edition")
    assert rows.loc[2023, ["score", "rank", "rank_of"]].tolist() == [47.75, 10, 63]
    assert rows.loc[2024, ["score", "rank", "rank_of"]].tolist() == [44.23, 9, 63]
    assert rows.loc[2025, "unit_id"] == "thai_nguyen_2025"
    assert rows.loc[2025, "rank_of"] == 34 and rows["segment"].tolist() == [0, 0, 1]
    assert merger_notes(data) == [("thai_nguyen_2025", ["Thái Nguyên", "Bắc Kạn"], "Thái Nguyên")]
    assert data.break_after == 2024


def test_merged_series_are_not_joined_across_2025_but_unchanged_ones_are(db):
    peers = group(db, "tdmnpb", 2023)
    prefer = set(peers)
    data = trend_data(db, "thai_nguyen", peers, "PII", "vi", prefer=prefer)
    fig = trend_chart(data, "score", cmp.code_info(db.framework(2023), "PII", "vi"), "vi")
    for tr in fig.data:
        xs = [x for x, y in zip(tr.x, tr.y) if y is not None and y == y]
        if 2025 in xs and 2024 in xs:
            assert tr.name == "Cao Bằng"  # unchanged unit: the only series allowed across the break
    bg = [tr for tr in fig.data if tr.name == "Bắc Giang"]
    assert len(bg) == 2  # two segments: 63-unit Bắc Giang, then merged Bắc Ninh
    assert list(bg[1].x) == [2025] and list(bg[1].y) == [48.76] and bg[1].marker.symbol == "diamond"
    assert bg[1].customdata[0][0] == "Bắc Ninh (Bắc Ninh + Bắc Giang)"
    # Bắc Kạn's 2025 unit is drawn once, on the Thái Nguyên series
    assert data.rows[(data.rows["edition"] == 2025) & (data.rows["unit_id"] == "thai_nguyen_2025")].shape[0] == 1
    assert [s.x0 for s in fig.layout.shapes] == [2024.5]
    assert any("63 → 34" in a.text for a in fig.layout.annotations)


def test_rank_chart_labels_ranks_of_n_per_language(db):
    fig_vi = trend_panels.chart(ViewState(db, 2023, "thai_nguyen", "custom", "vi"), "PII", "rank").fig
    focus = [tr for tr in fig_vi.data if tr.line.color == FOCUS]
    assert list(focus[0].text) == ["10/63", "9/63"]
    assert fig_vi.layout.yaxis.range[0] > fig_vi.layout.yaxis.range[1]  # rank 1 at the top
    fig_en = trend_panels.chart(ViewState(db, 2023, "thai_nguyen", "custom", "en"), "PII", "rank").fig
    focus = [tr for tr in fig_en.data if tr.line.color == FOCUS]
    assert list(focus[0].text) == ["10 of 63", "9 of 63"]


def test_trend_follows_2025_units_back_through_group_members(db):
    peers = group(db, "tdmnpb", 2025)
    data = trend_data(db, "thai_nguyen_2025", peers, "PII", "vi", prefer=set(group(db, "tdmnpb", 2023)))
    lineages = {lin.old_id for lin in data.lineages}
    assert "bac_giang" in lineages and "bac_ninh" not in lineages  # Bắc Ninh 2025 is in the group via Bắc Giang
    assert "thai_nguyen" in lineages and next(lin for lin in data.lineages if lin.focus).old_id == "thai_nguyen"


# -- map ----------------------------------------------------------------------------
def test_map_2023_has_63_units_with_missing_drawn_grey(db):
    frame = geo.map_frame(db, 2023, "score", "vi")
    published = db.scores(2023, codes=["PII"])["score"].notna().sum()
    # 25 + Hưng Yên, Thái Bình − Thanh Hóa (addendum, issue 11) + Cà Mau, Bến Tre (addendum 2, issue 19)
    assert len(frame) == 63 and published == 28
    assert int(frame["missing"].sum()) == 63 - published == 35
    fig = map_panels.choropleth(ViewState(db, 2023, "thai_nguyen")).fig
    missing, have, focus, focus_key = fig.data[:4]  # then the leaders' labels
    assert missing.name == "chưa có số liệu công bố" and missing.showlegend
    assert set(missing.colorscale[0]) == {0, MISSING} or missing.colorscale[0][1] == MISSING
    assert len(missing.locations) == 35 and len(have.locations) == 28  # + Cà Mau, Bến Tre (addendum 2)
    assert len(set(missing.locations) | set(have.locations)) == 63
    assert all(row[1] == "chưa có số liệu công bố" for row in missing.customdata)
    tn = dict(zip(have.locations, have.z))["19"]
    assert tn == 47.75
    assert list(focus.locations) == ["19"] and focus.marker.line.color == FOCUS
    # issue 21: the legend's focus entry has a swatch (the transparent choropleth drew none)
    assert not focus.showlegend and focus_key.showlegend and focus_key.name == focus.name
    assert focus_key.marker.symbol == "square" and focus_key.marker.line.color == FOCUS
    assert fig.data[0].featureidkey == "properties.gso_code"


def test_map_2025_has_34_units_and_joins_on_unit_set_and_code(db):
    f23 = geo.map_frame(db, 2023, "rank", "vi").set_index("gso_code")
    f25 = geo.map_frame(db, 2025, "rank", "vi").set_index("gso_code")
    assert len(f25) == 34
    # code 24 is Bắc Giang in the 63 list and Bắc Ninh in the 34 list
    assert f23.loc["24", "province_id"] == "bac_giang" and f23.loc["24", "rank"] == 11
    assert f25.loc["24", "province_id"] == "bac_ninh_2025" and f25.loc["24", "rank"] == 6
    fig = map_panels.choropleth(ViewState(db, 2025, "thai_nguyen_2025", lang="en"), "rank").fig
    have = fig.data[1]
    assert len(fig.data[0].locations) + len(have.locations) == 34
    assert dict(zip(have.locations, have.z))["01"] == -1  # rank 1 (negated so 1 is darkest, on top)
    assert have.colorbar.ticktext[0] == "1" and have.colorbar.ticktext[-1] == "34"
    hover = {row[0]: row for row in fig.data[0].customdata}
    assert hover["Thai Nguyen"][3] == " (= Thai Nguyen, Bac Kan)".replace(", ", " + ")


def test_map_refuses_the_wrong_code_list(db, monkeypatch):
    monkeypatch.setattr(geo, "unit_set_of", lambda _db, _ed: "34")
    with pytest.raises(geo.GeometryMismatch):
        geo.map_frame(db, 2023, "score", "vi")


def test_geometry_attribution_is_the_readme_line():
    readme = (geo.GEO_DIR / "GEO_README.md").read_text(encoding="utf-8")
    quoted = " ".join(ln.lstrip("> ").strip() for ln in readme.splitlines() if ln.startswith(">"))
    assert re.sub(r"\s+", " ", quoted) == geo.GEO_ATTRIBUTION
    assert "CC BY-SA 4.0" in geo.GEO_ATTRIBUTION
    for unit_set, n in (("63", 63), ("34", 34)):
        assert len(geo.load_geojson(unit_set)["features"]) == n
    assert geo.load_geojson("63") is geo.load_geojson("63")  # parsed once


def test_map_renders_offline_to_png(db):
    """Plotly geo would fetch a world base map from a CDN; the empty topology
    lets Kaleido (and the browser) draw from our GeoJSON alone."""
    fig = map_panels.choropleth(ViewState(db, 2023, "thai_nguyen")).fig
    assert geo.plotly_geo_config(fig)["topojsonURL"].startswith("data:application/json,")
    assert geo.plotly_geo_config(go.Figure(go.Bar(x=[1], y=[1]))) == {}
    png = fig.to_image(format="png", width=500, height=500)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
