"""Overview: one screen for leadership — score, ranks, change, target tracker, pillars."""

from __future__ import annotations

import streamlit as st

from pages import common, progress_parts
from pii.analysis import findings
from pii.analysis import overview as ov
from pii.charts.overview import pillar_bars
from pii.export.press import DOCX_MIME, press_summary, to_docx, to_txt
from pii.memo import memo
from pii.panels.filenames import export_name
from pii.provenance import ids_of

ctx = common.setup_page("overview")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
pname = ctx.province_name(P)
st.title(ctx.tm("ov_title", province=pname, edition=E))

with st.spinner(ctx.t("loading")):
    mine = ctx.db.scores(E, provinces=[P])
    # the page a meeting opens at once: derived results memoised per data version (pii/memo.py)
    head = memo(ctx.db, ("ov_head", E, P), lambda: ov.headline(ctx.db, E, P))
    tracker = memo(ctx.db, ("ov_tracker", E, P), lambda: ov.target_tracker(ctx.db, E, P))
pii_score, pii_rank, prev = head.score, head.rank, head.prev_edition
if head.prev_unit is not None and head.prev_unit != P:
    ctx.notices.append(ctx.tm("merger_note", unit=pname, members=", ".join(ctx.db.members(P)[ctx.name_col])))

c1, c2, c3 = st.columns(3)
delta = None
if pii_score is not None and head.prev_score is not None:
    # ASCII minus: st.metric reads the delta's direction from a leading "-"
    diff = ctx.num(pii_score - head.prev_score, signed=True).replace("−", "-")
    delta = f"{diff} {ctx.t('ov_vs_prev', prev=prev)}"
common.kpi(c1, ctx.t("ov_pii_score"), None if pii_score is None else ctx.num(pii_score), delta)
rdelta = None
if pii_rank is not None and head.prev_rank is not None:
    moved = int(head.prev_rank) - int(pii_rank)
    rdelta = ctx.t("ov_rank_delta", delta=f"{moved:+d}", prev=prev)
common.kpi(c2, ctx.t("ov_national_rank"), None if pii_rank is None else ctx.rank(pii_rank, ctx.units_ranked), rdelta)
standing = tracker.regional
label, value, note = ctx.regional_rank_metric(standing)
common.kpi(c3, label, value, note=note)
st.caption(ctx.tm("ov_group_note", group=ctx.group_name(), n=len(ctx.peer_ids()), edition=E))

# --- target tracker ---------------------------------------------------------
st.header(ctx.t("ov_target_title"))
# the number of units to lead comes from the data: 14 provinces before the 2025 merger, 10 merged units after
n_region = len(tracker.region.ids)
merged = any(len(ctx.db.members(u)) for u in tracker.region.ids)
st.caption(ctx.tm("ov_target_text_n", n=n_region, kind=ctx.t("ov_units_merged" if merged else "ov_units_provinces"),
                 region=ctx.region_name(tracker.region.group_id, tracker.region.region_id)))
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
    # ranked 10th itself: "the gap to rank 10 is Thái Nguyên itself" says nothing; compare with 9th and 11th
    for r in ov.gap_ranks(pii_rank, tracker.national_max_rank):
        other = tracker.tenth if r == 10 else tracker.eleventh if r == 11 else ov.unit_at_rank(
            ctx.db.scores(E, codes=["PII"]), r)
        gap = None if other is None or other[1] is None or pii_score is None else pii_score - other[1]
        st.markdown("- " + _gap_line(other, gap, r))
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
pillars = ov.pillar_frame(fw, mine)
st.header(ctx.tm("ov_pillars_title", province=pname, edition=E))
if pillars["score"].notna().any():
    found = findings.overview(pname, pii_score, pii_rank, ctx.units_ranked, standing.rank, standing.out_of,
                              standing.computed, pillars.rename(columns={ctx.name_col: "name"}), L)
    st.markdown(f"**{found.title}**")  # the finding, also the title of the exported image
    common.plotly(memo(ctx.db, ("ov_pillars", E, P, L), lambda: pillar_bars(pillars, L)), ctx, key="ov_pillars",
                  title=found.title, sources=ids_of(mine),
                  filename=export_name("overview", L, province=pname, edition=E))
    left, right = st.columns([3, 2])
    with left:
        table = ov.pillar_table(ctx, pillars)
        common.data_table(table, ctx, "pillars")
        common.download_table(table, ctx, f"pii_{P}_{E}_pillars", key="ov_dl")
    with right:
        st.markdown(f"**{ctx.t('ov_subindex')}**")
        st.markdown("  \n".join(ov.subindex_lines(ctx, fw, mine)))
else:
    st.info(ctx.tm("ov_pillars_missing", province=pname, edition=E))

# --- the units' reporting on the plan (issue 23): shown once anyone has reported ----------------
progress_parts.leadership_block(ctx)

# --- sources ------------------------------------------------------------------
common.sources_expander(ctx, ids_of(mine))

# --- press summary: ready to publish, copy or download ---------------------------------
press = press_summary(ctx.db, E, P, L)
st.header(ctx.t("pr_header"))
st.caption(ctx.t("pr_help"))
with st.container(border=True):
    st.text(press.text)
with st.container(horizontal=True):
    # st.code's highlighter is a 1.5 MB script: loaded only when the copy box is opened, not on every page load
    copy = st.popover(ctx.t("pr_copy"), icon=":material/content_copy:", help=ctx.t("pr_copy_help"), key="pr_copy",
                      on_change="rerun")
    if copy.open:
        copy.code(press.text, language=None, wrap_lines=True)
    name = export_name("press", L, province=pname, edition=E)
    st.download_button(ctx.t("pr_download_txt"), to_txt(press), file_name=f"{name}.txt", mime="text/plain",
                       key="pr_txt", icon=":material/description:")
    st.download_button(ctx.t("pr_download_docx"), lambda: to_docx(press, L), file_name=f"{name}.docx",
                       mime=DOCX_MIME, key="pr_docx", on_click="ignore", icon=":material/article:")

common.finish_page(ctx)
