"""What-if target finder: what the focus unit must reach to hold a national rank or lead its group, and
combinations of indicator rises that get there (pii.analysis.what_if recomputes every one)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

import pandas as pd

from pii.analysis.rules import strongest, weakest
from pii.analysis.what_if import DEFAULT_MAX_STEP, Baseline, published_indicators, recompute
from pii.fmt import value_or_none


# -- target finder ------------------------------------------------------------------------
@dataclass
class Threshold:
    """What the focus must reach to hold ``max_rank`` (or first in a group)."""

    needed: float | None  # PII the focus must exceed-or-equal to hold the target; None if unknown
    gain: float | None  # max(0, needed − current)
    met: bool | None
    margin: float | None  # current − threshold (positive = ahead)
    ref_id: str | None  # the unit whose score sets the threshold
    ref_score: float | None
    bound: bool = False  # threshold is an upper bound from unpublished units (see known_prefix)
    unknown: list[str] = field(default_factory=list)  # units without a published PII


STEP = 0.01  # published PIIs have 2 decimals: to pass a unit, be at least one hundredth above it


def known_prefix(published: pd.DataFrame) -> tuple[int, float | None]:
    """Largest m such that the m best published ranks leave no gap (ties
    allowed: 1, 2, 2, 4 is complete), and the lowest score among them. Every
    unit without a published score then ranks below m, so its PII is at most
    that score."""
    ranked = strongest(published.dropna(subset=["rank", "score"]))
    m = 0
    floor = None
    for i, (r, s) in enumerate(zip(ranked["rank"], ranked["score"]), start=1):
        if int(r) > i:  # rank i is held by a unit whose score is not published
            break
        m, floor = i, float(s) if floor is None else min(floor, float(s))
    return m, floor


def national_threshold(focus: str, current: float | None, published: pd.DataFrame, max_rank: int = 10) -> Threshold:
    """The focus holds rank ≤ max_rank when fewer than max_rank other units
    score above it: it must be one hundredth above the max_rank-th best other."""
    others = published[published["province_id"] != focus]
    unknown = sorted(others.loc[others["score"].isna(), "province_id"])
    known = others.dropna(subset=["score"]).sort_values("score", ascending=False)
    if len(known) < max_rank:
        return Threshold(None, None, None, None, None, None, False, unknown)
    ref = known.iloc[max_rank - 1]
    m, _ = known_prefix(published)
    ref_rank = value_or_none(ref["rank"])
    # certain only if every unit without a score is known to rank below the reference
    certain = not unknown or (ref_rank is not None and ref_rank <= m)
    needed = round(float(ref["score"]) + STEP, 2)
    return _threshold(current, needed, ref["province_id"], float(ref["score"]), not certain, unknown)


def group_threshold(focus: str, current: float | None, published: pd.DataFrame, members: Iterable[str]) -> Threshold:
    """First among ``members``: one hundredth above the best other member.
    Members without a published PII are bounded by the known national prefix
    (they rank below it); the threshold then is marked as a bound."""
    ids = set(members) - {focus}
    grp = published[published["province_id"].isin(ids)]
    unknown = sorted(ids - set(grp.dropna(subset=["score"])["province_id"]))
    known = grp.dropna(subset=["score"]).sort_values("score", ascending=False)
    best_id = known["province_id"].iat[0] if len(known) else None
    best = float(known["score"].iat[0]) if len(known) else None
    is_bound = False
    if unknown:
        m, floor = known_prefix(published)
        if floor is None:
            return Threshold(None, None, None, None, best_id, best, True, unknown)
        if best is None or floor > best:
            best, best_id, is_bound = floor, None, True
    if best is None:
        return Threshold(None, None, None, None, None, None, False, unknown)
    return _threshold(current, round(best + STEP, 2), best_id, best, is_bound, unknown)


def _threshold(current: float | None, needed: float, ref_id: str | None, ref_score: float, bound: bool,
               unknown: list[str]) -> Threshold:
    if current is None:
        return Threshold(needed, None, None, None, ref_id, ref_score, bound, unknown)
    cur = round(current, 2)
    return Threshold(needed, max(0.0, round(needed - cur, 2)), cur >= needed - 1e-9, round(cur - ref_score, 2),
                     ref_id, ref_score, bound, unknown)


@dataclass
class Combination:
    key: str  # "leverage" | "weakest" | "spread"
    steps: pd.DataFrame  # code, from, to, points, pii_gain
    gain: float  # recomputed through the model

    @property
    def changes(self) -> dict[str, float]:
        return dict(zip(self.steps["code"], self.steps["to"]))


def combinations(base: Baseline, gain: float, max_step: float = DEFAULT_MAX_STEP) -> list[Combination]:
    """Two or three concrete ways to add ``gain`` PII points, favouring
    high-weight, low-score indicators; each rise is at most ``max_step`` points
    and never above 100. Every answer is recomputed through the model."""
    if gain <= 0:
        return []
    known = {c: s for c, s in base.scores.items() if s is not None}
    # 1) most PII to gain first: weight × room (high weight and low score both count)
    by_weight = sorted(known, key=lambda c: (-base.weight[c] * Fraction(str(100 - known[c])), known[c]))
    # 2) weakest first (rules.weakest: worst published rank, then lower score; unranked last)
    by_rank = weakest(published_indicators(base))["code"].tolist()
    out = []
    for key, order in (("leverage", by_weight), ("weakest", by_rank)):
        combo = _greedy(base, order, gain, max_step)
        if combo is not None:
            out.append(Combination(key, combo, _model_gain(base, combo)))
    spread = _spread(base, by_weight[:10], gain)
    if spread is not None:
        out.append(Combination("spread", spread, _model_gain(base, spread)))
    return out


def _ceil2(x: float) -> float:
    return math.ceil(round(x * 100, 6)) / 100


def _greedy(base: Baseline, order: list[str], gain: float, max_step: float) -> pd.DataFrame | None:
    left = gain
    rows = []
    for code in order:
        s = base.scores[code]
        w = base.w(code)
        step = min(max_step, 100.0 - s)  # type: ignore[operator]
        if step <= 0:
            continue
        need = left / w
        pts = step if need >= step else _ceil2(need)
        pts = min(pts, step)
        rows.append(_step(base, code, pts))
        left -= w * pts
        if left <= 1e-9:
            return pd.DataFrame(rows)
    return None


def _spread(base: Baseline, codes: list[str], gain: float) -> pd.DataFrame | None:
    """The same rise for each of ``codes`` (capped at 100), the smallest that adds ``gain``."""
    def total(x: float) -> float:
        return sum(base.w(c) * min(x, 100.0 - base.scores[c]) for c in codes)  # type: ignore[operator]

    if not codes or total(100.0) < gain:
        return None
    lo, hi = 0.0, 100.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if total(mid) < gain else (lo, mid)
    x = _ceil2(hi)
    rows = [_step(base, c, min(x, 100.0 - base.scores[c])) for c in codes]  # type: ignore[operator]
    return pd.DataFrame([r for r in rows if r["points"] > 0])


def _step(base: Baseline, code: str, pts: float) -> dict[str, object]:
    s = float(base.scores[code])  # type: ignore[arg-type]
    to = round(min(100.0, s + pts), 2)
    return {"code": code, "from": s, "to": to, "points": round(to - s, 2), "weight": str(base.weight[code]),
            "pii_gain": base.w(code) * (to - s)}


def _model_gain(base: Baseline, steps: pd.DataFrame) -> float:
    res = recompute(base, dict(zip(steps["code"], steps["to"])))
    return float(res.delta or 0.0)
