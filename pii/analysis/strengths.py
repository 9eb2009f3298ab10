"""Strengths and weaknesses of one province in one edition (GII-profile style).

One row per framework node of the chosen level with score, rank of N, rank
band, change against the previous edition (only when the same unit was ranked
both times: across the 2025 merger units differ, so no change is computed),
lead units of the plan, source index, inverse marker and weight in the PII.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from pii.analysis import successors as su
from pii.analysis.bands import STRONG, WEAK, band_of
from pii.analysis.model import IncompleteFramework, Tree, weights
from pii.analysis.rules import weakest
from pii.analysis.units import previous_edition, unit_in, units_ranked
from pii.framework import LEVEL_ORDER
from queries import PiiDB

SHOWN_LEVELS = LEVEL_ORDER[:3]  # the framework levels ranked here, finest first: indicator, index, pillar
SORTS = ("rank", "score", "weight")

COLUMNS = [
    "code", "level", "pillar", "sort_order", "name_vi", "name_en", "description_vi", "description_en",
    "source_index", "inverse", "score", "rank", "rank_of", "band", "prev_edition", "prev_score", "prev_rank",
    "score_change", "rank_change", "lead_ids", "lead_vi", "lead_en", "weight", "weight_frac",
]


@dataclass(frozen=True)
class Profile:
    table: pd.DataFrame  # COLUMNS, framework order
    unit_id: str  # the unit ranked in this edition
    prev_edition: int | None
    prev_unit_id: str | None  # the unit of the previous edition (None if no previous edition)
    comparable: bool  # same unit in both editions: change is meaningful


def node_weights(framework: pd.DataFrame) -> dict[str, Fraction]:
    """Exact weight of every node in the PII; empty when the edition's tree is
    incomplete (PII 2025: index groups not loaded), never guessed."""
    try:
        return weights(Tree.from_framework(framework))
    except IncompleteFramework:
        return {}


def pillar_of(framework: pd.DataFrame) -> dict[str, str | None]:
    parent = dict(zip(framework["code"], framework["parent_code"]))
    level = dict(zip(framework["code"], framework["level"]))
    out: dict[str, str | None] = {}
    for code in framework["code"]:
        c: object = code
        while isinstance(c, str) and level.get(c) not in ("pillar", None):
            c = parent.get(c)
        out[code] = c if isinstance(c, str) and level.get(c) == "pillar" else None
    return out


def lead_units(assignments: pd.DataFrame) -> pd.DataFrame:
    """code -> lead unit ids and names (in plan order)."""
    lead = assignments[assignments["role"] == "lead"].sort_values(["code", "position"])
    return lead.groupby("code").agg(lead_ids=("unit_id", list), lead_vi=("unit_vi", list),
                                    lead_en=("unit_en", list))


def build_profile(framework: pd.DataFrame, scores: pd.DataFrame, prev_scores: pd.DataFrame | None,
                  assignments: pd.DataFrame, n_units: int, level: str = "indicator",
                  prev_edition_: int | None = None) -> pd.DataFrame:
    """Pure shaping from DataFrames (see COLUMNS). ``scores``/``prev_scores``
    are the province's rows; ``prev_scores`` None means no comparable edition."""
    fw = framework[framework["level"] == level].copy()
    pillars = pillar_of(framework)
    w = node_weights(framework)
    s = scores.set_index("code")
    df = fw[["code", "level", "sort_order", "name_vi", "name_en", "description_vi", "description_en",
             "source_index", "inverse"]].copy()
    df["pillar"] = df["code"].map(pillars)
    df["score"] = df["code"].map(s["score"]) if len(s) else float("nan")
    df["rank"] = df["code"].map(s["rank"]) if len(s) else pd.NA
    rank_of = df["code"].map(s["rank_of"]) if len(s) else pd.Series(pd.NA, index=df.index)
    df["rank_of"] = rank_of.fillna(n_units).astype("Int64")
    df["score"] = df["score"].astype("Float64")
    df["rank"] = df["rank"].astype("Int64")
    df["band"] = [band_of(r, n) for r, n in zip(df["rank"], df["rank_of"])]
    df["band"] = df["band"].astype("Int64")
    df["prev_edition"] = prev_edition_ if prev_scores is not None else None
    if prev_scores is not None and len(prev_scores):
        p = prev_scores.set_index("code")
        df["prev_score"] = df["code"].map(p["score"]).astype("Float64")
        df["prev_rank"] = df["code"].map(p["rank"]).astype("Int64")
    else:
        df["prev_score"] = pd.Series(pd.NA, index=df.index, dtype="Float64")
        df["prev_rank"] = pd.Series(pd.NA, index=df.index, dtype="Int64")
    df["score_change"] = df["score"] - df["prev_score"]
    df["rank_change"] = df["prev_rank"] - df["rank"]  # positive = moved up
    leads = lead_units(assignments)
    for col in ("lead_ids", "lead_vi", "lead_en"):
        df[col] = [list(leads[col].get(c, [])) if c in leads.index else [] for c in df["code"]]
    if level != "indicator":  # an aggregate is owned by the leads of its indicators
        kids = _descendant_indicators(framework)
        for col in ("lead_ids", "lead_vi", "lead_en"):
            df[col] = [list(dict.fromkeys(u for k in kids.get(c, []) if k in leads.index for u in leads.at[k, col]))
                       for c in df["code"]]
    df["weight_frac"] = [w.get(c) for c in df["code"]]
    df["weight"] = [float(f) if f is not None else None for f in df["weight_frac"]]
    df["weight"] = df["weight"].astype("Float64")
    return df[COLUMNS].sort_values("sort_order").reset_index(drop=True)


