"""Issue 14: heatmap modes (rank within the group, gaps), the responsive chart
helpers, formats (dates, typed numbers, name-only codes)."""

from __future__ import annotations

import pandas as pd
import pytest

from pii import fmt
from pii.analysis import heatmap as hm
from pii.charts.responsive import fit_height, short_label, wrap_label
from queries import PiiDB


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


def _cells(scores: dict[str, float | None], ranks: dict[str, int | None], code: str = "PII") -> pd.DataFrame:
    ids = list(scores)
    return pd.DataFrame({
        "code": code, "sort_order": 0, "province_id": ids, "province_vi": ids, "province_en": ids,
        "score": pd.array([scores[i] for i in ids], dtype="Float64"),
        "rank": pd.array([ranks.get(i) for i in ids], dtype="Int64"),
        "rank_of": 63, "is_focus": [i == ids[0] for i in ids]})


def test_group_rank_from_scores_ties_share_the_better_rank():
    cells = hm.group_stats(_cells({"a": 50.0, "b": 60.0, "c": 50.0, "d": None}, {}))
    got = dict(zip(cells["province_id"], cells["group_rank"]))
    assert (got["a"], got["b"], got["c"]) == (2, 1, 2)
    assert pd.isna(got["d"])  # no figure: no computed rank, never last
    assert set(cells["group_n"]) == {3} and set(cells["group_basis"]) == {"score"}
    assert hm.units_without(cells, "PII") == ["d"]
    gaps = dict(zip(cells["province_id"], cells["gap_best"]))
    assert (gaps["a"], gaps["b"]) == (-10.0, 0.0)
    med = dict(zip(cells["province_id"], cells["gap_median"]))
    assert med["b"] == 10.0 and med["a"] == 0.0  # median of 50, 60, 50 = 50


def test_group_rank_uses_ranks_when_more_units_have_them():
    cells = hm.group_stats(_cells({"a": 47.75, "b": None, "c": 41.0}, {"a": 10, "b": 56, "c": 20}))
    got = dict(zip(cells["province_id"], cells["group_rank"]))
    assert (got["a"], got["c"], got["b"]) == (1, 2, 3)
    assert set(cells["group_basis"]) == {"rank"} and set(cells["group_n"]) == {3}
    assert pd.isna(cells.set_index("province_id").loc["b", "gap_best"])  # gaps need a score


def test_region_2023_pii_rank_within_group_on_shipped_data(db):
    peers = db.peer_group_members("tdmnpb", 2023)["province_id"].tolist()
    cells = hm.group_stats(hm.peer_matrix(db, 2023, peers, "thai_nguyen", "pillar"))
    pii = cells[cells["code"] == "PII"].set_index("province_id")
    assert int(pii.loc["thai_nguyen", "group_rank"]) == 1 and int(pii.loc["thai_nguyen", "group_n"]) == 11
    assert int(pii.loc["cao_bang", "group_rank"]) == 11  # national 63rd = last of the 11 with a rank
    assert float(pii.loc["bac_giang", "gap_best"]) == pytest.approx(46.51 - 47.75)
    assert sorted(hm.units_without(cells, "PII")) == ["Hòa Bình", "Lào Cai", "Lạng Sơn"]


def test_fallback_adds_pillar_rows_when_peers_lack_indicators(db):
    peers = db.peer_group_members("tdmnpb", 2023)["province_id"].tolist()
    cells = hm.peer_matrix_with_context(db, 2023, peers, "thai_nguyen", "indicator")
    codes = cells.drop_duplicates("code")["code"].tolist()
    assert codes[0] == "PII" and codes.index("I") < codes.index("I.1.1") < codes.index("II")
    assert set(cells[cells["context"]]["code"]) >= {"PII", "I", "VII"}
    assert not hm.peers_lack_level(db, 2023, peers, "thai_nguyen", "pillar")


def test_responsive_helpers():
    assert fit_height(52, 26, 150, 300) == 150 + 52 * 26 and fit_height(0) == 300
    s = short_label("Tỉ lệ diện tích đất công nghiệp đã được xây dựng kết cấu hạ tầng", 28)
    assert len(s) <= 28 and s.endswith("…") and not s.startswith(" ")
    assert wrap_label("Chỉ số đổi mới sáng tạo cấp địa phương", 16).count("<br>") == 2


def test_formats():
    assert fmt.date("2024-03-12", "vi") == "12/03/2024" and fmt.date("2024-03-12", "en") == "2024-03-12"
    assert fmt.date(None) == "—"
    assert fmt.parse_number("38,47", "vi") == 38.47 and fmt.parse_number("1.234,5", "vi") == 1234.5
    assert fmt.parse_number("38.47", "en") == 38.47 and fmt.parse_number("abc", "vi") is None
    assert fmt.code_name("INPUT", "Chỉ số phụ đầu vào") == "Chỉ số phụ đầu vào"
    assert fmt.code_name("I.1.1", "Văn bản") == "I.1.1 Văn bản"


