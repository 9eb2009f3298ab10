"""What-if simulator model: recompute a scenario, presets, leverage, scenario URL.

The target finder is in ``pii.analysis.what_if_target``; the page's tables in ``pii.analysis.what_if_page``.

The PII is a weighted sum of its indicators (every level is a plain mean), so a
change of Δ points in indicator i moves the PII by w_i·Δ, w_i being the exact
weight from ``pii.analysis.model.weights``. Everything here recomputes through
``pii.analysis.model`` anyway, so the numbers shown are the model's, not a shortcut's.
Nothing is estimated: a peer median or leader value is used only where the
peers' figures are published, and says over how many.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

import pandas as pd

from pii.analysis.model import Tree, aggregate, computed_rank, weights, what_if
from pii.analysis.rules import weakest
from pii.fmt import value_or_none

MAX_SET_CHARS = 4000  # longer `set=` values are rejected outright (a link, not a payload)
PRESET_WEAKEST_N = 10
PRESET_WEAKEST_POINTS = 10.0
DEFAULT_MAX_STEP = 20.0  # largest rise per indicator the target finder proposes


# -- scenario in the URL ------------------------------------------------------------
def encode_scenario(changes: Mapping[str, float], order: Iterable[str] | None = None) -> str:
    """``III.2.3:52.34,VII.2.2:40`` (framework order when given)."""
    codes = [c for c in order if c in changes] if order is not None else sorted(changes)
    return ",".join(f"{c}:{_short_number(changes[c])}" for c in codes)


def _short_number(v: float) -> str:
    text = f"{round(float(v), 2):.2f}".rstrip("0").rstrip(".")
    return text or "0"


@dataclass
class DecodedScenario:
    changes: dict[str, float]
    rejected: list[str] = field(default_factory=list)  # raw items dropped (unknown code, bad value)


def decode_scenario(raw: object, indicator_codes: Iterable[str]) -> DecodedScenario:
    """Strict parse of a ``set=`` URL value: unknown codes, non-numbers, values
    outside 0–100 and repeated codes are dropped and listed, never guessed."""
    valid = set(indicator_codes)
    if raw is None:
        return DecodedScenario({})
    text = str(raw)
    if len(text) > MAX_SET_CHARS:
        return DecodedScenario({}, [text[:37] + "…"])
    changes: dict[str, float] = {}
    rejected: list[str] = []
    for item in (x.strip() for x in text.split(",")):
        if not item:
            continue
        code, sep, value = item.partition(":")
        code = code.strip()
        try:
            number = float(value) if sep else math.nan
        except ValueError:
            number = math.nan
        if code not in valid or not math.isfinite(number) or not 0 <= number <= 100 or code in changes:
            rejected.append(item if len(item) <= 40 else item[:37] + "…")
            continue
        changes[code] = round(number, 2)
    return DecodedScenario(changes, rejected)


# -- baseline and recompute -----------------------------------------------------------
@dataclass
class Baseline:
    """The focus province's published indicator scores of one edition."""

    tree: Tree
    scores: dict[str, float | None]  # indicator -> published score
    ranks: dict[str, float | None]
    rank_of: dict[str, float | None]
    weight: dict[str, Fraction]  # every node's exact weight in the PII

    @classmethod
    def from_frames(cls, tree: Tree, mine: pd.DataFrame) -> Baseline:
        ind = mine[mine["code"].isin(tree.indicators)].set_index("code")
        scores = {c: value_or_none(ind["score"].get(c)) if c in ind.index else None for c in tree.indicators}
        ranks = {c: value_or_none(ind["rank"].get(c)) if c in ind.index else None for c in tree.indicators}
        rank_of = {c: value_or_none(ind["rank_of"].get(c)) if c in ind.index else None for c in tree.indicators}
        return cls(tree, scores, ranks, rank_of, weights(tree))

    @property
    def known(self) -> int:
        return sum(v is not None for v in self.scores.values())

    @property
    def complete(self) -> bool:
        return self.known == len(self.tree.indicators)

    def w(self, code: str) -> float:
        return float(self.weight[code])