def _descendant_indicators(framework: pd.DataFrame) -> dict[str, list[str]]:
    parent = dict(zip(framework["code"], framework["parent_code"]))
    out: dict[str, list[str]] = {}
    for code, lvl in zip(framework["code"], framework["level"]):
        if lvl != "indicator":
            continue
        p = parent.get(code)
        while isinstance(p, str) and p:
            out.setdefault(p, []).append(code)
            p = parent.get(p)
    return out


def profile(db: PiiDB, edition: int, province_id: str, plan_id: str, level: str = "indicator") -> Profile:
    """The table for ``province_id`` (mapped to its unit of ``edition``)."""
    if level not in SHOWN_LEVELS:
        raise ValueError(f"level must be one of {SHOWN_LEVELS}, got {level!r}")
    editions = [int(e) for e in db.editions()["edition"]]
    n_units = units_ranked(db, edition)
    unit = unit_in(db, province_id, edition)
    fw = db.framework(edition)
    mine = db.scores(edition, provinces=[unit])
    prev = previous_edition(editions, int(edition))
    prev_unit = unit_in(db, unit, prev) if prev is not None else None
    comparable = prev is not None and prev_unit == unit
    prev_scores = db.scores(prev, provinces=[unit]) if comparable and prev is not None else None
    # lead units as the plan prints them with today's unit ("Sở X (2024) → Sở Y (từ 2025)"), filtered by today's
    # unit: the same wording and grouping as the plan tracker
    assignments = su.annotate(db.plan_assignments(plan_id), su.successor_map(db.unit_successors()))
    table = build_profile(fw, mine, prev_scores, assignments, n_units, level, prev)
    return Profile(table, unit, prev, prev_unit, comparable)


def strengths(table: pd.DataFrame) -> pd.DataFrame:
    """Rows in the best band, best rank first."""
    hit = table[table["band"] == STRONG]
    return hit.sort_values(["rank", "sort_order"]).reset_index(drop=True)


def weaknesses(table: pd.DataFrame) -> pd.DataFrame:
    """Rows in the worst band, weakest first (``rules.weakest``)."""
    return weakest(table[table["band"] == WEAK])


def filter_sort(table: pd.DataFrame, pillar: str | None = None, unit_id: str | None = None,
                sort: str = "rank") -> pd.DataFrame:
    """Filter by pillar and lead unit; sort by rank (best first), score
    (highest first) or weight (heaviest first). Missing values go last."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}, got {sort!r}")
    df = table
    if pillar:
        df = df[(df["pillar"] == pillar) | (df["code"] == pillar)]
    if unit_id:
        df = df[[unit_id in ids for ids in df["lead_ids"]]]
    by, asc = {"rank": ("rank", True), "score": ("score", False), "weight": ("weight", False)}[sort]
    return df.sort_values([by, "sort_order"], ascending=[asc, True], na_position="last").reset_index(drop=True)


def fraction_text(f: Fraction | None) -> str:
    return "" if f is None else f"{f.numerator}/{f.denominator}"
