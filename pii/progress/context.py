"""The plan a progress store follows: its assignments by today's unit, read once from the analysis data."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii.analysis import successors as su
from queries import PiiDB


@dataclass(frozen=True)
class PlanContext:
    plan_id: str
    assignments: pd.DataFrame  # code, role, unit_id (today's unit), plan_unit_id, unit_vi, unit_en
    unit_kinds: dict[str, str]  # unit_id -> department / group
    unit_names: dict[str, dict[str, str]]  # unit_id -> {vi, en}

    def leads(self, code: str) -> list[str]:
        sel = self.assignments[(self.assignments["code"] == code) & (self.assignments["role"] == "lead")]
        return list(dict.fromkeys(str(u) for u in sel["unit_id"]))

    def unit_name(self, unit_id: str, lang: str) -> str:
        return self.unit_names.get(unit_id, {}).get(lang, unit_id)


def plan_context(db: PiiDB, plan_id: str) -> PlanContext:
    """Assignments of ``plan_id`` with today's units (a merged department's work under its successor)."""
    succ = su.successor_map(db.unit_successors())
    units = db.plan_units()
    assignments = su.regroup(db.plan_assignments(plan_id), succ, units)
    kinds = {str(u): str(k) for u, k in zip(units["unit_id"], units["kind"])}
    names = {str(r.unit_id): {"vi": str(r.name_vi), "en": str(r.name_en)} for r in units.itertuples()}
    return PlanContext(plan_id, assignments, kinds, names)
