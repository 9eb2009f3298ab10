"""What-if simulator: change indicator scores, see the PII and computed rank move,
find what it takes to hold the target (national top 10, first in the region)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import common
from pii import fmt
from pii.analysis import rules
from pii.analysis import what_if as wi
from pii.analysis.model import IncompleteFramework, Tree
from pii.analysis.units import unit_in
from pii.charts.what_if import leverage_bars, pillar_waterfall

PAGE = "what_if"
ctx = common.setup_page(PAGE)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
db = ctx.db
pname = ctx.province_name(P)
editions = [int(e) for e in ctx.editions["edition"]]
common.REGISTERED_PARAMS.setdefault(PAGE, set()).add("set")
st.title(ctx.t("wi_title", province=pname, edition=E))
st.caption(ctx.t("wi_intro"))


def _go_to(edition: int) -> None:
    st.session_state["edition"] = str(edition)


def _latest_with_data() -> int | None:
    for ed in sorted(editions, reverse=True):
        s = db.scores(ed, provinces=[unit_in(db, P, ed)], levels=["indicator"])
        if s["score"].notna().any():
            try:
                Tree.from_framework(db.framework(ed))
            except IncompleteFramework:
                continue
            return ed
    return None


def _stop_with_offer(message: str) -> None:
    st.warning(message)
    latest = _latest_with_data()
    if latest is not None and latest != E:
        st.button(ctx.t("wi_offer_latest", latest=latest), on_click=_go_to, args=(latest,), key="wi_go_latest")
    st.session_state["set"] = None
    common.finish_page(ctx)
    st.stop()


try:
    tree = Tree.from_framework(db.framework(E))
except IncompleteFramework:
    _stop_with_offer(ctx.t("wi_unavailable_framework", edition=E))

mine = db.scores(E, provinces=[P])
src_ids = sorted(set(mine["score_source_id"].dropna()) | set(mine["rank_source_id"].dropna()))
base = wi.Baseline.from_frames(tree, mine)
n_ind = len(tree.indicators)
if base.known == 0:
    _stop_with_offer(ctx.t("wi_no_data", province=pname, edition=E, known=0, total=n_ind))
if not base.complete:
    ctx.notices.append(ctx.t("wi_partial", known=base.known, total=n_ind))

# --- scenario state: one canonical dict per (edition, province), seeded once from the URL --
scn_key = f"_wi_scn_{E}_{P}"
if scn_key not in st.session_state:
    decoded = wi.DecodedScenario({})
    if not st.session_state.get("_wi_url_read"):
        decoded = wi.decode_scenario(st.query_params.get("set"), tree.indicators)
        if decoded.rejected:
            ctx.notices.append(ctx.t("wi_bad_set", n=len(decoded.rejected), edition=E,
                                     items=", ".join(decoded.rejected)))
    st.session_state["_wi_url_read"] = True
    st.session_state[scn_key] = wi.clean_changes(base, decoded.changes)
common.show_notices_now(ctx)


def widget_key(code: str) -> str:
    return f"wi_{E}_{P}_{code}"


def _set_scenario(changes: dict[str, float]) -> None:
    st.session_state[scn_key] = wi.clean_changes(base, changes)
    for code in tree.indicators:
        st.session_state[widget_key(code)] = st.session_state[scn_key].get(code, base.scores[code])


for code in tree.indicators:  # a widget not rendered last run lost its state: restore it
    if widget_key(code) not in st.session_state:
        st.session_state[widget_key(code)] = st.session_state[scn_key].get(code, base.scores[code])

# --- presets ----------------------------------------------------------------------------
gname = ctx.group_name()
peers = ctx.peer_ids()
peer_scores = db.scores(E, provinces=peers, levels=["indicator"])
medians = wi.peer_medians(peer_scores, P, tree.indicators)
median_changes = wi.preset_median(base, medians)

st.subheader(ctx.t("wi_presets"))
b1, b2, b3 = st.columns(3)
b1.button(ctx.t("wi_preset_weakest"), on_click=_set_scenario, args=(wi.preset_weakest(base),), key="wi_p_weak")
b2.button(ctx.t("wi_preset_median", group=gname), on_click=_set_scenario, args=(median_changes,), key="wi_p_med",
          disabled=not medians["n_known"].any())
b3.button(ctx.t("wi_preset_reset"), on_click=_set_scenario, args=({},), key="wi_p_reset")
if medians["n_known"].any():
    st.caption(ctx.t("wi_median_note", group=gname, n_codes=int((medians["n_known"] > 0).sum()), total=n_ind,
                     max_peers=int(medians["n_known"].max()), n_raised=len(median_changes)))
else:
    st.caption(ctx.t("wi_median_none", group=gname, edition=E))

results = st.container()  # filled after the inputs below so one run shows the inputs' values

# --- inputs, grouped by pillar --------------------------------------------------------------
fw = db.framework(E).set_index("code")
st.subheader(ctx.t("wi_editor_title"))
pillars = [c for c in tree.order if tree.level[c] == "pillar"]
pillars.sort(key=lambda c: fw.at[c, "sort_order"])
tabs = st.tabs([f"{p}. {fw.at[p, ctx.name_col]}" if len(pillars) <= 7 else p for p in pillars])
for pillar, tab in zip(pillars, tabs):
    codes = [c for c in tree.indicators if wi._pillar_of(tree, c) == pillar]
    codes.sort(key=lambda c: fw.at[c, "sort_order"])
    with tab:
        cols = st.columns(3)
        for i, code in enumerate(codes):
            s = base.scores[code]
            name = fw.at[code, ctx.name_col]
            cols[i % 3].number_input(
                f"{code} — {name}", min_value=0.0, max_value=100.0, step=1.0, format="%.2f",
                key=widget_key(code),
                help=ctx.t("wi_editor_help", score=ctx.num(s), rank=ctx.rank(base.ranks[code], base.rank_of[code])))

changes = wi.clean_changes(base, {c: st.session_state[widget_key(c)] for c in tree.indicators
                                  if st.session_state[widget_key(c)] is not None})
st.session_state[scn_key] = changes
st.session_state["set"] = wi.encode_scenario(changes, tree.indicators) or None
result = wi.recompute(base, changes)

# --- results ----------------------------------------------------------------------------------
units = ctx.units[["province_id"]].merge(db.scores(E, codes=["PII"])[["province_id", "score", "rank"]],
                                        on="province_id", how="left")
n_ranked = ctx.units_ranked
region = rules.target_region(db, E, P)  # plan 152's second target: the region its targets table names
region_name = ctx.region_name(region.group_id, region.region_id)
m_prefix, _ = wi.known_prefix(units)
pub_pii = mine.set_index("code")["score"].get("PII") if "PII" in set(mine["code"]) else None
pub_rank = mine.set_index("code")["rank"].get("PII") if "PII" in set(mine["code"]) else None
names = dict(zip(db.all_provinces()["province_id"], db.all_provinces()[ctx.name_col]))

with results:
    if result.pii_new is None:
        st.warning(ctx.t("wi_partial", known=base.known, total=n_ind))
    else:
        rank = wi.rank_against(result.pii_new, P, units)
        regional = rules.regional_rank(db, E, P, score=result.pii_new)
        m1, m2, m3, m4 = st.columns(4)
        m1.metric(ctx.t("wi_m_pii"), ctx.num(result.pii_new), ctx.num(result.delta, signed=True),
                  help=f"{ctx.t('wi_not_published')}. {ctx.t('wi_m_delta', base=ctx.num(result.pii_base))}",
                  delta_arrow="off" if not changes else "auto")
        rank_text = (ctx.rank(rank.rank, n_ranked) if rank.rank <= m_prefix
                     else ctx.t("wi_rank_among", rank=rank.rank, n=rank.compared + 1))
        m2.metric(ctx.t("wi_m_rank"), rank_text,
                  ctx.t("wi_m_rank_delta", rank=ctx.rank(pub_rank, n_ranked)), delta_color="off", delta_arrow="off",
                  help=ctx.t("wi_not_published"))
        m3.metric(ctx.t("ov_region_rank_computed"), ctx.regional_rank_text(regional),
                  help=f"{ctx.t('wi_not_published')}. {region_name}")
        m4.metric(ctx.t("wi_m_changed"), str(len(changes)))
        if rank.not_compared:
            st.caption(ctx.t("wi_rank_note", compared=rank.compared, edition=E, n=len(rank.not_compared),
                             names=", ".join(names.get(p, p) for p in rank.not_compared[:8])
                             + (", …" if len(rank.not_compared) > 8 else "")))
            if m_prefix:
                st.caption(ctx.t("wi_rank_certain", m=m_prefix))
            with st.expander(ctx.t("wi_not_compared", n=len(rank.not_compared))):
                st.write(", ".join(names.get(p, p) for p in rank.not_compared))
        else:
            st.caption(ctx.t("wi_rank_note_all", compared=rank.compared, edition=E))
        contrib = wi.pillar_contributions(base, result)
        left, right = st.columns([1, 1])
        with left:
            common.plotly(pillar_waterfall(contrib, result.pii_base, result.pii_new, L,
                                           ctx.t("wi_waterfall_title")), ctx, key="wi_waterfall")
        with right:
            st.markdown(f"**{ctx.t('wi_scenario_title')}**")
            table = wi.scenario_table(base, result)
            if table.empty:
                st.caption(ctx.t("wi_scenario_empty"))
            else:
                shown = pd.DataFrame({
                    ctx.t("code"): table["code"],
                    ctx.t("name"): [fw.at[c, ctx.name_col] for c in table["code"]],
                    ctx.t("wi_col_published"): [ctx.num(v) for v in table["published"]],
                    ctx.t("wi_col_scenario"): [ctx.num(v) for v in table["scenario"]],
                    ctx.t("wi_col_points"): [ctx.num(v, signed=True) for v in table["points"]],
                    ctx.t("wi_col_weight"): table["weight"],
                    ctx.t("wi_col_gain"): [ctx.num(v, decimals=4, signed=True) for v in table["pii_gain"]],
                })
                st.dataframe(shown, hide_index=True, width="stretch")
                # the file keeps numbers as numbers, plus the resulting PII and computed rank
                export = wi.scenario_export(
                    base, result, {**{c: fw.at[c, ctx.name_col] for c in fw.index}, "rank": ctx.t("wi_m_rank")},
                    pub_rank, rank.rank)
                export.columns = [ctx.t("code"), ctx.t("name"), ctx.t("wi_col_published"), ctx.t("wi_col_scenario"),
                                  ctx.t("wi_col_points"), ctx.t("wi_col_weight"), ctx.t("wi_col_gain")]
                common.download_table(export, ctx, f"pii_{P}_{E}_kich_ban", key="wi_dl_scenario",
                                      sources=src_ids)
                st.caption(ctx.t("wi_scenario_link"))

# --- leverage -------------------------------------------------------------------------------------
st.subheader(ctx.t("wi_leverage_title"))
st.caption(ctx.t("wi_leverage_note", group=gname))
sort = ctx.param("rank_by", ["per_point", "achievable"], "per_point")
st.radio(ctx.t("wi_leverage_sort"), ["per_point", "achievable"], key="rank_by", horizontal=True,
         format_func=lambda s: ctx.t(f"wi_sort_{s}"))
lev = wi.rank_leverage(wi.leverage(base, medians), st.session_state["rank_by"])
lev["achievable_basis"] = [ctx.t("wi_basis_leader", n=n) if n else ctx.t("wi_basis_100") for n in lev["peers_known"]]
ind_names = {c: fw.at[c, ctx.name_col] for c in tree.indicators}
value_col = "achievable" if st.session_state["rank_by"] == "achievable" else "ten_points"
lev["ten_points"] = [w * min(10.0, r) if not fmt.is_missing(r) else None
                     for w, r in zip(lev["gain_per_point"], lev["room"])]
title = ctx.t("wi_leverage_chart" if value_col == "achievable" else "wi_leverage_chart_pp")
common.plotly(leverage_bars(lev, value_col, L, title, ind_names), ctx, key="wi_leverage")
lev_table = pd.DataFrame({
    ctx.t("code"): lev["code"],
    ctx.t("name"): [ind_names[c] for c in lev["code"]],
    ctx.t("score"): [ctx.num(v) for v in lev["score"]],
    ctx.t("rank"): [ctx.rank(r, o) for r, o in zip(lev["rank"], lev["rank_of"])],
    ctx.t("wi_col_weight"): lev["weight"],
    ctx.t("wi_col_per_point"): [ctx.num(v, decimals=4) for v in lev["gain_per_point"]],
    ctx.t("wi_col_room"): [ctx.num(v) for v in lev["room"]],
    ctx.t("wi_col_leader", group=gname): [ctx.num(v) if not fmt.is_missing(v) else ctx.t("missing")
                                          for v in lev["peer_leader"]],
    ctx.t("wi_col_achievable"): [ctx.num(v, decimals=3) for v in lev["achievable"]],
    ctx.t("wi_col_basis"): lev["achievable_basis"],
})
st.dataframe(lev_table, hide_index=True, width="stretch", height=320)
common.download_table(lev_table, ctx, f"pii_{P}_{E}_don_bay", key="wi_dl_leverage", sources=src_ids)

# --- target finder ------------------------------------------------------------------------------------
k_default = ctx.param_number("target", 10, 1, max(1, n_ranked - 1))
if "target" not in st.session_state:
    st.session_state["target"] = int(k_default)
st.subheader(ctx.t("wi_target_title", k=st.session_state["target"]))
f1, f2 = st.columns(2)
f1.number_input(ctx.t("wi_target_rank"), min_value=1, max_value=max(1, n_ranked - 1), step=1, key="target")
step = f2.number_input(ctx.t("wi_target_max_step"), min_value=1.0, max_value=100.0, value=wi.DEFAULT_MAX_STEP,
                       step=5.0, key="wi_step")
k = int(st.session_state["target"])
current = result.pii_new
nat = wi.national_threshold(P, current, units, k)
reg = wi.group_threshold(P, current, units, region.ids)


def _threshold_lines(th: wi.Threshold) -> list[str]:
    if th.needed is None:
        return [ctx.t("wi_target_unknown")]
    if th.bound and th.ref_id is None:
        lines = [ctx.t("wi_target_needed_bound", needed=ctx.num(th.needed), m=m_prefix, score=ctx.num(th.ref_score))]
    else:
        lines = [ctx.t("wi_target_needed", needed=ctx.num(th.needed), ref=names.get(th.ref_id, th.ref_id),
                       score=ctx.num(th.ref_score))]
    if th.met:
        lines.append(ctx.t("wi_target_met", margin=ctx.num(th.margin), slack=ctx.num(current - th.needed)))
    elif th.gain is not None:
        lines.append(ctx.t("wi_target_gain", gain=ctx.num(th.gain)))
    return lines


st.caption(ctx.t("wi_current_pii", score=ctx.num(current)))
t1, t2 = st.columns(2)
with t1:
    st.markdown(f"**{ctx.t('wi_target_national', k=k)}**")
    for line in _threshold_lines(nat):
        st.markdown(f"- {line}")
with t2:
    st.markdown(f"**{ctx.t('wi_target_region', group=region_name)}**")
    for line in _threshold_lines(reg):
        st.markdown(f"- {line}")
    if reg.unknown and m_prefix:
        st.caption(ctx.t("wi_region_bound_note", n=len(reg.unknown), m=m_prefix,
                         score=ctx.num(wi.known_prefix(units)[1])))

# combinations: what closes every unmet target (national top k, first in the region);
# with both met, for reference, what the next place up would take
needs = [th.gain for th in (nat, reg) if th.met is False and th.gain]
goal_gain, goal_k = (max(needs), k) if needs else (None, k)
now = wi.rank_against(current, P, units)
if goal_gain is None and nat.met and now is not None and now.rank > 1:
    goal_k = min(k, now.rank) - 1
    goal_gain = wi.national_threshold(P, current, units, goal_k).gain
if goal_gain:
    scen = wi.Baseline(tree, {**base.scores, **changes}, base.ranks, base.rank_of, base.weight)
    combos = wi.combinations(scen, goal_gain, float(step))
    st.markdown(f"**{ctx.t('wi_combos_title', k=k, group=region_name, gain=ctx.num(goal_gain))}**" if needs
                else ctx.t("wi_combos_next", k=goal_k, gain=ctx.num(goal_gain)))
    if not combos:
        st.info(ctx.t("wi_combos_none", step=ctx.num(step, decimals=0)))
    cols = st.columns(max(1, len(combos)))
    for col, combo, letter in zip(cols, combos, "ABC"):
        with col:
            st.markdown(f"**{ctx.t(f'wi_combo_{combo.key}')}**")
            st.caption(ctx.t("wi_combo_summary", n=len(combo.steps), gain=ctx.num(combo.gain, decimals=3)))
            st.dataframe(pd.DataFrame({
                ctx.t("code"): combo.steps["code"],
                ctx.t("score"): [f"{ctx.num(a)} → {ctx.num(b)}"
                                 for a, b in zip(combo.steps["from"], combo.steps["to"])],
                ctx.t("wi_col_gain"): [ctx.num(v, decimals=3, signed=True) for v in combo.steps["pii_gain"]],
            }), hide_index=True, width="stretch")
            st.button(ctx.t("wi_combo_apply", x=letter), on_click=_set_scenario,
                      args=({**changes, **combo.changes},), key=f"wi_apply_{letter}")

common.finish_page(ctx)
