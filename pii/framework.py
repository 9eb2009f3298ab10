"""The PII framework tree and its levels (issue 20: one definition, below every layer).

Used by the analysis (aggregation, what-if, strengths), the import's reference checks, the demo and the
comparison pages. ``LEVELS`` runs from the top (PII) to the indicators; ``LEVEL_ORDER`` is the same
levels children first, the order aggregates are computed in.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

LEVELS = ("pii", "subindex", "pillar", "index", "indicator")
LEVEL_ORDER = tuple(reversed(LEVELS))  # children before parents


class IncompleteFramework(ValueError):
    """The edition's tree lacks a level (e.g. PII 2025 index groups not loaded)."""


@dataclass(frozen=True)
class Tree:
    parent: dict[str, str | None]
    children: dict[str, list[str]]
    level: dict[str, str]
    order: list[str]  # codes, children before parents

    @classmethod
    def from_framework(cls, framework: pd.DataFrame, check: bool = True) -> Tree:
        """The tree of an edition's framework; ``check=False`` for a tree that may lack a level (the demo
        generator draws PII 2025 without its index groups)."""
        fw = framework.sort_values("sort_order", key=lambda s: pd.to_numeric(s, errors="coerce"), kind="stable")
        parent = {c: (p if isinstance(p, str) and p else None) for c, p in zip(fw["code"], fw["parent_code"])}
        level = dict(zip(fw["code"], fw["level"]))
        children: dict[str, list[str]] = {c: [] for c in parent}
        for c, p in parent.items():
            if p is not None:
                children[p].append(c)
        order = sorted(parent, key=lambda c: LEVEL_ORDER.index(level[c]))
        tree = cls(parent, children, level, order)
        if check:
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
    def codes(self) -> list[str]:
        """Every code in framework order."""
        return list(self.parent)

    @property
    def top_down(self) -> list[str]:
        """Parents before children (PII first), framework order within a level."""
        return sorted(self.parent, key=lambda c: LEVELS.index(self.level[c]))

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
