"""One definition of each shared rule (pii.analysis.rules), on the shipped data."""

from __future__ import annotations

import pandas as pd
import pytest

from pii.analysis import rules
from pii.analysis import what_if as wi
from pii.analysis.model import Tree
from queries import PiiDB


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


def test_target_region_is_the_plans_peer_group_not_region_id(db: PiiDB) -> None:
    assert len(rules.target_region_ids(db, 2023, "thai_nguyen")) == 14
    assert len(rules.target_region_ids(db, 2024, "thai_nguyen")) == 14
    ids25 = rules.target_region_ids(db, 2025, "thai_nguyen_2025")
    # 10 merged units contain a Northern Midlands province; Bắc Ninh 2025's region_id is the Red River Delta
    assert len(ids25) == 10 and "bac_ninh_2025" in ids25
    units = db.units(2025)
    assert len(units[units["region_id"] == "tdmnpb"]) == 9  # what the old briefing slide used
    # the pre-merger id maps to its 2025 unit and gets the same region
    assert sorted(rules.target_region_ids(db, 2025, "thai_nguyen")) == sorted(ids25)
    assert rules.target_region(db, 2023, "thai_nguyen").group_id == "tdmnpb"


def test_target_region_without_a_plan_is_the_provinces_own_region(db: PiiDB) -> None:
    hn = rules.target_region(db, 2023, "ha_noi")
    assert hn.group_id is None and hn.region_id == "dbsh"
    units = db.units(2023)
    assert sorted(hn.ids) == sorted(units.loc[units["region_id"] == "dbsh", "province_id"])
    # a province of the Northern Midlands without a plan: the peer group of its region
    assert len(rules.target_region_ids(db, 2023, "son_la")) == 14


def test_weakest_is_worst_rank_first_ties_by_lower_score() -> None:
    df = pd.DataFrame({"code": ["a", "b", "c", "d", "e"], "score": [10.0, 5.0, 50.0, 1.0, 20.0],
                       "rank": [40, 50, 50, None, 3], "sort_order": [1, 2, 3, 4, 5]})
    assert rules.weakest(df, 3)["code"].tolist() == ["b", "c", "a"]  # d: lowest score, no rank
    assert rules.weakest(df)["code"].tolist() == ["b", "c", "a", "e", "d"]  # unranked last


def test_weakest_on_thai_nguyen_2023_and_the_what_if_preset(db: PiiDB) -> None:
    ind = db.scores(2023, provinces=["thai_nguyen"], levels=["indicator"])
    top = rules.weakest(ind, 3)
    assert list(zip(top["code"], top["rank"])) == [("VII.2.2", 56), ("III.2.3", 55), ("I.1.3", 52)]
    base = wi.Baseline.from_frames(Tree.from_framework(db.framework(2023)), db.scores(2023, provinces=["thai_nguyen"]))
    preset = wi.preset_weakest(base)
    assert list(preset)[:3] == ["VII.2.2", "III.2.3", "I.1.3"] and len(preset) == 10
    assert preset["VII.2.2"] == 39.98 and preset["I.1.3"] == 43.58  # +10 points


def test_regional_rank_published_when_a_source_states_it(db: PiiDB) -> None:
    rr = rules.regional_rank(db, 2023, "thai_nguyen")
    assert (rr.rank, rr.out_of, rr.computed) == (1, 14, False)
    assert rules.format_regional_rank(rr, "vi") == "1/14"
    assert rules.format_regional_rank(rr, "en") == "1 of 14"


def test_regional_rank_computed_says_out_of_n_with_data(db: PiiDB) -> None:
    rr = rules.regional_rank(db, 2024, "thai_nguyen")
    assert rr.computed and rr.rank == 1 and rr.out_of == rr.n_with_data == 3
    assert len(rr.missing) == 11 and "bac_kan" in rr.missing
    assert rules.format_regional_rank(rr, "en") == "1 out of 3 with data (computed)"
    assert rules.format_regional_rank(rr, "vi") == "1 trong 3 tỉnh có số liệu (tính toán)"
    # a what-if score is always a computed rank, even where a published one exists
    low = rules.regional_rank(db, 2023, "thai_nguyen", score=40.0)
    assert (low.computed, low.rank, low.out_of) == (True, 3, 8)  # Bắc Giang 46,51 and one more above 40
    assert "out of" in rules.format_regional_rank(low, "en")


def test_regional_rank_without_a_score_is_missing(db: PiiDB) -> None:
    rr = rules.regional_rank(db, 2025, "thai_nguyen_2025")
    assert rr.rank is None and "thai_nguyen_2025" in rr.missing
    assert rules.format_regional_rank(rr, "vi") == "chưa có số liệu công bố"


def test_region_first_only_when_certain(db: PiiDB) -> None:
    for edition in (2023, 2024):
        pii = db.scores(edition, codes=["PII"])
        region = rules.target_region_ids(db, edition, "thai_nguyen")
        me = pii.set_index("province_id").loc["thai_nguyen"]
        # ranks 1..9 (2023) / 1..8 (2024) are all published and none is in the region
        assert rules.region_first("thai_nguyen", me["rank"], me["score"], pii, region) is True
    pii = db.scores(2023, codes=["PII"])
    region = rules.target_region_ids(db, 2023, "thai_nguyen")
    bg = pii.set_index("province_id").loc["bac_giang"]
    assert rules.region_first("bac_giang", bg["rank"], bg["score"], pii, region) is False


def test_regional_rank_metric_says_computed_and_out_of_n_with_data(db: PiiDB) -> None:
    assert rules.regional_rank_metric(rules.regional_rank(db, 2023, "thai_nguyen"), "vi") == (
        "Xếp hạng trong vùng", "1/14", None)
    assert rules.regional_rank_metric(rules.regional_rank(db, 2024, "thai_nguyen"), "en") == (
        "Rank in region (computed)", "1 of 3", "out of 3 with data")
    label, value, note = rules.regional_rank_metric(rules.regional_rank(db, 2025, "thai_nguyen_2025"), "vi")
    assert (label, value, note) == ("Xếp hạng trong vùng (tính toán)", None, None)


def test_one_regional_rank_across_the_leadership_pack(db: PiiDB) -> None:
    """The pack once said 1/11 on the heatmap slide and 1/14 on the targets slide."""
    from pii.export.packs import build_pack, leadership_items

    pack = build_pack(leadership_items(2023, "thai_nguyen"), db, "vi")
    text = "\n".join([r.title for r in pack.results] + [r.finding for r in pack.results]
                     + [n for r in pack.results for n in r.notes])
    assert "1/14" in text and "1/11" not in text and "1/8" not in text
    heat = next(r for r in pack.results if r.view_id == "heatmap_region")
    assert "xếp hạng 1/14 trong" in heat.title  # the finding is the title; the second line what · where · when
    targets = next(r for r in pack.results if r.view_id == "targets")
    assert "Xếp hạng trong vùng: 1/14 (công bố)" in targets.notes


def test_a_computed_regional_rank_says_out_of_n_with_data_on_the_slides(db: PiiDB) -> None:
    from pii.panels.registry import build_view

    heat = build_view("heatmap_region", db, 2024, "thai_nguyen", "tdmnpb", "en")
    assert "1 out of 3 with data (computed)" in heat.title
    targets = build_view("targets", db, 2024, "thai_nguyen", "tdmnpb", "en")
    assert "Rank in region: 1 out of 3 with data (computed)" in targets.notes
