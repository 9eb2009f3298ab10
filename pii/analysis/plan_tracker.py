"""Action plan tracker: who owns each indicator (plan 152/KH-UBND) and how it stands.

Units are kept as the plan prints them (2024 departments, before the 2025
reorganisation), including collective owners such as "Các sở, ban, ngành".
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii import fmt
from pii.analysis import successors as su
from pii.analysis.bands import WEAK, band_label, band_of
from pii.analysis.rules import weakest
from pii.analysis.units import previous_edition, unit_in
from pii.fmt import is_missing
from pii.viewstate import ViewState
from queries import PiiDB

COLUMNS = ["code", "sort_order", "name_vi", "name_en", "score", "rank", "rank_of", "band", "prev_score", "change",
           "lead_ids", "lead_vi", "lead_en", "partner_vi", "partner_en", "actions_vi", "actions_en",
           "score_source_id", "rank_source_id"]


def _band(rank: object, of: object) -> int | None:
    try:
        return band_of(rank, of)
    except ValueError:  # a rank_of too small for four bands: no band rather than a wrong one
        return None


def indicator_table(framework: pd.DataFrame, assignments: pd.DataFrame, actions: pd.DataFrame,
                    mine: pd.DataFrame, prev: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per indicator of the plan: the focus province's published score,
    rank and band in the edition, the change against the previous edition
    (same code, both published), lead and partner units and the plan's actions."""
    fw = framework[["code", "sort_order", "name_vi", "name_en"]]
    codes = list(dict.fromkeys(assignments["code"]))
    df = pd.DataFrame({"code": codes}).merge(fw, on="code", how="left")
    cols = ["code", "score", "rank", "rank_of", "score_source_id", "rank_source_id"]
    df = df.merge(mine[[c for c in cols if c in mine.columns]], on="code", how="left")
    prev_scores = {} if prev is None else dict(zip(prev["code"], prev["score"]))
    df["prev_score"] = [prev_scores.get(c) for c in df["code"]]
    df["change"] = [None if is_missing(s) or is_missing(p) else float(s) - float(p)
                    for s, p in zip(df["score"], df["prev_score"])]
    df["band"] = [_band(r, o) for r, o in zip(df["rank"], df["rank_of"])]

    # one pass over each table (a boolean filter per code and column is ~100x slower on 52 codes)
    units: dict[tuple[str, str, str], list[str]] = {}
    for r in assignments.sort_values(["code", "role", "position"]).itertuples(index=False):
        for col in ("unit_id", "unit_vi", "unit_en"):
            units.setdefault((r.code, r.role, col), []).append(getattr(r, col))
    acts: dict[tuple[str, str], list[str]] = {}
    for r in actions.sort_values(["code", "action_no"]).itertuples(index=False):
        for lang in ("vi", "en"):
            acts.setdefault((r.code, lang), []).append(getattr(r, f"action_{lang}"))
    df["lead_ids"] = [units.get((c, "lead", "unit_id"), []) for c in df["code"]]
    for lang in ("vi", "en"):
        df[f"lead_{lang}"] = [units.get((c, "lead", f"unit_{lang}"), []) for c in df["code"]]
        df[f"partner_{lang}"] = [units.get((c, "partner", f"unit_{lang}"), []) for c in df["code"]]
        df[f"actions_{lang}"] = [acts.get((c, lang), []) for c in df["code"]]
    df = df.sort_values("sort_order", na_position="last").reset_index(drop=True)
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = None
    return df[COLUMNS]


