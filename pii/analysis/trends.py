"""Trends across editions, across the July 2025 merger. Streamlit-free.

A series ("lineage") follows one pre-merger province: its own id for the
63-unit editions and, for the 34-unit editions, the merged unit it became.
Where the unit changed (a merger), the series is split into two segments so
that no line joins a 63-unit figure to a 34-unit figure of a different
territory; only provinces the merger left unchanged stay connected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pii.analysis.compare import unit_names
from pii.analysis.units import units_ranked_by_edition
from pii.i18n import name_col
from queries import PiiDB


@dataclass
class Lineage:
    old_id: str  # the 63-unit province the series follows
    name: str
    focus: bool
    merged_into: str | None  # post-merger unit id when it differs from old_id
    members: list[str] = field(default_factory=list)  # names of the units that formed merged_into
    carries_successor: bool = True  # False: another member's series carries the merged unit


@dataclass
class TrendData:
    code: str
    editions: list[int]
    unit_sets: dict[int, str]  # edition -> "63" / "34"
    rows: pd.DataFrame  # lineage, name, edition, unit_id, unit_name, score, rank, rank_of, segment, focus
    lineages: list[Lineage]
    break_after: int | None  # last edition before the merger (where the break line goes)
    no_score: list[str]  # lineage names with no published score in any edition
    no_rank: list[str]  # ... no published rank


def _old_id(db: PiiDB, unit_id: str, old_units: set[str], prefer: set[str]) -> str:
    if unit_id in old_units:
        return unit_id
    members = db.members(unit_id)["member_id"].tolist()
    preferred = [m for m in members if m in prefer]
    return (preferred or members or [unit_id])[0]


def trend_data(db: PiiDB, province_id: str, peer_ids: list[str], code: str, lang: str,
               prefer: set[str] | None = None, only: list[int] | None = None) -> TrendData:
    """``province_id`` and ``peer_ids`` may be units of any edition; a merged
    unit is followed back through its member in ``prefer`` (e.g. the region's
    pre-merger provinces: Bắc Ninh 2025 -> Bắc Giang for the northern
    midlands group), else through its first-named member. ``only``: the
    editions to draw (pii.analysis.history caps long archives); the lineages
    still follow every edition."""
    prefer = prefer or set()
    eds = db.editions()
    editions = [int(e) for e in eds["edition"]]
    unit_sets = {int(e): str(s) for e, s in zip(eds["edition"], eds["unit_set"])}
    old_eds = [e for e in editions if unit_sets[e] == "63"]
    new_eds = [e for e in editions if unit_sets[e] != "63"]
    old_units = set(db.units(old_eds[0])["province_id"]) if old_eds else set()
    succ = db.successors()
    successor = {p: (u or p) for p, u in zip(succ["province_id"], succ["unit_2025"])}

    ids = list(dict.fromkeys(_old_id(db, p, old_units, prefer) for p in [province_id, *peer_ids]))
    focus_old = _old_id(db, province_id, old_units, prefer | {province_id})
    col = name_col(lang)
    allp = db.all_provinces().set_index("province_id")
    new_names = unit_names(db, new_eds[0], lang) if new_eds else {}

    lineages: list[Lineage] = []
    for pid in ids:
        new = successor.get(pid, pid)
        merged = new != pid
        members = db.members(new)[col].tolist() if merged else []
        first = db.members(new)["member_id"].iat[0] if merged and len(members) else pid
        lineages.append(Lineage(pid, str(allp.loc[pid, col]) if pid in allp.index else pid, pid == focus_old,
                                new if merged else None, members, carries_successor=(first == pid)))
    # A merged unit is drawn once: by its first-named member if that one is
    # shown, else by the first shown member.
    shown_new: set[str] = set()
    for lin in sorted(lineages, key=lambda x: not x.carries_successor):
        target = lin.merged_into or lin.old_id
        lin.carries_successor = target not in shown_new
        shown_new.add(target)

    new_ids = [lin.merged_into or lin.old_id for lin in lineages if lin.carries_successor]
    hist = db.score_history([lin.old_id for lin in lineages] + new_ids, [code])
    hist = hist.set_index(["edition", "province_id"])

    shown = [e for e in editions if only is None or e in set(only)]
    rows = []
    for lin in lineages:
        for ed in shown:
            post = unit_sets[ed] != "63"
            if post and not lin.carries_successor:
                continue
            unit = (lin.merged_into or lin.old_id) if post else lin.old_id
            got = hist.loc[(ed, unit)] if (ed, unit) in hist.index else None
            uname = new_names.get(unit, lin.name) if post else lin.name
            rows.append({
                "lineage": lin.old_id, "name": lin.name, "edition": ed, "unit_id": unit, "unit_name": uname,
                "score": None if got is None else got["score"], "rank": None if got is None else got["rank"],
                "rank_of": None if got is None else got["rank_of"],
                # segment 1 = after a merger that changed this unit's territory
                "segment": 1 if (post and lin.merged_into) else 0, "focus": lin.focus,
            })
    cols = ["lineage", "name", "edition", "unit_id", "unit_name", "score", "rank", "rank_of", "segment", "focus"]
    df = pd.DataFrame(rows, columns=cols)
    for c in ("score", "rank", "rank_of"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    df["rank_of"] = df["rank_of"].fillna(df["edition"].map(units_ranked_by_edition(db))).astype("float64")
    names = {lin.old_id: lin.name for lin in lineages}
    no_score = [names[k] for k, g in df.groupby("lineage", sort=False) if g["score"].isna().all()]
    no_rank = [names[k] for k, g in df.groupby("lineage", sort=False) if g["rank"].isna().all()]
    old_shown = [e for e in old_eds if e in shown]
    break_after = max(old_shown) if old_shown and any(e in shown for e in new_eds) else None
    return TrendData(code, shown, unit_sets, df, lineages, break_after, no_score, no_rank)


def merger_notes(data: TrendData) -> list[tuple[str, list[str], str]]:
    """(new unit id, member names, name of the series carrying its 2025
    point) for each merged unit that a shown series runs into."""
    notes = []
    for lin in data.lineages:
        if lin.merged_into and lin.carries_successor:
            notes.append((lin.merged_into, lin.members, lin.name))
    return notes
