"""AppTests of the peer comparison, trends and map pages: what a user sees,
on the shipped data and (demo=1) on the synthetic complete dataset."""

from __future__ import annotations

import json

from tests.apptest_helpers import open_tables, run_page, texts


def charts(at) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def chart_titles(at) -> list[str]:
    return [c["layout"].get("title", {}).get("text", "") for c in charts(at)]


def qp(at, key):
    v = at.query_params.get(key)
    return v[0] if isinstance(v, list) else v


def table(at, i=0):
    return open_tables(at).dataframe[i].value


# -- peer comparison -----------------------------------------------------------------
def test_compare_default_region_group_2023():
    at = run_page("pages/compare.py")
    assert not at.exception
    text = texts(at)
    assert "So sánh Thái Nguyên với nhóm — PII 2023" in text
    assert "Nhóm: Vùng Trung du và miền núi phía Bắc — 14 đơn vị trong PII 2023." in text
    assert "Không hiển thị — chưa có số liệu công bố: Bắc Kạn, Hòa Bình, Lào Cai, Lạng Sơn, Yên Bái, Điện Biên." in text
    bar = charts(at)[0]
    trace = bar["data"][0]
    assert trace["type"] == "bar" and len(trace["y"]) == 8
    assert dict(zip(trace["y"], trace["text"]))["Thái Nguyên"] == "47,75"
    refs = [s["name"] for s in bar["layout"]["shapes"]]
    assert "Trung bình vùng Trung du và miền núi phía Bắc (công bố): 32,19" in refs
    df = table(at).set_index("Tỉnh/thành")
    assert df.loc["Thái Nguyên", "Điểm"] == "47,75" and df.loc["Thái Nguyên", "Xếp hạng"] == "10/63"
    assert df.loc["Bắc Kạn", "Điểm"] == "chưa có số liệu công bố" and df.loc["Bắc Kạn", "Xếp hạng"] == "56/63"
    assert len(df) == 14
    # radar: Thái Nguyên has every pillar; Bắc Giang two (I and III, the addendum); the scatter point is computed
    radar = charts(at)[1]
    assert [tr["name"] for tr in radar["data"]] == ["Thái Nguyên", "Bắc Giang"]
    assert "Số liệu do ứng dụng tính toán từ số liệu công bố, không phải số liệu chính thức." in text
    assert qp(at, "level") == "pii" and qp(at, "code") == "PII"


def test_compare_top10_english():
    at = run_page("pages/compare.py", {"group": "top10", "lang": "en"})
    assert not at.exception
    trace = charts(at)[0]["data"][0]
    assert len(trace["y"]) == 10 and trace["y"][-1] == "Thai Nguyen"
    assert dict(zip(trace["y"], trace["text"]))["Thai Nguyen"] == "47.75"
    df = table(at).set_index("Province")
    assert df.loc["Ha Noi", "Rank"] == "1 of 63" and df.loc["Thai Nguyen", "Rank"] == "10 of 63"


def test_compare_indicator_link_sets_the_level():
    at = run_page("pages/compare.py", {"code": "III.2.3"})
    assert not at.exception
    assert qp(at, "level") == "indicator"
    df = table(at).set_index("Tỉnh/thành")
    assert df.loc["Thái Nguyên", "Điểm"] == "12,34" and df.loc["Thái Nguyên", "Xếp hạng"] == "55/63"
    # the finding is the heading (no title repeated in the figure); the subtitle says what, where, when
    assert at.markdown[0].value == ("**Chỉ Thái Nguyên có số liệu công bố về III.2.3 trong Vùng Trung du và miền núi"
                                    " phía Bắc (12,34)**")
    assert "III.2.3 Quản trị môi trường · Vùng Trung du và miền núi phía Bắc · PII 2023" in texts(at)
    assert chart_titles(at)[0] == ""
    # the tooltip explains the indicator (its description from the framework)
    hover = charts(at)[0]["data"][0]["customdata"][0][2]
    assert "PAPI" in hover


