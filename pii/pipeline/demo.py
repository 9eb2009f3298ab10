"""Deterministic synthetic dataset for tests, benchmarks and the app's demo mode.

Every figure that is published (``published_scores.csv``, ``scores_plan152.csv``,
published region averages) is kept verbatim with its own source; every other
score and rank is synthetic and carries the source ``demo_synthetic``. The
synthetic rows go through the same build and checks as real data, so the demo
set is as valid as the shipped one.

How consistency with the published figures is reached, per edition:

1. Desired values: each unit gets a latent strength (from its published PII
   where known); indicators are drawn around it and every aggregate is the
   mean of its children, so the desired set is already consistent.
2. Per code, an ordering of all units: units with a published rank sit exactly
   at that rank, units with a published score are placed so published scores
   decrease down the ranking, the rest follow their desired values. Units
   without a published score get values interpolated between published ones.
3. Top down (PII -> sub-indices -> pillars -> indices -> indicators), the free
   children of every node are shifted together ("water-filling") so their mean
   equals the parent exactly, without crossing any unit whose rank is published
   and without leaving the range their own published descendants allow.
4. Ranks are computed from the final scores (1 = best; equal scores share the
   better rank) and checked against every published rank; any mismatch raises
   :class:`DemoInconsistent` instead of shipping a wrong demo.

For PII 2025 the 18 index groups are not loaded, so pillars are not tied to
indicators: PII/INPUT/OUTPUT/pillars are made consistent, indicators are drawn
per code (still honouring published 2025 indicator ranks).

Published region averages and region ranks are kept verbatim in their tables;
the synthetic PII of units without a published PII is steered towards them
(within the room the published national ranks leave). What cannot be met is
listed in ``notes`` (with the shipped data and seed 2023: the 2023 averages of
all six regions and the 2024 averages of two, Tuyên Quang's 2023 and Cà Mau's
2024 region rank, each off by one place).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import pandas as pd

from pii.framework import LEVELS
from pii.pipeline import paths

DEMO_SOURCE_ID = "demo_synthetic"
DEMO_TITLE = "DỮ LIỆU MINH HỌA / ILLUSTRATIVE DATA"
MARGIN = 0.001  # smallest gap kept around a unit whose rank is published
DECIMALS = 4  # synthetic values keep 4 decimals so interpolation never collapses into ties
PUBLISHED_FILES = ("published_scores.csv", "scores_plan152.csv")
IMPORTS_DIR = "imports"
DEMO_VERSION = "4"  # bump when the generator changes, so cached demo folders are rewritten
ATTEMPTS = 12  # orderings tried per edition before giving up (most seeds need one or two)


class DemoInconsistent(RuntimeError):
    """The generator could not honour a published figure (never silently)."""


# -- tree helpers ---------------------------------------------------------------

class _Tree:
    def __init__(self, fw: pd.DataFrame, complete: bool):
        fw = fw.sort_values("sort_order", key=lambda s: s.astype(int))
        self.codes = list(fw["code"])
        self.level = dict(zip(fw["code"], fw["level"]))
        self.parent = {c: (p or None) for c, p in zip(fw["code"], fw["parent_code"].fillna(""))}
        self.children: dict[str, list[str]] = defaultdict(list)
        for c, p in self.parent.items():
            if p:
                self.children[p].append(c)
        self.complete = complete
        order = LEVELS
        self.top_down = sorted(self.codes, key=lambda c: order.index(self.level[c]))

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


# -- the whole dataset ---------------------------------------------------------------

def _published(src: Path, ref: dict[str, pd.DataFrame]) -> pd.DataFrame:
    from pii.pipeline.build import read_csv
    from pii.pipeline.validate import matchers_by_edition

    frames = []
    for name in PUBLISHED_FILES:
        df = read_csv(src / name)
        if "source_url" in df.columns:
            df = df.rename(columns={"source_url": "source"})
        frames.append(df)
    long = pd.concat(frames, ignore_index=True)
    matchers = matchers_by_edition(ref["provinces"], ref["province_aliases"], ref["framework_editions"])
    long["edition"] = long["edition"].astype(int)
    long["province_id"] = [matchers[e].match(p) for e, p in zip(long["edition"], long["province"])]
    long["value"] = long["value"].astype(float)
    return long


def synthetic_rows(seed: int = 2023, scale: int = 1, src: Path | None = None,
                   notes: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(synthetic long score rows, extra framework rows, extra edition rows)."""
    from pii.pipeline.build import load_reference

    src = src or paths.sources_dir(paths.SHIPPED_DATA_DIR)
    ref = load_reference(src)
    pub = _published(src, ref)
    eds = ref["framework_editions"].copy()
    fw_all = ref["framework"].copy()
    extra_fw, extra_eds = [], []
    base_fw = fw_all[fw_all["edition"] == "2024"]
    last = max(int(e) for e in eds["edition"])
    for k in range(1, max(1, int(scale))):
        ed = last + k
        extra_fw.append(base_fw.assign(edition=str(ed)))
        row = eds[eds["edition"] == "2024"].iloc[0].copy()
        row["edition"] = str(ed)
        row["published_on"] = f"{ed}-12-31"
        row["framework_vi"] = f"Kỳ tổng hợp {ed} (dữ liệu minh họa, dùng khung 2024)"
        row["framework_en"] = f"Synthetic edition {ed} (illustrative data, 2024 framework)"
        row["note"] = "synthetic benchmark edition written by pii.pipeline.demo; not a published edition"
        extra_eds.append(row)
    fw_extra = pd.concat(extra_fw, ignore_index=True) if extra_fw else fw_all.iloc[0:0]
    eds_extra = pd.DataFrame(extra_eds) if extra_eds else eds.iloc[0:0]
    all_eds = pd.concat([eds, eds_extra], ignore_index=True)
    all_fw = pd.concat([fw_all, fw_extra], ignore_index=True)
    prov = ref["provinces"]
    regions = dict(zip(prov["province_id"], prov["region_id"]))
    ra = pd.read_csv(src / "published_region_averages.csv", dtype=str, keep_default_na=False)
    rr = pd.read_csv(src / "published_region_ranks.csv", dtype=str, keep_default_na=False)
    from pii.pipeline.validate import matchers_by_edition

    matchers = matchers_by_edition(prov, ref["province_aliases"], all_eds)
    region_ids = dict(zip(ref["regions"]["name_vi"], ref["regions"]["region_id"]))
    rows = []
    for ed in all_eds.itertuples():
        edition, unit_set = int(ed.edition), str(ed.unit_set)
        units = sorted(prov.loc[prov["unit_sets"].str.split("|").apply(lambda s, u=unit_set: u in s), "province_id"])
        fw = all_fw[all_fw["edition"] == str(edition)]
        p_ed = pub[pub["edition"] == edition]
        published: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
        for r in p_ed.itertuples():
            published[(r.province_id, r.code)][r.measure] = r.value
        avgs = {region_ids[r.region]: float(r.avg_score) for r in ra[ra["edition"] == str(edition)].itertuples()}
        m = matchers.get(edition)
        ranks_in_region = [(m.match(r.province), region_ids[r.region], int(r.region_rank))
                           for r in rr[rr["edition"] == str(edition)].itertuples() if m and m.match(r.province)]
        result, failures = None, []
        for attempt in range(ATTEMPTS):  # deterministic: the same seed always takes the same attempts
            ed_notes: list[str] = []
            try:
                result = generate_edition(fw, units, dict(published), seed * 1000 + edition + 7919 * attempt,
                                          str(ed.structure_complete).lower() == "true", regions, avgs, ed_notes,
                                          ranks_in_region)
            except DemoInconsistent as err:
                failures.append(str(err))
                continue
            if notes is not None:
                notes += ed_notes
            break
        if result is None:
            raise DemoInconsistent(f"edition {edition}: no attempt honoured every published figure: {failures}")
        n = int(ed.units_ranked)
        for (p, code), (score, rank) in result.items():
            have = published.get((p, code), {})
            for measure, value in (("score", score), ("rank", rank)):
                if measure in have:
                    continue
                rows.append((edition, p, code, measure, f"{value:.{DECIMALS}f}" if measure == "score" else str(value),
                             str(n), DEMO_SOURCE_ID, "synthetic", ""))
    cols = ["edition", "province", "code", "measure", "value", "units_ranked", "source", "status", "note"]
    strip = ["_file", "_row"]
    return (pd.DataFrame(rows, columns=cols), fw_extra.drop(columns=strip, errors="ignore"),
            eds_extra.drop(columns=strip, errors="ignore"))


