"""Figures for the one-screen overview: score, ranks, change, target tracker."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pii.fmt import is_missing


def _val(v: object) -> float | None:
    return None if is_missing(v) else float(v)  # type: ignore[arg-type]


@dataclass
class RegionStanding:
    rank: int | None  # published region rank, else computed among peers with a score
    of: int | None
    computed: bool
    leader_id: str | None
    leader_score: float | None
    compared: int = 0  # peers with a published score used for a computed rank


@dataclass
class TargetTracker:
    national_max_rank: int
    score: float | None
    tenth: tuple[str, float | None] | None  # (province_id, score) of the unit ranked 10th
    eleventh: tuple[str, float | None] | None
    gap_to_tenth: float | None  # focus score − 10th's score (positive = ahead)
    gap_to_eleventh: float | None
    in_target: bool | None  # published rank ≤ 10
    region_first: bool | None
    gap_to_region_leader: float | None
    notes: list[str] = field(default_factory=list)


def unit_at_rank(pii: pd.DataFrame, rank: int) -> tuple[str, float | None] | None:
    hit = pii[pii["rank"] == rank]
    if hit.empty:
        return None
    row = hit.iloc[0]
    return row["province_id"], _val(row["score"])


def region_standing(focus: str, pii_peers: pd.DataFrame, region_ranks: pd.DataFrame) -> RegionStanding:
    """Published regional rank where a source states it; else the rank among
    peers that have a published score (computed)."""
    pub = region_ranks[region_ranks["province_id"] == focus]
    known = pii_peers.dropna(subset=["score"]).sort_values("score", ascending=False)
    leader_id = known["province_id"].iat[0] if len(known) else None
    leader_score = _val(known["score"].iat[0]) if len(known) else None
    if len(pub):
        of = pub["units_in_region"].iat[0]
        return RegionStanding(int(pub["region_rank"].iat[0]), None if is_missing(of) else int(of), False,
                              leader_id, leader_score, len(known))
    mine = known[known["province_id"] == focus]
    if mine.empty:
        return RegionStanding(None, len(pii_peers), True, leader_id, leader_score, len(known))
    s = float(mine["score"].iat[0])
    rank = 1 + int((known["score"] > s + 1e-9).sum())
    return RegionStanding(rank, len(known), True, leader_id, leader_score, len(known))


def target_tracker(focus: str, pii_all: pd.DataFrame, peers: pd.DataFrame, max_rank: int = 10) -> TargetTracker:
    me = pii_all[pii_all["province_id"] == focus]
    score = _val(me["score"].iat[0]) if len(me) else None
    rank = _val(me["rank"].iat[0]) if len(me) else None
    tenth = unit_at_rank(pii_all, max_rank)
    eleventh = unit_at_rank(pii_all, max_rank + 1)

    def gap(other: tuple[str, float | None] | None) -> float | None:
        if score is None or other is None or other[1] is None:
            return None
        return score - other[1]

    known = peers.dropna(subset=["score"])
    others = known[known["province_id"] != focus]
    gap_leader = None
    if score is not None and len(others):
        gap_leader = score - float(others["score"].max())
    return TargetTracker(max_rank, score, tenth, eleventh, gap(tenth), gap(eleventh),
                         None if rank is None else rank <= max_rank,
                         region_first(focus, rank, score, pii_all, peers), gap_leader)


def region_first(focus: str, rank: float | None, score: float | None, pii_all: pd.DataFrame,
                 peers: pd.DataFrame) -> bool | None:
    """Is the focus province first among ``peers``? Only a sure answer:
    True when every unit ranked above it nationally is known and none is a
    peer; False when a peer has a better published rank or score; else None."""
    peer_ids = set(peers["province_id"]) - {focus}
    ranked = pii_all.dropna(subset=["rank"])
    if rank is not None:
        above = ranked[ranked["rank"] < rank]
        if (above["province_id"].isin(peer_ids)).any():
            return False
        if set(above["rank"].astype(int)) == set(range(1, int(rank))):
            return True
    if score is not None:
        scored = pii_all.dropna(subset=["score"])
        if (scored[scored["province_id"].isin(peer_ids)]["score"] > score).any():
            return False
    return None
