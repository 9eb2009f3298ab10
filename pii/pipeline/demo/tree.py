"""Step 3's tools: the edition's framework tree (pii.framework.Tree, unchecked: a demo edition may lack a
level) and water-filling, which shifts free children together until their mean equals the parent."""

from __future__ import annotations

import pandas as pd

from pii.framework import Tree


class _Tree:
    """The one framework tree (:class:`pii.framework.Tree`, unchecked) and whether its pillars are tied to
    indicators (``complete``)."""

    def __init__(self, fw: pd.DataFrame, complete: bool):
        tree = Tree.from_framework(fw, check=False)
        self.codes, self.level, self.parent, self.children = tree.codes, tree.level, tree.parent, tree.children
        self.complete = complete
        self.top_down = tree.top_down

    def linked(self, parent: str) -> bool:
        """Whether ``parent`` must equal the mean of its children."""
        return bool(self.children.get(parent)) and (self.complete or self.level[parent] != "pillar")


def _clip(v: float, lo: float, hi: float) -> float:
    return min(hi, max(lo, v))


def _water_fill(start: list[float], lo: list[float], hi: list[float], total: float) -> list[float] | None:
    """Shift values together (each within [lo, hi]) until they sum to ``total``."""
    v = [_clip(s, a, b) for s, a, b in zip(start, lo, hi)]
    for _ in range(200):
        resid = total - sum(v)
        if abs(resid) < 1e-9:
            return v
        room = [i for i in range(len(v)) if (v[i] < hi[i] - 1e-12 if resid > 0 else v[i] > lo[i] + 1e-12)]
        if not room:
            return None
        step = resid / len(room)
        for i in room:
            v[i] = _clip(v[i] + step, lo[i], hi[i])
    return v if abs(total - sum(v)) < 1e-7 else None
