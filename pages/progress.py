"""Plan progress (issue 23): units report on their indicators, the Department follows up on its board."""

from __future__ import annotations

from datetime import date

import streamlit as st

from pages import common, import_auth, progress_parts
from pii.progress import demo, roles, views

ctx = common.setup_page("progress")
common.show_notices_now(ctx)
plan_id = views.followed_plan(ctx)
st.title(ctx.tm("pg_title", plan=views.plan_label(plan_id)))
st.caption(ctx.t("pg_intro"))
user = import_auth.signed_in_user(ctx)
if not user:
    st.info(ctx.t("pg_sign_in_first"))
    common.finish_page(ctx)
    st.stop()
if demo.is_demo():
    st.warning(ctx.t("pg_demo_store"), icon="⚠️")
actor = roles.actor_of(user)
today = date.today()
with st.spinner(ctx.t("loading")):
    pctx, board = views.board_of(ctx, plan_id, today)
st.caption(progress_parts.role_line(ctx, actor, pctx))
tabs = ctx.section_tabs({"board": "pg_tab_board", "report": "pg_tab_report", "checklist": "pg_tab_checklist"},
                        "report" if actor.role == "unit" else "board")
if tabs["board"].open:
    with tabs["board"]:
        progress_parts.board_view(ctx, board, plan_id, today)
if tabs["report"].open:
    with tabs["report"]:
        progress_parts.report_form(ctx, actor, pctx, board, today)
if tabs["checklist"].open:
    with tabs["checklist"]:
        progress_parts.checklist_view(ctx, actor, pctx)
common.finish_page(ctx)