def test_compare_2025_names_merged_units():
    at = run_page("pages/compare.py", {"edition": "2025"})
    assert not at.exception
    text = texts(at)
    assert "So sánh Thái Nguyên (Thái Nguyên + Bắc Kạn) với nhóm — PII 2025" in text
    df = table(at).set_index("Tỉnh/thành")
    assert df.loc["Bắc Ninh (Bắc Ninh + Bắc Giang)", "Điểm"] == "48,76"
    assert df.loc["Bắc Ninh (Bắc Ninh + Bắc Giang)", "Xếp hạng"] == "6/34"
    assert df.loc["Thái Nguyên (Thái Nguyên + Bắc Kạn)", "Điểm"] == "chưa có số liệu công bố"


def test_compare_empty_state():
    at = run_page("pages/compare.py", {"province": "bac_kan", "edition": "2023", "group": "custom",
                                        "peers": "yen_bai"})
    assert not at.exception
    assert "Không đơn vị nào trong nhóm có số liệu công bố cho PII Chỉ số đổi mới sáng tạo cấp địa phương" \
           " trong PII 2023." in texts(at)
    assert "Không đơn vị nào trong nhóm có điểm trụ cột công bố trong PII 2023." in texts(at)
    assert not charts(at)


def test_compare_level_change_updates_chart():
    at = run_page("pages/compare.py")
    at.selectbox(key="level").set_value("pillar").run()
    assert not at.exception
    assert qp(at, "level") == "pillar" and qp(at, "code") == "I"
    assert "I Thể chế · Vùng Trung du và miền núi phía Bắc · PII 2023" in texts(at)
    assert at.markdown[0].value.startswith("**Thái Nguyên đứng thứ 2/2 trong Vùng Trung du và miền núi phía Bắc về I")
    assert charts(at)[0]["data"][0]["text"] == ["67,23", "51,90"]  # Bắc Giang pillar I (addendum), Thái Nguyên


# -- trends -------------------------------------------------------------------------
def test_trends_default():
    at = run_page("pages/trends.py")
    assert not at.exception
    text = texts(at)
    assert "Xu hướng qua các kỳ — Thái Nguyên" in text
    assert "Thái Nguyên (từ 2025) gồm Thái Nguyên + Bắc Kạn; điểm 2025 nằm trên chuỗi Thái Nguyên." in text
    df = table(at)
    tn = df[df["Chuỗi"] == "Thái Nguyên"].set_index("Kỳ")
    assert tn.loc["PII 2023", "Điểm"] == "47,75" and tn.loc["PII 2023", "Xếp hạng"] == "10/63"
    assert tn.loc["PII 2024", "Điểm"] == "44,23" and tn.loc["PII 2024", "Xếp hạng"] == "9/63"
    bg = df[df["Chuỗi"] == "Bắc Giang"].set_index("Kỳ")
    assert bg.loc["PII 2025", "Đơn vị"] == "Bắc Ninh (Bắc Ninh + Bắc Giang)"
    assert bg.loc["PII 2025", "Xếp hạng"] == "6/34"
    fig = charts(at)[0]
    assert any("63 → 34" in a["text"] for a in fig["layout"]["annotations"])


def test_trends_rank_english_and_switch():
    at = run_page("pages/trends.py", {"lang": "en", "chart": "rank"})
    assert not at.exception
    fig = charts(at)[0]
    focus = [tr for tr in fig["data"] if tr["line"]["color"] == "#D55E00"]
    assert focus[0]["text"] == ["10 of 63", "9 of 63"]
    at.radio(key="chart").set_value("score").run()
    assert qp(at, "chart") == "score"
    # issue 20: the page draws the trends panel: its finding heads the chart (the figure has no title of its own)
    from pages.connection import get_db
    from pii.panels import trends as trend_panels
    from pii.viewstate import ViewState

    found = trend_panels.chart(ViewState(get_db(), 2023, "thai_nguyen", lang="en"), "PII", "score").title
    assert found.startswith("Thai Nguyen") and found in texts(at)
    assert chart_titles(at)[0] == ""


def test_trends_empty_state():
    at = run_page("pages/trends.py", {"province": "bac_kan", "edition": "2023", "group": "custom", "peers": "yen_bai",
                                       "code": "I"})
    assert not at.exception
    assert "Không có số liệu công bố của I Thể chế cho các tỉnh đã chọn ở kỳ nào." in texts(at)