def clean_changes(base: Baseline, changes: Mapping[str, float]) -> dict[str, float]:
    """Only real changes (an indicator set to its published value is no change)."""
    out = {}
    for code, v in changes.items():
        if code in base.scores and (base.scores[code] is None or abs(float(v) - base.scores[code]) > 1e-9):
            out[code] = min(100.0, max(0.0, float(v)))
    return out


@dataclass
class Result:
    base: dict[str, float | None]  # recomputed aggregates from the published indicators
    new: dict[str, float | None]
    changes: dict[str, float]

    @property
    def pii_base(self) -> float | None:
        return self.base.get(self._root)

    @property
    def pii_new(self) -> float | None:
        return self.new.get(self._root)

    @property
    def delta(self) -> float | None:
        if self.pii_base is None or self.pii_new is None:
            return None
        return self.pii_new - self.pii_base

    _root: str = "PII"


def recompute(base: Baseline, changes: Mapping[str, float]) -> Result:
    ch = clean_changes(base, changes)
    return Result(aggregate(base.tree, base.scores), what_if(base.tree, base.scores, ch), ch,
                  base.tree.root)


def pillar_contributions(base: Baseline, result: Result) -> pd.DataFrame:
    """Each pillar's share of the PII change: weight(pillar) × Δpillar (they sum to ΔPII)."""
    rows = []
    for code in base.tree.order:
        if base.tree.level[code] != "pillar":
            continue
        b, n = result.base.get(code), result.new.get(code)
        delta = None if b is None or n is None else n - b
        rows.append({"code": code, "side": base.tree.parent[code], "before": b, "after": n, "delta": delta,
                     "pii_delta": None if delta is None else float(base.weight[code]) * delta})
    return pd.DataFrame(rows, columns=["code", "side", "before", "after", "delta", "pii_delta"])


def scenario_table(base: Baseline, result: Result) -> pd.DataFrame:
    """Changed indicators, in framework order, with each one's PII gain."""
    rows = []
    for code in base.tree.indicators:
        if code not in result.changes:
            continue
        old, new = base.scores[code], result.changes[code]
        rows.append({"code": code, "published": old, "scenario": new,
                     "points": None if old is None else new - old,
                     "weight": str(base.weight[code]),
                     "pii_gain": None if old is None else base.w(code) * (new - old)})
    return pd.DataFrame(rows, columns=["code", "published", "scenario", "points", "weight", "pii_gain"])


def scenario_export(base: Baseline, result: Result, names: Mapping[str, str], published_rank: object,
                    computed: int | None) -> pd.DataFrame:
    """The scenario as a file: changed indicators (numbers stay numbers), then
    the PII row (recomputed base -> scenario) and the national rank row
    (published -> computed)."""
    table = scenario_table(base, result)
    rows = [{"code": r.code, "name": names.get(r.code, r.code), "published": round(r.published, 2),
             "scenario": r.scenario, "points": round(r.points, 2), "weight": r.weight,
             "pii_gain": round(r.pii_gain, 6)} for r in table.itertuples()]
    root = base.tree.root
    rows.append({"code": root, "name": names.get(root, root), "published": _round(result.pii_base, 4),
                 "scenario": _round(result.pii_new, 4), "points": _round(result.delta, 4), "weight": None,
                 "pii_gain": _round(result.delta, 6)})
    rows.append({"code": "rank", "name": names.get("rank", "rank"), "published": value_or_none(published_rank),
                 "scenario": computed, "points": None, "weight": None, "pii_gain": None})
    return pd.DataFrame(rows, columns=["code", "name", "published", "scenario", "points", "weight", "pii_gain"])


def _round(v: float | None, n: int) -> float | None:
    return None if v is None else round(v, n)


def rank_against(score: float | None, focus: str, published: pd.DataFrame):
    """Computed rank of ``score`` against the other units' published PII of the
    edition (``published``: province_id, score for every unit of the edition).
    Compared on the published 2-decimal scale."""
    if score is None:
        return None
    others = {p: value_or_none(s) for p, s in zip(published["province_id"], published["score"]) if p != focus}
    return computed_rank(round(score, 2), others)


