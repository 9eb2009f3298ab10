"""The Department's board and the leadership's view of plan progress (issue 23).

One row per lead assignment of the plan (today's unit), with the indicator's
score and rank, the last report (status, date, age) and the evidence still
missing. Pure functions over DataFrames: the page, the XLSX/PDF sheet and the
leadership pack read the same frame.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from pii.analysis import rules
from pii.progress.context import PlanContext

STALE_DAYS = 30  # "no report in N days" default; the page lets the user change it
BOARD_COLUMNS = ["code", "name_vi", "name_en", "pillar", "unit_id", "unit_vi", "unit_en", "score", "rank",
                 "rank_of", "status", "reported_on", "age_days", "reports", "note", "checklist_items",
                 "evidence_missing", "evidence_files"]


def _pillar(code: str) -> str:
    return code.split(".", 1)[0]


def board(ctx: PlanContext, scores: pd.DataFrame, last_reports: list[dict], checklist: pd.DataFrame,
          checklist_entries: list[dict], evidence: list[dict], today: date) -> pd.DataFrame:
    """Every lead assignment with its last report and missing evidence.

    ``scores``: the province's indicator scores (``db.scores``) for the edition shown; ``last_reports``:
    ``store.rows("last_reports")``; ``checklist``: ``db.checklists``; ``checklist_entries``:
    ``store.rows("last_checklist_entries")``; ``evidence``: ``store.rows("evidence_of_plan")``.
    """
    leads = ctx.assignments[ctx.assignments["role"] == "lead"]
    sc = scores.set_index("code") if len(scores) else pd.DataFrame()
    last = {(r["code"], r["unit_id"]): r for r in last_reports}
    present = {(r["code"], int(r["item_no"])) for r in checklist_entries if not int(r["missing"])}
    items = checklist.groupby("code")["item_no"].apply(list).to_dict() if len(checklist) else {}
    files: dict[tuple[str, str], int] = {}
    for e in evidence:
        files[(e["code"], e["unit_id"])] = files.get((e["code"], e["unit_id"]), 0) + 1
    rows = []
    for a in leads.itertuples(index=False):
        code, unit = str(a.code), str(a.unit_id)
        s = sc.loc[code] if code in sc.index else None
        r = last.get((code, unit))
        its = items.get(code, [])
        reported = None if r is None else date.fromisoformat(str(r["reported_on"])[:10])
        rows.append({
            "code": code, "name_vi": None if s is None else s["name_vi"],
            "name_en": None if s is None else s["name_en"],
            "pillar": _pillar(code), "unit_id": unit, "unit_vi": ctx.unit_name(unit, "vi"),
            "unit_en": ctx.unit_name(unit, "en"),
            "score": None if s is None else s["score"], "rank": None if s is None else s["rank"],
            "rank_of": None if s is None else s["rank_of"], "status": None if r is None else r["status"],
            "reported_on": reported, "age_days": None if reported is None else (today - reported).days,
            "reports": 0 if r is None else int(r["reports"]), "note": None if r is None else r["note"],
            "checklist_items": len(its), "evidence_missing": sum(1 for i in its if (code, int(i)) not in present),
            "evidence_files": files.get((code, unit), 0)})
    df = pd.DataFrame(rows, columns=BOARD_COLUMNS)
    for c in ("score", "rank", "rank_of", "age_days"):
        df[c] = pd.to_numeric(df[c], errors="coerce")
    return df


def behind(df: pd.DataFrame, stale_days: int = STALE_DAYS) -> pd.DataFrame:
    """Assignments with no report, or none in ``stale_days`` days, not yet done."""
    stale = df["age_days"].isna() | (df["age_days"] > stale_days)
    return df[stale & (df["status"] != "done")]


def before_data_call(df: pd.DataFrame, data_call: date, today: date) -> pd.DataFrame:
    """What must still happen before the Ministry's data call: not done, or evidence missing."""
    out = df[(df["status"] != "done") | (df["evidence_missing"] > 0)].copy()
    out["days_left"] = (data_call - today).days
    return out


def filtered(df: pd.DataFrame, unit: str | None = None, pillar: str | None = None,
             status: str | None = None) -> pd.DataFrame:
    """The board's filters; ``status="none"`` selects assignments never reported."""
    out = df
    if unit:
        out = out[out["unit_id"] == unit]
    if pillar:
        out = out[out["pillar"] == pillar]
    if status == "none":
        out = out[out["status"].isna()]
    elif status:
        out = out[out["status"] == status]
    return out


def unit_progress(df: pd.DataFrame) -> pd.DataFrame:
    """Per unit: assignments, share reported and share done (the leadership's view)."""
    g = df.groupby(["unit_id", "unit_vi", "unit_en"], sort=False)
    out = g.agg(assignments=("code", "size"), reported=("status", lambda s: int(s.notna().sum())),
                done=("status", lambda s: int((s == "done").sum()))).reset_index()
    out["share_reported"] = out["reported"] / out["assignments"]
    out["share_done"] = out["done"] / out["assignments"]
    return out.sort_values(["share_reported", "unit_vi"], kind="stable").reset_index(drop=True)


def weakest_unreported(df: pd.DataFrame, n: int = 10, stale_days: int = STALE_DAYS) -> pd.DataFrame:
    """The weakest indicators (the one "weakest" rule) whose lead units have no recent report."""
    stale = behind(df, stale_days)
    codes = stale.drop_duplicates("code")[["code", "name_vi", "name_en", "score", "rank", "rank_of"]]
    weak = rules.weakest(codes, n)
    units = stale.groupby("code")["unit_id"].apply(list)
    return weak.assign(unit_ids=[units.get(c, []) for c in weak["code"]])
