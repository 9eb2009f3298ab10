"""AppTests of the strengths, heatmap and indicator-detail pages: what a user
sees, on the shipped data and (demo=1) on the synthetic complete dataset."""

from __future__ import annotations

import json

from tests.apptest_helpers import open_tables, run_page, texts

# the plan's unit and its 2025 successor
TNMT_TODAY = "Sở Tài nguyên và Môi trường (2024) → Sở Nông nghiệp và Môi trường (từ 2025)"


def table(at, i=0):
    return open_tables(at).dataframe[i].value


def charts(at) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def qp(at, key):
    v = at.query_params.get(key)
    return v[0] if isinstance(v, list) else v


# -- strengths & weaknesses -----------------------------------------------------------
def test_strengths_default_thai_nguyen_2023():
    at = run_page("pages/strengths.py")
    assert not at.exception
    text = texts(at)
    assert "Điểm mạnh, điểm yếu — Thái Nguyên, PII 2023" in text
    weak = at.markdown[[m.value.startswith("- **VII.2.2**") for m in at.markdown].index(True)].value
    assert weak.splitlines()[0].startswith("- **VII.2.2**") and "hạng **56/63** (29,98)" in weak
    assert f"- **III.2.3** Quản trị môi trường — hạng **55/63** (12,34) · chủ trì: {TNMT_TODAY}" in weak
    assert "**I.1.3** Chính sách hỗ trợ doanh nghiệp — hạng **52/63** (33,58)" in weak
    strong = at.markdown[[m.value.startswith("- **IV.1.3**") for m in at.markdown].index(True)].value
    lines = strong.splitlines()
    assert [ln.split("**")[1] for ln in lines[:3]] == ["IV.1.3", "V.3.1", "VII.1.3"]
    assert all("hạng **1/63** (100,00)" in ln for ln in lines[:3])
    df = table(at).set_index("Mã")
    assert len(df) == 52
    row = df.loc["III.2.3"]
    assert (row["Điểm"], row["Xếp hạng"], row["Nhóm hạng"]) == ("12,34", "55/63", "Yếu (51–63)")
    assert row["Đơn vị chủ trì (KH 152)"] == TNMT_TODAY
    assert (row["Chỉ số nguồn"], row["Trọng số trong PII"]) == ("PAPI", "1/60")
    assert df.loc["IV.1.2", "Chỉ số nghịch"] == "có"
    assert list(df.index[:3]) == ["IV.1.3", "V.3.1", "VII.1.3"]  # sorted by rank
    # the leadership pack's ten best / ten lowest (the same panel, issue 20) and the rank profile
    assert len(charts(at)) == 2


def test_strengths_english_numbers():
    at = run_page("pages/strengths.py", {"lang": "en"})
    assert not at.exception
    assert "**III.2.3** Environmental governance — rank **55 of 63** (12.34)" in texts(at)
    df = table(at).set_index("Code")
    assert df.loc["VII.2.2", "Rank band"] == "Weak (51–63)"


def test_strengths_filters_from_url_and_widgets():
    at = run_page("pages/strengths.py", {"unit": "so_tnmt"})  # a link from before the 2025 reorganisation
    assert not at.exception
    assert at.selectbox(key="unit").value == "so_nn_mt"
    assert "từ 2025, phần việc này do Sở Nông nghiệp và Môi trường thực hiện — đang lọc theo" in texts(at)
    assert table(at)["Mã"].tolist() == ["VII.1.2", "III.2.3"]  # best rank first
    strong = at.markdown[[m.value.startswith("- **") for m in at.markdown].index(True)].value
    assert strong.startswith("- **VII.1.2**")  # the one strength of that unit (VII.1.2, once Sở NN&PTNT's)
    at.selectbox(key="unit").set_value("all")
    at.radio(key="level").set_value("pillar")
    at.radio(key="sort").set_value("score")
    at.run()
    assert not at.exception
    df = table(at)
    assert df["Mã"].tolist() == ["VII", "III", "I", "IV", "V", "II", "VI"]  # 64,97 … 27,65
    assert df["Điểm"].tolist()[0] == "64,97"
    assert qp(at, "level") == "pillar" and qp(at, "sort") == "score"


