"""The what-if page's data and tables (pages/what_if.py and pages/what_if_parts.py render them): the situation
of one edition, scenario/leverage/combination frames and threshold lines in the UI language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from pii import fmt
from pii.analysis.model import IncompleteFramework, Tree
from pii.analysis.rules import TargetRegion, target_region
from pii.analysis.units import unit_in
from pii.analysis.what_if import (
    Baseline,
    Result,
    leverage,
    peer_medians,
    rank_against,
    rank_leverage,
    scenario_export,
    scenario_table,
)
from pii.analysis.what_if_target import Combination, Threshold, known_prefix, national_threshold
from pii.fmt import is_missing, value_or_none
from pii.provenance import ids_of
from pii.viewstate import ViewState
from queries import PiiDB


# -- the page's data and tables (pages/what_if.py renders them) ------------------------------
@dataclass
class Situation:
    """What the what-if page starts from: the published figures of one edition."""

    tree: Tree
    mine: pd.DataFrame  # the focus unit's published scores (every level)
    base: Baseline
    units: pd.DataFrame  # province_id, score, rank: the published PII of every unit of the edition
    region: TargetRegion  # plan 152's second target (rules.target_region)
    m_prefix: int  # ranks 1..m_prefix are all published (known_prefix)
    pub_rank: float | None  # published national PII rank of the focus
    sources: list[str]


def latest_with_data(db: PiiDB, province_id: str, editions: Iterable[int]) -> int | None:
    """Latest edition with indicator scores for the province and a complete framework."""
    for ed in sorted(editions, reverse=True):
        s = db.scores(ed, provinces=[unit_in(db, province_id, ed)], levels=["indicator"])
        if s["score"].notna().any():
            try:
                Tree.from_framework(db.framework(ed))
            except IncompleteFramework:
                continue
            return ed
    return None


def situation(db: PiiDB, edition: int, province_id: str, tree: Tree) -> Situation:
    mine = db.scores(edition, provinces=[province_id])
    units = db.units(edition)[["province_id"]].merge(
        db.scores(edition, codes=["PII"])[["province_id", "score", "rank"]], on="province_id", how="left")
    pii = mine.set_index("code")["rank"]
    pub_rank = value_or_none(pii.get("PII")) if "PII" in pii.index else None
    return Situation(tree, mine, Baseline.from_frames(tree, mine), units, target_region(db, edition, province_id),
                     known_prefix(units)[0], pub_rank, ids_of(mine))


def national_rank_text(s: ViewState, rank: int, compared: int, m_prefix: int) -> str:
    """A computed national rank: "k/N" where every better rank is published, else "k among n with data"."""
    return s.rank(rank, s.units_ranked) if rank <= m_prefix else s.t("wi_rank_among", rank=rank, n=compared + 1)


def scenario_frames(s: ViewState, base: Baseline, result: Result, pub_rank: object,
                    computed: int | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The changed indicators as shown (formatted) and as a file (numbers stay numbers)."""
    table = scenario_table(base, result)
    names = indicator_names(s, base.tree)
    shown = pd.DataFrame({
        s.t("code"): table["code"],
        s.t("name"): [names[c] for c in table["code"]],
        s.t("wi_col_published"): [s.num(v) for v in table["published"]],
        s.t("wi_col_scenario"): [s.num(v) for v in table["scenario"]],
        s.t("wi_col_points"): [s.num(v, signed=True) for v in table["points"]],
        s.t("wi_col_weight"): table["weight"],
        s.t("wi_col_gain"): [s.num(v, decimals=4, signed=True) for v in table["pii_gain"]],
    })
    export = scenario_export(base, result, {**names, "rank": s.t("wi_m_rank")}, pub_rank, computed)
    export.columns = list(shown.columns)
    return shown, export


def indicator_names(s: ViewState, tree: Tree) -> dict[str, str]:
    fw = s.db.framework(s.edition)
    return {c: n for c, n in zip(fw["code"], fw[s.name_col]) if c in tree.level}


