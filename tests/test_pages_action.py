"""AppTests of the action pages (plan tracker, what-if) with the numbers a user sees."""

from __future__ import annotations

from tests.apptest_helpers import open_tab, open_tables, run_page, texts

PLAN = "pages/plan_tracker.py"
WHATIF = "pages/what_if.py"
III23 = "wi_2023_thai_nguyen_III.2.3"


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def qp(at, key: str) -> str | None:
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


# --- plan tracker -----------------------------------------------------------------------------
def test_plan_tracker_default_shows_weak_band_owners():
    at = run_page(PLAN)
    assert not at.exception
    m = metrics(at)
    assert m["Chỉ số ở nhóm yếu (51–63)"] == "3"
    assert m["Đơn vị chủ trì chỉ số nhóm yếu"] == "5"
    assert m["Chỉ số có đơn vị chủ trì"] == "52"
    # the plan's unit as printed, with its 2025 successor (issue 14)
    assert ("- **III.2.3** Quản trị môi trường — 12,34, hạng 55/63 — chủ trì: **Sở Tài nguyên và Môi trường (2024) → "
            "Sở Nông nghiệp và Môi trường (từ 2025)**; phối hợp: Các sở, ban, ngành; UBND các huyện, thành phố "
            "(2024) → UBND các xã, phường (từ 2025)") in texts(at)
    assert "Căn cứ: Nghị định 45/2025/NĐ-CP" in texts(at)
    assert len(at.dataframe) == 0  # the owners' details, unit and full-sheet tables are sent when opened
    at.session_state["pt_owner_details"] = True
    open_tables(at)
    weak = at.dataframe[0].value
    assert weak["Mã"].tolist() == ["VII.2.2", "III.2.3", "I.1.3"]
    assert weak["Điểm"].tolist() == ["29,98", "12,34", "33,58"]
    assert weak["Xếp hạng"].tolist() == ["56/63", "55/63", "52/63"]
    assert weak["Chủ trì"].tolist()[1] == "Sở Tài nguyên và Môi trường (2024) → Sở Nông nghiệp và Môi trường (từ 2025)"
    units = at.dataframe[1].value  # grouped by today's unit
    assert units["Đơn vị chủ trì"].tolist()[:2] == ["Sở Nội vụ", "Sở Tài chính"]
    assert "Sở Kế hoạch và Đầu tư" not in units["Đơn vị chủ trì"].tolist()
    khcn = units[units["Đơn vị chủ trì"] == "Sở Khoa học và Công nghệ"].iloc[0]
    # 15 as the plan prints + III.1.1 of Sở TT&TT, whose digital-infrastructure work it took over in 2025
    assert (khcn["Số chỉ số chủ trì"], khcn["Số chỉ số nhóm yếu"]) == (16, 0)


def test_plan_tracker_unit_sheet_follows_selection_and_url():
    at = run_page(PLAN)
    at.selectbox(key="lead").set_value("so_nn_mt").run()
    assert not at.exception
    # the sheet of today's unit carries the work of Sở TN&MT (III.2.3) and Sở NN&PTNT (VII.1.2)
    assert "Sở Nông nghiệp và Môi trường chủ trì 2 chỉ số, trong đó 1 ở nhóm yếu." in texts(at)
    lines = next(m.value for m in at.markdown if m.value.startswith("- **III.2.3** Quản trị môi trường — 12,34, hạng")
                 and "· Yếu" in m.value)
    assert lines.splitlines() == ["- **III.2.3** Quản trị môi trường — 12,34, hạng 55/63 · Yếu (51–63)",
                                  "- **VII.1.2** Số sản phẩm OCOP/tổng số đơn vị hành chính cấp xã — 68,07, "
                                  "hạng 6/63 · Mạnh (1–10)"]
    sheet = open_tables(at).dataframe[-1].value  # the full sheet, with partners and plan actions
    assert sheet["Mã"].tolist() == ["III.2.3", "VII.1.2"] and sheet["Nhóm hạng"].tolist()[0] == "Yếu (51–63)"
    assert "(1)" in sheet["Nhiệm vụ trong kế hoạch"].iloc[0]
    assert qp(at, "lead") == "so_nn_mt"
    again = run_page(PLAN, {"lead": "so_khcn"})
    assert "Sở Khoa học và Công nghệ chủ trì 16 chỉ số, trong đó 0 ở nhóm yếu." in texts(again)
    assert len(open_tables(again).dataframe[-1].value) == 16
    moved = run_page(PLAN, {"lead": "so_tnmt"})  # a link from before the 2025 reorganisation
    assert not moved.exception and qp(moved, "lead") == "so_nn_mt"
    assert ("Đường dẫn chỉ Sở Tài nguyên và Môi trường: từ 2025, phần việc này do Sở Nông nghiệp và Môi trường thực "
            "hiện — đang mở phiếu của Sở Nông nghiệp và Môi trường.") in texts(moved)
    assert "Sở Nông nghiệp và Môi trường chủ trì 2 chỉ số, trong đó 1 ở nhóm yếu." in texts(moved)
    bad = run_page(PLAN, {"lead": "<script>"})
    assert not bad.exception and "'lead'" in texts(bad)