def demo_source_row() -> dict[str, str]:
    return {"source_id": DEMO_SOURCE_ID, "title": DEMO_TITLE, "publisher": "pii.pipeline.demo (synthetic)", "url": "",
            "published_on": "", "note": "Synthetic values generated for demo mode, tests and benchmarks; "
                                        "not published figures. Published figures keep their own sources."}


def write_sources(out_src: Path, seed: int = 2023, scale: int = 1, notes: list[str] | None = None) -> Path:
    """Copy the shipped sources and add the synthetic rows as import files."""
    src = paths.sources_dir(paths.SHIPPED_DATA_DIR)
    if out_src.exists():
        shutil.rmtree(out_src)
    shutil.copytree(src, out_src, ignore=shutil.ignore_patterns(IMPORTS_DIR))
    rows, fw_extra, eds_extra = synthetic_rows(seed, scale, src, notes)
    imp = out_src / IMPORTS_DIR
    imp.mkdir(parents=True, exist_ok=True)
    rows.to_csv(imp / "scores__demo_synthetic.csv", index=False)
    pd.DataFrame([demo_source_row()]).to_csv(imp / "sources__demo_synthetic.csv", index=False)
    if len(fw_extra):
        fw_extra.to_csv(imp / "framework__demo_synthetic.csv", index=False)
        eds_extra.to_csv(imp / "framework_editions__demo_synthetic.csv", index=False)
    return out_src


