"""Panels of the peer comparison page: the ranked bar (sidebar group, target region, top 10), its table and
the level download, the pillar radar and the input/output scatter. The page, the packs and the CLI use these."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii.analysis import compare as cmp
from pii.analysis import findings, rules
from pii.charts.compare import io_scatter, ranked_bar
from pii.charts.compare import radar as radar_chart
from pii.panels.filenames import export_name
from pii.panels.panel import Panel, empty_panel, from_finding, panel, subtitle
from pii.provenance import ids_of, names_for
from pii.viewstate import ViewState

TOP10_GROUP = "top10"
REGION = "region"  # the region of plan 152's second target (rules.target_region), not the sidebar group


@dataclass(frozen=True)
class Options:
    """What the page's two selectors offer: the levels that have codes, each level's codes, code names."""

    levels: list[str]
    codes: dict[str, list[str]]
    code_names: dict[str, str]
    level_of: dict[str, str]


@panel
def options(s: ViewState) -> Options:
    fw = s.db.framework(s.edition)
    levels = [lv for lv in cmp.LEVELS if cmp.level_codes(fw, lv)]
    return Options(levels, {lv: cmp.level_codes(fw, lv) for lv in levels},
                   fw.set_index("code")[s.name_col].to_dict(), dict(zip(fw["code"], fw["level"])))


def _peers(s: ViewState, group: str | None) -> tuple[list[str], str]:
    """Members and name of the group a bar is drawn against."""
    if group == REGION:
        region = rules.target_region(s.db, s.edition, s.province_id)
        return region.ids, s.region_name(region.group_id, region.region_id)
    return s.peer_ids(group), s.group_name(group)


@panel
def names(s: ViewState) -> dict[str, str]:
    """Unit names of the edition, a merged unit with its members ("Thái Nguyên (Thái Nguyên + Bắc Kạn)")."""
    return cmp.unit_names(s.db, s.edition, s.lang)


@panel
def bar(s: ViewState, code: str = "PII", group: str | None = None) -> Panel:
    """The ranked bar of one code against a group (None: the sidebar's; "region"; "top10")."""
    peers, where = _peers(s, group)
    view_id = {None: "compare_group", REGION: "compare_region", TOP10_GROUP: "compare_top10"}.get(group,
                                                                                                 "compare_group")
    fw = s.db.framework(s.edition)
    scores = cmp.peer_scores(s.db, s.edition, peers, [code], s.lang)
    units = s.units
    data = cmp.ranked_bar_data(scores, code, s.province_id, s.db.region_averages(s.edition),
                               dict(zip(units["province_id"], units["region_id"])), s.lang)
    info = cmp.code_info(fw, code, s.lang)
    pname = names(s).get(s.province_id, s.name(s.province_id))
    sub = subtitle(s, f"{info['code']} {info['name']}", where)
    captions = [s.tm("cmp_not_shown", names=", ".join(data.missing))] if data.missing else []
    if data.rows.empty:
        return empty_panel(view_id, s.tm("cmp_bar_empty", code=code, name=info["name"], edition=s.edition), sub,
                           ids_of(scores), data=data, captions=captions)
    f = findings.compare_bar(data.rows, data.missing, pname, where, info["code"], s.lang)
    fig = ranked_bar(data, info, s.edition, s.lang)
    note = findings.missing_note(data.missing, len(data.rows) + len(data.missing), s.lang)
    group_word = s.group if group is None else group
    return from_finding(view_id, fig, f, sub, ids_of(scores), note=note, data=data,
                        captions=[s.t("cmp_region_note"), *captions],
                        filename=export_name("compare", s.lang, group=group_word, province=pname,
                                             edition=s.edition, extra=None if code == "PII" else code))


@panel
def table(s: ViewState, code: str = "PII") -> pd.DataFrame:
    """The table under the bar: every member of the sidebar group, missing spelled out, source named."""
    scores = cmp.peer_scores(s.db, s.edition, s.peer_ids(), [code], s.lang)
    headers = {"province": s.t("province"), "score": s.t("score"), "rank": s.t("rank"), "source": s.t("cmp_source")}
    return cmp.table(scores, code, s.lang, s.t("missing"), headers, names_for(s.db, ids_of(scores)))


@panel
def level_download(s: ViewState, level: str = "pii") -> pd.DataFrame:
    """The whole level for the sidebar group, raw numbers (the CSV download)."""
    fw = s.db.framework(s.edition)
    scores = cmp.peer_scores(s.db, s.edition, s.peer_ids(), cmp.level_codes(fw, level), s.lang)
    return cmp.download_frame(scores, fw, s.edition, s.lang, s.t("missing"))


def _pillar_base(s: ViewState) -> tuple[pd.DataFrame, list[str]]:
    pillars = cmp.level_codes(s.db.framework(s.edition), "pillar")
    return cmp.peer_scores(s.db, s.edition, s.peer_ids(), ["INPUT", "OUTPUT", *pillars], s.lang), pillars


@panel
def radar_choices(s: ViewState) -> tuple[list[str], list[str]]:
    """(units the radar can draw besides the focus, the default few); a picker is needed when there are more."""
    base, pillars = _pillar_base(s)
    candidates = [p for p in dict.fromkeys(cmp.radar_data(base, pillars, s.province_id).rows["province_id"])
                  if p != s.province_id]
    if len(candidates) <= cmp.RADAR_DEFAULT_PEERS:
        return candidates, candidates
    return candidates, cmp.radar_default_peers(candidates,
                                               s.db.scores(s.edition, provinces=candidates, codes=["PII"]))


@panel
def radar(s: ViewState, chosen: tuple[str, ...] | None = None) -> Panel:
    """Pillar radar of the focus and a few peers (``chosen``; None: the default few)."""
    base, pillars = _pillar_base(s)
    fw = s.db.framework(s.edition)
    full = cmp.radar_data(base, pillars, s.province_id)
    candidates, default = radar_choices(s)
    picked = list(default if chosen is None else chosen)
    data = full
    if len(candidates) > cmp.RADAR_DEFAULT_PEERS:
        data = cmp.radar_data(base[base["province_id"].isin([s.province_id, *picked])], pillars, s.province_id,
                              order=picked)
        data.left_out = full.left_out
    sub = subtitle(s, s.t("fd_what_pillars"), s.group_name())
    captions = [s.tm("cmp_radar_partial", name=n, codes=", ".join(g)) for n, g in data.partial.items()]
    if data.left_out:
        captions.append(s.tm("cmp_not_shown", names=", ".join(data.left_out)))
    if data.rows.empty:
        return empty_panel("radar", s.tm("cmp_radar_empty", edition=s.edition), sub, data=data, captions=captions)
    code_names = fw.set_index("code")[s.name_col].to_dict()
    pname = s.name(s.province_id)
    f = findings.radar(base[base["province_id"] == s.province_id], code_names, pname, s.lang)
    fig = radar_chart(data, code_names, s.province_id, s.edition, s.lang, cmp.descriptions(fw, s.lang))
    note = findings.missing_note(data.left_out, len(s.peer_ids()), s.lang)
    return from_finding("radar", fig, f, sub, ids_of(base), note=note, data=data, captions=captions,
                        filename=export_name("radar", s.lang, group=s.group, province=pname, edition=s.edition))


@panel
def scatter(s: ViewState) -> Panel:
    """Input against output sub-index of the sidebar group."""
    base, _ = _pillar_base(s)
    fw = s.db.framework(s.edition)
    data = cmp.io_scatter_data(base, s.province_id)
    sub = subtitle(s, s.t("fd_what_io"), s.group_name())
    left = [s.tm("cmp_not_shown", names=", ".join(data.left_out))] if data.left_out else []
    if data.rows.empty:
        return empty_panel("scatter", s.tm("cmp_scatter_empty", edition=s.edition), sub, data=data, captions=left)
    pname = s.name(s.province_id)
    f = findings.scatter(data.rows, pname, s.lang)
    fig = io_scatter(data, s.edition, s.lang, cmp.io_explanation(fw, s.lang))
    note = findings.missing_note(data.left_out, len(data.rows) + len(data.left_out), s.lang)
    captions = [s.t("cmp_scatter_text")] + ([s.t("computed_note")] if data.rows["computed"].any() else []) + left
    return from_finding("scatter", fig, f, sub, ids_of(base), note=note, data=data, captions=captions,
                        filename=export_name("scatter", s.lang, group=s.group, province=pname, edition=s.edition))


def compare_region(s: ViewState) -> Panel:
    return bar(s, "PII", REGION)


def compare_top10(s: ViewState) -> Panel:
    return bar(s, "PII", TOP10_GROUP)


def compare_group(s: ViewState) -> Panel:
    return bar(s, "PII")


VIEWS = (("compare_region", compare_region), ("compare_top10", compare_top10), ("compare_group", compare_group),
         ("radar", radar), ("scatter", scatter))