def test_strengths_pillar_filter_sort_by_weight():
    at = run_page("pages/strengths.py", {"pillar": "III", "sort": "weight"})
    df = table(at)
    assert df["Mã"].tolist() == ["III.1.1", "III.1.2", "III.2.1", "III.2.2", "III.2.3"]
    assert df["Trọng số trong PII"].tolist() == ["1/40", "1/40", "1/60", "1/60", "1/60"]


def test_strengths_2024_empty_state_and_2025_merger():
    at = run_page("pages/strengths.py", {"edition": "2024"})
    assert not at.exception
    text = texts(at)
    assert "Không có số liệu công bố cho lựa chọn này." in text
    assert set(table(at)["Điểm"]) == {"chưa có số liệu công bố"}  # never 0
    at = run_page("pages/strengths.py", {"edition": "2025"})
    assert not at.exception
    assert "Không tính thay đổi so với PII 2024" in texts(at)
    assert "Trọng số chưa xác định" in texts(at)


def test_strengths_bad_url_values_fall_back():
    at = run_page("pages/strengths.py", {"level": "x", "sort": "DROP TABLE", "pillar": "IX"})
    assert not at.exception
    text = texts(at)
    assert "'`DROP TABLE`'" in text and "'sort'" in text  # the URL value is echoed as a literal code span
    assert len(table(at)) == 52


# -- heatmaps -------------------------------------------------------------------------------
def test_heatmap_default_shipped_data():
    """Opens on the peer group (not the province across editions), at PII/pillar
    level where the peers have figures; the link carries view, level and mode."""
    at = run_page("pages/heatmap.py")
    assert not at.exception
    text = texts(at)
    assert "1/13 tỉnh so sánh có ít nhất một số liệu ở cấp này." in text
    (peers,) = charts(at)
    ph = peers["data"][1]
    assert ph["x"][0] == "<b>Thái Nguyên</b>" and ph["text"][0][:3] == ["10", "11", "20"]
    assert ph["y"][1].startswith("Chỉ số phụ đầu vào")  # a name, not the code INPUT
    assert any(d.get("name") == "— chưa có số liệu công bố" for d in peers["data"])
    assert (qp(at, "view"), qp(at, "peer_level"), qp(at, "mode")) == ("peers", "pillar", "rank")
    link = at.get("page_link")[0].proto
    assert link.page == "indicator"


def test_heatmap_focus_view_from_url():
    at = run_page("pages/heatmap.py", {"view": "focus"})
    assert not at.exception
    (focus,) = charts(at)
    heat = focus["data"][1]
    row = [i for i, y in enumerate(heat["y"]) if y.startswith("III.2.3")][0]
    assert heat["text"][row] == ["55", "—", "—"]
    link = at.get("page_link")[0].proto
    assert link.page == "indicator" and "code=VII.2.2" in link.query_string  # weakest row preselected


def test_heatmap_colour_by_score_two_decimals_and_level_change():
    at = run_page("pages/heatmap.py", {"lang": "en"})
    at.radio(key="mode").set_value("score").run()
    assert not at.exception
    ph = charts(at)[0]["data"][1]
    assert ph["text"][0][0] == "47.75" and ph["zmax"] == 100  # two decimals, as on every page
    assert qp(at, "mode") == "score"
    at.radio(key="view").set_value("focus").run()
    at.radio(key="level").set_value("pillar").run()
    fh = charts(at)[0]["data"][1]
    assert fh["y"][0].startswith("PII") and fh["text"][0] == ["10", "9", "—"]
    assert qp(at, "view") == "focus" and qp(at, "level") == "pillar"


def test_heatmap_rank_within_group_computed_out_of_n():
    at = run_page("pages/heatmap.py", {"mode": "group_rank"})
    assert not at.exception
    ph = charts(at)[0]["data"][1]
    # PII 2023 national ranks in the region: TN 10, Bắc Giang 11, Phú Thọ 20, Tuyên Quang 43 -> 1..4 of 11
    assert ph["text"][0][:4] == ["1/11", "2/11", "3/11", "4/11"]
    text = texts(at)
    assert "**tính toán**" in text and "PII — 1/11 (trên 11/14 đơn vị có số liệu)" in text
    assert "Chưa có số liệu (PII): Hòa Bình, Lào Cai, Lạng Sơn." in text