def unit_summary(table: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """Lead units, most bottom-band indicators first, then most indicators led."""
    lead = assignments[assignments["role"] == "lead"]
    order = {c: i for i, c in enumerate(table["code"])}
    band = dict(zip(table["code"], table["band"]))
    rank = dict(zip(table["code"], table["rank"]))
    rows = []
    for unit_id, grp in lead.groupby("unit_id", sort=False):
        codes = sorted((c for c in set(grp["code"]) if c in order), key=order.get)
        bottom = [c for c in codes if not is_missing(band[c]) and int(band[c]) == WEAK]
        rows.append({
            "unit_id": unit_id, "unit_vi": grp["unit_vi"].iat[0], "unit_en": grp["unit_en"].iat[0],
            "kind": grp["kind"].iat[0] if "kind" in grp else None,
            "n_lead": len(codes), "n_bottom": len(bottom), "n_missing": sum(is_missing(rank[c]) for c in codes),
            "codes": codes, "bottom_codes": bottom,
        })
    df = pd.DataFrame(rows, columns=["unit_id", "unit_vi", "unit_en", "kind", "n_lead", "n_bottom", "n_missing",
                                     "codes", "bottom_codes"])
    return df.sort_values(["n_bottom", "n_lead", "unit_vi"], ascending=[False, False, True]).reset_index(drop=True)


def unit_sheet(table: pd.DataFrame, unit_id: str) -> pd.DataFrame:
    """The indicators one unit leads, weakest rank first (missing ranks last)."""
    led = table[[unit_id in ids for ids in table["lead_ids"]]]
    return weakest(led)


def band_counts(summary: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Long table unit × band -> number of indicators led (band None = no published rank)."""
    band = dict(zip(table["code"], table["band"]))
    rows = []
    for u in summary.itertuples():
        led = [band.get(c) for c in u.codes]
        for b in (0, 1, 2, 3, None):
            n = sum(1 for x in led if (is_missing(x) if b is None else (not is_missing(x) and int(x) == b)))
            rows.append({"unit_id": u.unit_id, "unit_vi": u.unit_vi, "unit_en": u.unit_en, "band": b, "n": n})
    return pd.DataFrame(rows, columns=["unit_id", "unit_vi", "unit_en", "band", "n"])


# -- the page's data and tables (pages/plan_tracker.py renders them) --------------------------
@dataclass
class Tracker:
    table: pd.DataFrame  # indicator_table
    summary: pd.DataFrame  # unit_summary, by today's unit
    mine: pd.DataFrame  # the focus unit's published indicator scores
    prev: int | None  # previous edition
    successors: pd.DataFrame  # the 2024 -> 2025 unit successor map


def tracker(db: PiiDB, edition: int, province_id: str, plan_id: str) -> Tracker:
    """Lead units as printed in 2024, each with its 2025 successor; summary and sheets by today's unit."""
    succ = su.successor_map(db.unit_successors())
    assignments = su.annotate(db.plan_assignments(plan_id), succ)
    mine = db.scores(edition, provinces=[province_id], levels=["indicator"])
    prev = previous_edition([int(e) for e in db.editions()["edition"]], edition)
    prev_scores = None if prev is None else db.scores(prev, provinces=[unit_in(db, province_id, prev)],
                                                      levels=["indicator"])
    table = indicator_table(db.framework(edition), assignments, db.plan_actions(plan_id), mine, prev_scores)
    summary = unit_summary(table, su.regroup(db.plan_assignments(plan_id), succ, db.plan_units()))
    return Tracker(table, summary, mine, prev, succ)


def _band_text(s: ViewState, band: object, rank_of: object) -> str:
    """The rank band as shown ("Yếu (51–63)"), or "no published figure"."""
    return s.t("missing") if is_missing(band) else band_label(int(band), int(rank_of), s.lang)  # type: ignore


def indicator_frame(s: ViewState, df: pd.DataFrame, prev: int | None, with_actions: bool = False) -> pd.DataFrame:
    """The indicators as shown: owner columns right after the name (on a narrow screen they must stay visible)."""
    L = s.lang
    out = pd.DataFrame({
        s.t("code"): df["code"],
        s.t("name"): df[s.name_col],
        s.t("score"): [s.num(v) for v in df["score"]],
        s.t("rank"): fmt.rank_column(df, s.lang),
        s.t("pt_col_lead"): ["; ".join(x) for x in df[f"lead_{L}"]],
        s.t("pt_col_partners"): ["; ".join(x) for x in df[f"partner_{L}"]],
        s.t("band_col"): [_band_text(s, b, o) for b, o in zip(df["band"], df["rank_of"])],
    })
    if prev is not None:
        out[s.t("pt_change_label", prev=prev)] = [s.num(v, signed=True) if not is_missing(v) else "—"
                                                  for v in df["change"]]
    if with_actions:
        out[s.t("pt_col_actions")] = [" ".join(f"({i}) {a}" for i, a in enumerate(x, 1)) for x in df[f"actions_{L}"]]
    return out


def sheet_lines(s: ViewState, df: pd.DataFrame) -> list[str]:
    """A unit sheet as one Markdown line per indicator (code, name, score, rank, band): what a reader needs at a
    glance, on a phone too; partners and plan actions are in the full table and the XLSX/PDF sheet."""
    return [s.tm("pt_sheet_line", code=r.code, name=getattr(r, s.name_col), score=s.num(r.score),
                rank=s.rank(r.rank, r.rank_of), band=_band_text(s, r.band, r.rank_of)) for r in df.itertuples()]


def summary_frame(s: ViewState, summary: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        s.t("pt_col_unit"): summary[f"unit_{s.lang}"],
        s.t("pt_col_n_lead"): summary["n_lead"],
        s.t("pt_col_n_bottom"): summary["n_bottom"],
        s.t("pt_col_codes"): [", ".join(c) for c in summary["codes"]],
    })
