"""Trends: score and rank of the focus province and its peers across editions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import common
from pii import fmt
from pii.analysis import compare as cmp
from pii.analysis import findings
from pii.analysis.history import recent_editions
from pii.analysis.trends import merger_notes, trend_data
from pii.charts.trends import MEASURES, trend_chart
from pii.memo import memo
from pii.panels.filenames import export_name

ctx = common.setup_page("trends")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
db = ctx.db
st.title(ctx.tm("trd_title", province=ctx.province_name(P)))

fw = db.framework(E).sort_values("sort_order")
codes = fw["code"].tolist()
code_names = fw.set_index("code")[ctx.name_col].to_dict()
c1, c2 = st.columns([2, 1])
ctx.param("code", codes, "PII")
c1.selectbox(ctx.t("trd_code_label"), codes, key="code", format_func=lambda c: fmt.code_name(c, code_names.get(c, c)))
code = st.session_state["code"]
ctx.param("chart", list(MEASURES), "score", label=lambda m: ctx.t(f"trd_chart_{m}"))
c2.radio(ctx.t("trd_chart_label"), list(MEASURES), key="chart", horizontal=True,
         format_func=lambda m: ctx.t(f"trd_chart_{m}"))
measure = st.session_state["chart"]
info = cmp.code_info(fw, code, L)

peers = ctx.peer_ids()
prefer: set[str] = set()
if ctx.group != common.CUSTOM_GROUP:
    # pre-merger members of the same group, so a 2025 unit is followed back
    # through the province that put it in the group
    old_eds = ctx.editions[ctx.editions["unit_set"].astype(str) == "63"]["edition"]
    for ed in old_eds:
        prefer |= set(db.peer_group_members(ctx.group, int(ed))["province_id"])
all_eds = [int(e) for e in ctx.editions["edition"]]
shown = recent_editions(all_eds, E)  # the last 10: the cost grows with the archive
# series and figure built once per input and data version, shared by sessions (pii/memo.py)
key = (P, E, tuple(peers), code, L, tuple(sorted(prefer)), tuple(shown))
data = memo(db, ("trend_data", *key), lambda: trend_data(db, P, peers, code, L, prefer=prefer, only=shown))
if data.rows[measure].isna().all():
    st.info(ctx.tm("trd_empty", code=code, name=info["name"]))
else:
    focus_rows = data.rows[data.rows["lineage"].isin([lin.old_id for lin in data.lineages if lin.focus])]
    found = findings.trends(focus_rows, measure, ctx.province_name(P), code, L)
    st.markdown(f"**{found.title}**")  # the finding; also the exported image's title
    missing = data.no_score if measure == "score" else data.no_rank
    common.plotly(memo(db, ("trend_fig", measure, *key), lambda: trend_chart(data, measure, info, L)), ctx,
                  key=f"trd_{measure}", title=found.title, note=findings.missing_note(missing, len(data.lineages), L),
                  filename=export_name("trends", L, group=ctx.group, province=ctx.province_name(P), edition=E,
                                       extra=f"{code}-{ctx.t(f'trd_chart_{measure}')}"))
    st.caption(ctx.t("trd_break_note"))
if len(shown) < len(all_eds):
    st.caption(ctx.tm("history_capped", n=len(shown), total=len(all_eds)))
not_shown = data.no_score if measure == "score" else data.no_rank
if not_shown:
    st.caption(ctx.tm("cmp_not_shown", names=", ".join(not_shown)))

short = dict(zip(db.all_provinces()["province_id"], db.all_provinces()[ctx.name_col]))
for unit, members, carrier in merger_notes(data):
    st.caption(ctx.tm("trd_merged_into", unit=short.get(unit, unit), members=" + ".join(members), carrier=carrier))

st.header(ctx.t("trd_table_header"))
rows = data.rows[data.rows[["score", "rank"]].notna().any(axis=1)]
table = pd.DataFrame({
    ctx.t("trd_series"): rows["name"],
    ctx.t("trd_edition"): [f"PII {e}" for e in rows["edition"]],
    ctx.t("trd_unit"): rows["unit_name"],
    ctx.t("score"): [ctx.num(v) for v in rows["score"]],
    ctx.t("rank"): [ctx.rank(r, o) for r, o in zip(rows["rank"], rows["rank_of"])],
})
if table.empty:
    st.info(ctx.t("no_data_selection"))
else:
    common.data_table(table, ctx, "history")
    common.download_table(table, ctx, f"pii_trend_{code}_{P}", key="dl_trend")

common.finish_page(ctx)