def test_plan_tracker_english_and_weakest_list():
    at = run_page(PLAN, {"lang": "en", "section": "indicator"})
    assert not at.exception
    assert metrics(at)["Indicators in the weak band (51–63)"] == "3"
    assert [t.label for t in at.tabs] == ["By unit", "By indicator"]
    weakest = at.dataframe[0].value
    assert weakest["Code"].tolist()[:4] == ["VII.2.2", "III.2.3", "I.1.3", "IV.2.1"]
    assert weakest["Score"].tolist()[:2] == ["29.98", "12.34"]
    assert weakest["Lead"].tolist()[1] == ("Department of Natural Resources and Environment (2024) → "
                                           "Department of Agriculture and Environment (from 2025)")


def test_plan_tracker_2024_says_no_published_figures():
    at = run_page(PLAN, {"edition": "2024"})
    assert not at.exception
    assert metrics(at)["Chỉ số ở nhóm yếu (51–63)"] == "chưa có số liệu công bố"
    assert "Chưa có số liệu công bố cấp chỉ số thành phần của Thái Nguyên trong PII 2024" in texts(at)
    assert "Kỳ gần nhất có số liệu: PII 2023." in texts(at)


# --- what-if ------------------------------------------------------------------------------------
def test_whatif_start_equals_published():
    at = run_page(WHATIF, {"section": "target"})
    assert not at.exception
    m = metrics(at)
    assert m["PII mô phỏng (tính toán)"] == "47,75"
    assert m["Hạng cả nước (tính toán)"] == "10/63"
    assert m["Chỉ số đã thay đổi"] == "0"
    text = texts(at)
    assert "Cần PII ≥ 46,52 (cao hơn Bắc Giang, 46,51, 0,01 điểm)." in text
    assert "vượt ngưỡng 1,24 điểm" in text
    assert "các phương án giành hạng 9 cả nước (tăng 0,29 điểm PII)" in text
    assert "Không so sánh được 35 đơn vị chưa có PII công bố" in text  # 63 − focus − 27 with a published PII


def test_whatif_raising_iii23_moves_pii_rank_and_url():
    at = open_tab(run_page(WHATIF), "wi_tab_vi", "III.")
    assert at.text_input(key=III23).value == "12,34"  # decimal comma in the Vietnamese input
    at.text_input(key=III23).input("52,34").run()
    assert not at.exception
    m = metrics(at)
    assert m["PII mô phỏng (tính toán)"] == "48,42"  # 47.7527 + 40/60
    assert m["Hạng cả nước (tính toán)"] == "9/63"  # above Quảng Ninh 48.03, below Bình Dương 48.64
    assert m["Chỉ số đã thay đổi"] == "1"
    assert qp(at, "set") == "III.2.3:52.34"
    scenario = at.dataframe[0].value
    assert scenario.iloc[0].tolist() == ["III.2.3", "Quản trị môi trường", "12,34", "52,34", "+40,00", "1/60",
                                         "+0,6667"]


def test_whatif_scenario_from_url_with_hostile_items():
    at = run_page(WHATIF, {"set": "III.2.3:52.34,VII.2.2:140,Z.1:5,<b>x</b>:1", "lang": "en"})
    assert not at.exception
    m = metrics(at)
    assert m["Simulated PII (computed)"] == "48.42"
    assert m["Indicators changed"] == "1"
    text = texts(at)
    assert "Ignored 3 invalid item(s) of URL parameter 'set'" in text
    assert "VII.2.2:140" in text
    assert qp(at, "set") == "III.2.3:52.34"


def test_whatif_preset_and_combination():
    at = run_page(WHATIF, {"section": "target"})
    at.button(key="wi_p_weak").click().run()
    assert not at.exception
    m = metrics(at)
    assert m["Chỉ số đã thay đổi"] == "10"
    # the 10 weakest by rank (rules.weakest), +10 each: VII.2.2 1/32; III.2.3, I.1.3, IV.2.1, II.1.3, II.1.1 1/60;
    # I.2.4, II.2.2 1/80; VI.2.3, VI.2.4 1/48 -> weights sum to 29/160, so +1.8125
    gain = 10 * (1 / 32 + 5 / 60 + 2 / 80 + 2 / 48)
    assert round(gain, 9) == 1.8125
    assert m["PII mô phỏng (tính toán)"] == f"{47.7527 + gain:.2f}".replace(".", ",")
    at.button(key="wi_p_reset").click().run()
    assert metrics(at)["PII mô phỏng (tính toán)"] == "47,75"
    at.button(key="wi_apply_A").click().run()  # option A for rank 9
    assert metrics(at)["Hạng cả nước (tính toán)"] == "9/63"
    assert metrics(at)["PII mô phỏng (tính toán)"] == "48,04"


