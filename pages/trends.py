"""Trends: score and rank of the focus province and its peers across editions."""

from __future__ import annotations

import streamlit as st

from pages import common, panel_view
from pii import fmt
from pii.panels import trends as panels
from pii.panels.trends import MEASURES

ctx = common.setup_page("trends")
common.show_notices_now(ctx)
P = ctx.province_id
st.title(ctx.tm("trd_title", province=ctx.province_name(P)))

codes, code_names = panels.codes(ctx)
c1, c2 = st.columns([2, 1])
code = ctx.select(c1, "code", codes, "PII", ctx.t("trd_code_label"),
                  label=lambda c: fmt.code_name(c, code_names.get(c, c)))
measure = ctx.radio(c2, "chart", MEASURES, "score", ctx.t("trd_chart_label"), label=lambda m: ctx.t(f"trd_chart_{m}"),
                    horizontal=True)

panel_view.show(panels.chart(ctx, code, measure), ctx, key=f"trd_{measure}")

st.header(ctx.t("trd_table_header"))
table = panels.table(ctx, code)
if table.empty:
    st.info(ctx.t("no_data_selection"))
else:
    common.data_table(table, ctx, "history")
    common.download_table(table, ctx, f"pii_trend_{code}_{P}", key="dl_trend")

common.finish_page(ctx)
