"""Repairs and steering inside one edition: sides of published ranks, desired values steered towards the
published region averages and region ranks (what cannot be met is listed in ``notes``)."""

from __future__ import annotations

from pii.pipeline.demo.base import MARGIN, DemoInconsistent
from pii.pipeline.demo.tree import _clip, _Tree, _water_fill


def _repair_sides(tree: _Tree, rest: list[str], pins: dict[str, dict[str, int]],
                  positions: dict[str, dict[str, int]], fixed: dict[tuple[str, str], float], badness) -> None:
    """Swap two units' places in a code's ordering (ranks of everyone else stay)
    until every unit has room under its published figures."""
    for _ in range(40):  # a few swaps; otherwise the caller tries another ordering
        broken = [(p, badness(p)) for p in rest]
        broken = [(p, b) for p, b in broken if b]
        if not broken:
            return
        p, bad = broken[0]
        fixed_one = False
        for c in bad + [d for d in tree.codes if d not in bad]:
            if p in pins[c] or (p, c) in fixed or not pins[c]:
                continue
            before = len(bad)
            for q in sorted(rest, key=lambda q: abs(positions[c][q] - positions[c][p]))[:20]:
                if q == p or q in pins[c] or (q, c) in fixed:
                    continue
                qb = len(badness(q))
                positions[c][p], positions[c][q] = positions[c][q], positions[c][p]
                if len(badness(p)) + len(badness(q)) < before + qb:
                    fixed_one = True
                    break
                positions[c][p], positions[c][q] = positions[c][q], positions[c][p]
            if fixed_one:
                break
        if not fixed_one:
            raise DemoInconsistent(f"no ordering gives {p} room under its published figures ({bad})")
    raise DemoInconsistent("ordering repair did not converge")


def _steer_desired(tree: _Tree, units: list[str], desired: dict[tuple[str, str], float],
                   fixed: dict[tuple[str, str], float]) -> None:
    """Move each unit's desired tree onto its published figures (same water-filling
    as the final pass, without rank constraints), so orderings start from values
    that already fit what was published for that unit."""
    for p in units:
        span: dict[str, tuple[float, float]] = {}
        for c in reversed(tree.top_down):
            kids = tree.children.get(c)
            if (p, c) in fixed:
                span[c] = (fixed[(p, c)], fixed[(p, c)])
            elif kids and tree.linked(c):
                span[c] = (sum(span[k][0] for k in kids) / len(kids), sum(span[k][1] for k in kids) / len(kids))
            else:
                span[c] = (0.0, 100.0)
        root = tree.top_down[0]
        desired[(p, root)] = _clip(desired[(p, root)], *span[root])
        for parent in tree.top_down:
            kids = tree.children.get(parent)
            if not kids:
                continue
            for k in kids:
                if (p, k) in fixed:
                    desired[(p, k)] = fixed[(p, k)]
            if not tree.linked(parent):
                continue
            free = [k for k in kids if (p, k) not in fixed]
            total = len(kids) * desired[(p, parent)] - sum(fixed[(p, k)] for k in kids if (p, k) in fixed)
            vals = _water_fill([desired[(p, k)] for k in free], [span[k][0] for k in free],
                               [span[k][1] for k in free], total) if free else None
            if vals is not None:
                for k, v in zip(free, vals):
                    desired[(p, k)] = v


def _pub_keys(published: dict[tuple[str, str], dict[str, float]]) -> set[tuple[str, str]]:
    return {k for k, v in published.items() if "score" in v}


def _match_region_averages(units: list[str], root: str, pins: dict[str, int],
                           final: dict[tuple[str, str], float], fixed: dict[tuple[str, str], float],
                           regions: dict[str, str], avgs: dict[str, float], notes: list[str], label: str,
                           room: dict[str, tuple[float, float]]) -> None:
    for region, avg in sorted(avgs.items()):
        members = [p for p in units if regions.get(p) == region]
        if not members:
            continue
        free = [p for p in members if (p, root) not in fixed and p not in pins and p in room]
        rest = sum(final[(p, root)] for p in members if p not in free)
        vals = _water_fill([final[(p, root)] for p in free], [room[p][0] for p in free],
                           [room[p][1] for p in free], avg * len(members) - rest) if free else None
        if vals is None:
            notes.append(f"{label} {region}: published average {avg} kept in region_averages but the synthetic "
                         "PII of its units cannot match it without breaking published ranks")
            continue
        for p, v in zip(free, vals):
            final[(p, root)] = v


def _match_region_ranks(units: list[str], root: str, pins: dict[str, int], final: dict[tuple[str, str], float],
                        fixed: dict[tuple[str, str], float], regions: dict[str, str],
                        wanted: list[tuple[str, str, int]], notes: list[str], label: str,
                        room: dict[str, tuple[float, float]]) -> None:
    """Move units without a published PII across a unit whose rank in its region
    is published, until exactly rank-1 units of the region are above it."""
    def movable(q: str) -> bool:
        return q in room and (q, root) not in fixed and q not in pins

    for _ in range(2):
        for p, region, want in sorted(wanted):
            members = [q for q in units if regions.get(q) == region and q != p]
            for _step in range(len(members)):
                mine = final[(p, root)]
                above = [q for q in members if final[(q, root)] > mine]
                if len(above) == want - 1:
                    break
                if len(above) > want - 1:
                    cands = sorted((q for q in above if movable(q)), key=lambda q: final[(q, root)])
                    moves = [(q, max(room[q][0], mine - 0.05)) for q in cands]
                    moves = [(q, v) for q, v in moves if v < mine - MARGIN / 2]
                else:
                    below = [q for q in members if q not in above and final[(q, root)] < mine]
                    cands = sorted((q for q in below if movable(q)), key=lambda q: -final[(q, root)])
                    moves = [(q, min(room[q][1], mine + 0.05)) for q in cands]
                    moves = [(q, v) for q, v in moves if v > mine + MARGIN / 2]
                if not moves:
                    notes.append(f"{label} {p}: published rank {want} in region {region} kept in region_ranks; "
                                 "the synthetic PII cannot place it there without breaking a published rank")
                    break
                q, v = moves[0]
                final[(q, root)] = v
