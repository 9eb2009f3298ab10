"""Strengths and weaknesses of the focus province in one edition."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import common
from pii import fmt
from pii.analysis import strengths as sw
from pii.analysis import successors as su
from pii.analysis.bands import STRONG, WEAK, band_label, band_ranges
from pii.charts.strengths import rank_profile
from pii.panels.filenames import export_name
from pii.pipeline.names import fold
from pii.provenance import ids_of

ctx = common.setup_page("strengths")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
pname = ctx.province_name(P)
n_units = ctx.units_ranked
st.title(ctx.tm("sw_title", province=pname, edition=E))
st.caption(ctx.tm("sw_intro", n=n_units) + " " + ctx.t("band_rule"))

fw = ctx.db.framework(E)
levels = [lv for lv in sw.LEVELS if (fw["level"] == lv).any()]
c1, c2, c3, c4 = st.columns([2, 2, 3, 3])
with c1:
    ctx.param("level", levels, "indicator")
    st.radio(ctx.t("sw_level"), levels, key="level", format_func=lambda v: ctx.t(f"sw_level_{v}"))
level = st.session_state["level"]
prof = sw.profile(ctx.db, E, P, common.PLAN_ID, level)
table = prof.table
pillars = fw[fw["level"] == "pillar"]
pillar_names = dict(zip(pillars["code"], pillars[ctx.name_col]))
with c2:
    ctx.param("pillar", ["all", *pillar_names], "all")
    st.selectbox(ctx.t("sw_pillar"), ["all", *pillar_names], key="pillar",
                 format_func=lambda c: ctx.t("sw_all") if c == "all" else f"{c}. {pillar_names[c]}")
# the filter lists today's units by today's name (the lines below keep "old (2024) → new (from 2025)")
succ = su.successor_map(ctx.db.unit_successors())
today = {x.new_id: x.new[L] for x in succ.values()}
unit_names = {u: today.get(u, n) for ids, names in zip(table["lead_ids"], table["lead_vi" if L == "vi" else "lead_en"])
              for u, n in zip(ids, names)}
unit_opts = ["all", *sorted(unit_names, key=lambda u: fold(unit_names[u]))]
common.follow_successor(ctx, "unit", succ, unit_names, "sw_unit_moved")  # ?unit=so_tnmt: today's unit
with c3:
    ctx.param("unit", unit_opts, "all")
    st.selectbox(ctx.t("sw_unit"), unit_opts, key="unit",
                 format_func=lambda u: ctx.t("sw_all") if u == "all" else unit_names[u])
with c4:
    ctx.param("sort", list(sw.SORTS), "rank")
    st.radio(ctx.t("sw_sort"), list(sw.SORTS), key="sort", horizontal=True,
             format_func=lambda s: ctx.t(f"sw_sort_{s}"))

pillar = None if st.session_state["pillar"] == "all" else st.session_state["pillar"]
unit = None if st.session_state["unit"] == "all" else st.session_state["unit"]
view = sw.filter_sort(table, pillar, unit, st.session_state["sort"])
lead_col = "lead_vi" if L == "vi" else "lead_en"

if prof.prev_edition is None:
    st.caption(ctx.t("sw_no_prev"))
elif not prof.comparable:
    # the merged unit is the one with members (this edition's, from 2025)
    merged = prof.unit_id if len(ctx.db.members(prof.unit_id)) else str(prof.prev_unit_id)
    members = ctx.db.members(merged)
    st.caption(ctx.tm("sw_prev_merger", prev=prof.prev_edition, unit=ctx.province_name(merged),
                     members=", ".join(members[ctx.name_col]) or "—"))
else:
    st.caption(ctx.tm("sw_prev_note", prev=prof.prev_edition))

if view.empty:
    st.info(ctx.t("no_data_selection"))
elif view["rank"].isna().all():
    st.info(ctx.t("no_data_selection") + " " + ctx.tm("sw_no_ranks", province=pname, edition=E))
else:
    def items(df: pd.DataFrame) -> str:
        if df.empty:
            return ctx.t("sw_none_in_band")
        lines = []
        for r in df.itertuples():
            line = ctx.tm("sw_item", code=r.code, name=getattr(r, ctx.name_col), rank=ctx.rank(r.rank, r.rank_of),
                         score=ctx.num(r.score))
            if r.inverse:
                line += f" · _{ctx.t('sw_inverse_short')}_"
            if level == "indicator" and getattr(r, lead_col):
                line += " · " + ctx.tm("sw_item_lead", units=", ".join(getattr(r, lead_col)))
            lines.append("- " + line)
        return "\n".join(lines)

    # on paper the weak band prints first (left): assets/style.css, @media print (issue 21)
    left, right = st.container(key="sw_bands").columns(2)
    with left:
        lo, hi = band_ranges(n_units)[STRONG]
        st.header(ctx.tm("sw_strengths", lo=lo, hi=hi))
        st.markdown(items(sw.strengths(view)))
    with right:
        lo, hi = band_ranges(n_units)[WEAK]
        st.header(ctx.tm("sw_weaknesses", lo=lo, hi=hi))
        st.markdown(items(sw.weaknesses(view)))

    fig = rank_profile(view, n_units, L, ctx.t("sw_chart_title", province=pname, edition=E))
    src = ids_of(ctx.db.scores(E, provinces=[prof.unit_id], codes=view["code"].tolist()))
    common.plotly(fig, ctx, key="sw_profile", sources=src,
                  filename=export_name("strengths", L, province=pname, edition=E, extra=ctx.t(f"sw_level_{level}")))

if not view.empty:
    st.header(ctx.t("sw_table"))
    if view["weight"].isna().all():
        st.caption(ctx.tm("sw_weight_unknown", edition=E))
    missing = ctx.t("missing")
    shown = pd.DataFrame({
        ctx.t("code"): view["code"],
        ctx.t("name"): view[ctx.name_col],
        ctx.t("score"): [ctx.num(v) for v in view["score"]],
        ctx.t("rank"): [ctx.rank(r, o) for r, o in zip(view["rank"], view["rank_of"])],
        ctx.t("band_col"): [band_label(int(b), int(o), L) if not fmt.is_missing(b) else "—"
                            for b, o in zip(view["band"], view["rank_of"])],
        ctx.t("sw_col_score_change"): [fmt.number(v, L, signed=True, missing="—") for v in view["score_change"]],
        ctx.t("sw_col_rank_change"): ["—" if fmt.is_missing(v) else f"{int(v):+d}".replace("-", "−")
                                      for v in view["rank_change"]],
        ctx.t("sw_col_lead"): [", ".join(x) for x in view[lead_col]],
        ctx.t("sw_col_source"): [s if isinstance(s, str) and s else "" for s in view["source_index"]],
        ctx.t("sw_col_inverse"): [ctx.t("sw_yes") if v else "" for v in view["inverse"]],
        ctx.t("sw_col_weight"): [sw.fraction_text(f) or "—" for f in view["weight_frac"]],
    })
    common.data_table(shown, ctx, "indicators",
                      column_config={ctx.t("score"): st.column_config.TextColumn(help=missing)})
    # numbers stay numbers; headers in the UI language (the file is read by the same people)
    export = pd.DataFrame({
        ctx.t("xl_edition"): E, ctx.t("xl_province_id"): prof.unit_id, ctx.t("code"): view["code"],
        ctx.t("name"): view[ctx.name_col], ctx.t("score"): view["score"], ctx.t("rank"): view["rank"],
        ctx.t("xl_rank_of"): view["rank_of"],
        ctx.t("band_col"): [band_label(int(b), int(o), L) if not fmt.is_missing(b) else "" for b, o in
                            zip(view["band"], view["rank_of"])],
        ctx.t("sw_col_score_change"): view["score_change"], ctx.t("sw_col_rank_change"): view["rank_change"],
        ctx.t("sw_col_lead"): [", ".join(x) for x in view[lead_col]],
        ctx.t("sw_col_source"): view["source_index"], ctx.t("sw_col_inverse"): view["inverse"],
        ctx.t("sw_col_weight"): [sw.fraction_text(f) for f in view["weight_frac"]],
    })
    src_ids = ids_of(ctx.db.scores(E, provinces=[prof.unit_id], codes=view["code"].tolist()))
    common.download_table(export, ctx, export_name("strengths", L, province=pname, edition=E,
                                                   extra=ctx.t(f"sw_level_{level}")), sources=src_ids)

common.finish_page(ctx)
