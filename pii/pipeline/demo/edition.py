"""Steps 1–4 for one edition: desired values, orderings, top-down water-filling, ranks checked against every
published rank."""

from __future__ import annotations

import random

import pandas as pd

from pii.pipeline.demo.base import DECIMALS, MARGIN, DemoInconsistent
from pii.pipeline.demo.ordering import _order_code
from pii.pipeline.demo.steering import (
    _match_region_averages,
    _match_region_ranks,
    _pub_keys,
    _repair_sides,
    _steer_desired,
)
from pii.pipeline.demo.tree import _clip, _Tree, _water_fill

# -- one edition -----------------------------------------------------------------

def generate_edition(fw: pd.DataFrame, units: list[str], published: dict[tuple[str, str], dict[str, float]],
                     seed: int, complete: bool, regions: dict[str, str] | None = None,
                     region_avgs: dict[str, float] | None = None,
                     notes: list[str] | None = None,
                     region_ranks: list[tuple[str, str, int]] | None = None,
                     ) -> dict[tuple[str, str], tuple[float, int]]:
    """Scores and ranks for every (unit, code) of one edition.

    ``published`` maps (unit, code) to {"score": x, "rank": r} (either may be
    absent). Returns (unit, code) -> (score, rank); published values verbatim.
    """
    notes = notes if notes is not None else []
    tree = _Tree(fw, complete)
    rng = random.Random(seed)
    label = str(fw["edition"].iat[0]) if len(fw) else "?"

    # 1. desired values from a latent strength per unit
    latent = {}
    for p in sorted(units):
        pub = published.get((p, "PII"), {})
        if "score" in pub:
            latent[p] = (pub["score"] - 38.0) / 10.0
        elif "rank" in pub:
            latent[p] = 2.0 - 4.0 * (pub["rank"] - 1) / max(1, len(units) - 1)
        else:
            latent[p] = rng.gauss(-0.3, 0.9)
    desired: dict[tuple[str, str], float] = {}
    for code in reversed(tree.top_down):
        kids = tree.children.get(code)
        if kids and tree.linked(code):
            for p in units:
                desired[(p, code)] = sum(desired[(p, k)] for k in kids) / len(kids)
        elif kids:  # loose pillar (incomplete edition): its own draw, mean of its indicators as a hint
            for p in units:
                desired[(p, code)] = _clip(sum(desired[(p, k)] for k in kids) / len(kids), 1, 99)
        else:
            mu, load = rng.uniform(22, 62), rng.uniform(5, 14)
            for p in units:
                desired[(p, code)] = _clip(mu + load * latent[p] + rng.gauss(0, 10), 0.5, 99.5)

    # 2. fixed values (published scores, and aggregates whose children are all fixed)
    fixed = {k: v["score"] for k, v in published.items() if "score" in v and k[0] in set(units)}
    changed = True
    while changed:  # a parent of fixed children is fixed; so is the one open child of a fixed parent
        changed = False
        for code in reversed(tree.top_down):
            kids = tree.children.get(code)
            if not kids or not tree.linked(code):
                continue
            for p in units:
                open_kids = [k for k in kids if (p, k) not in fixed]
                if (p, code) not in fixed and not open_kids:
                    fixed[(p, code)] = sum(fixed[(p, k)] for k in kids) / len(kids)
                    changed = True
                elif (p, code) in fixed and len(open_kids) == 1:
                    rest = sum(fixed[(p, k)] for k in kids if k != open_kids[0])
                    fixed[(p, open_kids[0])] = _clip(len(kids) * fixed[(p, code)] - rest, 0.0, 100.0)
                    changed = True
    _steer_desired(tree, units, desired, fixed)
    pins = {c: {p: int(v["rank"]) for (p, cc), v in published.items() if cc == c and "rank" in v and p in set(units)}
            for c in tree.codes}
    root = tree.top_down[0]

    def order_all() -> tuple[dict[str, dict[str, int]], dict[tuple[str, str], float]]:
        pos_all, vals_all = {}, {}
        for c in tree.codes:
            known = {p: fixed[(p, c)] for p in units if (p, c) in fixed}
            pos, vals = _order_code(units, pins[c], known, {p: desired[(p, c)] for p in units}, f"{label} {c}")
            pos_all[c] = pos
            vals_all.update({(p, c): v for p, v in vals.items()})
        return pos_all, vals_all

    positions, targets = order_all()
    # Steer every unit's desired tree onto its root value and the values its
    # published ranks imply, then order again: each unit's sides relative to
    # ranked units now come from a tree that can actually reach them.
    for _ in range(2):
        soft = {(p, c): targets[(p, c)] for c in tree.codes for p in pins[c]}
        soft.update({(p, root): targets[(p, root)] for p in units})
        _steer_desired(tree, units, desired, {**soft, **fixed})
        positions, targets = order_all()

    root = tree.top_down[0]
    final: dict[tuple[str, str], float] = dict(fixed)
    for p in units:
        final.setdefault((p, root), targets[(p, root)])
    linked_codes = [c for c in tree.top_down[1:] if tree.parent[c] and tree.linked(tree.parent[c])]
    for c in tree.codes:  # codes not tied to a parent keep their per-code ordering
        if c != root and c not in linked_codes:
            for p in units:
                final.setdefault((p, c), targets[(p, c)])

    def band(p: str, c: str) -> tuple[float, float]:
        """Where (p, c) may lie without crossing a unit whose rank in c is published."""
        lo, hi = 0.0, 100.0
        others = units if p in pins[c] else pins[c]
        for q in others:
            if q == p or (q, c) not in final:
                continue
            if positions[c][q] < positions[c][p]:
                hi = min(hi, final[(q, c)] - MARGIN)
            else:
                lo = max(lo, final[(q, c)] + MARGIN)
        return lo, hi

    def spans(p: str) -> dict[str, tuple[float, float]]:
        out: dict[str, tuple[float, float]] = {}
        for c in reversed(tree.top_down):
            kids = tree.children.get(c)
            if (p, c) in final and (c == root or (p, c) in fixed):
                out[c] = (final[(p, c)], final[(p, c)])
                continue
            lo, hi = band(p, c)
            if kids and tree.linked(c):
                lo = max(lo, sum(out[k][0] for k in kids) / len(kids))
                hi = min(hi, sum(out[k][1] for k in kids) / len(kids))
            out[c] = (lo, hi)
        return out

    def badness(p: str) -> list[str]:
        """Codes where the unit has no room (its sides relative to published ranks clash)."""
        bad, out = [], {}
        for c in reversed(tree.top_down):
            kids = tree.children.get(c)
            klo, khi = ((sum(out[k][0] for k in kids) / len(kids), sum(out[k][1] for k in kids) / len(kids))
                        if kids and tree.linked(c) else (0.0, 100.0))
            if (p, c) in fixed or (c == root and (p, c) in final):
                v = final[(p, c)]
                if not klo - 0.0101 <= v <= khi + 0.0101:  # published vs published: rounding
                    bad.append(c)
                out[c] = (v, v)
                continue
            lo, hi = band(p, c)
            lo, hi = max(lo, klo), min(hi, khi)
            if lo > hi:
                bad.append(c)
                hi = lo
            out[c] = (lo, hi)
        return bad

    def fill(p: str, span: dict[str, tuple[float, float]]) -> None:
        for parent in tree.top_down:
            kids = tree.children.get(parent)
            if not kids or not tree.linked(parent):
                continue
            free = [k for k in kids if (p, k) not in fixed]
            if not free:
                continue
            total = len(kids) * final[(p, parent)] - sum(fixed[(p, k)] for k in kids if (p, k) in fixed)
            lo, hi = [], []
            for k in free:
                a, b = span[k]
                lo.append(a)
                hi.append(b)
            vals = None if any(x > y for x, y in zip(lo, hi)) else _water_fill(
                [targets[(p, k)] for k in free], lo, hi, total)
            if vals is None:
                raise DemoInconsistent(f"{label}: cannot make {p} {parent} = {final[(p, parent)]:.4f} the mean of "
                                       f"{kids} within {list(zip(free, lo, hi))}")
            for k, v in zip(free, vals):
                final[(p, k)] = v

    # 3a. units with a published rank (and no score) below the root go first,
    # so everyone else can be placed on the right side of them
    first = sorted(p for p in units if any(p in pins[c] and (p, c) not in fixed for c in linked_codes))
    for p in first:
        fill(p, spans(p))
    # 3b. the others: root within reach of the published figures below it, region averages, then top down
    rest = [p for p in sorted(units) if p not in set(first)]
    _repair_sides(tree, rest, pins, positions, fixed, badness)
    rest_spans = {p: spans(p) for p in rest}

    def root_room(p: str) -> tuple[float, float]:
        kids = tree.children[root]
        a, b = band(p, root)
        return (max(a, sum(rest_spans[p][k][0] for k in kids) / len(kids)),
                min(b, sum(rest_spans[p][k][1] for k in kids) / len(kids)))

    for p in rest:
        if (p, root) not in fixed:
            lo, hi = root_room(p)
            if lo <= hi:
                final[(p, root)] = _clip(final[(p, root)], lo, hi)
    if regions and region_avgs:
        _match_region_averages(units, root, pins[root], final, fixed, regions, region_avgs, notes, label,
                               {p: root_room(p) for p in rest})
    if regions and region_ranks:
        _match_region_ranks(units, root, pins[root], final, fixed, regions, region_ranks, notes, label,
                            {p: root_room(p) for p in rest})
    for p in rest:
        sp = rest_spans[p]
        sp[root] = (final[(p, root)], final[(p, root)])
        fill(p, sp)

    # 4. round synthetic values, compute ranks, check every published rank
    out: dict[tuple[str, str], tuple[float, int]] = {}
    for c in tree.codes:
        vals = {p: (fixed[(p, c)] if (p, c) in fixed and (p, c) in _pub_keys(published) else
                    round(final[(p, c)], DECIMALS)) for p in units}
        for p in units:
            above = sum(1 for q in units if vals[q] > vals[p] + 1e-9)
            rank = 1 + above
            want = published.get((p, c), {}).get("rank")
            if want is not None and int(want) != rank:
                raise DemoInconsistent(f"{label} {c}: {p} would rank {rank}, published {int(want)}")
            out[(p, c)] = (vals[p], rank)
    return out
