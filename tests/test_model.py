"""The aggregation model against every published aggregate of Thái Nguyên 2023."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pii.analysis.model import (
    IncompleteFramework,
    Tree,
    aggregate,
    compare_with_published,
    computed_rank,
    weights,
    what_if,
)
from queries import PiiDB


@pytest.fixture(scope="module")
def db():
    return PiiDB()


@pytest.fixture(scope="module")
def tree(db):
    return Tree.from_framework(db.framework(2023))


@pytest.fixture(scope="module")
def tn(db):
    s = db.scores(2023, provinces=["thai_nguyen"])
    return s.set_index("code")


def test_recomputes_published_pii_from_52_indicators(tree, tn):
    ind = tn[tn["level"] == "indicator"]["score"].to_dict()
    assert len(ind) == 52
    agg = aggregate(tree, ind)
    assert agg["PII"] == pytest.approx(47.75, abs=0.01)
    assert round(agg["PII"], 2) == 47.75
    assert agg["INPUT"] == pytest.approx(49.19, abs=0.005)
    assert agg["OUTPUT"] == pytest.approx(46.31, abs=0.005)


def test_every_published_aggregate_matches(tree, tn):
    ind = tn[tn["level"] == "indicator"]["score"].to_dict()
    cmp = compare_with_published(tree, ind, tn["score"].to_dict())
    assert len(cmp) == 1 + 7 + 16  # PII, pillars, indices
    assert cmp["ok"].all(), cmp[~cmp["ok"]]
    assert cmp["diff"].abs().max() < 0.01


def test_weights(tree):
    w = weights(tree)
    assert sum(w[c] for c in tree.indicators) == 1
    assert w["III.2.3"] == Fraction(1, 60)  # 1/3 x 1/2 x 1/5 x 1/2
    assert w["VII.2.2"] == Fraction(1, 32)  # output side weighs more: 1/4 x 1/2 x 1/2 x 1/2
    assert w["I"] == Fraction(1, 10) and w["VI"] == Fraction(1, 4)


def test_what_if_environmental_governance(tree, tn):
    ind = tn[tn["level"] == "indicator"]["score"].to_dict()
    base = aggregate(tree, ind)["PII"]
    new = what_if(tree, ind, {"III.2.3": 12.34 + 40})["PII"]
    assert new - base == pytest.approx(40 / 60, abs=1e-9)
    # clipped to 0..100
    assert what_if(tree, ind, {"V.3.1": 140})["PII"] == pytest.approx(base)


def test_missing_child_makes_parent_missing(tree, tn):
    ind = tn[tn["level"] == "indicator"]["score"].to_dict()
    ind["III.2.3"] = None
    agg = aggregate(tree, ind)
    assert agg["III.2"] is None and agg["III"] is None and agg["PII"] is None
    assert agg["III.1"] is not None


def test_computed_rank_equals_published_rank(db):
    pii = db.scores(2023, codes=["PII"])
    others = {r.province_id: r.score for r in pii.itertuples() if r.province_id != "thai_nguyen"}
    got = computed_rank(47.75, others)
    assert got.rank == 10
    assert "bac_kan" in got.not_compared  # published rank, no published score


def test_2025_framework_is_incomplete(db):
    with pytest.raises(IncompleteFramework):
        Tree.from_framework(db.framework(2025))