def test_heatmap_gap_to_best_and_median():
    at = run_page("pages/heatmap.py", {"mode": "gap_best"})
    ph = charts(at)[0]["data"][1]
    assert ph["text"][0][:3] == ["+0,00", "−1,24", "−6,46"]  # 47,75 leads; Bắc Giang 46,51; Phú Thọ 41,29
    at.radio(key="mode").set_value("gap_median").run()
    ph = charts(at)[0]["data"][1]
    # median of the 8 published PII scores = (33,74 + 27,87) / 2 = 30,805
    assert ph["text"][0][0] == "+16,94"
    assert "8/14 đơn vị có điểm" in texts(at)


def test_heatmap_peer_indicators_fall_back_to_pillars():
    at = run_page("pages/heatmap.py", {"peer_level": "indicator"})
    assert not at.exception
    text = texts(at)
    assert "Có số liệu công bố ở 52/728 ô; 0/13 tỉnh" in text
    assert "các hàng **in đậm** là PII" in text and "trang Nhập dữ liệu" in text
    ph = charts(at)[0]["data"][1]
    labels = ph["y"]
    assert labels[0].startswith("<b>PII") and any(y.startswith("<b>I ") for y in labels)
    i111 = labels.index(next(y for y in labels if y.startswith("I.1.1")))
    assert ph["z"][i111][1:] == [None] * 13  # peers uncoloured, not 0
    assert ph["text"][0][:3] == ["10", "11", "20"]  # the PII row compares the group
    assert any(link.proto.page == "import_data" for link in at.get("page_link"))


def test_heatmap_selecting_a_row_links_to_indicator():
    at = run_page("pages/heatmap.py", {"view": "focus"})
    at.selectbox(key="hm_focus_open").set_value("III.2.3").run()
    link = at.get("page_link")[0].proto
    assert "code=III.2.3" in link.query_string


# -- indicator detail ----------------------------------------------------------------
def test_indicator_environmental_governance_from_url():
    at = run_page("pages/indicator.py", {"code": "III.2.3"})
    assert not at.exception
    assert at.title[0].value == "III.2.3 Quản trị môi trường"
    m = {x.label: x.value for x in at.metric}
    assert m["Điểm PII 2023"] == "12,34"
    assert m["Xếp hạng PII 2023"] == "55/63"
    assert m["Trọng số trong PII"] == "1/60 (1,67%)"
    text = texts(at)
    assert "**Đơn vị chủ trì**\n\n- Sở Tài nguyên và Môi trường" in text
    assert "lấy từ chỉ số PAPI" in text
    assert "Trục 7 (Quản trị môi trường) của Chỉ số PAPI" in text
    assert "1. Tham mưu các giải pháp bảo vệ môi trường" in text
    assert "1/14 tỉnh có số liệu công bố cho mã này." in text
    hist = table(at)
    assert hist["Xếp hạng"].tolist() == ["55/63", "chưa có số liệu công bố", "chưa có số liệu công bố"]


def test_indicator_default_is_weakest_and_select_changes_it():
    at = run_page("pages/indicator.py")
    assert not at.exception
    assert at.title[0].value.startswith("VII.2.2")
    at.selectbox(key="code").set_value("IV.1.2").run()
    assert at.title[0].value == "IV.1.2 Vay tài chính vi mô/GRDP (%)"
    assert "nghịch: giá trị gốc thấp hơn được điểm cao hơn" in texts(at)
    assert qp(at, "code") == "IV.1.2"


def test_indicator_english_actions_with_original():
    at = run_page("pages/indicator.py", {"code": "III.2.3", "lang": "en"})
    assert not at.exception
    text = texts(at)
    assert "1. Advise on solutions for environmental protection and for water and air quality" in text
    assert "1. Tham mưu các giải pháp bảo vệ môi trường" in text  # original kept
    assert {x.label: x.value for x in at.metric}["Weight in the PII"] == "1/60 (1.67%)"


