"""Peer comparison: the focus province against its peer group at any level (state → panels → render)."""

from __future__ import annotations

import streamlit as st

from pages import common, panel_view
from pii.analysis.compare import RADAR_MAX_PEERS
from pii.export.tables import to_csv_bytes
from pii.panels import compare as panels

ctx = common.setup_page("compare")
common.show_notices_now(ctx)
P, E = ctx.province_id, ctx.edition
names = panels.names(ctx)
st.title(ctx.tm("cmp_title", province=names.get(P, P), edition=E))
st.caption(ctx.tm("cmp_group_caption", group=ctx.group_name(), n=len(ctx.peer_ids()), edition=E))

opts = panels.options(ctx)
url_code = st.query_params.get("code")
level_default = opts.level_of[url_code] if url_code in opts.level_of else "pii"  # a link with only ?code= works
c1, c2 = st.columns([1, 2])
level = ctx.select(c1, "level", opts.levels, level_default, ctx.t("cmp_level_label"),
                   label=lambda lv: ctx.t(f"level_{lv}"))
codes = opts.codes[level]
code = ctx.select(c2, "code", codes, codes[0], ctx.t("cmp_code_label"),
                  label=lambda c: f"{c} — {opts.code_names.get(c, c)}")

bar = panels.bar(ctx, code)
panel_view.show(bar, ctx, key="cmp_bar")

st.header(ctx.t("cmp_table_header"))
table = panels.table(ctx, code)
common.data_table(table, ctx, "peers")
d1, d2 = st.columns(2)
with d1:
    common.download_table(table, ctx, f"pii_compare_{code}_{P}_{E}", key="dl_cmp_code", sources=bar.sources)
with d2:
    # built when clicked (a callable), not on every run; formula-safe CSV
    st.download_button(ctx.t("cmp_download_level", level=ctx.t(f"level_{level}")),
                       lambda: to_csv_bytes(panels.level_download(ctx, level)),
                       file_name=f"pii_compare_{level}_{P}_{E}.csv", mime="text/csv", key="dl_cmp_level",
                       on_click="ignore")

left, right = st.columns(2)
with left:
    st.header(ctx.t("cmp_radar_header"))
    candidates, default = panels.radar_choices(ctx)
    chosen = None
    if candidates != default:  # more than a few polygons are unreadable: the user picks whom to draw
        chosen = tuple(ctx.multiselect("radar", candidates, default, ctx.t("cmp_radar_pick"),
                                       label=lambda p: names.get(p, p), max_selections=RADAR_MAX_PEERS))
    panel_view.show(panels.radar(ctx, chosen), ctx, key="cmp_radar")
with right:
    st.header(ctx.t("cmp_scatter_header"))
    panel_view.show(panels.scatter(ctx), ctx, key="cmp_scatter")

common.finish_page(ctx)
