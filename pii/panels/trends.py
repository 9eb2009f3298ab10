"""Panels of the trends page: score or rank of the focus and its peers across editions, and the table of the
series (page, packs, CLI)."""

from __future__ import annotations

import pandas as pd

from pii import fmt
from pii.analysis import compare as cmp
from pii.analysis import findings
from pii.analysis.history import recent_editions
from pii.analysis.trends import TrendData, merger_notes, trend_data
from pii.charts.trends import MEASURES, trend_chart  # noqa: F401 — MEASURES: the page's chart choice
from pii.panels.filenames import export_name
from pii.panels.panel import Panel, empty_panel, from_finding, panel, subtitle
from pii.provenance import ids_of
from pii.viewstate import CUSTOM_GROUP, ViewState


@panel
def codes(s: ViewState) -> tuple[list[str], dict[str, str]]:
    """The codes of the edition in framework order and their names."""
    fw = s.db.framework(s.edition).sort_values("sort_order")
    return fw["code"].tolist(), fw.set_index("code")[s.name_col].to_dict()


def _editions(s: ViewState) -> tuple[list[int], list[int]]:
    all_eds = [int(e) for e in s.editions["edition"]]
    return all_eds, recent_editions(all_eds, s.edition)  # the last 10: the cost grows with the archive


@panel
def series(s: ViewState, code: str = "PII") -> TrendData:
    """The series of the focus and its peers; a 2025 unit is followed back through the pre-merger members of the
    same group (not for a custom group)."""
    prefer: set[str] = set()
    if s.group != CUSTOM_GROUP:
        for ed in s.editions[s.editions["unit_set"].astype(str) == "63"]["edition"]:
            prefer |= set(s.db.peer_group_members(s.group, int(ed))["province_id"])
    _, shown = _editions(s)
    return trend_data(s.db, s.province_id, s.peer_ids(), code, s.lang, prefer=prefer, only=shown)


@panel
def chart(s: ViewState, code: str = "PII", measure: str = "score") -> Panel:
    """The slope (score) or bump (rank) chart of one code."""
    data = series(s, code)
    info = cmp.code_info(s.db.framework(s.edition), code, s.lang)
    pname = s.name(s.province_id)
    sub = subtitle(s, f"{info['code']} {info['name']}", s.group_name()).replace(
        f"PII {s.edition}", ", ".join(f"PII {e}" for e in data.editions))
    all_eds, shown = _editions(s)
    missing = data.no_score if measure == "score" else data.no_rank
    captions = [s.tm("history_capped", n=len(shown), total=len(all_eds))] if len(shown) < len(all_eds) else []
    if missing:
        captions.append(s.tm("cmp_not_shown", names=", ".join(missing)))
    allp = s.db.all_provinces()
    short = dict(zip(allp["province_id"], allp[s.name_col]))
    captions += [s.tm("trd_merged_into", unit=short.get(u, u), members=" + ".join(m), carrier=c)
                 for u, m, c in merger_notes(data)]
    if data.rows[measure].isna().all():
        return empty_panel("trends", s.tm("trd_empty", code=code, name=info["name"]), sub, data=data,
                           captions=captions)
    focus = [lin.old_id for lin in data.lineages if lin.focus]
    f = findings.trends(data.rows[data.rows["lineage"].isin(focus)], measure, pname, info["code"], s.lang)
    fig = trend_chart(data, measure, info, s.lang)
    note = findings.missing_note(missing, len(data.lineages), s.lang)
    ids = [i for c in ("score_source_id", "rank_source_id") if c in data.rows for i in data.rows[c].dropna()]
    if not ids:
        ids = ids_of(s.db.scores(s.edition, provinces=[s.province_id], codes=[code]))
    return from_finding("trends", fig, f, sub, ids, note=note, data=data,
                        captions=[s.t("trd_break_note"), *captions],
                        filename=export_name("trends", s.lang, group=s.group, province=pname, edition=s.edition,
                                             extra=f"{code}-{s.t(f'trd_chart_{measure}')}"))


@panel
def table(s: ViewState, code: str = "PII") -> pd.DataFrame:
    """Every published figure of the series, one row per unit and edition."""
    rows = series(s, code).rows
    rows = rows[rows[["score", "rank"]].notna().any(axis=1)]
    return pd.DataFrame({
        s.t("trd_series"): rows["name"],
        s.t("trd_edition"): [f"PII {e}" for e in rows["edition"]],
        s.t("trd_unit"): rows["unit_name"],
        s.t("score"): [s.num(v) for v in rows["score"]],
        s.t("rank"): fmt.rank_column(rows, s.lang),
    })


def trends(s: ViewState) -> Panel:
    return chart(s, "PII", "score")


VIEWS = (("trends", trends),)
