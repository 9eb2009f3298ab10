"""Everything the indicator-detail page shows about one code."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from pii.analysis.bands import band_of
from pii.analysis.rules import weakest
from pii.analysis.strengths import node_weights
from pii.analysis.successors import annotate, successor_map
from pii.analysis.units import units_by_edition, units_ranked_by_edition
from queries import PiiDB


@dataclass(frozen=True)
class IndicatorDetail:
    code: str
    edition: int
    info: dict[str, object]  # framework row: level, name_*, description_*, source_index, inverse, parent_code
    weight: Fraction | None  # exact weight in the PII; None when the edition's tree is incomplete
    history: pd.DataFrame  # edition, unit_id, unit_vi, unit_en, score, rank, rank_of, band, merged
    peers: pd.DataFrame  # province_id, province_vi, province_en, score, rank, rank_of, is_focus
    leads: pd.DataFrame  # unit_id, unit_vi, unit_en (plan order)
    partners: pd.DataFrame
    actions: pd.DataFrame  # action_no, action_vi, action_en


def weakest_code(db: PiiDB, edition: int, unit_id: str) -> str | None:
    """The focus unit's weakest indicator (``rules.weakest``); None when no
    indicator rank is published for it."""
    worst = weakest(db.scores(edition, provinces=[unit_id], levels=["indicator"]), 1)
    return str(worst["code"].iat[0]) if len(worst) else None


def default_code(db: PiiDB, edition: int, unit_id: str) -> str:
    """Weakest indicator of the focus unit in this edition, else in any
    edition, else the framework's first indicator."""
    code = weakest_code(db, edition, unit_id)
    if code is None:
        for e in sorted((int(x) for x in db.editions()["edition"]), reverse=True):
            code = weakest_code(db, e, units_by_edition(db, unit_id, [e])[e])
            if code is not None:
                break
    fw = db.framework(edition)
    if code is None or code not in set(fw["code"]):
        code = str(fw[fw["level"] == "indicator"]["code"].iat[0])
    return code


def detail(db: PiiDB, edition: int, province_id: str, code: str, plan_id: str,
           peer_ids: list[str]) -> IndicatorDetail:
    fw = db.framework(edition)
    hit = fw[fw["code"] == code]
    if hit.empty:
        raise KeyError(f"{code} is not in the PII {edition} framework")
    info = hit.iloc[0].to_dict()
    weight = node_weights(fw).get(code)

    ed = db.editions()
    editions = [int(e) for e in ed["edition"]]
    n_by_ed = units_ranked_by_edition(db)
    units = units_by_edition(db, province_id, editions)
    hist = db.score_history(sorted(set(units.values())), [code])
    names = db.all_provinces().set_index("province_id")
    rows = []
    focus_unit = units[int(edition)]
    for e in editions:
        u = units[e]
        h = hist[(hist["edition"] == e) & (hist["province_id"] == u)]
        score = h["score"].iat[0] if len(h) else None
        rank = h["rank"].iat[0] if len(h) else None
        rank_of = h["rank_of"].iat[0] if len(h) and pd.notna(h["rank_of"].iat[0]) else n_by_ed[e]
        rows.append({"edition": e, "unit_id": u, "unit_vi": names.at[u, "name_vi"], "unit_en": names.at[u, "name_en"],
                     "score": score, "rank": rank, "rank_of": rank_of, "band": band_of(rank, rank_of),
                     "merged": u != focus_unit})
    history = pd.DataFrame(rows)
    history["score"] = history["score"].astype("Float64")
    history["rank"] = history["rank"].astype("Int64")
    history["band"] = history["band"].astype("Int64")

    peers_sc = db.scores(edition, provinces=list(peer_ids), codes=[code]).set_index("province_id")
    peers = pd.DataFrame({"province_id": list(peer_ids)})
    peers["province_vi"] = [names.at[p, "name_vi"] if p in names.index else p for p in peers["province_id"]]
    peers["province_en"] = [names.at[p, "name_en"] if p in names.index else p for p in peers["province_id"]]
    peers["score"] = peers["province_id"].map(peers_sc["score"]).astype("Float64")
    peers["rank"] = peers["province_id"].map(peers_sc["rank"]).astype("Int64")
    peers["rank_of"] = n_by_ed[int(edition)]
    peers["is_focus"] = peers["province_id"] == focus_unit
    peers = peers.assign(_r=peers["rank"].astype(float), _s=-peers["score"].astype(float)) \
        .sort_values(["_r", "_s", "province_vi"], na_position="last").drop(columns=["_r", "_s"]) \
        .reset_index(drop=True)

    # lead units as the plan prints them, with their 2025 successor: "Sở X (2024) → Sở Y (từ 2025)"
    asg = annotate(db.plan_assignments(plan_id, code=code), successor_map(db.unit_successors()))
    cols = ["unit_id", "unit_vi", "unit_en"]
    leads = asg[asg["role"] == "lead"].sort_values("position")[cols].reset_index(drop=True)
    partners = asg[asg["role"] == "partner"].sort_values("position")[cols].reset_index(drop=True)
    actions = db.plan_actions(plan_id, code=code)[["action_no", "action_vi", "action_en"]]
    return IndicatorDetail(code, int(edition), info, weight, history, peers, leads, partners, actions)


def weight_text(weight: Fraction | None, lang: str) -> tuple[str, str] | None:
    """("1/60", "1,67%") or None when unknown."""
    if weight is None:
        return None
    from pii.fmt import number

    return f"{weight.numerator}/{weight.denominator}", f"{number(float(weight) * 100, lang)}%"