def test_whatif_2025_unavailable_offers_2023():
    at = run_page(WHATIF, {"edition": "2025"})
    assert not at.exception
    assert "Không thể mô phỏng PII 2025" in texts(at)
    assert "18 nhóm chỉ số chưa được nạp" in texts(at)
    at.button(key="wi_go_latest").click().run()
    assert not at.exception
    assert metrics(at)["PII mô phỏng (tính toán)"] == "47,75"


def test_whatif_2024_no_indicator_data():
    at = run_page(WHATIF, {"edition": "2024", "lang": "en"})
    assert not at.exception
    assert "Thai Nguyen has no published indicator-level figures in PII 2024 (0/52 indicators)" in texts(at)
    assert [b.label for b in at.button] == ["Simulate PII 2023 (latest edition with figures)"]


def test_whatif_province_without_indicator_data():
    at = run_page(WHATIF, {"province": "ha_noi", "edition": "2023"})
    assert not at.exception
    assert "Hà Nội chưa có số liệu công bố cấp chỉ số thành phần trong PII 2023 (0/52 chỉ số)" in texts(at)
    assert len(at.button) == 0  # no edition has Hà Nội's indicators: nothing to offer
    assert not at.metric


def test_whatif_demo_median_preset_counts_peers(demo_env):
    import re

    at = run_page(WHATIF, {"demo": "1", "edition": "2024"}, timeout=180)
    assert not at.exception
    assert "CHẾ ĐỘ MINH HỌA" in texts(at)
    before = float(metrics(at)["PII mô phỏng (tính toán)"].replace(",", "."))
    at.button(key="wi_p_med").click().run(timeout=180)
    assert not at.exception
    note = next(c.value for c in at.caption if "Trung vị" in c.value)
    found = re.search(r"(\d+)/52 chỉ số có trung vị \(tối đa (\d+) tỉnh/chỉ số\); (\d+) chỉ số được nâng", note)
    assert found and int(found[1]) == 52 and int(found[2]) == 13  # 14 regional provinces minus the focus
    assert metrics(at)["Chỉ số đã thay đổi"] == found[3]
    assert float(metrics(at)["PII mô phỏng (tính toán)"].replace(",", ".")) > before


def test_whatif_target_rank_5_needs_1_92_and_options_reach_it():
    at = run_page(WHATIF, {"target": "5"})
    assert not at.exception
    text = texts(at)
    assert "Cần PII ≥ 49,67 (cao hơn Cần Thơ, 49,66, 0,01 điểm)." in text
    assert "Cần tăng thêm **1,92** điểm PII." in text
    assert ("Các phương án đạt mục tiêu (top 5 cả nước, dẫn đầu Vùng Trung du và miền núi phía Bắc): "
            "tăng 1,92 điểm PII") in text
    at.button(key="wi_apply_B").click().run()  # worst-ranked first: VII.2.2, III.2.3, I.1.3, ... +20 each
    m = metrics(at)
    assert m["Hạng cả nước (tính toán)"] == "5/63"
    assert m["PII mô phỏng (tính toán)"] == "49,67"
    assert m["Chỉ số đã thay đổi"] == "6"
    assert qp(at, "target") == "5"


# --- issue 20: the leverage table of a custom group is headed by that group, the regional rank is the published one
def test_whatif_custom_group_leverage_header_names_the_custom_group():
    from pages.connection import get_db

    members = get_db().peer_group_members("tdmnpb", 2023)["province_id"].tolist()
    assert len(members) == 14
    base = run_page(WHATIF, {"section": "leverage"})  # the sidebar group first: its table must not be reused
    assert "Tỉnh dẫn đầu Vùng Trung du và miền núi phía Bắc (công bố)" in base.dataframe[-1].value.columns
    at = run_page(WHATIF, {"section": "leverage", "group": "custom", "peers": ",".join(members)})
    assert not at.exception
    cols = list(at.dataframe[-1].value.columns)
    assert "Tỉnh dẫn đầu Tự chọn (công bố)" in cols
    assert not any("Vùng Trung du" in c for c in cols)


def test_whatif_region_tile_is_the_published_rank_with_the_computed_one_labelled():
    at = run_page(WHATIF)
    assert not at.exception
    tile = next(m for m in at.metric if m.label.startswith("Xếp hạng trong vùng"))
    assert (tile.label, tile.value) == ("Xếp hạng trong vùng", "1/14")  # as on the Overview and in the packs
    assert tile.proto.delta == "1 trong 8 tỉnh có số liệu (tính toán)"  # the scenario's rank, labelled
