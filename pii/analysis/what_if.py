"""What-if simulator logic: presets, leverage, target finder, scenario URL.

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

from pii.analysis.model import IncompleteFramework, Tree, aggregate, computed_rank, weights, what_if
from pii.analysis.rules import TargetRegion, target_region, weakest
from pii.analysis.units import unit_in
from pii.fmt import is_missing
from pii.provenance import ids_of
from pii.viewstate import ViewState
from queries import PiiDB

MAX_SET_CHARS = 4000  # longer `set=` values are rejected outright (a link, not a payload)
PRESET_WEAKEST_N = 10
PRESET_WEAKEST_POINTS = 10.0
DEFAULT_MAX_STEP = 20.0  # largest rise per indicator the target finder proposes


def _val(v: object) -> float | None:
    return None if is_missing(v) else float(v)  # type: ignore[arg-type]


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
        scores = {c: _val(ind["score"].get(c)) if c in ind.index else None for c in tree.indicators}
        ranks = {c: _val(ind["rank"].get(c)) if c in ind.index else None for c in tree.indicators}
        rank_of = {c: _val(ind["rank_of"].get(c)) if c in ind.index else None for c in tree.indicators}
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
    rows.append({"code": "rank", "name": names.get("rank", "rank"), "published": _val(published_rank),
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
    others = {p: _val(s) for p, s in zip(published["province_id"], published["score"]) if p != focus}
    return computed_rank(round(score, 2), others)


# -- presets --------------------------------------------------------------------------
def preset_weakest(base: Baseline, n: int = PRESET_WEAKEST_N,
                   points: float = PRESET_WEAKEST_POINTS) -> dict[str, float]:
    """Raise the n weakest indicators (``rules.weakest``: worst published rank
    first) by ``points``, capped at 100."""
    top = weakest(_indicator_frame(base), n)
    return {c: min(100.0, round(float(s) + points, 2)) for c, s in zip(top["code"], top["score"])}


def _indicator_frame(base: Baseline) -> pd.DataFrame:
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
            "code": code, "pillar": _pillar_of(base.tree, code), "score": s, "rank": base.ranks[code],
            "rank_of": base.rank_of[code], "weight": str(base.weight[code]), "gain_per_point": w,
            "room": room, "max_gain": None if room is None else w * room,
            "peer_leader_id": leader_id, "peer_leader": leader, "peers_known": n_known,
            "peer_gap": peer_gap, "peer_gain": None if peer_gap is None else w * peer_gap,
        })
    df = pd.DataFrame(rows)
    return df


def _pillar_of(tree: Tree, code: str) -> str:
    node = code
    while tree.level[node] != "pillar":
        node = tree.parent[node]  # type: ignore[assignment]
    return node


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
    ranked = published.dropna(subset=["rank", "score"]).sort_values(["rank", "score"], ascending=[True, False])
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
    ref_rank = _val(ref["rank"])
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
    by_rank = weakest(_indicator_frame(base))["code"].tolist()
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


# -- the page's data and tables (pages/what_if.py renders them) ------------------------------
@dataclass
class Situation:
    """What the what-if page starts from: the published figures of one edition."""

    tree: Tree
    mine: pd.DataFrame  # the focus unit's published scores (every level)
    base: Baseline
    units: pd.DataFrame  # province_id, score, rank: the published PII of every unit of the edition
    region: TargetRegion  # plan 152's second target (rules.target_region)
    m_prefix: int  # ranks 1..m_prefix are all published (known_prefix)
    pub_rank: float | None  # published national PII rank of the focus
    sources: list[str]


def latest_with_data(db: PiiDB, province_id: str, editions: Iterable[int]) -> int | None:
    """Latest edition with indicator scores for the province and a complete framework."""
    for ed in sorted(editions, reverse=True):
        s = db.scores(ed, provinces=[unit_in(db, province_id, ed)], levels=["indicator"])
        if s["score"].notna().any():
            try:
                Tree.from_framework(db.framework(ed))
            except IncompleteFramework:
                continue
            return ed
    return None


def situation(db: PiiDB, edition: int, province_id: str, tree: Tree) -> Situation:
    mine = db.scores(edition, provinces=[province_id])
    units = db.units(edition)[["province_id"]].merge(
        db.scores(edition, codes=["PII"])[["province_id", "score", "rank"]], on="province_id", how="left")
    pii = mine.set_index("code")["rank"]
    return Situation(tree, mine, Baseline.from_frames(tree, mine), units, target_region(db, edition, province_id),
                     known_prefix(units)[0], _val(pii.get("PII")) if "PII" in pii.index else None, ids_of(mine))


def national_rank_text(s: ViewState, rank: int, compared: int, m_prefix: int) -> str:
    """A computed national rank: "k/N" where every better rank is published, else "k among n with data"."""
    return s.rank(rank, s.units_ranked) if rank <= m_prefix else s.t("wi_rank_among", rank=rank, n=compared + 1)


def scenario_frames(s: ViewState, base: Baseline, result: Result, pub_rank: object,
                    computed: int | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The changed indicators as shown (formatted) and as a file (numbers stay numbers)."""
    table = scenario_table(base, result)
    names = indicator_names(s, base.tree)
    shown = pd.DataFrame({
        s.t("code"): table["code"],
        s.t("name"): [names[c] for c in table["code"]],
        s.t("wi_col_published"): [s.num(v) for v in table["published"]],
        s.t("wi_col_scenario"): [s.num(v) for v in table["scenario"]],
        s.t("wi_col_points"): [s.num(v, signed=True) for v in table["points"]],
        s.t("wi_col_weight"): table["weight"],
        s.t("wi_col_gain"): [s.num(v, decimals=4, signed=True) for v in table["pii_gain"]],
    })
    export = scenario_export(base, result, {**names, "rank": s.t("wi_m_rank")}, pub_rank, computed)
    export.columns = list(shown.columns)
    return shown, export


