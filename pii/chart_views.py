"""The analysis pages' charts as briefing views (issue 15): every chart of every
page can go into a pack, the CLI (``python -m pii export --chart VIEW``) and an
image, with a title that states its finding (:mod:`pii.analysis.findings`) and,
where units are left out, a note on the image that says so.

Each view takes the view state ``s`` (``pii.viewstate.ViewState``: db, edition,
province_id, group, lang, peers and their helpers) and returns a
``pii.view_result.ViewResult``. Registered into ``pii.views.VIEWS`` there (CHART_VIEWS).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from pii import fmt
from pii.analysis import compare as cmp
from pii.analysis import findings
from pii.panels.panel import ViewResult
from pii.provenance import ids_of
from pii.viewstate import PLAN_ID

TOP10_GROUP = "top10"


def _result(view_id: str, fig: Any, f: findings.Finding, subtitle: str, sources: list[str],
            notes: list[str] | None = None, note: str | None = None) -> ViewResult:
    # the title is the finding; the slide's second line carries the numbers behind it
    detail = f.alt.split(f"{f.title}. ", 1)[-1].strip() if f"{f.title}. " in f.alt else ""
    return ViewResult(view_id, fig, f.title, subtitle, detail or subtitle, notes or [f.alt],
                      list(dict.fromkeys(sources)), note=note)


def _subtitle(s: Any, what: str, where: str) -> str:
    """What, where, when: "Điểm PII · Vùng Trung du và miền núi phía Bắc · PII 2023"."""
    if what.startswith("PII "):
        what = s.t("fd_what_pii")
    return " · ".join(x for x in (what, where, f"PII {s.edition}") if x)


# -- map -------------------------------------------------------------------------------------------
def map_view(s: Any, measure: str = "score") -> ViewResult:
    from pii.analysis import map as geo
    from pii.charts.map import choropleth, label_leaders

    frame = geo.map_frame(s.db, s.edition, measure, s.lang)
    desc = cmp.code_info(s.db.framework(s.edition), "PII", s.lang)["description"]
    fig = choropleth(frame, measure, s.province_id, s.edition, s.lang, desc, geo.members_text(s.db, s.edition, s.lang))
    f = findings.map_(frame, s.province_id, measure, s.lang)
    label_leaders(fig, frame, s.province_id, s.lang)
    fig.update_layout(title=None)
    note = findings.missing_note(f.missing, len(frame), s.lang, max_names=0) if f.missing else None
    used = s.db.scores(s.edition, codes=["PII"])
    return _result("map", fig, f, _subtitle(s, s.t(f"map_measure_{measure}"), s.t("fd_where_country", n=len(frame))),
                   ids_of(used), note=note)


# -- trends ------------------------------------------------------------------------------------------
def trends(s: Any, code: str = "PII", measure: str = "score") -> ViewResult:
    from pii.analysis.trends import trend_data
    from pii.charts.trends import trend_chart

    data = trend_data(s.db, s.province_id, s.peer_ids(), code, s.lang)
    info = cmp.code_info(s.db.framework(s.edition), code, s.lang)
    focus = [lin.old_id for lin in data.lineages if lin.focus]
    rows = data.rows[data.rows["lineage"].isin(focus)]
    f = findings.trends(rows, measure, s.name(s.province_id), info["code"], s.lang)
    fig = trend_chart(data, measure, info, s.lang)
    fig.update_layout(title=None)
    missing = data.no_score if measure == "score" else data.no_rank
    note = findings.missing_note(missing, len(data.lineages), s.lang)
    ids = [i for c in ("score_source_id", "rank_source_id") if c in data.rows for i in data.rows[c].dropna()]
    if not ids:
        ids = ids_of(s.db.scores(s.edition, provinces=[s.province_id], codes=[code]))
    return _result("trends", fig, f, _subtitle(s, f"{info['code']} {info['name']}", s.group_name()).replace(
        f"PII {s.edition}", ", ".join(f"PII {e}" for e in data.editions)), ids, note=note)


# -- indicator detail ----------------------------------------------------------------------------------
def indicator(s: Any, code: str | None = None) -> ViewResult:
    from pii.analysis import indicator as ind
    from pii.charts.indicator import peer_bars

    code = code or ind.default_code(s.db, s.edition, s.province_id)
    d = ind.detail(s.db, s.edition, s.province_id, code, PLAN_ID, s.peer_ids())
    name = d.info["name_vi" if s.lang == "vi" else "name_en"]
    where = s.group_name()
    f = findings.indicator_peers(d.peers, code, s.name(s.province_id), where, s.lang)
    fig = peer_bars(d.peers, s.lang)
    # peers without a figure are drawn as hatched rows that say so: nothing is left out, no note needed
    used = s.db.scores(s.edition, provinces=d.peers["province_id"].tolist(), codes=[code])
    return _result("indicator", fig, f, _subtitle(s, f"{code} {name}", where), ids_of(used))


# -- what-if ---------------------------------------------------------------------------------------------
def _baseline(s: Any) -> tuple[Any, pd.DataFrame]:
    from pii.analysis import what_if as wi
    from pii.analysis.model import Tree

    tree = Tree.from_framework(s.db.framework(s.edition))
    mine = s.db.scores(s.edition, provinces=[s.province_id])
    return wi.Baseline.from_frames(tree, mine), mine


def whatif_waterfall(s: Any) -> ViewResult:
    """The preset scenario of the what-if page: the weakest indicators raised."""
    from pii.analysis import what_if as wi
    from pii.charts.what_if import pillar_waterfall

    base, mine = _baseline(s)
    changes = wi.preset_weakest(base)
    result = wi.recompute(base, changes)
    contrib = wi.pillar_contributions(base, result)
    f = findings.waterfall(result.pii_base, result.pii_new, contrib, len(changes), s.lang)
    fig = pillar_waterfall(contrib, result.pii_base, result.pii_new, s.lang)
    codes = ", ".join(changes)
    note = s.t("fd_wf_note", codes=codes, points=fmt.number(wi.PRESET_WEAKEST_POINTS, s.lang, decimals=0))
    return _result("whatif_waterfall", fig, f, _subtitle(s, s.t("fd_what_whatif"), s.name(s.province_id)),
                   ids_of(mine), note=note)


def whatif_leverage(s: Any) -> ViewResult:
    from pii.analysis import what_if as wi
    from pii.charts.what_if import leverage_bars

    base, mine = _baseline(s)
    lev = wi.rank_leverage(wi.leverage(base), "per_point")
    lev["ten_points"] = [w * min(10.0, r) if not fmt.is_missing(r) else None
                         for w, r in zip(lev["gain_per_point"], lev["room"])]
    fw = s.db.framework(s.edition).set_index("code")
    names = {c: fw.at[c, "name_vi" if s.lang == "vi" else "name_en"] for c in base.tree.indicators}
    f = findings.leverage(lev, "ten_points", names, s.lang)
    fig = leverage_bars(lev, "ten_points", s.lang, None, names)
    return _result("whatif_leverage", fig, f, _subtitle(s, s.t("fd_what_leverage"), s.name(s.province_id)),
                   ids_of(mine), note=s.t("fd_lev_note"))


# -- plan tracker ------------------------------------------------------------------------------------------
def plan_units(s: Any) -> ViewResult:
    from pii.analysis import plan_tracker as pt
    from pii.analysis import successors as su
    from pii.charts.plan_tracker import unit_band_bars

    succ = su.successor_map(s.db.unit_successors())
    assignments = su.annotate(s.db.plan_assignments(PLAN_ID), succ)
    actions = s.db.plan_actions(PLAN_ID)
    mine = s.db.scores(s.edition, provinces=[s.province_id], levels=["indicator"])
    table = pt.indicator_table(s.db.framework(s.edition), assignments, actions, mine, None)
    # by today's unit, as the plan-tracker page counts them (Sở KH&ĐT's work is Sở Tài chính's from 2025)
    summary = pt.unit_summary(table, su.regroup(s.db.plan_assignments(PLAN_ID), succ, s.db.plan_units()))
    n_ranked = s.units_ranked
    f = findings.plan_units(summary, s.lang)
    fig = unit_band_bars(pt.band_counts(summary, table), summary["unit_id"].tolist(), n_ranked, s.lang)
    plans = s.db.plans_by_id(PLAN_ID)
    src = ids_of(mine) + [str(x) for x in plans["source_id"].dropna()]
    return _result("plan_units", fig, f, _subtitle(s, s.t("fd_what_plan"), s.name(s.province_id)), src)


CHART_VIEWS = (("map", map_view), ("trends", trends), ("indicator", indicator), ("whatif_waterfall", whatif_waterfall),
               ("whatif_leverage", whatif_leverage), ("plan_units", plan_units))
