"""Overview: one screen for leadership — score, ranks, change, target tracker, pillars (state → panels → render:
every figure comes from ``pii.panels.overview``, the same panels the leadership pack draws)."""

from __future__ import annotations

import streamlit as st

from pages import common, panel_view, progress_parts
from pii.export.press import DOCX_MIME, to_docx, to_txt
from pii.panels import overview as panels
from pii.panels.filenames import export_name

ctx = common.setup_page("overview")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
pname = ctx.province_name(P)
st.title(ctx.tm("ov_title", province=pname, edition=E))

with st.spinner(ctx.t("loading")):
    # the page a meeting opens at once: panels are memoised per argument and data version (pii.panels.panel)
    kpis = panels.kpis(ctx)
    target = panels.target_block(ctx)
if kpis.merger_note:
    ctx.notices.append(kpis.merger_note)

for col, tile in zip(st.columns(3), kpis.tiles):
    common.kpi(col, tile.label, tile.value, tile.delta, note=tile.note)
st.caption(kpis.group_note)

# --- target tracker ---------------------------------------------------------
st.header(ctx.t("ov_target_title"))
st.caption(target.caption)
t1, t2 = st.columns(2)
with t1:
    st.metric(ctx.t("ov_target_national"), target.national_status)
    st.markdown("\n".join(f"- {line}" for line in target.national_lines))
with t2:
    st.metric(ctx.t("ov_target_region"), target.region_status)
    st.markdown("\n".join(f"- {line}" for line in target.region_lines))

# --- pillars: the leadership pack's overview slide --------------------------------
pillars = panels.pillars(ctx)
st.header(ctx.tm("ov_pillars_title", province=pname, edition=E))
panel_view.show(pillars, ctx, key="ov_pillars")
if pillars.empty is None:
    left, right = st.columns([3, 2])
    with left:
        common.data_table(pillars.grid, ctx, "pillars")
        common.download_table(pillars.grid, ctx, f"pii_{P}_{E}_pillars", key="ov_dl")
    with right:
        st.markdown(f"**{ctx.t('ov_subindex')}**")
        st.markdown("  \n".join(panels.subindex_lines(ctx)))

# --- the units' reporting on the plan (issue 23): shown once anyone has reported ----------------
progress_parts.leadership_block(ctx)

# --- sources ------------------------------------------------------------------
common.sources_expander(ctx, panels.source_ids(ctx))

# --- press summary: ready to publish, copy or download ---------------------------------
press = panels.press(ctx)
st.header(ctx.t("pr_header"))
st.caption(ctx.t("pr_help"))
with st.container(border=True):
    st.text(press.text)
with st.container(horizontal=True):
    # st.code's highlighter is a 1.5 MB script: loaded only when the copy box is opened, not on every page load
    copy = st.popover(ctx.t("pr_copy"), icon=":material/content_copy:", help=ctx.t("pr_copy_help"), key="pr_copy",
                      on_change="rerun")
    if copy.open:
        copy.code(press.text, language=None, wrap_lines=True)
    name = export_name("press", L, province=pname, edition=E)
    st.download_button(ctx.t("pr_download_txt"), to_txt(press), file_name=f"{name}.txt", mime="text/plain",
                       key="pr_txt", icon=":material/description:")
    st.download_button(ctx.t("pr_download_docx"), lambda: to_docx(press, L), file_name=f"{name}.docx",
                       mime=DOCX_MIME, key="pr_docx", on_click="ignore", icon=":material/article:")

common.finish_page(ctx)
