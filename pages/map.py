"""Map: the provinces by PII score or rank for the edition (state → panels → render)."""

from __future__ import annotations

import streamlit as st

from pages import common, panel_view
from pii.analysis import map as geo
from pii.panels import map as panels

ctx = common.setup_page("map")
common.show_notices_now(ctx)
E = ctx.edition
st.title(ctx.tm("map_title", edition=E))

measure = ctx.radio(st, "measure", geo.MEASURES, "score", ctx.t("map_measure_label"),
                    label=lambda m: ctx.t(f"map_measure_{m}"), horizontal=True)

try:
    chart = panels.choropleth(ctx, measure)
except geo.GeometryMismatch as err:  # a data/geometry mismatch is shown, not traced
    st.error(ctx.tm("map_geo_error", error=err))
    common.finish_page(ctx)
    st.stop()

panel_view.show(chart, ctx, key=f"map_{measure}_{E}")  # the finding heads the map, as on the slide
table = panels.table(ctx, measure)
common.data_table(table, ctx, "units")
common.download_table(table, ctx, f"pii_map_{E}", key="dl_map")

common.finish_page(ctx)
