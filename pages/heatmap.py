"""Weakness heatmaps: the peer group first ("weak against whom?"), then the
focus province across editions. View, level and mode live in the URL."""

from __future__ import annotations

import streamlit as st

from pages import common
from pii import fmt
from pii.analysis import heatmap as hm
from pii.analysis.history import recent_editions
from pii.analysis.rules import regional_rank
from pii.analysis.units import units_by_edition
from pii.charts.heatmap import focus_heatmap, peer_heatmap
from pii.memo import memo
from pii.provenance import ids_of

ctx = common.setup_page("heatmap")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
pname = ctx.province_name(P)
st.title(ctx.tm("hm_title", province=pname))

gname = ctx.group_name()
peers = ctx.peer_ids()
level_label = {lv: ctx.t(f"hm_level_{lv}") for lv in hm.LEVELS}


def open_detail(codes: list[str], names: dict[str, str], key: str, first: str | None) -> None:
    """Selecting a row opens the indicator detail (a real link, so it also
    opens in a new tab and can be shared)."""
    if not codes:
        return
    a, b = st.columns([3, 2], vertical_alignment="bottom")
    with a:
        code = st.selectbox(ctx.t("hm_open_pick"), codes, key=key, index=codes.index(first) if first in codes else 0,
                            format_func=lambda c: fmt.code_name(c, names.get(c, "")))
    with b:
        st.page_link("pages/indicator.py", label=ctx.t("hm_open"), icon=":material/open_in_new:",
                     query_params={"code": code, "lang": L, "edition": str(E), "province": P})


def mode_caption(cells, mode: str) -> None:  # type: ignore[no-untyped-def]
    st.caption(hm.mode_caption(ctx, cells, mode))


def peer_view() -> None:
    st.header(ctx.tm("hm_peer_sub", group=gname, edition=E))
    default_level = hm.default_peer_level(ctx.db, E, peers, P)
    c1, c2 = st.columns(2)
    with c1:
        ctx.param("peer_level", list(hm.LEVELS), default_level)
        st.radio(ctx.t("hm_peer_level"), list(hm.LEVELS), key="peer_level", horizontal=True,
                 format_func=level_label.get)
    with c2:
        ctx.param("mode", list(hm.MODES), "rank")
        st.radio(ctx.t("hm_colour"), list(hm.MODES), key="mode", horizontal=True,
                 format_func=lambda c: ctx.t(f"hm_colour_{c}"))
    level, mode = st.session_state["peer_level"], st.session_state["mode"]
    rr = regional_rank(ctx.db, E, P)  # the one regional rank every page shows
    st.markdown(ctx.tm("hm_region_rank_line", province=pname, rank=ctx.regional_rank_text(rr)))
    pcells = memo(ctx.db, ("hm_peer_cells", E, tuple(peers), P, level),
                  lambda: hm.group_stats(hm.peer_matrix_with_context(ctx.db, E, peers, P, level)))
    cov = hm.coverage(pcells[~pcells["context"]], P, level)
    # demo data is synthetic: never "published" (issue 21)
    st.caption(ctx.t("hm_coverage_demo" if ctx.demo else "hm_coverage", with_figure=cov.with_figure,
                     cells=cov.cells, pw=cov.provinces_with_figure, p=cov.provinces))
    if pcells["context"].any():
        st.info(ctx.tm("hm_context_note", level=level_label[level], level_lower=level_label[level].lower(),
                      edition=E, province=pname), icon=":material/info:")
        st.page_link("pages/import_data.py", label=ctx.t("hm_context_link"), icon=":material/upload_file:")
    value_col = "rank" if mode in ("rank", "group_rank") else "score"
    if pcells.empty or (pcells[value_col].isna().all() and pcells["rank"].isna().all()):
        st.info(ctx.t("no_data_selection") + " " + ctx.tm("hm_peer_none", edition=E))
        return
    mode_caption(pcells, mode)
    order = hm.order_provinces(pcells, P, by=ctx.db.scores(E, provinces=peers, codes=["PII"]))
    title = ctx.t("hm_peer_sub", group=gname, edition=E)
    # the figure (hover text per cell) is built once per input and data version, shared by sessions
    fig = memo(ctx.db, ("hm_peer", E, tuple(peers), P, level, mode, L, title, tuple(order)),
               lambda: peer_heatmap(pcells, order, P, L, mode, title))
    src = ids_of(ctx.db.scores(E, provinces=peers, codes=pcells["code"].unique().tolist()))
    with st.container(key="hm_scroll"):  # on a phone the grid scrolls sideways in this box (assets/style.css)
        common.plotly(fig, ctx, key="hm_peers", filename=f"pii_heatmap_{P}_{ctx.group}_{E}_{mode}", sources=src)
    rows = pcells.drop_duplicates("code")
    open_detail(rows["code"].tolist(), dict(zip(rows["code"], rows[ctx.name_col])), f"hm_peer_open_{level}",
                hm.weakest_code(pcells[pcells["is_focus"] & ~pcells["context"]]))


