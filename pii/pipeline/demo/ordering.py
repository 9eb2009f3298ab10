"""Step 2: per code, an ordering of all units that honours published ranks and scores, and target values
interpolated between published ones."""

from __future__ import annotations

from pii.pipeline.demo.base import DemoInconsistent
from pii.pipeline.demo.tree import _clip

# -- one code: ordering and target values ----------------------------------------------

def _order_code(units: list[str], pins: dict[str, int], known: dict[str, float],
                desired: dict[str, float], label: str) -> tuple[dict[str, int], dict[str, float]]:
    """Positions (0 = best) and target values honouring published ranks and scores."""
    n = len(units)
    slots: list[str | None] = [None] * n
    for p, r in pins.items():
        if not 1 <= r <= n or slots[r - 1] is not None:
            raise DemoInconsistent(f"{label}: published rank {r} of {p} collides or is out of range")
        slots[r - 1] = p
    pinned_known = [(r - 1, known[p]) for p, r in pins.items() if p in known]
    last = -1
    for p in sorted((p for p in known if p not in pins), key=lambda p: -known[p]):
        s = known[p]
        i = max([last] + [pos for pos, v in pinned_known if v > s]) + 1
        while i < n and slots[i] is not None:
            i += 1
        if i >= n or any(pos < i and v < s for pos, v in pinned_known):
            raise DemoInconsistent(f"{label}: published score {s} of {p} cannot be placed between published ranks")
        slots[i] = p
        last = i
    rest = sorted((p for p in units if p not in pins and p not in known), key=lambda p: (-desired[p], p))
    it = iter(rest)
    for i in range(n):
        if slots[i] is None:
            slots[i] = next(it)
    pos = {p: i for i, p in enumerate(slots)}
    values: dict[str, float] = {p: known[p] for p in units if p in known}
    anchors = [-1] + [i for i in range(n) if slots[i] in known] + [n]
    for a, b in zip(anchors, anchors[1:]):
        gap = list(range(a + 1, b))
        if not gap:
            continue
        upper = 100.0 if a == -1 else known[slots[a]]
        lower = 0.0 if b == n else known[slots[b]]
        if upper <= lower:
            raise DemoInconsistent(f"{label}: published scores do not decrease with rank at positions {a + 1}, {b + 1}")
        wanted = sorted((desired[slots[i]] for i in gap), reverse=True)
        k = len(gap)
        for j, i in enumerate(gap):
            interp = upper - (upper - lower) * (j + 1) / (k + 1)
            values[slots[i]] = 0.5 * interp + 0.5 * _clip(wanted[j], lower, upper)
    return pos, values
