"""Panels of the what-if page: the situation it starts from, the pillar waterfall of a scenario, the leverage
bars and table, the regional rank (published, and computed for a scenario). Page, packs and CLI use these."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii import fmt
from pii.analysis import findings, rules
from pii.analysis import what_if as wi
from pii.analysis import what_if_page as wp
from pii.analysis.model import Tree
from pii.charts.what_if import leverage_bars, pillar_waterfall
from pii.panels.filenames import export_name
from pii.panels.panel import Panel, from_finding, panel, subtitle
from pii.viewstate import ViewState

Changes = tuple[tuple[str, float], ...]  # a scenario as a panel argument (hashable): (code, score) pairs


@panel
def tree(s: ViewState) -> Tree:
    """The edition's framework tree; raises ``IncompleteFramework`` when it cannot be recomputed."""
    return Tree.from_framework(s.db.framework(s.edition))


@panel
def situation(s: ViewState) -> wp.Situation:
    return wp.situation(s.db, s.edition, s.province_id, tree(s))


@panel
def latest_with_data(s: ViewState) -> int | None:
    return wp.latest_with_data(s.db, s.province_id, [int(e) for e in s.editions["edition"]])


@panel
def medians(s: ViewState) -> pd.DataFrame:
    """Peer medians and leaders per indicator over the sidebar group."""
    return wp.group_medians(s, tree(s))


@panel
def names(s: ViewState) -> dict[str, str]:
    return wp.indicator_names(s, tree(s))


@panel
def editor_tabs(s: ViewState) -> list[tuple[str, list[str]]]:
    return wp.editor_tabs(s, tree(s))


@dataclass(frozen=True)
class RegionRanks:
    """The regional rank as published (None: no source states it) and as computed for the scenario's PII."""

    published: rules.RegionalRank
    computed: rules.RegionalRank | None


@panel
def region_ranks(s: ViewState, score: float | None = None) -> RegionRanks:
    pub = rules.regional_rank(s.db, s.edition, s.province_id)
    return RegionRanks(pub, None if score is None else rules.regional_rank(s.db, s.edition, s.province_id,
                                                                            score=score))


@panel
def waterfall(s: ViewState, changes: Changes | None = None) -> Panel:
    """The PII change by pillar for a scenario (None: the preset, the weakest indicators raised)."""
    sit = situation(s)
    base = sit.base
    preset = changes is None
    scen = wi.preset_weakest(base) if preset else dict(changes)
    result = wi.recompute(base, scen)
    contrib = wi.pillar_contributions(base, result)
    f = findings.waterfall(result.pii_base, result.pii_new, contrib, len(scen), s.lang)
    fig = pillar_waterfall(contrib, result.pii_base, result.pii_new, s.lang)
    note = s.t("fd_wf_note", codes=", ".join(scen), points=fmt.number(wi.PRESET_WEAKEST_POINTS, s.lang,
                                                                      decimals=0)) if preset else None
    pname = s.name(s.province_id)
    return from_finding("whatif_waterfall", fig, f, subtitle(s, s.t("fd_what_whatif"), pname), sit.sources,
                        note=note, data=result,
                        filename=export_name("what_if", s.lang, province=pname, edition=s.edition))


@panel
def leverage(s: ViewState, rank_by: str = "per_point") -> Panel:
    """Which indicators move the PII most: per point (10 points each), or achievable (to the group's leader, else
    to 100). ``grid`` is the table under the chart, headed by the sidebar group's leader column."""
    sit = situation(s)
    lev, grid = wp.leverage_frames(s, sit.base, medians(s), rank_by)
    value_col = "achievable" if rank_by == "achievable" else "ten_points"
    nm = names(s)
    f = findings.leverage(lev, value_col, nm, s.lang)
    fig = leverage_bars(lev, value_col, s.lang, None, nm)
    pname = s.name(s.province_id)
    return from_finding("whatif_leverage", fig, f, subtitle(s, s.t("fd_what_leverage"), pname), sit.sources,
                        note=s.t("fd_lev_note") if value_col == "ten_points" else None, data=lev, grid=grid,
                        filename=export_name("what_if", s.lang, province=pname, edition=s.edition,
                                             extra=s.t(f"wi_sort_{rank_by}")))


def whatif_waterfall(s: ViewState) -> Panel:
    return waterfall(s, None)


def whatif_leverage(s: ViewState) -> Panel:
    return leverage(s, "per_point")


VIEWS = (("whatif_waterfall", whatif_waterfall), ("whatif_leverage", whatif_leverage))
