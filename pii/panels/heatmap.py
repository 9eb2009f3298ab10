"""Panels of the heatmap page and the leadership pack's regional heatmap: the national ranks of the peer group
on PII and the pillars ("heatmap_region"), the page's peer heatmap (any level, five colour modes) and the focus
province across editions, with the lines around them. The page renders these (no database call)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii.analysis import heatmap as hm
from pii.analysis import rules
from pii.analysis.history import recent_editions
from pii.analysis.units import units_by_edition
from pii.charts import briefing as charts
from pii.charts.heatmap import focus_heatmap, peer_heatmap
from pii.panels.filenames import export_name
from pii.panels.panel import Panel, empty_panel, panel, subtitle
from pii.provenance import ids_of
from pii.viewstate import ViewState


# -- the pack's regional heatmap ------------------------------------------------------------------------------
@panel
def region(s: ViewState) -> Panel:
    """National ranks of the sidebar group's units on PII and the 7 pillars. The title is the finding (the
    published regional rank 1/14 where the group is the target region, never a rank by position among the units
    with data); the second line says what · where · when (it repeated the title word for word)."""
    fw = s.db.framework(s.edition)
    pillar_codes = fw[fw["level"] == "pillar"].sort_values("sort_order")["code"].tolist()
    codes = ["PII", *pillar_codes]
    peers = s.peer_ids()
    sc = s.db.scores(s.edition, provinces=peers, codes=codes)
    ranks = sc.pivot_table(index="province_id", columns="code", values="rank", aggfunc="first")
    ranks = ranks.reindex(index=peers, columns=codes)
    ranks["name"] = [s.name(p) for p in ranks.index]
    ranks["_order"] = ranks["PII"].astype("Float64").fillna(10_000)
    ranks = ranks.sort_values(["_order", "name"])
    columns = [("PII", "PII")] + [(c, c) for c in pillar_codes]
    fig = charts.region_heatmap(ranks, columns, s.province_id, s.units_ranked, s.lang)
    known = ranks.dropna(subset=["PII"])
    pname = s.name(s.province_id)
    target = rules.target_region(s.db, s.edition, s.province_id)
    if set(peers) == set(target.ids) and s.province_id in known.index:
        # the sidebar group is the target region: the one regional rank (published 1/14, not 1/11 by position)
        rr = rules.regional_rank(s.db, s.edition, s.province_id)
        finding = s.t("ex_f_heatmap_region", province=pname, region_rank=s.regional_rank_text(rr),
                      group=s.group_name(), n=len(ranks),
                      rank=s.rank(known.loc[s.province_id, "PII"], s.units_ranked))
    elif s.province_id in known.index:
        pos = list(known.index).index(s.province_id) + 1
        finding = s.t("ex_f_heatmap", province=pname, pos=pos, known=len(known), n=len(ranks),
                      group=s.group_name(), rank=s.rank(known.loc[s.province_id, "PII"], s.units_ranked))
    else:
        finding = s.t("ex_f_heatmap_missing", province=pname, known=len(known), n=len(ranks))
    cells = ranks[codes]
    n_missing = int(cells.isna().sum().sum())
    notes = [finding, s.t("ex_n_heatmap_missing", missing=n_missing, cells=cells.size)]
    for p in known.index:
        notes.append(f"{ranks.loc[p, 'name']}: PII {s.rank(known.loc[p, 'PII'], s.units_ranked)}")
    sub = subtitle(s, s.t("fd_what_heatmap_region"), s.group_name())
    return Panel("heatmap_region", fig, finding.rstrip("."), sub, sub, notes, ids_of(sc),
                 note=s.t("ex_heatmap_note"), data=ranks,
                 filename=export_name("heatmap_region", s.lang, group=s.group, province=pname, edition=s.edition))


def heatmap_region(s: ViewState) -> Panel:
    return region(s)


# -- the page: the peer group ----------------------------------------------------------------------------------
@panel
def region_rank_line(s: ViewState) -> str:
    """The one regional rank every page shows (Markdown): published 1/14 where a source states it, else the
    computed one, labelled "… out of N with data (computed)"."""
    rr = rules.regional_rank(s.db, s.edition, s.province_id)
    return s.tm("hm_region_rank_line", province=s.name(s.province_id), rank=s.regional_rank_text(rr))


@panel
def default_peer_level(s: ViewState) -> str:
    return hm.default_peer_level(s.db, s.edition, s.peer_ids(), s.province_id)


@panel
def peer_cells(s: ViewState, level: str) -> pd.DataFrame:
    return hm.group_stats(hm.peer_matrix_with_context(s.db, s.edition, s.peer_ids(), s.province_id, level))


@dataclass(frozen=True)
class PeerInfo:
    """The lines above the peer heatmap: the coverage caption and, when rows of the pillar level stand in for a
    level the peers have no figure at, the note that says so (Markdown)."""

    coverage: str
    context_note: str | None


@panel
def peer_info(s: ViewState, level: str) -> PeerInfo:
    cells = peer_cells(s, level)
    cov = hm.coverage(cells[~cells["context"]], s.province_id, level)
    # demo data is synthetic: never "published" (issue 21)
    coverage = s.t("hm_coverage_demo" if s.demo else "hm_coverage", with_figure=cov.with_figure, cells=cov.cells,
                   pw=cov.provinces_with_figure, p=cov.provinces)
    note = None
    if cells["context"].any():
        label = s.t(f"hm_level_{level}")
        note = s.tm("hm_context_note", level=label, level_lower=label.lower(), edition=s.edition,
                    province=s.name(s.province_id))
    return PeerInfo(coverage, note)


@panel
def peers(s: ViewState, level: str, mode: str = "rank") -> Panel:
    """The peer heatmap at ``level`` coloured by ``mode``; its caption says what the colours mean."""
    cells = peer_cells(s, level)
    title = s.t("hm_peer_sub", group=s.group_name(), edition=s.edition)
    value_col = "rank" if mode in ("rank", "group_rank") else "score"
    sub = subtitle(s, s.t(f"hm_colour_{mode}"), s.group_name())
    if cells.empty or (cells[value_col].isna().all() and cells["rank"].isna().all()):
        return empty_panel("heatmap_peers", s.t("no_data_selection") + " " + s.tm("hm_peer_none", edition=s.edition),
                           sub, data=cells)
    peer_ids = s.peer_ids()
    order = hm.order_provinces(cells, s.province_id, by=s.db.scores(s.edition, provinces=peer_ids, codes=["PII"]))
    fig = peer_heatmap(cells, order, s.province_id, s.lang, mode, title)
    src = ids_of(s.db.scores(s.edition, provinces=peer_ids, codes=cells["code"].unique().tolist()))
    return Panel("heatmap_peers", fig, title, sub, mode_caption(s, level, mode), [title], src, data=cells,
                 filename=f"pii_heatmap_{s.province_id}_{s.group}_{s.edition}_{mode}")


@panel
def mode_caption(s: ViewState, level: str, mode: str = "rank") -> str:
    """What the colours of the peer heatmap mean; for a computed mode, out of how many units with data."""
    return hm.mode_caption(s, peer_cells(s, level), mode)


# -- the page: the focus province across editions ---------------------------------------------------------------
@panel
def focus(s: ViewState, level: str = "indicator") -> Panel:
    """The focus province's ranks over the last editions at ``level``; a merged edition's column says so."""
    all_editions = [int(e) for e in s.editions["edition"]]
    editions = recent_editions(all_editions, s.edition)  # the last 10: the cost grows with the archive
    cells = hm.focus_matrix(s.db, s.province_id, level, editions)
    units = units_by_edition(s.db, s.province_id, editions)
    merged = {e: u for e, u in units.items() if len(s.db.members(u))}
    title = s.t("hm_focus_sub", province=s.name(s.province_id))
    sub = subtitle(s, s.t(f"hm_level_{level}"), s.name(s.province_id)).replace(
        f"PII {s.edition}", ", ".join(f"PII {e}" for e in editions))
    if cells["rank"].isna().all() and cells["score"].isna().all():
        return empty_panel("heatmap_focus", s.t("no_data_selection"), sub, data=cells)
    fig = focus_heatmap(cells, s.lang, "rank", title, unit_names={e: s.t("hm_merged_short") for e in merged})
    src = ids_of(s.db.score_history(sorted(set(units.values())), cells["code"].unique().tolist()))
    mergers = [s.tm("hm_merger_col", edition=e, unit=s.name(u), members=", ".join(s.db.members(u)[s.name_col]))
               for e, u in merged.items()]
    return Panel("heatmap_focus", fig, title, sub, title, [title], src, data=cells, captions=mergers,
                 filename=f"pii_heatmap_{s.province_id}_editions")


@panel
def focus_caption(s: ViewState) -> str:
    """The line above the focus heatmap: what the colours mean, and how many editions are shown."""
    all_editions = [int(e) for e in s.editions["edition"]]
    editions = recent_editions(all_editions, s.edition)
    return s.t("hm_focus_caption") + " " + s.t("band_rule") + (
        " " + s.t("history_capped", n=len(editions), total=len(all_editions))
        if len(editions) < len(all_editions) else "")


VIEWS = (("heatmap_region", heatmap_region),)
