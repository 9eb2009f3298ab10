"""Indicator detail: definition, weight, the province's record, peers, plan."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import common, panel_view
from pii import fmt
from pii.analysis import indicator as ind
from pii.analysis.bands import band_label
from pii.panels import indicator as panels
from pii.safety import md_text

ctx = common.setup_page("indicator")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
pname = ctx.province_name(P)
desc_col = "description_vi" if L == "vi" else "description_en"

codes, names, default_code = panels.codes(ctx)
notices = st.container()  # a code that is not in this edition's framework says so at the top
code = ctx.select(st, "code", codes, default_code, ctx.t("ind_pick"),
                  label=lambda c: fmt.code_name(c, names.get(c, "")))
with notices:
    common.show_notices_now(ctx)
d = panels.detail(ctx, code)  # built once per input and data version, shared by sessions
info = d.info

st.title(ctx.tm("ind_title", code=code, name=info[ctx.name_col]))
parent = info.get("parent_code")
if isinstance(parent, str) and parent:
    st.caption(ctx.tm("ind_level_line", level=ctx.t(f"level_{info['level']}"),
                     parent=f"{parent} {names.get(parent, '')}"))

now = d.history[d.history["edition"] == E].iloc[0]
m1, m2, m3 = st.columns(3)
# a metric cuts "chưa có số liệu công bố" at a third of a laptop screen: "—" plus the words below it
m1.metric(ctx.tm("ind_score_edition", edition=E), ctx.num(now["score"], decimals=2) if pd.notna(now["score"]) else "—")
if pd.isna(now["score"]):
    m1.caption(ctx.t("missing"))
band = "" if fmt.is_missing(now["band"]) else band_label(int(now["band"]), int(now["rank_of"]), L)
m2.metric(ctx.t("ind_rank_edition", edition=E), ctx.rank(now["rank"], now["rank_of"]) if pd.notna(now["rank"]) else "—")
if band:
    m2.caption(f"{ctx.t('band_col')}: **{band}**")
elif pd.isna(now["rank"]):
    m2.caption(ctx.t("missing"))
w = ind.weight_text(d.weight, L)
if w is None:
    m3.metric(ctx.t("ind_weight"), ctx.t("ind_weight_unknown"), help=ctx.tm("sw_weight_unknown", edition=E))
else:
    m3.metric(ctx.t("ind_weight"), ctx.t("ind_weight_value", frac=w[0], pct=w[1]),
              help=ctx.tm("ind_weight_help", pts=ctx.num(float(d.weight), decimals=4)))

st.header(ctx.t("ind_definition"))
desc = info.get(desc_col)
st.markdown(md_text(desc) if isinstance(desc, str) and desc else ctx.t("ind_no_description"))  # text from data
src = info.get("source_index")
src_text = ctx.tm("source_index_marker", index=src) if isinstance(src, str) and src else ctx.t("ind_source_none")
lines = [f"- **{ctx.t('ind_source')}**: {src_text}"]
if info["level"] == "indicator":
    direction = "ind_inverse_yes" if info.get("inverse") else "ind_inverse_no"
    lines.append(f"- **{ctx.t('ind_inverse')}**: {ctx.t(direction)}")
st.markdown("\n".join(lines))

left, right = st.columns(2)
with left:
    st.header(ctx.tm("ind_history", province=pname))
    panel_view.show(panels.history(ctx, code), ctx, key="ind_history")
    common.data_table(panels.history_table(ctx, code), ctx, "history")
with right:
    st.header(ctx.tm("ind_peers", group=ctx.group_name(), edition=E))
    panel_view.show(panels.peers(ctx, code), ctx, key="ind_peers")

st.header(ctx.t("ind_plan"))
unit_col = "unit_vi" if L == "vi" else "unit_en"
if d.leads.empty and d.partners.empty and d.actions.empty:
    st.info(ctx.t("ind_no_plan"))
else:
    c1, c2 = st.columns(2)
    c1.markdown(f"**{ctx.t('ind_leads')}**\n\n" + ("\n".join(f"- {u}" for u in d.leads[unit_col]) or "—"))
    c2.markdown(f"**{ctx.t('ind_partners')}**\n\n" + ("\n".join(f"- {u}" for u in d.partners[unit_col]) or "—"))
    st.markdown(f"**{ctx.t('ind_actions')}**")
    col = "action_vi" if L == "vi" else "action_en"
    st.markdown("\n".join(f"{int(a.action_no)}. {getattr(a, col)}" for a in d.actions.itertuples()))
    st.caption(ctx.t("ind_actions_lang"))
    if L != "vi":
        with st.expander(ctx.t("ind_original")):
            st.markdown("\n".join(f"{int(a.action_no)}. {a.action_vi}" for a in d.actions.itertuples()))

common.finish_page(ctx)