# -- presets --------------------------------------------------------------------------
def preset_weakest(base: Baseline, n: int = PRESET_WEAKEST_N,
                   points: float = PRESET_WEAKEST_POINTS) -> dict[str, float]:
    """Raise the n weakest indicators (``rules.weakest``: worst published rank
    first) by ``points``, capped at 100."""
    top = weakest(published_indicators(base), n)
    return {c: min(100.0, round(float(s) + points, 2)) for c, s in zip(top["code"], top["score"])}


def published_indicators(base: Baseline) -> pd.DataFrame:
    """code, score, rank, sort_order of the indicators with a published score (for ``rules.weakest``)."""
    codes = list(base.tree.indicators)
    df = pd.DataFrame({"code": codes, "score": [base.scores[c] for c in codes],
                       "rank": [base.ranks[c] for c in codes], "sort_order": range(len(codes))}, dtype=object)
    return df.astype({"score": "Float64", "rank": "Float64"}).dropna(subset=["score"])


def peer_medians(peer_scores: pd.DataFrame, focus: str, codes: Iterable[str]) -> pd.DataFrame:
    """Median and best published score per indicator among the peers (focus
    excluded); ``n_known`` says over how many peers, 0 where none is published."""
    df = peer_scores[(peer_scores["province_id"] != focus) & peer_scores["score"].notna()]
    rows = []
    for code in codes:
        s = df[df["code"] == code]
        if s.empty:
            rows.append({"code": code, "n_known": 0, "median": None, "leader_id": None, "leader": None})
            continue
        best = s.sort_values("score", ascending=False).iloc[0]
        rows.append({"code": code, "n_known": len(s), "median": float(s["score"].median()),
                     "leader_id": best["province_id"], "leader": float(best["score"])})
    return pd.DataFrame(rows, columns=["code", "n_known", "median", "leader_id", "leader"])


def preset_median(base: Baseline, medians: pd.DataFrame) -> dict[str, float]:
    """Bring each indicator below the peers' median up to it, where the median is known."""
    out = {}
    for row in medians.itertuples():
        s = base.scores.get(row.code)
        if row.n_known and s is not None and row.median is not None and row.median > s:
            out[row.code] = round(float(row.median), 2)
    return out


# -- leverage ---------------------------------------------------------------------------
def leverage(base: Baseline, peers: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per indicator: weight in the PII, PII gain per point, room to grow
    (100 − score; 100 is the best province's score), the peer leader's
    published value where known, and the achievable PII gain of closing that gap
    (to the peer leader where published, otherwise to 100)."""
    lead = peers.set_index("code") if peers is not None and len(peers) else None
    rows = []
    for code in base.tree.indicators:
        s = base.scores[code]
        w = base.w(code)
        leader = leader_id = None
        n_known = 0
        if lead is not None and code in lead.index and lead.at[code, "n_known"]:
            leader, leader_id, n_known = float(lead.at[code, "leader"]), lead.at[code, "leader_id"], int(
                lead.at[code, "n_known"])
        room = None if s is None else 100.0 - s
        peer_gap = None if s is None or leader is None else max(0.0, leader - s)
        rows.append({
            "code": code, "pillar": base.tree.pillar_of(code), "score": s, "rank": base.ranks[code],
            "rank_of": base.rank_of[code], "weight": str(base.weight[code]), "gain_per_point": w,
            "room": room, "max_gain": None if room is None else w * room,
            "peer_leader_id": leader_id, "peer_leader": leader, "peers_known": n_known,
            "peer_gap": peer_gap, "peer_gain": None if peer_gap is None else w * peer_gap,
        })
    df = pd.DataFrame(rows)
    return df


def rank_leverage(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """``by`` = "per_point" (weight, then lower score first) or "achievable"
    (gain to the peer leader where published, else to 100)."""
    d = df.copy()
    d["achievable"] = d["peer_gain"].where(d["peer_gain"].notna(), d["max_gain"])
    if by == "per_point":
        # an indicator already at 100 has no point left to gain: last, whatever its weight
        d["_has_room"] = d["room"].fillna(0) > 0
        d = d.sort_values(["_has_room", "gain_per_point", "score"], ascending=[False, False, True],
                          na_position="last")
        return d.drop(columns="_has_room")
    return d.sort_values(["achievable", "gain_per_point"], ascending=[False, False], na_position="last")
