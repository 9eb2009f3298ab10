"""Figures for the one-screen overview: score, ranks, change, target tracker.

The rules (which region, the regional rank, "first in the region") are in
``pii.analysis.rules``; this module puts them together for the two targets of
plan 152: national top 10 and first in the region.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii import fmt
from pii.analysis import rules
from pii.analysis.model import IncompleteFramework, Tree, aggregate
from pii.analysis.units import previous_edition, unit_in
from pii.fmt import is_missing, value_or_none
from pii.viewstate import ViewState
from queries import PiiDB


@dataclass
class TargetTracker:
    national_max_rank: int
    score: float | None
    rank: float | None  # published national rank
    tenth: tuple[str, float | None] | None  # (province_id, score) of the unit ranked 10th
    eleventh: tuple[str, float | None] | None
    gap_to_tenth: float | None  # focus score − 10th's score (positive = ahead)
    gap_to_eleventh: float | None
    in_target: bool | None  # published rank ≤ 10
    region: rules.TargetRegion
    regional: rules.RegionalRank
    region_first: bool | None  # published regional rank 1, else what the national figures make sure
    gap_to_region_leader: float | None  # focus score − best other region unit's score


def unit_at_rank(pii: pd.DataFrame, rank: int) -> tuple[str, float | None] | None:
    hit = pii[pii["rank"] == rank]
    if hit.empty:
        return None
    row = hit.iloc[0]
    return row["province_id"], value_or_none(row["score"])


def gap_ranks(rank: float | None, max_rank: int = 10) -> tuple[int, int]:
    """The national ranks to measure the gap to: the last place inside the
    target and the first outside (10th, 11th); when the focus holds the last
    place itself, the places on either side (9th, 11th)."""
    if rank is not None and int(rank) == max_rank:
        return max_rank - 1, max_rank + 1
    return max_rank, max_rank + 1


def target_tracker(db: PiiDB, edition: int, province_id: str, max_rank: int = 10) -> TargetTracker:
    """Where the province stands against "top ``max_rank`` nationally, first in the region"."""
    focus = unit_in(db, province_id, edition)
    pii_all = db.scores(edition, codes=["PII"])
    me = pii_all[pii_all["province_id"] == focus]
    score = value_or_none(me["score"].iat[0]) if len(me) else None
    rank = value_or_none(me["rank"].iat[0]) if len(me) else None
    tenth = unit_at_rank(pii_all, max_rank)
    eleventh = unit_at_rank(pii_all, max_rank + 1)

    def gap(other: tuple[str, float | None] | None) -> float | None:
        if score is None or other is None or other[1] is None:
            return None
        return score - other[1]

    region = rules.target_region(db, edition, focus)
    regional = rules.rank_in_region(focus, region.ids, pii_all, db.region_ranks(edition))
    gap_leader = None if score is None or regional.leader_score is None else score - regional.leader_score
    first = rules.first_in_region(regional, focus, rank, score, pii_all, region.ids)
    return TargetTracker(max_rank, score, rank, tenth, eleventh, gap(tenth), gap(eleventh),
                         None if rank is None else rank <= max_rank, region, regional, first, gap_leader)


@dataclass
class Headline:
    """The focus unit's published PII and its change since the previous edition."""

    score: float | None
    rank: float | None
    prev_edition: int | None
    prev_unit: str | None  # the unit that held the province then (differs across the 2025 merger)
    prev_score: float | None
    prev_rank: float | None


def headline(db: PiiDB, edition: int, province_id: str) -> Headline:
    pii = db.scores(edition, provinces=[province_id], codes=["PII"])
    prev = previous_edition([int(e) for e in db.editions()["edition"]], edition)
    prev_unit = unit_in(db, province_id, prev) if prev is not None else None
    before = db.scores(prev, provinces=[prev_unit], codes=["PII"]) if prev is not None else pii.head(0)

    def first(df: pd.DataFrame, col: str) -> float | None:
        return value_or_none(df[col].iat[0]) if len(df) else None

    return Headline(first(pii, "score"), first(pii, "rank"), prev, prev_unit, first(before, "score"),
                    first(before, "rank"))


def pillar_frame(fw: pd.DataFrame, mine: pd.DataFrame) -> pd.DataFrame:
    """Every pillar of the framework with the focus unit's published score and rank (missing stays NULL)."""
    return fw[fw["level"] == "pillar"][["code", "sort_order", "name_vi", "name_en"]].merge(
        mine[["code", "score", "rank", "rank_of"]], on="code", how="left")


def pillar_table(s: ViewState, pillars: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        s.t("code"): pillars["code"],
        s.t("name"): pillars[s.name_col],
        s.t("score"): [s.num(v) for v in pillars["score"]],
        s.t("rank"): fmt.rank_column(pillars, s.lang),
    })


def subindex_lines(s: ViewState, fw: pd.DataFrame, mine: pd.DataFrame) -> list[str]:
    """Input and output sub-indices: published in bold; else recomputed from the
    published indicators (said so); else "no published figure"."""
    sub = mine[mine["code"].isin(["INPUT", "OUTPUT"])].set_index("code")["score"]
    try:
        ind = mine[mine["level"] == "indicator"].set_index("code")["score"].to_dict()
        rec = aggregate(Tree.from_framework(fw), ind)
    except IncompleteFramework:
        rec = {}
    names = fw.set_index("code")[s.name_col]
    lines = []
    for code in ("INPUT", "OUTPUT"):
        if code in sub.index and not is_missing(sub[code]):
            lines.append(f"{names[code]}: **{s.num(sub[code])}**")
        elif rec.get(code) is not None:
            lines.append(f"{names[code]}: {s.t('ov_subindex_computed', value=s.num(rec[code]))}")
        else:
            lines.append(f"{names[code]}: {s.t('missing')}")
    return lines
