"""One definition of each rule the pages, packs and exports share.

- ``target_region_ids``: the region of plan 152's second target ("first in the
  region") — the peer group the plan's ``targets`` table names, never the
  sidebar group and never ``units.region_id`` (in 2025 the merged units of the
  Northern Midlands group are 10, the units whose region_id says so only 9).
- ``plan_id_of``: which plan applies to a province (its own, or the plan of a province merged into it).
- ``weakest`` / ``strongest``: worst (best) published rank first, equal ranks by lower (higher) score.
- rank within a group: ``pii.analysis.model.computed_rank`` (1 + the units scoring higher; ties share a
  place), used by ``rank_in_region``, the comparison finding and the heatmap.
- ``regional_rank``: the published regional rank where a source states it,
  else a rank computed among the region's units with a published PII, which
  always reads "… out of N with data" (``format_regional_rank``).
- ``region_first``: is the focus province surely first in the region.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pii import fmt
from pii.analysis.model import computed_rank
from pii.analysis.units import unit_in
from pii.i18n import t
from queries import PiiDB


# -- the region of the target ---------------------------------------------------------
@dataclass(frozen=True)
class TargetRegion:
    ids: list[str]  # units of the edition, focus included
    group_id: str | None  # the peer group that defines it (None: the province's region_id)
    region_id: str | None  # the focus unit's socio-economic region


def plan_id_of(db: PiiDB, province_id: str) -> str | None:
    """The newest plan of the province, or of a province merged into it (Thái
    Nguyên 2025 carries plan 152 of Thái Nguyên)."""
    for pid in [province_id, *db.members(province_id)["member_id"]]:
        plans = db.plans(str(pid))
        if len(plans):
            return str(plans["plan_id"].iat[0])
    return None


def _region_group(db: PiiDB, region_id: str | None) -> str | None:
    """The peer group whose rule is ``region:<region_id>``, if there is one."""
    groups = db.peer_groups()
    hit = groups[groups["rule"] == f"region:{region_id}"]
    return str(hit["peer_group_id"].iat[0]) if len(hit) else None


def target_region(db: PiiDB, edition: int, province_id: str) -> TargetRegion:
    """The region a province aims to lead: the peer group named by its plan's
    region target; without a plan, the peer group of its own region, else the
    units of its region."""
    unit = unit_in(db, province_id, edition)
    units = db.units(edition)
    region_id = units.set_index("province_id")["region_id"].get(unit)
    group = None
    plan = plan_id_of(db, unit)
    if plan is not None:
        tg = db.targets(plan)
        named = tg.loc[(tg["scope"] == "region") & tg["peer_group_id"].notna() & (tg["peer_group_id"] != ""),
                       "peer_group_id"]
        group = str(named.iat[0]) if len(named) else None
    if group is None:
        group = _region_group(db, region_id)
    if group is not None:
        ids = db.peer_group_members(group, edition)["province_id"].tolist()
    else:
        ids = units.loc[units["region_id"] == region_id, "province_id"].tolist()
    if unit not in ids:
        ids.append(unit)
    return TargetRegion(ids, group, None if region_id is None else str(region_id))


def target_region_ids(db: PiiDB, edition: int, province_id: str) -> list[str]:
    return target_region(db, edition, province_id).ids


# -- weakest ------------------------------------------------------------------------------
def weakest(df: pd.DataFrame, n: int | None = None) -> pd.DataFrame:
    """Rows ordered weakest first: worst published rank, equal ranks by lower
    score, then framework order. A missing rank is not a weak rank: with ``n``
    only the n weakest ranked rows; without, every row, unranked ones last."""
    keys = [c for c in ("rank", "score", "sort_order") if c in df.columns]
    order = df.sort_values(keys, ascending=[False, True, True][:len(keys)], na_position="last", kind="stable")
    if n is None:
        return order.reset_index(drop=True)
    return order.dropna(subset=["rank"]).head(n).reset_index(drop=True)


def strongest(df: pd.DataFrame, n: int | None = None) -> pd.DataFrame:
    """Rows ordered strongest first: best published rank, equal ranks by higher score, then framework order
    (the mirror of :func:`weakest`). With ``n`` only the n strongest ranked rows; without, every row, unranked
    ones last."""
    keys = [c for c in ("rank", "score", "sort_order") if c in df.columns]
    order = df.sort_values(keys, ascending=[True, False, True][:len(keys)], na_position="last", kind="stable")
    if n is None:
        return order.reset_index(drop=True)
    return order.dropna(subset=["rank"]).head(n).reset_index(drop=True)


# -- the regional rank ----------------------------------------------------------------------
@dataclass(frozen=True)
class RegionalRank:
    rank: int | None
    out_of: int | None  # published: units the source ranks in (None if it does not say); computed: n_with_data
    computed: bool
    n_with_data: int  # region units with a published PII (the focus counted with the score ranked)
    missing: list[str] = field(default_factory=list)  # region units without a published PII
    leader_id: str | None = None  # best other unit of the region by published PII
    leader_score: float | None = None


def rank_in_region(focus: str, region_ids: list[str], pii: pd.DataFrame, published: pd.DataFrame | None = None,
                   score: float | None = None) -> RegionalRank:
    """Pure core of ``regional_rank``. ``pii``: province_id, score (the
    edition's published PII); ``published``: rows of published_region_ranks;
    ``score``: a what-if PII for the focus (the rank is then computed)."""
    scores = {p: s for p, s in zip(pii["province_id"], pii["score"]) if not fmt.is_missing(s)}
    if score is not None:
        scores[focus] = round(float(score), 2)  # compared on the published 2-decimal scale
    members = list(dict.fromkeys([*region_ids, focus]))
    known = {p: float(scores[p]) for p in members if p in scores}
    missing = [p for p in members if p not in known]
    others = {p: s for p, s in known.items() if p != focus}
    leader_id = max(others, key=lambda p: others[p]) if others else None
    leader = (leader_id, others[leader_id] if leader_id else None)
    pub = published[published["province_id"] == focus] if published is not None and score is None else None
    if pub is not None and len(pub):
        of = pub["units_in_region"].iat[0]
        return RegionalRank(int(pub["region_rank"].iat[0]), None if fmt.is_missing(of) else int(of), False,
                            len(known), missing, *leader)
    if focus not in known:
        return RegionalRank(None, None, True, len(known), missing, *leader)
    rank = computed_rank(known[focus], others).rank  # the one "rank within a group" rule (pii.analysis.model)
    return RegionalRank(rank, len(known), True, len(known), missing, *leader)


def regional_rank(db: PiiDB, edition: int, province_id: str, score: float | None = None) -> RegionalRank:
    """Rank in the target region: published where a source states it (and no
    what-if ``score`` is given), else computed among units with a published PII."""
    unit = unit_in(db, province_id, edition)
    pii = db.scores(edition, codes=["PII"])
    return rank_in_region(unit, target_region_ids(db, edition, unit), pii, db.region_ranks(edition), score)


def format_regional_rank(rr: RegionalRank, lang: str = "vi") -> str:
    """``1/14`` when published; ``1 out of 10 with data (computed)`` when computed."""
    if rr.rank is None:
        return t("missing", lang)
    if not rr.computed:
        return fmt.rank(rr.rank, rr.out_of, lang)
    return t("rule_rank_computed", lang, rank=rr.rank, n=rr.out_of)


def regional_rank_metric(rr: RegionalRank, lang: str = "vi") -> tuple[str, str | None, str | None]:
    """(label, value, note) of a KPI tile, each short enough for a narrow tile:
    published ``Rank in region`` / ``1/14`` / None; computed ``Rank in region
    (computed)`` / ``1/10`` / ``out of 10 with data`` (shown as a neutral badge
    under the value); no rank: value None (the tile says "no published figure")."""
    if rr.rank is None:
        return t("ov_region_rank_computed" if rr.computed else "ov_region_rank", lang), None, None
    value = fmt.rank(rr.rank, rr.out_of, lang)
    if not rr.computed:
        return t("ov_region_rank", lang), value, None
    return t("ov_region_rank_computed", lang), value, t("rule_out_of_with_data", lang, n=rr.out_of)


def region_first(focus: str, rank: float | None, score: float | None, pii_all: pd.DataFrame,
                 region_ids: list[str]) -> bool | None:
    """Is the focus province first in the region? Only a sure answer: True when
    every unit ranked above it nationally is known and none is in the region;
    False when a region unit has a better published rank or score; else None."""
    peer_ids = set(region_ids) - {focus}
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


def first_in_region(rr: RegionalRank, focus: str, rank: float | None, score: float | None,
                    pii_all: pd.DataFrame, region_ids: list[str]) -> bool | None:
    """The status of the region target: a published regional rank decides;
    otherwise only what the national ranks and scores make sure."""
    if rr.rank is not None and not rr.computed:
        return rr.rank == 1
    return region_first(focus, rank, score, pii_all, region_ids)