def indicator_names(s: ViewState, tree: Tree) -> dict[str, str]:
    fw = s.db.framework(s.edition)
    return {c: n for c, n in zip(fw["code"], fw[s.name_col]) if c in tree.level}


def leverage_frames(s: ViewState, base: Baseline, medians: pd.DataFrame, by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Leverage rows (for the chart) and the formatted table."""
    lev = rank_leverage(leverage(base, medians), by)
    lev["achievable_basis"] = [s.t("wi_basis_leader", n=n) if n else s.t("wi_basis_100") for n in lev["peers_known"]]
    lev["ten_points"] = [w * min(10.0, r) if not is_missing(r) else None
                         for w, r in zip(lev["gain_per_point"], lev["room"])]
    names = indicator_names(s, base.tree)
    table = pd.DataFrame({
        s.t("code"): lev["code"],
        s.t("name"): [names[c] for c in lev["code"]],
        s.t("score"): [s.num(v) for v in lev["score"]],
        s.t("rank"): [s.rank(r, o) for r, o in zip(lev["rank"], lev["rank_of"])],
        s.t("wi_col_weight"): lev["weight"],
        s.t("wi_col_per_point"): [s.num(v, decimals=4) for v in lev["gain_per_point"]],
        s.t("wi_col_room"): [s.num(v) for v in lev["room"]],
        s.t("wi_col_leader", group=s.group_name()): [s.num(v) if not is_missing(v) else s.t("missing")
                                                    for v in lev["peer_leader"]],
        s.t("wi_col_achievable"): [s.num(v, decimals=3) for v in lev["achievable"]],
        s.t("wi_col_basis"): lev["achievable_basis"],
    })
    return lev, table


def threshold_lines(s: ViewState, th: Threshold, current: float | None, m_prefix: int) -> list[str]:
    """What a target takes, in words: the PII needed, against whom, met or the gain still needed."""
    if th.needed is None:
        return [s.t("wi_target_unknown")]
    if th.bound and th.ref_id is None:
        lines = [s.t("wi_target_needed_bound", needed=s.num(th.needed), m=m_prefix, score=s.num(th.ref_score))]
    else:
        lines = [s.t("wi_target_needed", needed=s.num(th.needed), ref=s.name(str(th.ref_id)),
                     score=s.num(th.ref_score))]
    if th.met:
        lines.append(s.t("wi_target_met", margin=s.num(th.margin), slack=s.num((current or 0.0) - th.needed)))
    elif th.gain is not None:
        lines.append(s.t("wi_target_gain", gain=s.num(th.gain)))
    return lines


def combination_goal(focus: str, current: float | None, units: pd.DataFrame, nat: Threshold, reg: Threshold,
                     k: int) -> tuple[float | None, int, bool]:
    """(gain, k, unmet): what closes every unmet target (national top k, first in
    the region); with both met, what the next place up nationally would take."""
    needs = [th.gain for th in (nat, reg) if th.met is False and th.gain]
    if needs:
        return max(needs), k, True  # type: ignore[type-var]
    now = rank_against(current, focus, units)
    if nat.met and now is not None and now.rank > 1:
        goal_k = min(k, now.rank) - 1
        return national_threshold(focus, current, units, goal_k).gain, goal_k, False
    return None, k, False


def combo_frame(s: ViewState, combo: Combination) -> pd.DataFrame:
    return pd.DataFrame({
        s.t("code"): combo.steps["code"],
        s.t("score"): [f"{s.num(a)} → {s.num(b)}" for a, b in zip(combo.steps["from"], combo.steps["to"])],
        s.t("wi_col_gain"): [s.num(v, decimals=3, signed=True) for v in combo.steps["pii_gain"]],
    })


def editor_tabs(s: ViewState, tree: Tree) -> list[tuple[str, list[str]]]:
    """(tab label, indicator codes) per pillar, in framework order."""
    fw = s.db.framework(s.edition).set_index("code")
    pillars = sorted((c for c in tree.order if tree.level[c] == "pillar"), key=lambda c: fw.at[c, "sort_order"])
    out = []
    for p in pillars:
        codes = sorted((c for c in tree.indicators if _pillar_of(tree, c) == p), key=lambda c: fw.at[c, "sort_order"])
        out.append((f"{p}. {fw.at[p, s.name_col]}" if len(pillars) <= 7 else p, codes))
    return out


def group_medians(s: ViewState, tree: Tree) -> pd.DataFrame:
    """Peer medians and leaders per indicator over the sidebar group (``peer_medians``)."""
    scores = s.db.scores(s.edition, provinces=s.peer_ids(), levels=["indicator"])
    return peer_medians(scores, s.province_id, tree.indicators)
