"""Data & sources: coverage, editions, method, sources, licences."""

from __future__ import annotations

import streamlit as st

from pages import common
from pii.analysis.map import GEO_ATTRIBUTION, GEO_LICENSE_URL
from pii.panels import about as panels

ctx = common.setup_page("about")
common.show_notices_now(ctx)
st.title(ctx.t("ab_title"))
st.markdown(ctx.t("ab_intro"))

st.header(ctx.t("ab_coverage"))
st.caption(ctx.t("ab_coverage_note"))
st.dataframe(panels.coverage(ctx), hide_index=True, width="stretch")

st.header(ctx.t("ab_editions"))
st.dataframe(panels.editions(ctx), hide_index=True, width="stretch")

st.header(ctx.t("ab_method"))
st.markdown(ctx.t("ab_method_text"))
st.header(ctx.t("ab_merger"))
st.markdown(ctx.t("ab_merger_text"))
st.header(ctx.t("ab_plan"))
st.markdown(ctx.t("ab_plan_text"))

st.header(ctx.t("ab_conflicts"))
st.markdown(ctx.t("ab_conflicts_text"))
st.caption(panels.status_caption(ctx))

st.header(ctx.t("ab_sources"))
src = panels.sources(ctx)
st.dataframe(src.shown, hide_index=True, width="stretch", column_config={"url": st.column_config.LinkColumn("URL")})
common.download_table(src.download, ctx, "pii_sources", key="ab_dl_sources")

st.header(ctx.t("ab_geo"))
st.markdown(f"{GEO_ATTRIBUTION} — <{GEO_LICENSE_URL}>")
common.finish_page(ctx)
