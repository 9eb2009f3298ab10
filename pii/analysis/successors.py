"""Lead units across the 2025 reorganisation of provincial departments.

Plan 152/KH-UBND (2024) names departments that no longer exist after the 2025
reorganisation (Nghị định 45/2025/NĐ-CP; district level ended 1/7/2025). The
table ``unit_successors`` (pii_data/sources/unit_successors.csv, with legal
sources) maps each to the unit that does the work from 2025. The plan's text
stays as printed; the page shows "Sở X (2024) → Sở Y (từ 2025)", and groups
work and unit sheets by today's unit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii.i18n import t


@dataclass(frozen=True)
class Successor:
    old_id: str
    new_id: str
    old: dict[str, str]  # lang -> name
    new: dict[str, str]
    part: bool  # only part of the old unit's functions went to the new one
    year: int
    source_id: str


def successor_map(succ: pd.DataFrame) -> dict[str, Successor]:
    """``db.unit_successors()`` as unit_2024 -> Successor."""
    out: dict[str, Successor] = {}
    for r in succ.itertuples(index=False):
        year = pd.Timestamp(r.valid_from).year if not pd.isna(r.valid_from) else 2025
        out[str(r.unit_2024)] = Successor(str(r.unit_2024), str(r.unit_2025), {"vi": r.old_vi, "en": r.old_en},
                                          {"vi": r.new_vi, "en": r.new_en}, r.share == "part", int(year),
                                          str(r.source_id))
    return out


def redirect(unit_id: object, succ: dict[str, Successor], current: dict[str, str]) -> Successor | None:
    """The successor of ``unit_id`` when it is a unit that no longer exists and its successor is one of the
    ``current`` units (an old link); None otherwise."""
    s = succ.get(str(unit_id)) if unit_id is not None else None
    return s if s is not None and str(unit_id) not in current and s.new_id in current else None


def label(unit_id: str, name: str, succ: dict[str, Successor], lang: str) -> str:
    """"Sở X (2024) → Sở Y (từ 2025)" for a unit with a successor, else the name as printed."""
    s = succ.get(unit_id)
    if s is None:
        return name
    key = "unit_successor_part" if s.part else "unit_successor"
    return t(key, lang, old=name, new=s.new[lang], year=s.year)


def annotate(assignments: pd.DataFrame, succ: dict[str, Successor]) -> pd.DataFrame:
    """Plan assignments with ``unit_vi``/``unit_en`` as "old (2024) → new (from
    2025)" and ``unit_id`` the unit that does the work now (``plan_unit_id``
    keeps the id the plan prints)."""
    df = assignments.copy()
    df["plan_unit_id"] = df["unit_id"]
    for lang in ("vi", "en"):
        df[f"unit_{lang}"] = [label(u, n, succ, lang) for u, n in zip(df["plan_unit_id"], df[f"unit_{lang}"])]
    df["unit_id"] = [succ[u].new_id if u in succ else u for u in df["plan_unit_id"]]
    return df


def regroup(assignments: pd.DataFrame, succ: dict[str, Successor], units: pd.DataFrame) -> pd.DataFrame:
    """Assignments grouped by today's unit: ``unit_id`` and names of the
    successor (a unit that took over several keeps one row per code), for
    the per-unit summary and unit sheets. ``units``: ``db.plan_units()``-like
    table with unit_id, name_vi, name_en."""
    df = annotate(assignments, succ)
    names = units.set_index("unit_id")
    for lang in ("vi", "en"):
        now = df["unit_id"].map(names[f"name_{lang}"])
        df[f"unit_{lang}"] = now.where(now.notna(), df[f"unit_{lang}"])
    return df.drop_duplicates(["code", "role", "unit_id"]).reset_index(drop=True)


def took_over(succ: dict[str, Successor], new_id: str, lang: str) -> list[str]:
    """Names (as the plan prints them) of the 2024 units whose work ``new_id`` does now."""
    return [s.old[lang] for s in succ.values() if s.new_id == new_id]


def source_ids(succ: dict[str, Successor]) -> list[str]:
    return sorted({s.source_id for s in succ.values()})


def legal_basis(sources: pd.DataFrame) -> str:
    """Short names of the legal sources ("Nghị định 45/2025/NĐ-CP; …"): the
    title up to its first description word."""
    short = sources["title"].str.split(r" (?:quy định|sửa đổi|về) ", n=1, regex=True).str[0]
    return "; ".join(short.tolist())
