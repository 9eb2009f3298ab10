"""Overview: one screen for leadership — score, ranks, change, target tracker, pillars."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import common
from pii import fmt
from pii.analysis.model import IncompleteFramework, Tree, aggregate
from pii.analysis.overview import target_tracker
from pii.analysis.units import previous_edition, unit_in
from pii.charts.overview import pillar_bars

ctx = common.setup_page("overview")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
pname = ctx.province_name(P)
st.title(ctx.t("ov_title", province=pname, edition=E))

with st.spinner(ctx.t("loading")):
    mine = ctx.db.scores(E, provinces=[P])
    peers = ctx.peer_ids()
    editions = [int(e) for e in ctx.editions["edition"]]
    prev = previous_edition(editions, E)

row = mine.set_index("code")
pii_score = row["score"].get("PII") if "PII" in row.index else None
pii_rank = row["rank"].get("PII") if "PII" in row.index else None
rank_of = ctx.units_ranked

prev_score = prev_rank = None
if prev is not None:
    prev_unit = unit_in(ctx.db, P, prev)
    prow = ctx.db.scores(prev, provinces=[prev_unit], codes=["PII"])
    if len(prow):
        prev_score, prev_rank = prow["score"].iat[0], prow["rank"].iat[0]
    if prev_unit != P:
        ctx.notices.append(ctx.t("merger_note", unit=pname, members=", ".join(ctx.db.members(P)[ctx.name_col])))

c1, c2, c3 = st.columns(3)
delta = None
if not fmt.is_missing(pii_score) and not fmt.is_missing(prev_score):
    # ASCII minus: st.metric reads the delta's direction from a leading "-"
    diff = ctx.num(float(pii_score) - float(prev_score), signed=True).replace("−", "-")
    delta = f"{diff} {ctx.t('ov_vs_prev', prev=prev)}"
c1.metric(ctx.t("ov_pii_score"), ctx.num(pii_score), delta, help=ctx.t("missing") if pii_score is None else None)
rdelta = None
if not fmt.is_missing(pii_rank) and not fmt.is_missing(prev_rank):
    moved = int(prev_rank) - int(pii_rank)
    rdelta = ctx.t("ov_rank_delta", delta=f"{moved:+d}", prev=prev)
c2.metric(ctx.t("ov_national_rank"), ctx.rank(pii_rank, rank_of), rdelta)
tracker = target_tracker(ctx.db, E, P)
standing = tracker.regional
label = ctx.t("ov_region_rank") if not standing.computed else ctx.t("ov_region_rank_computed")
c3.metric(label, ctx.regional_rank_text(standing))
st.caption(ctx.t("ov_group_note", group=ctx.group_name(), n=len(peers), edition=E))

# --- target tracker ---------------------------------------------------------
st.subheader(ctx.t("ov_target_title"))
st.caption(ctx.t("ov_target_text"))
t1, t2 = st.columns(2)


def _status(flag: bool | None) -> str:
    return ctx.t("ov_unknown") if flag is None else ctx.t("ov_met") if flag else ctx.t("ov_not_met")


def _gap_line(unit: tuple[str, float | None] | None, gap: float | None, rank: int) -> str:
    label = ctx.t("ov_gap_n", n=rank)
    if unit is None or unit[1] is None:
        return f"{label}: {ctx.t('ov_gap_unknown', rank=rank)}"
    text = f"{label} ({ctx.province_name(unit[0])}, {ctx.num(unit[1])})"
    if unit[0] == P:
        return f"{text}: {ctx.t('ov_is_self', province=pname)}"
    return f"{text}: **{ctx.t('ov_points', value=ctx.num(gap, signed=True))}**"


with t1:
    st.metric(ctx.t("ov_target_national"), _status(tracker.in_target))
    st.markdown("- " + _gap_line(tracker.tenth, tracker.gap_to_tenth, 10))
    st.markdown("- " + _gap_line(tracker.eleventh, tracker.gap_to_eleventh, 11))
with t2:
    st.metric(ctx.t("ov_target_region"), _status(tracker.region_first))
    if standing.leader_id is not None and tracker.score is not None:
        ahead = tracker.gap_to_region_leader is not None and tracker.gap_to_region_leader > 0
        lead = ctx.t("ov_gap_leader_self" if ahead else "ov_gap_leader", name=ctx.province_name(standing.leader_id),
                     score=ctx.num(standing.leader_score))
        st.markdown(f"- {lead}: "
                    f"**{ctx.t('ov_points', value=ctx.num(tracker.gap_to_region_leader, signed=True))}**")
    else:
        st.markdown(f"- {ctx.t('missing')}")

# --- pillars ------------------------------------------------------------------
fw = ctx.db.framework(E)
pillars = fw[fw["level"] == "pillar"][["code", "sort_order", "name_vi", "name_en"]].merge(
    mine[["code", "score", "rank", "rank_of"]], on="code", how="left")
st.subheader(ctx.t("ov_pillars_title", province=pname, edition=E))
if pillars["score"].notna().any():
    common.plotly(pillar_bars(pillars, L), ctx, key="ov_pillars")
    left, right = st.columns([3, 2])
    with left:
        table = pd.DataFrame({
            ctx.t("code"): pillars["code"],
            ctx.t("name"): pillars[ctx.name_col],
            ctx.t("score"): [ctx.num(v) for v in pillars["score"]],
            ctx.t("rank"): [ctx.rank(r, o) for r, o in zip(pillars["rank"], pillars["rank_of"])],
        })
        st.dataframe(table, hide_index=True, width="stretch")
        common.download_table(table, ctx, f"pii_{P}_{E}_pillars", key="ov_dl")
    with right:
        st.markdown(f"**{ctx.t('ov_subindex')}**")
        sub = mine[mine["code"].isin(["INPUT", "OUTPUT"])].set_index("code")["score"]
        try:
            tree = Tree.from_framework(fw)
            ind = mine[mine["level"] == "indicator"].set_index("code")["score"].to_dict()
            rec = aggregate(tree, ind)
        except IncompleteFramework:
            rec = {}
        parts = []
        for code in ("INPUT", "OUTPUT"):
            label = fw.set_index("code").loc[code, ctx.name_col]
            if code in sub.index and not fmt.is_missing(sub[code]):
                parts.append(f"{label}: **{ctx.num(sub[code])}**")
            elif rec.get(code) is not None:
                parts.append(f"{label}: {ctx.t('ov_subindex_computed', value=ctx.num(rec[code]))}")
            else:
                parts.append(f"{label}: {ctx.t('missing')}")
        st.markdown("  \n".join(parts))
else:
    st.info(ctx.t("ov_pillars_missing", province=pname, edition=E))

# --- sources ------------------------------------------------------------------
ids = sorted(set(mine["score_source_id"].dropna()) | set(mine["rank_source_id"].dropna()))
with st.expander(ctx.t("ov_sources")):
    src = ctx.db.sources(ids)
    for s in src.itertuples():
        st.markdown(f"- **{s.publisher}** — {s.title}" + (f" — <{s.url}>" if s.url else ""))

common.finish_page(ctx)