# -- lead units: 2024 -> 2025 successors ------------------------------------------------------
def test_successor_table_shipped(db):
    su = db.unit_successors().set_index("unit_2024")
    assert su.loc["so_tnmt", "unit_2025"] == "so_nn_mt" and su.loc["so_nnptnt", "unit_2025"] == "so_nn_mt"
    assert su.loc["so_khdt", "unit_2025"] == "so_tai_chinh" and su.loc["so_tttt", "unit_2025"] == "so_khcn"
    assert su.loc["so_ldtbxh", "unit_2025"] == "so_noi_vu" and su.loc["so_ldtbxh", "share"] == "part"
    assert su.loc["so_gtvt", "unit_2025"] == "so_xay_dung"
    assert su.loc["ubnd_huyen", "unit_2025"] == "ubnd_xa_phuong" and str(su.loc["ubnd_huyen", "valid_from"])[:10] == \
        "2025-07-01"
    assert su["source_title"].notna().all()  # every row has a listed legal source
    assert su.loc["so_tnmt", "source_title"].startswith("Nghị định 45/2025/NĐ-CP")


def test_successor_validation_refuses_unknown_units_and_sources():
    from pii.pipeline import build, paths

    ref = build.load_reference(paths.sources_dir(paths.data_dir()))
    unit_ids = set(ref["units"]["unit_id"])
    assert build.check_successors(ref, unit_ids) == []
    bad = ref["unit_successors"].copy()
    bad.loc[0, "unit_2024"] = "so_khong_co"
    bad.loc[1, "source_id"] = "no_such_source"
    bad.loc[2, "share"] = "half"
    problems = build.check_successors({**ref, "unit_successors": bad}, unit_ids)
    texts = [p.text("en") for p in problems]
    assert any("unit not in units.csv" in x and "so_khong_co" in x for x in texts)
    assert any("source not listed" in x for x in texts) and any("whole or part" in x for x in texts)


def test_successor_labels_and_grouping(db):
    from pii.analysis import successors as su

    succ = su.successor_map(db.unit_successors())
    asg = db.plan_assignments("152/KH-UBND-2024")
    ann = su.annotate(asg, succ)
    row = ann[(ann["code"] == "III.2.3") & (ann["role"] == "lead")].iloc[0]
    assert row["unit_vi"] == "Sở Tài nguyên và Môi trường (2024) → Sở Nông nghiệp và Môi trường (từ 2025)"
    assert row["unit_en"].endswith("→ Department of Agriculture and Environment (from 2025)")
    assert row["unit_id"] == "so_nn_mt" and row["plan_unit_id"] == "so_tnmt"
    grouped = su.regroup(asg, succ, db.plan_units())
    nn_mt = grouped[(grouped["unit_id"] == "so_nn_mt") & (grouped["role"] == "lead")]
    assert set(nn_mt["code"]) == {"III.2.3", "VII.1.2"}  # the work of Sở TN&MT and Sở NN&PTNT, one sheet
    assert set(nn_mt["unit_vi"]) == {"Sở Nông nghiệp và Môi trường"}
    assert "ubnd_huyen" not in set(grouped["unit_id"])


def test_whatif_inputs_read_decimal_comma_and_refuse_text():
    from tests.apptest_helpers import open_tab, run_page, texts

    key = "wi_2023_thai_nguyen_III.2.3"
    at = open_tab(run_page("pages/what_if.py", {"lang": "en"}), "wi_tab_en", "III.")
    assert at.text_input(key=key).value == "12.34"
    at.text_input(key=key).input("52,34").run()  # a comma typed on the English page still reads as 52.34
    m = {x.label: x.value for x in at.metric}
    assert m["Simulated PII (computed)"] == "48.42" and at.text_input(key=key).value == "52.34"
    at.text_input(key=key).input("abc").run()
    assert not at.exception and "Could not read a number in III.2.3" in texts(at)
    assert {x.label: x.value for x in at.metric}["Simulated PII (computed)"] == "47.75"


def test_stylesheet_and_print_script_survive_st_html():
    """st.html drops a <style>/<script> whose text holds a tag-like "<…>" (even in a
    comment): the whole stylesheet vanished once. Keep both files free of "<"."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "assets"
    for name in ("style.css", "print.js"):
        assert "<" not in (root / name).read_text(encoding="utf-8"), name
    css = (root / "style.css").read_text(encoding="utf-8")
    assert "@media print" in css and "@media (max-width: 640px)" in css and "padding-top: 4.6rem" in css
