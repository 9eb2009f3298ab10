"""What-if logic on the real data: weights, recompute, computed rank, target finder, scenario URL."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pii.analysis import what_if as wi
from pii.analysis import what_if_target as wt
from pii.analysis.model import IncompleteFramework, Tree, weights
from queries import PiiDB

TN = "thai_nguyen"


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


@pytest.fixture(scope="module")
def tree(db: PiiDB) -> Tree:
    return Tree.from_framework(db.framework(2023))


@pytest.fixture(scope="module")
def base(db: PiiDB, tree: Tree) -> wi.Baseline:
    return wi.Baseline.from_frames(tree, db.scores(2023, provinces=[TN]))


@pytest.fixture(scope="module")
def published(db: PiiDB) -> pd.DataFrame:
    units = db.units(2023)[["province_id"]]
    return units.merge(db.scores(2023, codes=["PII"])[["province_id", "score", "rank"]], on="province_id", how="left")


def test_indicator_weights_sum_to_one(tree: Tree) -> None:
    w = weights(tree)
    assert sum(w[c] for c in tree.indicators) == Fraction(1)
    assert len(tree.indicators) == 52
    assert w["III.2.3"] == Fraction(1, 60)
    assert w["VII.2.2"] == Fraction(1, 32)  # output side weighs more


def test_baseline_is_the_published_52_indicators(base: wi.Baseline) -> None:
    assert base.complete and base.known == 52
    assert base.scores["III.2.3"] == 12.34 and base.ranks["III.2.3"] == 55


def test_no_change_recomputes_published_pii(base: wi.Baseline) -> None:
    r = wi.recompute(base, {})
    assert r.pii_new == pytest.approx(47.75, abs=0.01)
    assert r.delta == 0.0
    assert r.new["VII"] == pytest.approx(64.97, abs=0.01)
    assert r.new["III"] == pytest.approx(58.76, abs=0.01)


def test_raising_environmental_governance_by_40(base: wi.Baseline) -> None:
    r = wi.recompute(base, {"III.2.3": 12.34 + 40})
    assert r.delta == pytest.approx(40 * (1 / 3) * (1 / 2) * (1 / 5) * (1 / 2), abs=1e-9)
    assert r.delta == pytest.approx(0.6667, abs=1e-4)
    table = wi.scenario_table(base, r)
    assert table.to_dict("records") == [{"code": "III.2.3", "published": 12.34, "scenario": 52.34,
                                         "points": pytest.approx(40.0), "weight": "1/60",
                                         "pii_gain": pytest.approx(2 / 3)}]
    contrib = wi.pillar_contributions(base, r).set_index("code")["pii_delta"]
    assert contrib["III"] == pytest.approx(2 / 3) and contrib.drop("III").abs().sum() == 0


def test_no_change_computed_rank_equals_published(base: wi.Baseline, published: pd.DataFrame) -> None:
    rank = wi.rank_against(wi.recompute(base, {}).pii_new, TN, published)
    assert rank.rank == 10
    assert rank.compared == 27  # 28 published PIIs of 2023 (addendum 2: + Cà Mau, Bến Tre), Thái Nguyên excluded
    assert "bac_kan" in rank.not_compared and len(rank.not_compared) == 35
    assert wt.known_prefix(published) == (11, 46.51)


def test_raising_vii22_lifts_computed_rank(base: wi.Baseline, published: pd.DataFrame) -> None:
    # +9.28 on VII.2.2 (weight 1/32) adds 0.29: 47.75 -> 48.04 > Quảng Ninh 48.03
    r = wi.recompute(base, {"VII.2.2": 29.98 + 9.28})
    assert round(r.pii_new, 2) == 48.04
    assert wi.rank_against(r.pii_new, TN, published).rank == 9


def test_target_finder_thai_nguyen_2023(base: wi.Baseline, published: pd.DataFrame, db: PiiDB) -> None:
    current = wi.recompute(base, {}).pii_new
    top10 = wt.national_threshold(TN, current, published, 10)
    assert (top10.met, top10.needed, top10.gain, top10.margin, top10.ref_id) == (True, 46.52, 0.0, 1.24, "bac_giang")
    assert not top10.bound
    region = wt.group_threshold(TN, current, published, db.peer_group_members("tdmnpb", 2023)["province_id"])
    assert (region.met, region.needed, region.ref_id) == (True, 46.52, "bac_giang")
    assert sorted(region.unknown) == ["bac_kan", "dien_bien", "hoa_binh", "lang_son", "lao_cai", "yen_bai"]
    rank9 = wt.national_threshold(TN, current, published, 9)
    assert (rank9.met, rank9.needed, rank9.gain, rank9.ref_id) == (False, 48.04, 0.29, "quang_ninh")
    rank5 = wt.national_threshold(TN, current, published, 5)
    assert (rank5.needed, rank5.gain, rank5.ref_id) == (49.67, 1.92, "can_tho")


def test_combinations_reach_the_gain_and_favour_weight(base: wi.Baseline, published: pd.DataFrame) -> None:
    combos = wt.combinations(base, 1.92, max_step=20)
    assert [c.key for c in combos] == ["leverage", "weakest", "spread"]
    for c in combos:
        assert c.gain >= 1.92 - 1e-9
        assert (c.steps["points"] <= 20 + 1e-9).all() and (c.steps["to"] <= 100).all()
        new = wi.recompute(base, c.changes).pii_new
        assert wi.rank_against(new, TN, published).rank <= 5
    lev = combos[0].steps
    # most PII to gain (weight × room): VI.1.1 (1/24 × 77.82), then VI.3.3 (1/36 × 96.18)
    assert lev["code"].tolist()[:2] == ["VI.1.1", "VI.3.3"]
    assert lev["points"].tolist()[:2] == [20.0, 20.0]
    weakest = combos[1].steps
    assert weakest["code"].tolist()[:3] == ["VII.2.2", "III.2.3", "I.1.3"]  # ranks 56, 55, 52


def test_presets(base: wi.Baseline, db: PiiDB) -> None:
    weak = wi.preset_weakest(base)
    assert len(weak) == 10
    # rules.weakest: worst published rank first (VII.2.2 56/63, III.2.3 55/63, I.1.3 52/63), not lowest score
    assert list(weak)[:3] == ["VII.2.2", "III.2.3", "I.1.3"]
    assert weak["VII.2.2"] == pytest.approx(39.98) and weak["III.2.3"] == pytest.approx(22.34)
    gain = wi.recompute(base, weak).delta
    assert gain == pytest.approx(sum(base.w(c) * 10 for c in weak))
    peers = db.peer_group_members("tdmnpb", 2023)["province_id"].tolist()
    med = wi.peer_medians(db.scores(2023, provinces=peers, levels=["indicator"]), TN, base.tree.indicators)
    assert (med["n_known"] == 0).all()  # no regional peer has published indicator scores for 2023
    assert wi.preset_median(base, med) == {}
    fake = pd.DataFrame({"province_id": ["a", "b", "c", TN], "code": ["III.2.3"] * 4, "score": [10, 30, 50, 12.34]})
    med = wi.peer_medians(fake, TN, ["III.2.3", "I.1.1"]).set_index("code")
    assert med.at["III.2.3", "median"] == 30 and med.at["III.2.3", "n_known"] == 3
    assert med.at["I.1.1", "n_known"] == 0
    assert wi.preset_median(base, med.reset_index()) == {"III.2.3": 30.0}


def test_leverage_table(base: wi.Baseline) -> None:
    lev = wi.leverage(base).set_index("code")
    assert lev.at["III.2.3", "weight"] == "1/60"
    assert lev.at["III.2.3", "room"] == pytest.approx(87.66)
    assert lev.at["III.2.3", "max_gain"] == pytest.approx(87.66 / 60)
    assert lev.at["V.3.1", "room"] == 0
    pp = wi.rank_leverage(wi.leverage(base), "per_point")
    assert pp["code"].iat[0] == "VI.1.1"  # heaviest weight (1/24), lower score of the two
    ach = wi.rank_leverage(wi.leverage(base), "achievable")
    assert ach["code"].iat[0] == "VI.1.1" and ach["achievable"].iat[0] == pytest.approx((100 - 22.18) / 24)
    assert ach["code"].tolist()[1:3] == ["VI.3.3", "VII.2.2"]  # 96.18/36 = 2.67, 70.02/32 = 2.19


def test_incomplete_2025_framework(db: PiiDB) -> None:
    with pytest.raises(IncompleteFramework):
        Tree.from_framework(db.framework(2025))


def test_scenario_url_round_trip(tree: Tree) -> None:
    changes = {"VII.2.2": 40.0, "III.2.3": 52.34, "I.1.1": 0.0, "V.3.1": 100.0}
    text = wi.encode_scenario(changes, tree.indicators)
    assert text == "I.1.1:0,III.2.3:52.34,V.3.1:100,VII.2.2:40"
    assert wi.decode_scenario(text, tree.indicators).changes == changes
    assert wi.decode_scenario(None, tree.indicators).changes == {}


@pytest.mark.parametrize("raw, kept, rejected", [
    ("III.2.3:52.34,X.9.9:10", {"III.2.3": 52.34}, ["X.9.9:10"]),
    ("III.2.3:101", {}, ["III.2.3:101"]),
    ("III.2.3:-1", {}, ["III.2.3:-1"]),
    ("III.2.3:nan,I.1.1:inf", {}, ["III.2.3:nan", "I.1.1:inf"]),
    ("III.2.3:abc,I.1.1", {}, ["III.2.3:abc", "I.1.1"]),
    ("III.2.3:10,III.2.3:20", {"III.2.3": 10.0}, ["III.2.3:20"]),
    ("'; DROP TABLE scores; --:5", {}, ["'; DROP TABLE scores; --:5"]),
    ("PII:99,I:50,I.1:50", {}, ["PII:99", "I:50", "I.1:50"]),  # only indicators can be set
    (",,,", {}, []),
])
def test_scenario_url_hostile_input(tree: Tree, raw: str, kept: dict, rejected: list) -> None:
    d = wi.decode_scenario(raw, tree.indicators)
    assert d.changes == kept
    assert d.rejected == rejected


def test_scenario_url_too_long(tree: Tree) -> None:
    d = wi.decode_scenario("III.2.3:1," * 1000, tree.indicators)
    assert d.changes == {} and len(d.rejected) == 1


@given(st.dictionaries(st.sampled_from(["I.1.1", "III.2.3", "VII.2.2", "V.3.1"]),
                       st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2))))
def test_scenario_url_round_trip_property(changes: dict[str, float]) -> None:
    codes = ["I.1.1", "III.2.3", "V.3.1", "VII.2.2"]
    assert wi.decode_scenario(wi.encode_scenario(changes, codes), codes).changes == changes


def test_change_is_linear_in_weights(base: wi.Baseline) -> None:
    changes = {"III.2.3": 30.0, "VI.1.1": 50.0, "I.2.3": 90.0}
    delta = wi.recompute(base, changes).delta
    expected = sum(base.w(c) * (v - base.scores[c]) for c, v in changes.items())
    assert delta == pytest.approx(expected, abs=1e-12)


def test_known_prefix_allows_ties_and_stops_at_a_gap() -> None:
    df = pd.DataFrame({"province_id": list("abcdef"), "score": [60, 55, 55, 50, None, 40],
                       "rank": [1, 2, 2, 4, 5, 6]})
    assert wt.known_prefix(df) == (4, 50.0)  # e (rank 5) has no published score
    assert wt.known_prefix(df.iloc[[1, 2, 3]]) == (0, None)  # nobody at rank 1


def test_scenario_export_rows(base: wi.Baseline, published: pd.DataFrame) -> None:
    r = wi.recompute(base, {"III.2.3": 52.34, "VII.2.2": 40})
    rank = wi.rank_against(r.pii_new, TN, published).rank
    df = wi.scenario_export(base, r, {"PII": "PII", "III.2.3": "Quản trị môi trường"}, 10, rank)
    assert df["code"].tolist() == ["III.2.3", "VII.2.2", "PII", "rank"]
    assert df.iloc[0][["published", "scenario", "points", "weight"]].tolist() == [12.34, 52.34, 40.0, "1/60"]
    assert df.iloc[0]["pii_gain"] == pytest.approx(0.666667)
    assert df.iloc[1]["pii_gain"] == pytest.approx((40 - 29.98) / 32, abs=1e-6)
    pii = df.iloc[2]
    assert pii["published"] == pytest.approx(47.7527) and pii["scenario"] == pytest.approx(48.7325)
    assert df.iloc[3][["published", "scenario"]].tolist() == [10.0, 8]  # 48.73 passes Quảng Ninh and Bình Dương