# -- map ----------------------------------------------------------------------------
def test_map_2023_score():
    at = run_page("pages/map.py")
    assert not at.exception
    text = texts(at)
    assert "63 đơn vị: 28 có số liệu công bố, 35 chưa có số liệu công bố (màu xám)." in text
    assert "Ranh giới tỉnh / Province boundaries: Open Development Vietnam" in text and "CC BY-SA 4.0" in text
    fig = charts(at)[0]
    missing, have, focus = fig["data"][:3]
    # then the leader lines and labels: the focus province and the three leaders named on the map
    labels = [tr["text"][0] for tr in fig["data"][3:] if tr.get("mode") == "text"]
    assert labels == ["<b>Thái Nguyên</b> 47,75", "<b>Hà Nội</b> 62,86", "<b>Hải Phòng</b> 52,32",
                      "<b>TP. Hồ Chí Minh</b> 55,85"]
    assert "Thái Nguyên đạt 47,75 điểm, hạng 10/63; dẫn đầu: Hà Nội (62,86)" in text  # the finding title
    assert missing["name"] == "chưa có số liệu công bố" and len(missing["locations"]) == 35  # addendum 2: 28 have
    assert dict(zip(have["locations"], have["z"]))["19"] == 47.75
    assert focus["locations"] == ["19"]
    assert fig["layout"]["separators"] == ",."
    df = table(at).set_index("Tỉnh/thành")
    assert df.loc["Thái Nguyên", "Điểm"] == "47,75" and df.loc["Bắc Kạn", "Điểm"] == "chưa có số liệu công bố"


def test_map_2025_rank_english():
    at = run_page("pages/map.py", {"edition": "2025", "measure": "rank", "lang": "en"})
    assert not at.exception
    text = texts(at)
    assert "34 units: 12 with a published figure, 22 with no published figure (grey)." in text
    fig = charts(at)[0]
    assert len(fig["data"][0]["locations"]) + len(fig["data"][1]["locations"]) == 34
    assert "Thai Nguyen has no published figure; leaders: Ha Noi (1), Ho Chi Minh City (2)" in text


def test_map_measure_switch():
    at = run_page("pages/map.py")
    at.radio(key="measure").set_value("rank").run()
    assert not at.exception and qp(at, "measure") == "rank"
    assert "63 đơn vị: 34 có số liệu công bố, 29 chưa có số liệu công bố (màu xám)." in texts(at)


# -- synthetic complete dataset (demo mode) ----------------------------------------------
def test_demo_compare_full_group(demo_env):
    at = run_page("pages/compare.py", {"demo": "1", "edition": "2023"})
    assert not at.exception
    text = texts(at)
    assert "DỮ LIỆU MINH HỌA" in text
    bar, radar, scatter = charts(at)
    assert len(bar["data"][0]["y"]) == 14  # every unit has a figure
    assert dict(zip(bar["data"][0]["y"], bar["data"][0]["text"]))["Thái Nguyên"] == "47,75"  # published kept
    # 13 peers have pillars: the radar draws the focus and the 4 best-ranked by default
    assert [tr["name"] for tr in radar["data"]] == ["Thái Nguyên", "Bắc Giang", "Phú Thọ", "Lào Cai", "Hòa Bình"]
    assert qp(at, "radar") == "bac_giang,phu_tho,lao_cai,hoa_binh"
    at.multiselect(key="radar").set_value(["cao_bang"]).run()
    assert [tr["name"] for tr in charts(at)[1]["data"]] == ["Thái Nguyên", "Cao Bằng"]
    assert sum(len(tr["x"]) for tr in scatter["data"]) == 14
    assert "Không hiển thị" not in text
    assert any("MINH HỌA" in a.get("text", "") for a in bar["layout"]["annotations"])  # watermark


def test_demo_trends_and_map(demo_env):
    at = run_page("pages/trends.py", {"demo": "1", "edition": "2023"})
    assert not at.exception
    df = table(at)
    assert set(df["Kỳ"]) == {"PII 2023", "PII 2024", "PII 2025"}
    assert "chưa có số liệu công bố" not in set(df["Điểm"])
    at = run_page("pages/map.py", {"demo": "1", "edition": "2023"})
    assert not at.exception
    assert "63 đơn vị: 63 có số liệu minh họa, 0 không có số liệu (màu xám)." in texts(at)
    at = run_page("pages/map.py", {"demo": "1", "edition": "2025"})
    assert "34 đơn vị: 34 có số liệu minh họa" in texts(at)
