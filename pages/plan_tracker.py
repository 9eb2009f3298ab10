"""Action plan tracker: who owns each weak indicator and what the plan says to do."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import common, panel_view
from pii.analysis import plan_tracker as pt
from pii.analysis.bands import WEAK, band_ranges
from pii.analysis.rules import weakest
from pii.export import unit_sheet as xs
from pii.panels import plan_tracker as panels
from pii.provenance import ids_of

ctx = common.setup_page("plan_tracker")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
pname = ctx.province_name(P)
st.title(ctx.tm("pt_title", province=pname, edition=E))
st.caption(ctx.t("pt_intro"))

with st.spinner(ctx.t("loading")):
    tr = panels.tracker(ctx)
table, summary, mine, prev = tr.table, tr.summary, tr.mine, tr.prev
editions = [int(e) for e in ctx.editions["edition"]]

st.caption(ctx.tm("unit_successor_note", sources=panels.successor_basis(ctx)))
n_ranked = ctx.units_ranked
if (no_scores := panels.no_scores_message(ctx)) is not None:
    st.info(no_scores)
if table["name_vi"].isna().any() or E != min(editions):
    st.caption(ctx.tm("pt_codes_note", edition=E))

lo, hi = band_ranges(n_ranked)[WEAK]
bottom = weakest(table[table["band"] == WEAK])
c1, c2, c3 = st.columns(3)
has_ranks = table["rank"].notna().any()  # with no published rank, "0 weak" would be a false all-clear
c1.metric(ctx.tm("pt_m_bottom", lo=lo, hi=hi), str(len(bottom)) if has_ranks else ctx.t("missing"))
c2.metric(ctx.t("pt_m_units_bottom"), str(int((summary["n_bottom"] > 0).sum())) if has_ranks else ctx.t("missing"))
c3.metric(ctx.t("pt_m_indicators"), str(len(table)))

lead_col, partner_col, name_col = f"lead_{L}", f"partner_{L}", ctx.name_col


def indicator_frame(df: pd.DataFrame, with_actions: bool = False) -> pd.DataFrame:
    return pt.indicator_frame(ctx, df, prev, with_actions)


COLUMN_CONFIG = {ctx.t("name"): st.column_config.TextColumn(width="medium"),
                 ctx.t("pt_col_lead"): st.column_config.TextColumn(width="medium"),
                 ctx.t("pt_col_partners"): st.column_config.TextColumn(width="medium")}


def show(df: pd.DataFrame, **kw: object) -> None:
    st.dataframe(df, hide_index=True, width="stretch", column_config=COLUMN_CONFIG, **kw)


# --- one screen: who owns the weak-band indicators ---------------------------------------
st.header(ctx.t("pt_bottom_owners"))
if len(bottom):
    for r in bottom.itertuples():
        st.markdown(ctx.tm("pt_owner_line", code=r.code, name=getattr(r, name_col), score=ctx.num(r.score),
                          rank=ctx.rank(r.rank, r.rank_of), lead="; ".join(getattr(r, lead_col)),
                          partners="; ".join(getattr(r, partner_col)) or "—"))
    details = common.lazy_expander(ctx.t("pt_owner_details"), "pt_owner_details")
    if details is not None:
        with details:
            show(indicator_frame(bottom, with_actions=True))
else:
    st.markdown(ctx.t("pt_bottom_none") if mine["score"].notna().any() else ctx.t("missing"))
if prev is None:
    st.caption(ctx.t("pt_no_prev"))

names = dict(zip(summary["unit_id"], summary[f"unit_{L}"]))
common.follow_successor(ctx, "lead", tr.successors, names, "pt_lead_moved")  # ?lead=so_tnmt: today's unit
# bound before the tabs so the unit stays in the URL while the other tab is open
unit = ctx.param("lead", summary["unit_id"].tolist(), summary["unit_id"].iat[0], label=names.get)
tabs = ctx.section_tabs({"unit": "pt_tab_unit", "indicator": "pt_tab_indicator"}, "unit")  # lazy: open one runs
tab_unit, tab_ind = tabs["unit"], tabs["indicator"]
if tab_unit.open:
    with tab_unit:
        st.header(ctx.t("pt_units_title"))
        units_panel = panels.units(ctx)  # the same panel as the pack's slide
        panel_view.show(units_panel, ctx, key="pt_units")
        common.data_table(units_panel.grid, ctx, "units")
        st.selectbox(ctx.t("pt_unit_pick"), summary["unit_id"].tolist(), key="lead", format_func=lambda u: names[u])
        unit = st.session_state["lead"]
        row = summary.set_index("unit_id").loc[unit]
        us = panels.unit_sheet(ctx, unit)
        sheet = us.sheet
        st.markdown(f"### {ctx.tm('pt_unit_sheet', unit=names[unit])}")
        st.markdown(ctx.tm("pt_unit_leads", unit=names[unit], n=int(row["n_lead"]), bottom=int(row["n_bottom"])))
        st.markdown("\n".join(us.lines))
        # the full sheet's grid (long action texts) was the page's costliest element: sent when opened
        common.data_table(us.grid, ctx, "sheet",
                          label=ctx.t("pt_sheet_table", n=len(sheet)), column_config=COLUMN_CONFIG)
        args = (sheet, names[unit], pname, E, L, us.sources, prev, None, ctx.demo)
        fname = f"phieu_{unit}_{P}_{E}_{L}"
        d1, d2 = st.columns(2)
        d1.download_button(ctx.t("pt_export_xlsx"), lambda: xs.unit_sheet_xlsx(*args), file_name=f"{fname}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="pt_xlsx", on_click="ignore")
        d2.download_button(ctx.t("pt_export_pdf"), lambda: xs.unit_sheet_pdf(*args), file_name=f"{fname}.pdf",
                           mime="application/pdf", key="pt_pdf", on_click="ignore")

if tab_ind.open:
    with tab_ind:
        st.header(ctx.t("pt_weakest_title"))
        weak_table = panels.weakest_table(ctx)
        show(weak_table)
        common.download_table(weak_table, ctx, f"pii_{P}_{E}_chi_so_yeu_nhat", key="pt_dl_weakest",
                              sources=sorted(set(table["score_source_id"].dropna()) | {"kh152"}))

common.sources_expander(ctx, [*ids_of(table), "kh152"])

common.finish_page(ctx)
