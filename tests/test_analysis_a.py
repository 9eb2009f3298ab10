"""Unit tests of the strengths/heatmap/indicator analysis and their charts,
on the shipped data (real DuckDB over the built parquet)."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from pii.analysis import heatmap as hm
from pii.analysis import indicator as ind
from pii.analysis import strengths as sw
from pii.analysis.bands import band_edges, band_label, band_of, band_ranges
from pii.charts.heatmap import focus_heatmap, peer_heatmap
from pii.charts.indicator import history_bars, peer_bars
from pii.charts.strengths import rank_profile
from queries import PiiDB

PLAN = "152/KH-UBND-2024"


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


@pytest.fixture(scope="module")
def tn2023(db: PiiDB) -> sw.Profile:
    return sw.profile(db, 2023, "thai_nguyen", PLAN)


# -- bands ----------------------------------------------------------------------
def test_bands_for_63_are_the_spec():
    assert band_ranges(63) == [(1, 10), (11, 30), (31, 50), (51, 63)]
    assert [band_of(r, 63) for r in (1, 10, 11, 30, 31, 50, 51, 63)] == [0, 0, 1, 1, 2, 2, 3, 3]


def test_bands_scale_proportionally_for_34():
    assert band_edges(34) == (5, 16, 27, 34)
    assert band_ranges(34) == [(1, 5), (6, 16), (17, 27), (28, 34)]
    assert band_of(28, 34) == 3 and band_of(27, 34) == 2


@pytest.mark.parametrize("n", range(4, 101))
def test_bands_partition_every_n(n):
    ranges = band_ranges(n)
    covered = [r for lo, hi in ranges for r in range(lo, hi + 1)]
    assert covered == list(range(1, n + 1))
    assert all(lo <= hi for lo, hi in ranges)


def test_missing_rank_has_no_band_and_bad_rank_raises():
    assert band_of(None, 63) is None
    assert band_of(float("nan"), 63) is None
    with pytest.raises(ValueError):
        band_of(64, 63)


def test_band_labels_in_both_languages():
    assert band_label(3, 63, "vi") == "Yếu (51–63)"
    assert band_label(0, 34, "en") == "Strong (1–5)"


# -- strengths & weaknesses -------------------------------------------------------------
def test_thai_nguyen_2023_weaknesses(tn2023):
    weak = sw.weaknesses(tn2023.table)
    assert list(zip(weak["code"], weak["rank"])) == [("VII.2.2", 56), ("III.2.3", 55), ("I.1.3", 52)]
    row = weak.set_index("code").loc["III.2.3"]
    assert row["name_en"] == "Environmental governance"
    assert float(row["score"]) == pytest.approx(12.34)
    assert row["lead_vi"] == ["Sở Tài nguyên và Môi trường (2024) → Sở Nông nghiệp và Môi trường (từ 2025)"]
    assert row["source_index"] == "PAPI"
    assert row["weight_frac"] == Fraction(1, 60)


def test_thai_nguyen_2023_strengths_rank_one_first(tn2023):
    strong = sw.strengths(tn2023.table)
    assert strong["code"].tolist()[:3] == ["IV.1.3", "V.3.1", "VII.1.3"]
    assert strong["rank"].tolist()[:3] == [1, 1, 1]
    assert len(strong) == 16 and strong["rank"].max() <= 10


def test_profile_has_all_52_indicators_with_weights_summing_to_one(tn2023):
    t = tn2023.table
    assert len(t) == 52 and t["rank"].notna().all()
    assert sum(t["weight_frac"]) == 1
    assert tn2023.prev_edition is None  # 2023 is the first edition


def test_inverse_marker_on_microfinance(tn2023):
    inv = tn2023.table[tn2023.table["inverse"]]
    assert inv["code"].tolist() == ["IV.1.2"]


def test_filter_by_pillar_unit_and_sort(tn2023):
    t = tn2023.table
    by_weight = sw.filter_sort(t, pillar="III", sort="weight")
    assert by_weight["code"].tolist()[:2] == ["III.1.1", "III.1.2"]  # 1/40 each beats 1/60
    assert set(by_weight["pillar"]) == {"III"}
    env = sw.filter_sort(t, unit_id="so_nn_mt")  # today's unit: Sở TN&MT's and Sở NN&PTNT's indicators
    assert env["code"].tolist() == ["VII.1.2", "III.2.3"]  # best rank first
    by_score = sw.filter_sort(t, sort="score")
    assert by_score["score"].iloc[0] == 100 and by_score["code"].iloc[-1] == "VI.3.3"  # 3.82, the lowest


def test_pillar_level_and_change_against_previous_edition(db):
    p = sw.profile(db, 2024, "thai_nguyen", PLAN, level="pillar")
    assert p.comparable and p.prev_edition == 2023
    t = p.table.set_index("code")
    # no 2024 pillar is published: the score stays missing and so does the change
    assert t["score"].isna().all() and t["score_change"].isna().all()
    assert float(t.loc["VII", "prev_score"]) == pytest.approx(64.97)


def test_2025_merged_unit_no_change_no_weight(db):
    p = sw.profile(db, 2025, "thai_nguyen", PLAN)
    assert p.unit_id == "thai_nguyen_2025" and p.prev_unit_id == "thai_nguyen"
    assert not p.comparable
    assert p.table["weight"].isna().all()  # 2025 index groups not loaded: never guessed
    assert set(p.table["rank_of"]) == {34}


def test_rank_profile_chart_keeps_order_and_marks_missing(tn2023):
    view = sw.filter_sort(tn2023.table, pillar="III")
    fig = rank_profile(view, 63, "vi", "t")
    dots = [tr for tr in fig.data if tr.mode == "markers+text"][0]
    assert list(dots.x) == [6, 11, 12, 37, 55]
    assert dots.y[-1].startswith("III.2.3")
    assert "Quản trị môi trường" in dots.y[-1]
    assert "Trục 7" in dots.customdata[-1]  # the tooltip explains the indicator
    names = [tr.name for tr in fig.data if tr.name]
    assert "Yếu (51–63)" in names


# -- heatmaps -----------------------------------------------------------------------
def test_focus_matrix_rank_cells_and_missing(db):
    cells = hm.focus_matrix(db, "thai_nguyen", "indicator")
    c = cells.set_index(["code", "edition"])
    assert int(c.loc[("III.2.3", 2023), "rank"]) == 55 and int(c.loc[("III.2.3", 2023), "band"]) == 3
    assert pd.isna(c.loc[("III.2.3", 2024), "rank"])  # not published: missing, not 0
    assert c.loc[("III.2.3", 2025), "unit_id"] == "thai_nguyen_2025"
    assert len(cells) == 52 * 3


def test_focus_heatmap_prints_ranks_and_greys_missing(db):
    cells = hm.focus_matrix(db, "thai_nguyen", "indicator")
    fig = focus_heatmap(cells, "vi", "rank")
    heat = fig.data[1]
    row = [i for i, y in enumerate(heat.y) if y.startswith("III.2.3")][0]
    assert list(heat.text[row]) == ["55", "—", "—"]
    assert list(heat.z[row]) == [3, None, None]
    miss = fig.data[0]
    assert list(miss.z[row]) == [None, 0, 0]  # drawn on the grey layer
    legend = [tr.name for tr in fig.data if tr.type == "scatter"]
    assert "— chưa có số liệu công bố" in legend and "Mạnh (1–10)" in legend


def test_peer_matrix_on_shipped_data_is_honest(db):
    peers = db.peer_group_members("tdmnpb", 2023)["province_id"].tolist()
    assert hm.default_peer_level(db, 2023, peers, "thai_nguyen") == "pillar"
    cells = hm.peer_matrix(db, 2023, peers, "thai_nguyen", "pillar")
    cov = hm.coverage(cells, "thai_nguyen")
    # + Bắc Giang I, III (addendum)
    assert (cov.cells, cov.with_figure, cov.provinces_with_figure, cov.provinces) == (140, 20, 10, 13)
    order = hm.order_provinces(cells, "thai_nguyen")
    assert order[:3] == ["thai_nguyen", "bac_giang", "phu_tho"]  # PII rank 10, 11, 20
    fig = peer_heatmap(cells, order, "thai_nguyen", "en", "score")
    heat = fig.data[1]
    assert heat.x[0] == "<b>Thai Nguyen</b>"
    assert heat.text[0][0] == "47.75" and heat.text[0][1] == "46.51"  # two decimals, as on every page
    assert heat.z[1][1] is None  # Bắc Giang INPUT: no published figure -> not coloured
    assert fig.layout.shapes[0].x0 == -0.5  # focus column framed


def test_peer_heatmap_vietnamese_decimal_comma(db):
    peers = db.peer_group_members("tdmnpb", 2023)["province_id"].tolist()
    cells = hm.peer_matrix(db, 2023, peers, "thai_nguyen", "pillar")
    fig = peer_heatmap(cells, hm.order_provinces(cells, "thai_nguyen"), "thai_nguyen", "vi", "score")
    assert fig.data[1].text[0][0] == "47,75"
    assert fig.layout.separators == ",."


# -- indicator detail -----------------------------------------------------------------
def test_default_code_is_weakest(db):
    assert ind.default_code(db, 2023, "thai_nguyen") == "VII.2.2"
    # 2024 has no indicator ranks for Thái Nguyên: fall back to the latest edition that has
    assert ind.default_code(db, 2024, "thai_nguyen") == "VII.2.2"


def test_detail_environmental_governance(db):
    peers = db.peer_group_members("tdmnpb", 2023)["province_id"].tolist()
    d = ind.detail(db, 2023, "thai_nguyen", "III.2.3", PLAN, peers)
    assert d.weight == Fraction(1, 60)
    assert ind.weight_text(d.weight, "vi") == ("1/60", "1,67%")
    assert ind.weight_text(d.weight, "en") == ("1/60", "1.67%")
    assert d.info["source_index"] == "PAPI"
    assert d.leads["unit_vi"].tolist() == [
        "Sở Tài nguyên và Môi trường (2024) → Sở Nông nghiệp và Môi trường (từ 2025)"]
    assert d.leads["unit_id"].tolist() == ["so_nn_mt"]  # who does the work now
    assert d.partners["unit_vi"].tolist() == ["Các sở, ban, ngành",
                                              "UBND các huyện, thành phố (2024) → UBND các xã, phường (từ 2025)"]
    assert len(d.actions) == 2 and d.actions["action_en"].str.len().gt(0).all()
    h = d.history.set_index("edition")
    assert int(h.loc[2023, "rank"]) == 55 and pd.isna(h.loc[2024, "score"])
    assert bool(h.loc[2025, "merged"]) and h.loc[2025, "rank_of"] == 34
    assert d.peers["province_id"].iloc[0] == "thai_nguyen"
    assert int(d.peers["score"].notna().sum()) == 1  # only Thái Nguyên's is published


def test_detail_charts(db):
    d = ind.detail(db, 2023, "thai_nguyen", "PII", PLAN, db.peer_group_members("tdmnpb", 2023)["province_id"].tolist())
    fig = history_bars(d.history, "vi")
    assert fig.data[0].text[0] == "47,75 · 10/63" and fig.data[0].text[1] == "44,23 · 9/63"
    assert list(fig.data[1].text) == ["chưa có số liệu công bố"]  # 2025: a gap with a short note
    assert fig.data[1].type == "scatter" and fig.data[1].mode == "text"  # no bar outweighing the real ones
    assert list(fig.data[1].x) == ["PII 2025<br>(đơn vị khác)"] and list(fig.data[1].y) == [0.0]
    assert all(tr.type != "bar" or None not in tr.y and max(tr.y) < 100 for tr in fig.data)
    bars = peer_bars(d.peers, "en")
    # top bar (last in plotly order) is the best-ranked: Thái Nguyên 10th
    assert bars.data[0].y[-1] == "<b>Thai Nguyen</b>" and bars.data[0].text[-1] == "47.75 · 10 of 63"
    assert d.weight == 1


def test_detail_unknown_code_raises(db):
    with pytest.raises(KeyError):
        ind.detail(db, 2023, "thai_nguyen", "X.9.9", PLAN, [])


def test_peer_order_by_published_pii(db):
    peers = db.peer_group_members("tdmnpb", 2023)["province_id"].tolist()
    cells = hm.peer_matrix(db, 2023, peers, "thai_nguyen", "indicator")
    order = hm.order_provinces(cells, "thai_nguyen", by=db.scores(2023, provinces=peers, codes=["PII"]))
    # PII 2023 ranks: Bắc Giang 11, Phú Thọ 20, Tuyên Quang 43; the unpublished last, by name
    assert order[:4] == ["thai_nguyen", "bac_giang", "phu_tho", "tuyen_quang"]
    assert order[-3:] == ["hoa_binh", "lao_cai", "lang_son"]


def test_rank_only_peer_label(db):
    peers = db.peer_group_members("top10", 2025)["province_id"].tolist()
    d = ind.detail(db, 2025, "thai_nguyen", "VII.1.3", PLAN, peers)
    fig = peer_bars(d.peers, "vi")
    assert fig.data[1].text[-1] == "hạng 1/34; điểm chưa công bố"  # Bắc Ninh: rank published, score not