def test_indicator_2025_weight_unknown_and_bad_code():
    at = run_page("pages/indicator.py", {"edition": "2025", "code": "VII.1.3"})
    assert not at.exception
    m = {x.label: x.value for x in at.metric}
    assert m["Trọng số trong PII"] == "chưa xác định"
    assert m["Điểm PII 2025"] == "—"
    assert "chưa có số liệu công bố" in [c.value for c in at.caption]
    at = run_page("pages/indicator.py", {"code": "Z'; DROP"})
    assert not at.exception
    assert "'code'" in texts(at) and at.title[0].value.startswith("VII.2.2")


# -- synthetic complete dataset (demo mode) ----------------------------------------------
def test_demo_strengths(demo_env):
    at = run_page("pages/strengths.py", {"demo": "1", "edition": "2023"})
    assert not at.exception
    text = texts(at)
    assert "CHẾ ĐỘ MINH HỌA" in text
    df = table(at).set_index("Mã")
    assert len(df) == 52 and df.loc["III.2.3", "Xếp hạng"] == "55/63"  # published figure kept verbatim
    at.radio(key="level").set_value("index").run()
    assert not at.exception and len(table(at)) == 16


def test_demo_heatmap_full_coverage(demo_env):
    at = run_page("pages/heatmap.py", {"demo": "1", "edition": "2023"})
    assert not at.exception
    assert "Có số liệu (minh hoạ) ở 728/728 ô; 13/13 tỉnh" in texts(at)
    ph = charts(at)[0]["data"][1]
    assert all(v is not None for row in ph["z"] for v in row)
    assert any("MINH HỌA" in a.get("text", "") for a in charts(at)[0]["layout"].get("annotations", []))


def test_demo_indicator(demo_env):
    at = run_page("pages/indicator.py", {"demo": "1", "edition": "2023", "code": "III.2.3"})
    assert not at.exception
    assert "14/14 tỉnh có số liệu công bố cho mã này." in texts(at)
    assert {x.label: x.value for x in at.metric}["Xếp hạng PII 2023"] == "55/63"


def test_demo_strengths_change_against_previous_edition(demo_env):
    from pii import fmt
    from queries import PiiDB

    db = PiiDB(demo_env / "parquet")
    prev = db.scores(2023, provinces=["thai_nguyen"], codes=["IV.1.3"]).iloc[0]
    now = db.scores(2024, provinces=["thai_nguyen"], codes=["IV.1.3"]).iloc[0]
    at = run_page("pages/strengths.py", {"demo": "1", "edition": "2024"})
    assert not at.exception
    assert "Thay đổi so với PII 2023" in texts(at)
    row = table(at).set_index("Mã").loc["IV.1.3"]
    assert row["Thay đổi điểm"] == fmt.number(float(now["score"]) - float(prev["score"]), "vi", signed=True)
    moved = int(prev["rank"]) - int(now["rank"])
    assert row["Thay đổi hạng"] == f"{moved:+d}".replace("-", "−")


def test_heatmap_gap_with_one_score_says_a_gap_needs_two():
    """Issue 21: in the top 10 on pillar I only Thái Nguyên has a score; its cell was "+0,00" in the darkest
    colour (the rank-in-group mode of the same grid said 2/2). A gap needs at least two scores."""
    at = run_page("pages/heatmap.py", {"mode": "gap_best", "group": "top10", "peer_level": "pillar"})
    assert not at.exception
    ph = charts(at)[0]["data"][1]
    row = next(i for i, y in enumerate(ph["y"]) if y.startswith("I "))
    assert ph["text"][row][0] == "cần ≥ 2 điểm" and ph["z"][row][0] is None  # not coloured as "at the best"
    assert "cần ít nhất hai điểm" in ph["customdata"][row][0]
    assert ph["text"][0][0] != "cần ≥ 2 điểm"  # the PII row has ten scores: a real gap


def test_heatmap_coverage_counts_the_level_itself_and_demo_is_not_published():
    """Issue 21: "10/13 peers have at least one figure at this level" counted the PII row; only Bắc Giang has
    a pillar figure. Demo data is never called published."""
    text = texts(run_page("pages/heatmap.py", {"peer_level": "pillar"}))
    assert "Có số liệu công bố ở 9/98 ô; 1/13 tỉnh so sánh có ít nhất một số liệu ở cấp này." in text
    demo = texts(run_page("pages/heatmap.py", {"peer_level": "pillar", "demo": "1"}))
    assert "số liệu (minh hoạ)" in demo and "số liệu công bố ở" not in demo
