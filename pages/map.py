"""Map: the provinces by PII score or rank for the edition."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import common
from pii.analysis import findings
from pii.analysis import map as geo
from pii.analysis.compare import code_info
from pii.charts.map import choropleth, label_leaders
from pii.panels.filenames import export_name
from pii.provenance import ids_of

ctx = common.setup_page("map")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
db = ctx.db
st.title(ctx.tm("map_title", edition=E))

measure = ctx.param("measure", list(geo.MEASURES), "score", label=lambda m: ctx.t(f"map_measure_{m}"))
st.radio(ctx.t("map_measure_label"), list(geo.MEASURES), key="measure", horizontal=True,
         format_func=lambda m: ctx.t(f"map_measure_{m}"))
measure = st.session_state["measure"]

try:
    frame = geo.map_frame(db, E, measure, L)
except geo.GeometryMismatch as err:  # a data/geometry mismatch is shown, not traced
    st.error(ctx.tm("map_geo_error", error=err))
    common.finish_page(ctx)
    st.stop()

n_missing = int(frame["missing"].sum())
if n_missing == len(frame):
    st.info(ctx.tm("map_empty", measure=ctx.t(f"map_measure_{measure}"), edition=E))
else:
    desc = code_info(db.framework(E), "PII", L)["description"]
    fig = choropleth(frame, measure, P, E, L, desc, geo.members_text(db, E, L))
    label_leaders(fig, frame, P, L)  # the focus province and the leaders named on the map
    found = findings.map_(frame, P, measure, L)
    fig.update_layout(title=None)
    st.header(found.title)  # the title states the finding; the same text is the exported image's title
    common.plotly(fig, ctx, key=f"map_{measure}_{E}", title=found.title,
                  filename=export_name("map", L, province=ctx.province_name(P), edition=E,
                                       extra=ctx.t(f"map_measure_{measure}")),
                  sources=ids_of(db.scores(E, codes=["PII"])))
note = "map_units_note_demo" if ctx.demo else "map_units_note"
st.caption(ctx.t(note, n=len(frame), shown=len(frame) - n_missing, missing=n_missing))
if geo.unit_set_of(db, E) != "63":
    st.caption(ctx.t("map_units_34"))
st.caption(ctx.t("map_islands"))
st.caption(f"{geo.GEO_ATTRIBUTION} ({geo.GEO_LICENSE_URL})")

ordered = frame.sort_values(["rank", "name"], na_position="last")
table = pd.DataFrame({
    ctx.t("province"): ordered["name"],
    ctx.t("score"): [ctx.num(v) for v in ordered["score"]],
    ctx.t("rank"): [ctx.rank(r, o) for r, o in zip(ordered["rank"], ordered["rank_of"])],
})
common.data_table(table, ctx, "units")
common.download_table(table, ctx, f"pii_map_{E}", key="dl_map")

common.finish_page(ctx)
