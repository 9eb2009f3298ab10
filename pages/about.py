"""Data & sources: coverage, editions, method, sources, licences."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import common
from pii import fmt
from pii.analysis.map import GEO_ATTRIBUTION, GEO_LICENSE_URL
from pii.provenance import known_title

ctx = common.setup_page("about")
common.show_notices_now(ctx)
st.title(ctx.t("ab_title"))
st.markdown(ctx.t("ab_intro"))

st.header(ctx.t("ab_coverage"))
st.caption(ctx.t("ab_coverage_note"))
cov = ctx.db.coverage()
table = pd.DataFrame({
    ctx.t("edition"): cov["edition"].astype(str),
    ctx.t("level"): [ctx.t(f"level_{lvl}") for lvl in cov["level"]],
    ctx.t("ab_units_score"): cov["units_with_score"],
    ctx.t("ab_units_rank"): cov["units_with_rank"],
})
st.dataframe(table, hide_index=True, width="stretch")

st.header(ctx.t("ab_editions"))
eds = ctx.editions
st.dataframe(pd.DataFrame({
    ctx.t("edition"): eds["edition"].astype(str),
    ctx.t("ab_units_ranked"): eds["units_ranked"],
    ctx.t("ab_published_on"): [fmt.date(d, ctx.lang) for d in eds["published_on"]],  # dd/mm/yyyy in Vietnamese
    ctx.t("ab_framework"): eds["framework_vi" if ctx.lang == "vi" else "framework_en"],
}), hide_index=True, width="stretch")

st.header(ctx.t("ab_method"))
st.markdown(ctx.t("ab_method_text"))
st.header(ctx.t("ab_merger"))
st.markdown(ctx.t("ab_merger_text"))
st.header(ctx.t("ab_plan"))
st.markdown(ctx.t("ab_plan_text"))

st.header(ctx.t("ab_conflicts"))
st.markdown(ctx.t("ab_conflicts_text"))
status = ctx.db.status_counts().set_index("status")["figures"]
st.caption(ctx.tm("ab_status_counts", agreed=int(status.get("agreed", 0)), single=int(status.get("single", 0)),
                 resolved=int(status.get("resolved", 0))))

st.header(ctx.t("ab_sources"))
src = ctx.db.sources()
st.dataframe(src[["source_id", "publisher", "title", "url", "published_on"]].assign(
    title=[known_title(r) or "" for r in src.itertuples()],  # a title made of the link's words is left blank
    published_on=[fmt.date(d, ctx.lang, missing="") for d in src["published_on"]]), hide_index=True, width="stretch",
             column_config={"url": st.column_config.LinkColumn("URL")})
common.download_table(src, ctx, "pii_sources", key="ab_dl_sources")

st.header(ctx.t("ab_geo"))
st.markdown(f"{GEO_ATTRIBUTION} — <{GEO_LICENSE_URL}>")
common.finish_page(ctx)
