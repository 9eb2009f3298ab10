"""What-if simulator: change indicator scores, see the PII and computed rank move,
find what it takes to hold the target (national top 10, first in the region)."""

from __future__ import annotations

import streamlit as st

from pages import common
from pages import what_if_parts as parts
from pages.scenario_param import param_scenario, write_scenario
from pii import fmt
from pii.analysis import what_if as wi
from pii.analysis.model import IncompleteFramework
from pii.panels import what_if as panels

PAGE = "what_if"
ctx = common.setup_page(PAGE)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
pname = ctx.province_name(P)
st.title(ctx.tm("wi_title", province=pname, edition=E))
st.caption(ctx.t("wi_intro"))


def _go_to(edition: int) -> None:
    st.session_state["edition"] = str(edition)


def _stop_with_offer(message: str) -> None:
    st.warning(message)
    latest = panels.latest_with_data(ctx)
    if latest is not None and latest != E:
        st.button(ctx.tm("wi_offer_latest", latest=latest), on_click=_go_to, args=(latest,), key="wi_go_latest")
    st.session_state["set"] = None
    common.finish_page(ctx)
    st.stop()


try:
    tree = panels.tree(ctx)  # built once per input and data version, shared by sessions; never mutated
except IncompleteFramework:
    _stop_with_offer(ctx.tm("wi_unavailable_framework", edition=E))

sit = panels.situation(ctx)
base, units, n_ind = sit.base, sit.units, len(tree.indicators)
if base.known == 0:
    _stop_with_offer(ctx.tm("wi_no_data", province=pname, edition=E, known=0, total=n_ind))
if not base.complete:
    ctx.notices.append(ctx.tm("wi_partial", known=base.known, total=n_ind))

# --- scenario state: one canonical dict per (edition, province), seeded once from the URL --
scn_key = f"_wi_scn_{E}_{P}"
param_scenario(ctx, "set", tree.indicators, lambda c: wi.clean_changes(base, c), scn_key)
common.show_notices_now(ctx)


def widget_key(code: str) -> str:
    return f"wi_{E}_{P}_{code}"


def _text(value: object) -> str:  # 38,47 in Vietnamese: st.number_input can only show 38.47
    return "" if fmt.is_missing(value) else fmt.number(value, L)


def _set_scenario(changes: dict[str, float]) -> None:
    st.session_state[scn_key] = wi.clean_changes(base, changes)
    for code in tree.indicators:
        st.session_state[widget_key(code)] = _text(st.session_state[scn_key].get(code, base.scores[code]))


def _read(code: str) -> float | None:
    """The typed score; the scenario's own value (full precision) while the text still shows it."""
    value = fmt.parse_score(st.session_state.get(widget_key(code)), L)
    known = st.session_state[scn_key].get(code, base.scores[code])
    return known if value is not None and not fmt.is_missing(known) and _text(known) == _text(value) else value


bad_inputs = []
for code in tree.indicators:  # a widget not rendered last run lost its state: restore it; show it in this language
    typed, value = st.session_state.get(widget_key(code)), _read(code)
    if typed not in (None, "") and value is None:
        bad_inputs.append(code)
    else:
        st.session_state[widget_key(code)] = _text(value if value is not None else
                                                   st.session_state[scn_key].get(code, base.scores[code]))

# --- presets ----------------------------------------------------------------------------
gname = ctx.group_name()
medians = panels.medians(ctx)
median_changes = wi.preset_median(base, medians)
st.header(ctx.t("wi_presets"))
b1, b2, b3 = st.columns(3)
b1.button(ctx.t("wi_preset_weakest"), on_click=_set_scenario, args=(wi.preset_weakest(base),), key="wi_p_weak")
b2.button(ctx.tm("wi_preset_median", group=gname), on_click=_set_scenario, args=(median_changes,), key="wi_p_med",
          disabled=not medians["n_known"].any())
b3.button(ctx.t("wi_preset_reset"), on_click=_set_scenario, args=({},), key="wi_p_reset")
if medians["n_known"].any():
    st.caption(ctx.tm("wi_median_note", group=gname, n_codes=int((medians["n_known"] > 0).sum()), total=n_ind,
                     max_peers=int(medians["n_known"].max()), n_raised=len(median_changes)))
else:
    st.caption(ctx.tm("wi_median_none", group=gname, edition=E))

results = st.container()  # filled after the inputs below so one run shows the inputs' values

# --- sections: editor, target finder, leverage as lazy tabs (only the open one runs and is sent; the page
# opened with all three was the slowest first paint of the app). ?section= reproduces the open one; a link
# with ?target= opens the target finder.
tabs = ctx.section_tabs(parts.SECTIONS, "target" if "target" in st.query_params else "edit")
tab_edit, tab_target, tab_leverage = tabs["edit"], tabs["target"], tabs["leverage"]
names = panels.names(ctx)
parts.keep_target(ctx)
if tab_edit.open:
    with tab_edit:
        st.header(ctx.t("wi_editor_title"))
        groups = panels.editor_tabs(ctx)
        # lazy pillar tabs: only the open pillar's inputs are sent; the others keep their values in the
        # scenario dict and are restored when their tab opens
        for tab, (_, codes) in zip(st.tabs([label for label, _ in groups], key=f"wi_tab_{L}", on_change="rerun"),
                                   groups):
            if not tab.open:
                continue
            cols = tab.columns(3)
            for i, code in enumerate(codes):
                cols[i % 3].text_input(
                    f"{code} — {names[code]}", key=widget_key(code), placeholder=ctx.t("missing"),
                    help=ctx.tm("wi_editor_help", score=ctx.num(base.scores[code]),
                               rank=ctx.rank(base.ranks[code], base.rank_of[code])))
if bad_inputs:
    st.warning(ctx.tm("wi_bad_number", codes=", ".join(bad_inputs)))

parsed = {c: _read(c) for c in tree.indicators}
changes = wi.clean_changes(base, {c: v for c, v in parsed.items() if v is not None})
write_scenario("set", scn_key, changes, tree.indicators)
result = wi.recompute(base, changes)

with results:
    parts.results(ctx, sit, result, changes)

if tab_target.open:
    with tab_target:
        parts.target_finder(ctx, sit, result, changes, _set_scenario)
if tab_leverage.open:
    with tab_leverage:
        parts.leverage(ctx, sit)

common.finish_page(ctx)
