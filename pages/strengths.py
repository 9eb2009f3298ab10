"""Strengths and weaknesses of the focus province in one edition (state → panels → render: the figures come
from ``pii.panels.strengths``; the ten best / ten lowest chart is the leadership pack's strengths slide)."""

from __future__ import annotations

import streamlit as st

from pages import common, panel_view
from pii.analysis import strengths as sw
from pii.panels import strengths as panels

ctx = common.setup_page("strengths")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
pname = ctx.province_name(P)
st.title(ctx.tm("sw_title", province=pname, edition=E))
st.caption(ctx.tm("sw_intro", n=ctx.units_ranked) + " " + ctx.t("band_rule"))

levels = panels.levels(ctx)
c1, c2, c3, c4 = st.columns([2, 2, 3, 3])
level = ctx.radio(c1, "level", levels, "indicator", ctx.t("sw_level"), label=lambda v: ctx.t(f"sw_level_{v}"))
opts = panels.filters(ctx, level)
pillar_names, unit_names = opts.pillar_names, opts.unit_names
pillar = ctx.select(c2, "pillar", ["all", *pillar_names], "all", ctx.t("sw_pillar"),
                    label=lambda c: ctx.t("sw_all") if c == "all" else f"{c}. {pillar_names[c]}")
common.follow_successor(ctx, "unit", opts.successors, unit_names, "sw_unit_moved")  # ?unit=so_tnmt: today's unit
unit = ctx.select(c3, "unit", ["all", *unit_names], "all", ctx.t("sw_unit"),
                  label=lambda u: ctx.t("sw_all") if u == "all" else unit_names[u])
sort = ctx.radio(c4, "sort", sw.SORTS, "rank", ctx.t("sw_sort"), label=lambda s: ctx.t(f"sw_sort_{s}"), horizontal=True)
args = (level, None if pillar == "all" else pillar, None if unit == "all" else unit, sort)

st.caption(panels.prev_caption(ctx, level))

bands = panels.bands(ctx, *args)
if bands.empty is not None:
    st.info(bands.empty)
else:
    # on paper the weak band prints first (left): assets/style.css, @media print (issue 21)
    left, right = st.container(key="sw_bands").columns(2)
    with left:
        st.header(bands.strong_header)
        st.markdown(bands.strong)
    with right:
        st.header(bands.weak_header)
        st.markdown(bands.weak)
    if level == "indicator":  # the leadership pack's slide, for the same filters
        panel_view.show(panels.best_worst(ctx, args[1], args[2]), ctx, key="sw_best_worst")
    profile = panels.profile_chart(ctx, *args)
    panel_view.show(profile, ctx, key="sw_profile", heading=False)  # the chart carries its own title

grid = panels.grid(ctx, *args)
if not grid.shown.empty:
    st.header(ctx.t("sw_table"))
    if grid.weight_unknown:
        st.caption(ctx.tm("sw_weight_unknown", edition=E))
    common.data_table(grid.shown, ctx, "indicators",
                      column_config={ctx.t("score"): st.column_config.TextColumn(help=ctx.t("missing"))})
    common.download_table(grid.export, ctx, grid.filename, sources=grid.sources)

common.finish_page(ctx)