def focus_view() -> None:
    st.header(ctx.tm("hm_focus_sub", province=pname))
    ctx.param("level", list(hm.LEVELS), "indicator")
    st.radio(ctx.t("hm_level"), list(hm.LEVELS), key="level", horizontal=True, format_func=level_label.get)
    all_editions = [int(e) for e in ctx.editions["edition"]]
    editions = recent_editions(all_editions, E)  # the last 10: the cost grows with the archive
    level = st.session_state["level"]
    cells = memo(ctx.db, ("hm_focus_cells", P, level, tuple(editions)),
                 lambda: hm.focus_matrix(ctx.db, P, level, editions))
    units = units_by_edition(ctx.db, P, editions)
    merged = {e: u for e, u in units.items() if len(ctx.db.members(u))}
    if cells["rank"].isna().all() and cells["score"].isna().all():
        st.info(ctx.t("no_data_selection"))
        return
    st.caption(ctx.t("hm_focus_caption") + " " + ctx.t("band_rule") + (
        " " + ctx.t("history_capped", n=len(editions), total=len(all_editions))
        if len(editions) < len(all_editions) else ""))
    title = ctx.t("hm_focus_sub", province=pname)
    fig = memo(ctx.db, ("hm_focus", P, level, tuple(editions), L, title, tuple(merged)),
               lambda: focus_heatmap(cells, L, "rank", title, unit_names={e: ctx.t("hm_merged_short") for e in merged}))
    src = ids_of(ctx.db.score_history(sorted(set(units.values())), cells["code"].unique().tolist()))
    common.plotly(fig, ctx, key="hm_focus", filename=f"pii_heatmap_{P}_editions", sources=src)
    for e, u in merged.items():
        st.caption(ctx.tm("hm_merger_col", edition=e, unit=ctx.province_name(u),
                         members=", ".join(ctx.db.members(u)[ctx.name_col])))
    rows = cells.drop_duplicates("code")
    open_detail(rows["code"].tolist(), dict(zip(rows["code"], rows[ctx.name_col])), "hm_focus_open",
                hm.weakest_code(cells[cells["edition"] == E]))


view = ctx.param("view", list(hm.TABS), "peers")
st.radio(ctx.t("hm_view"), list(hm.TABS), key="view", horizontal=True, format_func=lambda v: ctx.t(f"hm_tab_{v}"))


# Issue 21: this view used to run as an ``st.fragment`` (a level or colour change redrew it alone). Under
# Streamlit 1.67 a fragment rerun left the sidebar's widget state (language, edition, group) to be dropped on the
# next page, and the lazy Export popover (``on_change="rerun"``) inside it never opened; a full rerun of this page
# costs ~40 ms of server time, like every other page's controls.
if st.session_state["view"] == "peers":
    peer_view()
else:
    focus_view()

common.finish_page(ctx)
