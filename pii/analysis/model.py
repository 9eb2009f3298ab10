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

LEVEL_ORDER = ("indicator", "index", "pillar", "subindex", "pii")


class IncompleteFramework(ValueError):
    """The edition's tree lacks a level (e.g. PII 2025 index groups not loaded)."""


@dataclass(frozen=True)
class Tree:
    parent: dict[str, str | None]
    children: dict[str, list[str]]
    level: dict[str, str]
    order: list[str]  # codes, children before parents

    @classmethod
    def from_framework(cls, framework: pd.DataFrame) -> Tree:
        fw = framework.sort_values("sort_order")
        parent = {c: (p if isinstance(p, str) and p else None) for c, p in zip(fw["code"], fw["parent_code"])}
        level = dict(zip(fw["code"], fw["level"]))
        children: dict[str, list[str]] = {c: [] for c in parent}
        for c, p in parent.items():
            if p is not None:
                children[p].append(c)
        order = sorted(parent, key=lambda c: LEVEL_ORDER.index(level[c]))
        tree = cls(parent, children, level, order)
        tree.check()
        return tree

    def check(self) -> None:
        expected_parent = {"indicator": "index", "index": "pillar", "pillar": "subindex", "subindex": "pii"}
        for code, lvl in self.level.items():
            want = expected_parent.get(lvl)
            got = self.level.get(self.parent[code]) if self.parent[code] else None
            if want and got != want:
                raise IncompleteFramework(
                    f"{code} ({lvl}) has parent {self.parent[code]} ({got}); expected a {want}: "
                    "the framework of this edition is not complete enough to recompute aggregates")

    @property
    def indicators(self) -> list[str]:
        return [c for c in self.order if self.level[c] == "indicator"]

    @property
    def root(self) -> str:
        return next(c for c in self.order if self.parent[c] is None)

    def pillar_of(self, code: str) -> str:
        """The pillar ``code`` belongs to (itself for a pillar)."""
        node = code
        while self.level[node] != "pillar":
            node = self.parent[node]  # type: ignore[assignment]
        return node


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
