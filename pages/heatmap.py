"""Weakness heatmaps: the peer group first ("weak against whom?"), then the
focus province across editions. View, level and mode live in the URL."""

from __future__ import annotations

import streamlit as st

from pages import common, panel_view
from pii import fmt
from pii.analysis import heatmap as hm
from pii.panels import heatmap as panels

ctx = common.setup_page("heatmap")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
pname = ctx.province_name(P)
st.title(ctx.tm("hm_title", province=pname))

gname = ctx.group_name()
level_label = {lv: ctx.t(f"hm_level_{lv}") for lv in hm.SHOWN_LEVELS}


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


def peer_view() -> None:
    st.header(ctx.tm("hm_peer_sub", group=gname, edition=E))
    c1, c2 = st.columns(2)
    with c1:
        level = ctx.radio(st, "peer_level", hm.SHOWN_LEVELS, panels.default_peer_level(ctx), ctx.t("hm_peer_level"),
                          label=level_label.get, horizontal=True)
    with c2:
        mode = ctx.radio(st, "mode", hm.MODES, "rank", ctx.t("hm_colour"), label=lambda c: ctx.t(f"hm_colour_{c}"),
                         horizontal=True)
    st.markdown(panels.region_rank_line(ctx))  # the one regional rank every page shows (published 1/14 first)
    info = panels.peer_info(ctx, level)
    st.caption(info.coverage)
    if info.context_note:
        st.info(info.context_note, icon=":material/info:")
        st.page_link("pages/import_data.py", label=ctx.t("hm_context_link"), icon=":material/upload_file:")
    heat = panels.peers(ctx, level, mode)
    if heat.empty is not None:
        st.info(heat.empty)
        return
    st.caption(heat.finding)  # what the colours mean
    with st.container(key="hm_scroll"):  # on a phone the grid scrolls sideways in this box (assets/style.css)
        panel_view.show(heat, ctx, key="hm_peers", heading=False)  # the figure carries its own title
    cells = heat.data
    rows = cells.drop_duplicates("code")
    open_detail(rows["code"].tolist(), dict(zip(rows["code"], rows[ctx.name_col])), f"hm_peer_open_{level}",
                hm.weakest_code(cells[cells["is_focus"] & ~cells["context"]]))


def focus_view() -> None:
    st.header(ctx.tm("hm_focus_sub", province=pname))
    level = ctx.radio(st, "level", hm.SHOWN_LEVELS, "indicator", ctx.t("hm_level"), label=level_label.get,
                      horizontal=True)
    heat = panels.focus(ctx, level)
    if heat.empty is not None:
        st.info(heat.empty)
        return
    st.caption(panels.focus_caption(ctx))
    panel_view.show(heat, ctx, key="hm_focus", heading=False)  # the merged editions' lines are its captions
    cells = heat.data
    rows = cells.drop_duplicates("code")
    open_detail(rows["code"].tolist(), dict(zip(rows["code"], rows[ctx.name_col])), "hm_focus_open",
                hm.weakest_code(cells[cells["edition"] == E]))


view = ctx.radio(st, "view", hm.TABS, "peers", ctx.t("hm_view"), label=lambda v: ctx.t(f"hm_tab_{v}"),
                 horizontal=True)


# Issue 21: this view used to run as an ``st.fragment`` (a level or colour change redrew it alone). Under
# Streamlit 1.67 a fragment rerun left the sidebar's widget state (language, edition, group) to be dropped on the
# next page, and the lazy Export popover (``on_change="rerun"``) inside it never opened; a full rerun of this page
# costs ~40 ms of server time, like every other page's controls.
if st.session_state["view"] == "peers":
    peer_view()
else:
    focus_view()

common.finish_page(ctx)
