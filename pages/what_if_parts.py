"""The what-if page's results, leverage and target finder (pages/what_if.py calls them;
the numbers and tables come from pii.analysis.what_if)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from pages import common, panel_view
from pii.analysis import what_if as wi
from pii.analysis import what_if_page as wp
from pii.analysis import what_if_target as wt
from pii.panels import what_if as panels

SECTIONS = {"edit": "wi_section_edit", "target": "wi_section_target", "leverage": "wi_section_leverage"}


def keep_target(ctx: common.Context) -> None:
    """The target rank survives runs where the target finder's tab (and its input) is not shown, so the URL and
    the finder keep it."""
    n_ranked = ctx.units_ranked
    k_default = ctx.param_number("target", 10, 1, max(1, n_ranked - 1))
    st.session_state["target"] = int(st.session_state.get("target", k_default))


def results(ctx: common.Context, sit: wp.Situation, result: wi.Result, changes: dict[str, float]) -> None:
    """Metrics (simulated PII, computed national and regional rank), waterfall, scenario table."""
    P, E = ctx.province_id, ctx.edition
    base, units, n_ind = sit.base, sit.units, len(sit.tree.indicators)
    region_name = ctx.region_name(sit.region.group_id, sit.region.region_id)
    if result.pii_new is None:
        st.warning(ctx.tm("wi_partial", known=base.known, total=n_ind))
    else:
        rank = wi.rank_against(result.pii_new, P, units)
        m1, m2, m3, m4 = st.columns(4)
        m1.metric(ctx.t("wi_m_pii"), ctx.num(result.pii_new), ctx.num(result.delta, signed=True),
                  help=f"{ctx.t('wi_not_published')}. {ctx.t('wi_m_delta', base=ctx.num(result.pii_base))}",
                  delta_arrow="off" if not changes else "auto")
        m2.metric(ctx.t("wi_m_rank"), wp.national_rank_text(ctx, rank.rank, rank.compared, sit.m_prefix),
                  ctx.t("wi_m_rank_delta", rank=ctx.rank(sit.pub_rank, ctx.units_ranked)), delta_color="off",
                  delta_arrow="off", help=ctx.t("wi_not_published"))
        # the published regional rank wherever a source states it (1/14, as on the Overview and in the packs);
        # the scenario's computed rank only as a labelled second line ("1 trong 8 tỉnh có số liệu (tính toán)")
        rr = panels.region_ranks(ctx, result.pii_new)
        if rr.published.computed or rr.published.rank is None:
            m3_label, m3_value, m3_note = ctx.regional_rank_metric(rr.computed)
            m3_help = f"{ctx.t('wi_not_published')}. {region_name}"
        else:
            m3_label, m3_value, _ = ctx.regional_rank_metric(rr.published)
            m3_note = ctx.regional_rank_text(rr.computed)
            m3_help = region_name
        common.kpi(m3, m3_label, m3_value, help=m3_help, note=m3_note)
        m4.metric(ctx.t("wi_m_changed"), str(len(changes)))
        missing = [ctx.name(p) for p in rank.not_compared]
        if missing:
            st.caption(ctx.tm("wi_rank_note", compared=rank.compared, edition=E, n=len(missing),
                             names=", ".join(missing[:8]) + (", …" if len(missing) > 8 else "")))
            if sit.m_prefix:
                st.caption(ctx.tm("wi_rank_certain", m=sit.m_prefix))
            st.expander(ctx.tm("wi_not_compared", n=len(missing))).write(", ".join(missing))
        else:
            st.caption(ctx.tm("wi_rank_note_all", compared=rank.compared, edition=E))
        left, right = st.columns([1, 1])
        with left:
            st.markdown(f"**{ctx.t('wi_waterfall_title')}**")
            panel_view.show(panels.waterfall(ctx, tuple(sorted(changes.items()))), ctx, key="wi_waterfall",
                            heading=False)
        right.markdown(f"**{ctx.t('wi_scenario_title')}**")
        shown, export = wp.scenario_frames(ctx, base, result, sit.pub_rank, rank.rank)
        if shown.empty:
            right.caption(ctx.t("wi_scenario_empty"))
        else:
            with right:
                st.dataframe(shown, hide_index=True, width="stretch")
                common.download_table(export, ctx, f"pii_{P}_{E}_kich_ban", key="wi_dl_scenario", sources=sit.sources)
                st.caption(ctx.t("wi_scenario_link"))


def target_finder(ctx: common.Context, sit: wp.Situation, result: wi.Result, changes: dict[str, float],
                  set_scenario: Callable[[dict[str, float]], None]) -> None:
    """What it takes to hold national top k and first in the region, and combinations that get there."""
    P, base, units, tree = ctx.province_id, sit.base, sit.units, sit.tree
    region_name = ctx.region_name(sit.region.group_id, sit.region.region_id)
    n_ranked = ctx.units_ranked
    st.header(ctx.tm("wi_target_title", k=st.session_state["target"]))
    f1, f2 = st.columns(2)
    f1.number_input(ctx.t("wi_target_rank"), min_value=1, max_value=max(1, n_ranked - 1), step=1, key="target")
    step = f2.number_input(ctx.t("wi_target_max_step"), min_value=1.0, max_value=100.0, value=wi.DEFAULT_MAX_STEP,
                           step=5.0, key="wi_step", format="%.0f")  # whole points: no decimal separator to localise
    k, current = int(st.session_state["target"]), result.pii_new
    nat = wt.national_threshold(P, current, units, k)
    reg = wt.group_threshold(P, current, units, sit.region.ids)
    st.caption(ctx.tm("wi_current_pii", score=ctx.num(current)))
    t1, t2 = st.columns(2)
    t1.markdown(f"**{ctx.t('wi_target_national', k=k)}**")
    t1.markdown("\n".join(f"- {line}" for line in wp.threshold_lines(ctx, nat, current, sit.m_prefix)))
    t2.markdown(f"**{ctx.t('wi_target_region', group=region_name)}**")
    t2.markdown("\n".join(f"- {line}" for line in wp.threshold_lines(ctx, reg, current, sit.m_prefix)))
    if reg.unknown and sit.m_prefix:
        t2.caption(ctx.tm("wi_region_bound_note", n=len(reg.unknown), m=sit.m_prefix,
                         score=ctx.num(wt.known_prefix(units)[1])))

    goal_gain, goal_k, unmet = wp.combination_goal(P, current, units, nat, reg, k)
    if goal_gain:
        scen = wi.Baseline(tree, {**base.scores, **changes}, base.ranks, base.rank_of, base.weight)
        combos = wt.combinations(scen, goal_gain, float(step))
        st.markdown(f"**{ctx.t('wi_combos_title', k=k, group=region_name, gain=ctx.num(goal_gain))}**" if unmet
                    else ctx.t("wi_combos_next", k=goal_k, gain=ctx.num(goal_gain)))
        if not combos:
            st.info(ctx.tm("wi_combos_none", step=ctx.num(step, decimals=0)))
        for col, combo, letter in zip(st.columns(max(1, len(combos))), combos, "ABC"):
            col.markdown(f"**{ctx.t(f'wi_combo_{combo.key}')}**")
            col.caption(ctx.tm("wi_combo_summary", n=len(combo.steps), gain=ctx.num(combo.gain, decimals=3)))
            col.dataframe(wp.combo_frame(ctx, combo), hide_index=True, width="stretch")
            col.button(ctx.tm("wi_combo_apply", x=letter), on_click=set_scenario, args=({**changes, **combo.changes},),
                       key=f"wi_apply_{letter}")


def leverage(ctx: common.Context, sit: wp.Situation) -> None:
    """Which indicators move the PII most: per point, or achievable (to the group leader, else to 100)."""
    st.header(ctx.t("wi_leverage_title"))
    st.caption(ctx.tm("wi_leverage_note", group=ctx.group_name()))
    rank_by = ctx.radio(st, "rank_by", ["per_point", "achievable"], "per_point", ctx.t("wi_leverage_sort"),
                        label=lambda s: ctx.t(f"wi_sort_{s}"), horizontal=True)
    lev = panels.leverage(ctx, rank_by)  # cached by its arguments and the view state (the custom group's too)
    st.markdown(f"**{ctx.t('wi_leverage_chart' if rank_by == 'achievable' else 'wi_leverage_chart_pp')}**")
    panel_view.show(lev, ctx, key="wi_leverage", heading=False)
    st.dataframe(lev.grid, hide_index=True, width="stretch", height=320)
    common.download_table(lev.grid, ctx, f"pii_{ctx.province_id}_{ctx.edition}_don_bay", key="wi_dl_leverage",
                          sources=sit.sources)
