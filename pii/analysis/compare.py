"""Peer comparison: shape published scores of a peer group for the bar, radar,
input-versus-output scatter and table. Streamlit-free.

Missing figures stay missing: a peer without a published figure is kept in the
result as NaN and listed by name, so a chart can say who is not shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pii import fmt
from pii.analysis import rules
from pii.analysis.units import units_ranked
from pii.fmt import is_missing, value_or_none
from pii.framework import LEVELS  # noqa: F401 — the one tuple of levels, re-exported for callers
from pii.i18n import name_col
from queries import PiiDB

PILLARS_INPUT = ("I", "II", "III", "IV", "V")
PILLARS_OUTPUT = ("VI", "VII")
RADAR_DEFAULT_PEERS = 4  # polygons drawn besides the focus before the user picks
RADAR_MAX_PEERS = 6


def unit_names(db: PiiDB, edition: int, lang: str) -> dict[str, str]:
    """Display names of an edition's units; a merged unit is named with its
    members, e.g. "Thái Nguyên (Thái Nguyên + Bắc Kạn)", so that nobody reads
    a 2025 unit as the pre-merger province."""
    units = db.units(edition)
    col = name_col(lang)
    names = dict(zip(units["province_id"], units[col]))
    merged = units[units["valid_from"].fillna("").astype(str) != ""]["province_id"]
    for pid in merged:
        members = db.members(pid)
        if len(members) > 1:
            names[pid] = f"{names[pid]} ({' + '.join(members[col])})"
    return names


def level_codes(framework: pd.DataFrame, level: str) -> list[str]:
    fw = framework[framework["level"] == level].sort_values("sort_order")
    return fw["code"].tolist()


def code_info(framework: pd.DataFrame, code: str, lang: str) -> dict[str, str]:
    """Name and description of a code, for titles and tooltips."""
    hit = framework[framework["code"] == code]
    if hit.empty:
        return {"code": code, "name": code, "description": ""}
    row = hit.iloc[0]
    desc_col = "description_vi" if lang == "vi" else "description_en"
    desc = row.get(desc_col)
    return {"code": code, "name": str(row[name_col(lang)]), "description": "" if is_missing(desc) else str(desc)}


def descriptions(framework: pd.DataFrame, lang: str) -> dict[str, str]:
    col = "description_vi" if lang == "vi" else "description_en"
    return {c: ("" if is_missing(d) else str(d)) for c, d in zip(framework["code"], framework[col])}


def io_explanation(framework: pd.DataFrame, lang: str) -> str:
    """How the input and output sub-indices are made, for tooltips."""
    d = descriptions(framework, lang)
    info = {c: code_info(framework, c, lang)["name"] for c in ("INPUT", "OUTPUT")}
    return " · ".join(f"{info[c]}: {d.get(c, '')}" for c in ("INPUT", "OUTPUT") if d.get(c))


def peer_scores(db: PiiDB, edition: int, peer_ids: list[str], codes: list[str], lang: str) -> pd.DataFrame:
    """One row per (peer, code); peers without a published row are kept with NaN."""
    names = unit_names(db, edition, lang)
    got = db.scores(edition, provinces=list(peer_ids), codes=list(codes))
    grid = pd.MultiIndex.from_product([list(dict.fromkeys(peer_ids)), list(codes)],
                                      names=["province_id", "code"]).to_frame(index=False)
    keep = ["province_id", "code", "score", "rank", "rank_of", "score_source_id", "rank_source_id"]
    out = grid.merge(got[keep], on=["province_id", "code"], how="left")
    out["name"] = out["province_id"].map(lambda p: names.get(p, p))
    out["score"] = pd.to_numeric(out["score"], errors="coerce").astype("float64")
    out["rank"] = pd.to_numeric(out["rank"], errors="coerce").astype("float64")
    out["rank_of"] = out["rank_of"].fillna(units_ranked(db, edition)).astype("float64")
    return out


@dataclass
class Reference:
    label_key: str  # catalogue key of the line's label
    region_id: str | None
    name: str
    value: float
    computed: bool
    n: int | None = None  # units counted (computed statistics only)
    focus_region: bool = False


@dataclass
class RankedBar:
    code: str
    rows: pd.DataFrame  # units with a published score, best first
    missing: list[str]  # names of units with no published score
    references: list[Reference] = field(default_factory=list)


def ranked_bar_data(scores: pd.DataFrame, code: str, focus_id: str, region_avgs: pd.DataFrame,
                    region_of: dict[str, str], lang: str) -> RankedBar:
    """Rows for one code; published region averages (PII only: that is what
    the sources publish) for the regions of the units shown, and the group
    mean the app computes over units that have a score."""
    one = scores[scores["code"] == code].copy()
    one["focus"] = one["province_id"] == focus_id
    shown = one[one["score"].notna()].sort_values(["score", "name"], ascending=[False, True])
    missing = one[one["score"].isna()]["name"].tolist()
    refs: list[Reference] = []
    regions = list(dict.fromkeys(region_of.get(p) for p in one["province_id"]))
    # a region's published average is drawn only against that region: on the top 10 (units of several regions)
    # one region's average is a line nobody can read (issue 20)
    if code == "PII" and len(region_avgs) and len(regions) == 1:
        col = name_col(lang)
        for r in region_avgs.itertuples():
            if r.region_id in regions and not is_missing(r.avg_score):
                refs.append(Reference("cmp_ref_region", r.region_id, getattr(r, col), float(r.avg_score), False,
                                      focus_region=r.region_id == region_of.get(focus_id)))
    if len(shown) >= 2:
        refs.append(Reference("cmp_ref_group_mean", None, "", float(shown["score"].mean()), True, n=len(shown)))
    return RankedBar(code, shown.reset_index(drop=True), missing, refs)


@dataclass
class Radar:
    pillars: list[str]
    rows: pd.DataFrame  # province_id, name, focus, code, score, rank, rank_of (units with any pillar)
    left_out: list[str]  # names with no pillar figure at all
    partial: dict[str, list[str]]  # name -> pillar codes with no figure


def radar_data(scores: pd.DataFrame, pillars: list[str], focus_id: str, order: list[str] | None = None) -> Radar:
    """Units with at least one pillar figure; ``order`` sets the trace order
    (the focus always comes first, in the accent colour)."""
    pil = scores[scores["code"].isin(pillars)].copy()
    pil["focus"] = pil["province_id"] == focus_id
    has = pil.groupby("province_id")["score"].apply(lambda s: s.notna().any())
    keep_ids = [p for p in dict.fromkeys(pil["province_id"]) if has.get(p, False)]
    pos = {p: i for i, p in enumerate(order or [])}
    keep_ids.sort(key=lambda p: (p != focus_id, pos.get(p, len(pos))))
    rows = pil[pil["province_id"].isin(keep_ids)]
    names = dict(zip(pil["province_id"], pil["name"]))
    left_out = [names[p] for p in dict.fromkeys(pil["province_id"]) if p not in keep_ids]
    partial = {}
    for pid in keep_ids:
        gaps = rows[(rows["province_id"] == pid) & rows["score"].isna()]["code"].tolist()
        if gaps:
            partial[names[pid]] = gaps
    order = {p: i for i, p in enumerate(keep_ids)}
    rows = rows.assign(_o=rows["province_id"].map(order)).sort_values(["_o"]).drop(columns="_o")
    return Radar(list(pillars), rows.reset_index(drop=True), left_out, partial)


def radar_default_peers(candidates: list[str], pii: pd.DataFrame, n: int = RADAR_DEFAULT_PEERS) -> list[str]:
    """The ``n`` candidates with the best published PII rank (then score),
    so the default radar shows the strongest peers; others follow by order."""
    got = pii.set_index("province_id")

    def key(p: str) -> tuple[float, float]:
        rank = got["rank"].get(p) if p in got.index else None
        score = got["score"].get(p) if p in got.index else None
        return (float(rank) if not is_missing(rank) else 1e9, -float(score) if not is_missing(score) else 0.0)
    return sorted(candidates, key=key)[:n]


@dataclass
class Scatter:
    rows: pd.DataFrame  # province_id, name, focus, input, output, computed
    left_out: list[str]


def _mean_if_complete(values: pd.Series) -> float | None:
    return None if values.isna().any() or values.empty else float(values.mean())


def io_scatter_data(scores: pd.DataFrame, focus_id: str) -> Scatter:
    """Input and output sub-index per unit. Published sub-indices first; where
    a unit has no published sub-index but every published pillar of that side,
    the mean of those pillars (the PII's own formula) is used and flagged as
    computed. Units with neither are listed as left out."""
    rows, left = [], []
    for pid, grp in scores.groupby("province_id", sort=False):
        s = grp.set_index("code")["score"]
        name = grp["name"].iat[0]
        vals, computed = {}, False
        for side, pillars in (("INPUT", PILLARS_INPUT), ("OUTPUT", PILLARS_OUTPUT)):
            v = s.get(side)
            if is_missing(v):
                v = _mean_if_complete(s.reindex(list(pillars))) if set(pillars) <= set(s.index) else None
                computed = computed or v is not None
            vals[side] = value_or_none(v)
        if vals["INPUT"] is None or vals["OUTPUT"] is None:
            left.append(name)
            continue
        rows.append({"province_id": pid, "name": name, "focus": pid == focus_id, "input": vals["INPUT"],
                     "output": vals["OUTPUT"], "computed": computed})
    cols = ["province_id", "name", "focus", "input", "output", "computed"]
    return Scatter(pd.DataFrame(rows, columns=cols), left)


def table(scores: pd.DataFrame, code: str, lang: str, missing_text: str,
          headers: dict[str, str], source_names: dict[str, str] | None = None) -> pd.DataFrame:
    """The on-screen table for one code, strongest first (equal places by name): formatted, missing spelled
    out; the source column shows ``source_names`` ("publisher, title") instead of ids."""
    names = source_names or {}
    one = rules.strongest(scores[scores["code"] == code].sort_values("name", kind="stable"))
    return pd.DataFrame({
        headers["province"]: one["name"].tolist(),
        headers["score"]: [fmt.number(v, lang) for v in one["score"]],
        headers["rank"]: fmt.rank_column(one, lang),
        headers["source"]: [names.get(s, s) if isinstance(s, str) and s else missing_text
                            for s in one["score_source_id"].where(one["score"].notna(), one["rank_source_id"])],
    })


def download_frame(scores: pd.DataFrame, framework: pd.DataFrame, edition: int, lang: str,
                   missing_text: str) -> pd.DataFrame:
    """Long table of the whole level for download: raw numbers, empty where
    nothing is published, and a status column that says so in words."""
    names = framework.set_index("code")[name_col(lang)]
    out = scores.copy()
    out.insert(0, "edition", int(edition))
    out["code_name"] = out["code"].map(names)
    out["status"] = ["" if not is_missing(s) else missing_text for s in out["score"]]
    return out[["edition", "province_id", "name", "code", "code_name", "score", "rank", "rank_of",
                "score_source_id", "rank_source_id", "status"]]
