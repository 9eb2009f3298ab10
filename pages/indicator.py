"""Indicator detail: definition, weight, the province's record, peers, plan."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import common
from pii import fmt
from pii.analysis import findings
from pii.analysis import indicator as ind
from pii.analysis.bands import band_label
from pii.analysis.history import recent_editions
from pii.charts.indicator import history_bars, peer_bars
from pii.memo import memo
from pii.panels.filenames import export_name
from pii.provenance import ids_of
from pii.safety import md_text

ctx = common.setup_page("indicator")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
pname = ctx.province_name(P)
desc_col = "description_vi" if L == "vi" else "description_en"

fw = ctx.db.framework(E)
codes = fw["code"].tolist()
names = dict(zip(fw["code"], fw[ctx.name_col]))
ctx.param("code", codes, ind.default_code(ctx.db, E, P))
common.show_notices_now(ctx)  # a code that is not in this edition's framework says so at the top
st.selectbox(ctx.t("ind_pick"), codes, key="code", format_func=lambda c: fmt.code_name(c, names.get(c, "")))
code = st.session_state["code"]
peer_ids = ctx.peer_ids()
# built once per input and data version, shared by sessions (pii/memo.py)
d = memo(ctx.db, ("ind_detail", E, P, code, tuple(peer_ids)),
         lambda: ind.detail(ctx.db, E, P, code, common.PLAN_ID, peer_ids))
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

all_eds = [int(e) for e in ctx.editions["edition"]]
hist = d.history[d.history["edition"].isin(recent_editions(all_eds, E))]  # the last 10 editions
left, right = st.columns(2)
with left:
    st.header(ctx.tm("ind_history", province=pname))
    if hist["score"].isna().all() and hist["rank"].isna().all():
        st.info(ctx.t("no_data_selection"))
    else:
        src = ids_of(ctx.db.score_history(hist["unit_id"].unique().tolist(), [code]))
        common.plotly(memo(ctx.db, ("ind_history_fig", E, P, code, L, tuple(hist["edition"])),
                           lambda: history_bars(hist, L)), ctx, key="ind_history", sources=src,
                      title=findings.indicator_history(hist, code, pname, L).title,
                      filename=export_name("indicator", L, province=pname, extra=code))
    if len(hist) < len(d.history):
        st.caption(ctx.tm("history_capped", n=len(hist), total=len(d.history)))
    if hist["merged"].any():
        st.caption(ctx.t("ind_history_merger"))
    unit_col = "unit_vi" if L == "vi" else "unit_en"
    common.data_table(pd.DataFrame({
        ctx.t("ind_history_table_edition"): [f"PII {e}" for e in hist["edition"]],
        ctx.t("ind_history_table_unit"): hist[unit_col],
        ctx.t("score"): [ctx.num(v) for v in hist["score"]],
        ctx.t("rank"): [ctx.rank(r, o) for r, o in zip(hist["rank"], hist["rank_of"])],
    }), ctx, "history")
with right:
    gname = ctx.group_name()
    st.header(ctx.tm("ind_peers", group=gname, edition=E))
    known = int((d.peers["score"].notna() | d.peers["rank"].notna()).sum())
    st.caption(ctx.tm("ind_peers_coverage", k=known, n=len(d.peers)))
    if known == 0:
        st.info(ctx.t("no_data_selection"))
    else:
        src = ids_of(ctx.db.scores(E, provinces=d.peers["province_id"].tolist(), codes=[code]))
        common.plotly(peer_bars(d.peers, L), ctx, key="ind_peers", sources=src,
                      title=findings.indicator_peers(d.peers, code, pname, gname, L).title,
                      filename=export_name("indicator", L, group=ctx.group, province=pname, edition=E, extra=code))

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