def leverage_frames(s: ViewState, base: Baseline, medians: pd.DataFrame, by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Leverage rows (for the chart) and the formatted table."""
    lev = rank_leverage(leverage(base, medians), by)
    lev["achievable_basis"] = [s.t("wi_basis_leader", n=n) if n else s.t("wi_basis_100") for n in lev["peers_known"]]
    lev["ten_points"] = [w * min(10.0, r) if not is_missing(r) else None
                         for w, r in zip(lev["gain_per_point"], lev["room"])]
    names = indicator_names(s, base.tree)
    table = pd.DataFrame({
        s.t("code"): lev["code"],
        s.t("name"): [names[c] for c in lev["code"]],
        s.t("score"): [s.num(v) for v in lev["score"]],
        s.t("rank"): fmt.rank_column(lev, s.lang),
        s.t("wi_col_weight"): lev["weight"],
        s.t("wi_col_per_point"): [s.num(v, decimals=4) for v in lev["gain_per_point"]],
        s.t("wi_col_room"): [s.num(v) for v in lev["room"]],
        s.t("wi_col_leader", group=s.group_name()): [s.num(v) if not is_missing(v) else s.t("missing")
                                                    for v in lev["peer_leader"]],
        s.t("wi_col_achievable"): [s.num(v, decimals=3) for v in lev["achievable"]],
        s.t("wi_col_basis"): lev["achievable_basis"],
    })
    return lev, table


def threshold_lines(s: ViewState, th: Threshold, current: float | None, m_prefix: int) -> list[str]:
    """What a target takes, in words: the PII needed, against whom, met or the gain still needed."""
    if th.needed is None:
        return [s.t("wi_target_unknown")]
    if th.bound and th.ref_id is None:
        lines = [s.t("wi_target_needed_bound", needed=s.num(th.needed), m=m_prefix, score=s.num(th.ref_score))]
    else:
        lines = [s.t("wi_target_needed", needed=s.num(th.needed), ref=s.name(str(th.ref_id)),
                     score=s.num(th.ref_score))]
    if th.met:
        lines.append(s.t("wi_target_met", margin=s.num(th.margin), slack=s.num((current or 0.0) - th.needed)))
    elif th.gain is not None:
        lines.append(s.t("wi_target_gain", gain=s.num(th.gain)))
    return lines


def combination_goal(focus: str, current: float | None, units: pd.DataFrame, nat: Threshold, reg: Threshold,
                     k: int) -> tuple[float | None, int, bool]:
    """(gain, k, unmet): what closes every unmet target (national top k, first in
    the region); with both met, what the next place up nationally would take."""
    needs = [th.gain for th in (nat, reg) if th.met is False and th.gain]
    if needs:
        return max(needs), k, True  # type: ignore[type-var]
    now = rank_against(current, focus, units)
    if nat.met and now is not None and now.rank > 1:
        goal_k = min(k, now.rank) - 1
        return national_threshold(focus, current, units, goal_k).gain, goal_k, False
    return None, k, False


def combo_frame(s: ViewState, combo: Combination) -> pd.DataFrame:
    return pd.DataFrame({
        s.t("code"): combo.steps["code"],
        s.t("score"): [f"{s.num(a)} → {s.num(b)}" for a, b in zip(combo.steps["from"], combo.steps["to"])],
        s.t("wi_col_gain"): [s.num(v, decimals=3, signed=True) for v in combo.steps["pii_gain"]],
    })


def editor_tabs(s: ViewState, tree: Tree) -> list[tuple[str, list[str]]]:
    """(tab label, indicator codes) per pillar, in framework order."""
    fw = s.db.framework(s.edition).set_index("code")
    pillars = sorted((c for c in tree.order if tree.level[c] == "pillar"), key=lambda c: fw.at[c, "sort_order"])
    out = []
    for p in pillars:
        codes = sorted((c for c in tree.indicators if tree.pillar_of(c) == p), key=lambda c: fw.at[c, "sort_order"])
        out.append((f"{p}. {fw.at[p, s.name_col]}" if len(pillars) <= 7 else p, codes))
    return out


def group_medians(s: ViewState, tree: Tree) -> pd.DataFrame:
    """Peer medians and leaders per indicator over the sidebar group (``peer_medians``)."""
    scores = s.db.scores(s.edition, provinces=s.peer_ids(), levels=["indicator"])
    return peer_medians(scores, s.province_id, tree.indicators)