def generate_tables(seed: int = 2023, scale: int = 1) -> dict[str, pd.DataFrame]:
    """The tables of :func:`pii.pipeline.build.build_tables`, with synthetic scores."""
    from pii.pipeline.build import build_tables

    with tempfile.TemporaryDirectory(prefix="pii-demo-") as tmp:
        src = write_sources(Path(tmp) / "sources", seed, scale)
        return build_tables(src)


def write_demo(base_dir: Path, seed: int = 2023, scale: int = 1) -> Path:
    """Write ``base_dir/sources`` and ``base_dir/parquet``; returns the parquet dir.

    ``PII_DATA_DIR=base_dir`` (or ``PiiDB(base_dir / "parquet")``) then reads it.
    """
    from pii.pipeline.build import build_tables, write_tables

    base_dir = Path(base_dir)
    base_dir.mkdir(parents=True, exist_ok=True)
    src = write_sources(base_dir / "sources", seed, scale)
    tables = build_tables(src)
    out = write_tables(tables, base_dir / "parquet", keep_previous=False)
    (base_dir / "DEMO_VERSION").write_text(_marker(seed, scale) + "\n", encoding="utf-8")
    return out


def installed_demo(base_dir: Path, seed: int = 2023) -> Path | None:
    """The demo folder if a complete one of this generator version is there, else None. Reads only: the app
    never writes the demo dataset on a visitor's request (issue 22); it is written when the server starts
    (scripts/serve.py) or by ``python -m pii demo --install``."""
    base_dir = Path(base_dir)
    try:
        ok = (base_dir / "parquet" / "scores.parquet").exists() and \
            (base_dir / "DEMO_VERSION").read_text(encoding="utf-8").strip() == _marker(seed, 1)
    except OSError:
        return None
    return base_dir if ok else None


def ensure_demo(base_dir: Path, seed: int = 2023) -> Path:
    """The demo folder, (re)written when missing or made by another generator version. Several server
    processes start at once (scripts/serve_cluster.py): one writes, the others wait for it (a file lock);
    the marker is written last, so a reader never takes a half-written folder."""
    import fcntl

    base_dir = Path(base_dir)
    base_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(base_dir.parent / f".{base_dir.name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            if installed_demo(base_dir, seed) is None:
                (base_dir / "DEMO_VERSION").unlink(missing_ok=True)
                write_demo(base_dir, seed=seed)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    return base_dir


def _marker(seed: int, scale: int) -> str:
    return f"{DEMO_VERSION} seed={seed} scale={scale}"


def main(argv: list[str] | None = None) -> int:
    from pii import settings

    ap = argparse.ArgumentParser(prog="python -m pii demo", description=__doc__.splitlines()[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, help="folder to write (gets sources/ and parquet/)")
    where.add_argument("--install", action="store_true",
                       help="write the app's demo dataset (PII_DEMO_DIR) if it is missing or outdated")
    ap.add_argument("--seed", type=int, default=2023)
    ap.add_argument("--scale", type=int, default=1, help="K>1 adds K-1 synthetic editions (2024 framework)")
    args = ap.parse_args(argv)
    if args.install:
        out_dir = ensure_demo(settings.demo_dir())
        print(f"demo data installed in {out_dir}")
        return 0
    if args.out.resolve() == paths.SHIPPED_DATA_DIR.resolve():
        print("refusing to overwrite the shipped data folder with synthetic data", file=sys.stderr)
        return 2
    out = write_demo(args.out, args.seed, args.scale)
    n = len(pd.read_parquet(out / "scores.parquet"))
    print(f"demo data written to {out} ({n} score rows; source '{DEMO_SOURCE_ID}'); "
          f"run the app with PII_DATA_DIR={args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

