"""The PII aggregation model (DESIGN §1).

index = mean of its indicators; pillar = mean of its indices; INPUT = mean of
pillars I–V; OUTPUT = mean of VI–VII; PII = (INPUT + OUTPUT) / 2. Any missing
child makes its parent missing (None): nothing is estimated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from pii.framework import LEVEL_ORDER, IncompleteFramework, Tree

__all__ = ["LEVEL_ORDER", "IncompleteFramework", "Tree", "aggregate", "weights", "what_if", "computed_rank",
           "compare_with_published", "ComputedRank"]


def aggregate(tree: Tree, indicator_scores: Mapping[str, float | None]) -> dict[str, float | None]:
    """Recompute every level from indicator scores (unrounded)."""
    out: dict[str, float | None] = {}
    for code in tree.order:
        if tree.level[code] == "indicator":
            v = indicator_scores.get(code)
            out[code] = None if v is None or pd.isna(v) else float(v)
        else:
            kids = [out[k] for k in tree.children[code]]
            out[code] = None if not kids or any(k is None for k in kids) else sum(kids) / len(kids)
    return out


def weights(tree: Tree) -> dict[str, Fraction]:
    """Each node's exact weight in the PII (a product of 1/siblings up the tree)."""
    w: dict[str, Fraction] = {}
    for code in reversed(tree.order):  # parents first
        p = tree.parent[code]
        w[code] = Fraction(1) if p is None else w[p] / len(tree.children[p])
    return w


def what_if(tree: Tree, base: Mapping[str, float | None], changes: Mapping[str, float]) -> dict[str, float | None]:
    """Aggregates after replacing some indicator scores (clipped to 0–100)."""
    scores = dict(base)
    for code, value in changes.items():
        if code not in tree.level or tree.level[code] != "indicator":
            raise KeyError(f"{code} is not an indicator of this framework")
        scores[code] = min(100.0, max(0.0, float(value)))
    return aggregate(tree, scores)


@dataclass(frozen=True)
class ComputedRank:
    """Rank among the units with a published score; labelled as computed."""

    rank: int
    compared: int  # units with a published score (besides the focus)
    not_compared: list[str]  # units without a published score


def computed_rank(score: float, others: Mapping[str, float | None]) -> ComputedRank:
    known = {k: v for k, v in others.items() if v is not None and not pd.isna(v)}
    above = sum(1 for v in known.values() if v > score + 1e-9)
    return ComputedRank(rank=1 + above, compared=len(known),
                        not_compared=sorted(k for k, v in others.items() if v is None or pd.isna(v)))


def compare_with_published(tree: Tree, indicator_scores: Mapping[str, float | None],
                           published: Mapping[str, float | None], tolerance: float = 0.01) -> pd.DataFrame:
    """Recomputed vs published value for every aggregate that has both."""
    rec = aggregate(tree, indicator_scores)
    rows = []
    for code in tree.order:
        if tree.level[code] == "indicator":
            continue
        pub = published.get(code)
        val = rec.get(code)
        if pub is None or val is None or pd.isna(pub):
            continue
        rows.append({"code": code, "level": tree.level[code], "published": float(pub), "recomputed": val,
                     "diff": val - float(pub), "ok": abs(val - float(pub)) <= tolerance})
    return pd.DataFrame(rows, columns=["code", "level", "published", "recomputed", "diff", "ok"])
