"""Panels of the plan-tracker page: the plan's indicators with their owners, the lead units by rank band (one
bar per unit of today, as the page counts them), the unit and weakest tables, a unit's sheet."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii.analysis import findings
from pii.analysis import plan_tracker as pt
from pii.analysis import successors as su
from pii.analysis.rules import weakest
from pii.analysis.units import unit_in
from pii.charts.plan_tracker import unit_band_bars
from pii.panels.filenames import export_name
from pii.panels.panel import Panel, from_finding, panel, subtitle
from pii.provenance import ids_of
from pii.viewstate import PLAN_ID, ViewState, default_edition


@panel
def tracker(s: ViewState) -> pt.Tracker:
    """Lead units as printed in 2024 with their 2025 successors; summary by today's unit."""
    return pt.tracker(s.db, s.edition, s.province_id, PLAN_ID)


@panel
def successor_basis(s: ViewState) -> str:
    """The legal basis of the 2024 -> 2025 unit successors (the page's caption)."""
    return su.legal_basis(s.db.sources(su.source_ids(tracker(s).successors)))


@panel
def no_scores_message(s: ViewState) -> str | None:
    """Why the table has no figures, and which edition has them (None when it has)."""
    tr = tracker(s)
    if tr.mine["score"].notna().sum():
        return None
    editions = [int(e) for e in s.editions["edition"]]
    latest = default_edition(s.db, s.province_id, editions)
    has = s.db.scores(latest, provinces=[unit_in(s.db, s.province_id, latest)], levels=["indicator"])["score"]
    pname = s.name(s.province_id)
    if has.notna().any() and latest != s.edition:
        return s.tm("pt_no_scores", province=pname, edition=s.edition, latest=latest)
    return s.tm("pt_no_scores_any", province=pname, edition=s.edition)


@panel
def units(s: ViewState) -> Panel:
    """Indicators each lead unit owns by rank band: one bar per unit of today (Sở KH&ĐT's work is Sở Tài chính's
    from 2025), every bar labelled."""
    tr = tracker(s)
    f = findings.plan_units(tr.summary, s.lang)
    fig = unit_band_bars(pt.band_counts(tr.summary, tr.table), tr.summary["unit_id"].tolist(), s.units_ranked,
                         s.lang)
    plans = s.db.plans_by_id(PLAN_ID)
    src = ids_of(tr.mine) + [str(x) for x in plans["source_id"].dropna()]
    pname = s.name(s.province_id)
    return from_finding("plan_units", fig, f, subtitle(s, s.t("fd_what_plan"), pname), src, data=tr.summary,
                        grid=pt.summary_frame(s, tr.summary),
                        filename=export_name("plan_tracker", s.lang, province=pname, edition=s.edition))


@panel
def weakest_table(s: ViewState) -> pd.DataFrame:
    tr = tracker(s)
    return pt.indicator_frame(s, weakest(tr.table), tr.prev)


@dataclass(frozen=True)
class UnitSheet:
    sheet: pd.DataFrame  # the indicators the unit leads, weakest first
    lines: list[str]  # one Markdown line per indicator
    grid: pd.DataFrame  # the full table, with partners and actions
    sources: pd.DataFrame  # the source rows of its figures and of the plan


@panel
def unit_sheet(s: ViewState, unit: str) -> UnitSheet:
    tr = tracker(s)
    sheet = pt.unit_sheet(tr.table, unit)
    ids = sorted(set(sheet["score_source_id"].dropna()) | set(sheet["rank_source_id"].dropna()) | {"kh152"})
    return UnitSheet(sheet, pt.sheet_lines(s, sheet), pt.indicator_frame(s, sheet, tr.prev, with_actions=True),
                     s.db.sources(ids))


def plan_units(s: ViewState) -> Panel:
    return units(s)


VIEWS = (("plan_units", plan_units),)
