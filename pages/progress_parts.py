"""Rendering of the plan-progress page: the board, the report form, the checklists. Every text a user or
a file wrote is shown with ``st.text`` or in a grid, never as Markdown."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from pages.url_state import Context
from pii import fmt
from pii.export.image import MIME
from pii.export.tables import to_xlsx_bytes
from pii.export.unit_sheet import html_to_pdf_one_page
from pii.progress import board as bd
from pii.progress import evidence as ev
from pii.progress import roles, store, views, writes
from pii.progress.context import PlanContext
from pii.progress.roles import Actor, Refused
from pii.safety import csv_safe_frame, md_text

STATUSES = list(writes.STATUSES)


def role_line(ctx: Context, actor: Actor, pctx: PlanContext) -> str:
    if actor.role == "unit":
        role = ctx.tm("pg_role_unit", unit=pctx.unit_name(actor.unit_id or "?", ctx.lang))
    else:
        role_key = f"pg_role_{actor.role or 'none'}"
        role = ctx.t(role_key)
    return ctx.t("pg_role_line", user=md_text(actor.user), role=role)  # role: already escaped where it has data


def _refusal(ctx: Context, err: Refused) -> None:
    st.error(ctx.t(err.key, **err.params))


def board_view(ctx: Context, board: pd.DataFrame, plan_id: str, today: date) -> None:
    lang = ctx.lang
    c1, c2, c3 = st.columns(3)
    all_ = ctx.t("pg_all")
    units = dict(zip(board["unit_id"], board[f"unit_{lang}"]))
    unit = c1.selectbox(ctx.t("pg_f_unit"), ["", *units], format_func=lambda u: units.get(u, all_), key="pg_unit")
    pillars = list(dict.fromkeys(board["pillar"]))
    pillar = c2.selectbox(ctx.t("pg_f_pillar"), ["", *pillars], format_func=lambda p: p or all_, key="pg_pillar")
    status = c3.selectbox(ctx.t("pg_f_status"), ["", *STATUSES, "none"], key="pg_status",
                          format_func=lambda s: views.status_label(None if s == "none" else s, lang) if s else all_)
    c4, c5, c6 = st.columns(3)
    days = int(c4.number_input(ctx.t("pg_f_stale"), 1, 365, bd.STALE_DAYS, key="pg_days"))
    data_call = c5.date_input(ctx.t("pg_f_data_call"), today + timedelta(days=60), key="pg_call",
                              format="DD/MM/YYYY" if lang == "vi" else "YYYY-MM-DD")
    view = c6.radio(ctx.t("pg_view"), ["all", "behind", "call"], key="pg_view", format_func=lambda v: {
        "all": ctx.t("pg_view_all"), "behind": ctx.t("pg_view_behind", days=days),
        "call": ctx.t("pg_view_data_call", date=fmt.date(data_call, lang))}[v])
    rows = bd.filtered(board, unit or None, pillar or None, status or None)
    if view == "behind":
        rows = bd.behind(rows, days)
    elif view == "call":
        rows = bd.before_data_call(rows, data_call, today)
    late = bd.behind(board, days)
    st.caption(ctx.t("pg_board_caption", n=len(board), reported=int(board["status"].notna().sum()),
                     done=int((board["status"] == "done").sum()), behind=len(late), days=days))
    table = views.board_frame(rows, lang)
    st.dataframe(csv_safe_frame(table), hide_index=True, width="stretch")  # the toolbar's CSV writes no formula
    name = f"tien_do_{views.plan_label(plan_id).replace('/', '_')}_{today.isoformat()}"
    with st.container(horizontal=True):
        st.download_button(ctx.t("pg_download_xlsx"),
                           lambda: to_xlsx_bytes(views.board_frame(rows, lang, numeric=True), lang, title=name),
                           file_name=f"{name}.xlsx", mime=MIME["xlsx"], on_click="ignore", key="pg_xlsx",
                           icon=":material/table_view:")
        st.download_button(ctx.t("pg_download_pdf"),
                           lambda: html_to_pdf_one_page(views.sheet_html(rows, views.plan_label(plan_id), today, lang,
                                                                         ctx.demo), fit=False),
                           file_name=f"{name}.pdf", mime="application/pdf", on_click="ignore", key="pg_pdf",
                           icon=":material/picture_as_pdf:")
    notes = views.reminders(late, views.plan_label(plan_id), data_call, "vi")
    with st.expander(ctx.t("pg_reminders", n=len(notes))):
        if not notes:
            st.text(ctx.t("pg_no_reminders", days=days))
        for _unit, text in notes:
            st.text(text)


def _writable(actor: Actor, pctx: PlanContext, board: pd.DataFrame) -> pd.DataFrame:
    ok = [roles.may_report(actor, c, u, pctx.assignments, pctx.unit_kinds)
          for c, u in zip(board["code"], board["unit_id"])]
    mine = board[ok]
    # the unit's own assignments first, the collective ones ("Các sở, ban, ngành") after
    return mine.sort_values("unit_id", key=lambda u: u != (actor.unit_id or ""), kind="stable")


def report_form(ctx: Context, actor: Actor, pctx: PlanContext, board: pd.DataFrame, today: date) -> None:
    lang = ctx.lang
    mine = _writable(actor, pctx, board)
    if not actor.can_write or mine.empty:
        st.info(ctx.t("pg_refused_role") if not actor.can_write else ctx.t("pg_nothing_to_report"))
        return
    options = [f"{c}|{u}" for c, u in zip(mine["code"], mine["unit_id"])]
    labels = {f"{r.code}|{r.unit_id}": f"{r.code} · {getattr(r, f'unit_{lang}')}" for r in mine.itertuples()}
    token = st.session_state.setdefault("_pg_form_token", uuid.uuid4().hex)
    with st.form("pg_report", clear_on_submit=True):
        choice = st.selectbox(ctx.t("pg_f_indicator"), options, format_func=labels.get, key="pg_choice")
        status = st.radio(ctx.t("pg_f_status"), STATUSES, horizontal=True, key="pg_f_status",
                          format_func=lambda s: views.status_label(s, lang))
        note = st.text_area(ctx.t("pg_f_note"), max_chars=writes.MAX_NOTE, key="pg_note")
        on = st.date_input(ctx.t("pg_f_date"), today, max_value=today, key="pg_date",
                           format="DD/MM/YYYY" if lang == "vi" else "YYYY-MM-DD")
        expected = st.number_input(ctx.t("pg_f_expected"), 0.0, 100.0, value=None, step=0.01, key="pg_expected")
        files = st.file_uploader(ctx.t("pg_f_files"), accept_multiple_files=True, key="pg_files",
                                 type=["pdf", "docx", "xlsx", "png", "jpg", "jpeg"])
        sent = st.form_submit_button(ctx.t("pg_f_submit"), icon=":material/send:")
    if sent and choice:
        code, unit = choice.split("|", 1)
        try:
            rid = writes.add_report(pctx, actor, code, unit, status, note, on, expected, report_id=token)
            saved = 0
            for f in files or []:
                writes.attach(pctx, actor, code, unit, f.getvalue(), f.name, report_id=rid)
                saved += 1
        except Refused as err:
            _refusal(ctx, err)
        else:
            st.session_state.pop("_pg_form_token", None)
            st.success(ctx.tm("pg_saved", code=code, unit=pctx.unit_name(unit, lang)))
            if saved:
                st.success(ctx.t("pg_saved_files", n=saved))
    history(ctx, actor, pctx, (choice or options[0]).split("|", 1)[0])


def history(ctx: Context, actor: Actor, pctx: PlanContext, code: str) -> None:
    lang = ctx.lang
    st.subheader(ctx.tm("pg_history", code=code))
    reports = store.rows("report_history", {"plan_id": pctx.plan_id, "code": code})
    if not reports:
        st.caption(ctx.t("pg_no_history"))
        return
    files = [e for e in store.rows("evidence_of_plan", {"plan_id": pctx.plan_id}) if e["code"] == code]
    for r in reports[:20]:
        with st.container(border=True):
            st.text(ctx.t("pg_history_line", date=fmt.date(date.fromisoformat(r["reported_on"]), lang),
                          unit=pctx.unit_name(r["unit_id"], lang), status=views.status_label(r["status"], lang),
                          author=r["author"]))
            if r["note"]:
                st.text(r["note"])
            for e in (e for e in files if e["report_id"] == r["report_id"]):
                if roles.may_see_unit(actor, e["unit_id"]):
                    st.download_button(ctx.tm("pg_download_evidence", name=e["name"]),
                                       lambda e=e: ev.read(e["sha256"]), file_name=e["name"],
                                       mime=ev.KINDS[e["kind"]], on_click="ignore", key=f"pg_ev_{e['evidence_id']}")
            for c in store.rows("comments_of", {"report_id": r["report_id"]}):
                st.text(f"↳ {c['author']}: {c['body']}")
    if roles.may_comment(actor, code, pctx.assignments, pctx.unit_kinds):
        with st.form("pg_comment", clear_on_submit=True):
            body = st.text_area(ctx.t("pg_comment"), max_chars=writes.MAX_NOTE, key="pg_comment_body")
            if st.form_submit_button(ctx.t("pg_comment_submit")) and body.strip():
                try:
                    writes.add_comment(pctx, actor, reports[0], body)
                except Refused as err:
                    _refusal(ctx, err)
                else:
                    st.rerun()


def checklist_view(ctx: Context, actor: Actor, pctx: PlanContext) -> None:
    lang = ctx.lang
    items, names = views.checklist_of(ctx, pctx.plan_id)
    entries = {(e["code"], int(e["item_no"])): e for e in
               store.rows("last_checklist_entries", {"plan_id": pctx.plan_id})}
    for code, rows in items.groupby("code", sort=False):
        present = sum(1 for i in rows["item_no"] if (code, int(i)) in entries and not
                      int(entries[(code, int(i))]["missing"]))
        st.subheader(ctx.tm("pg_checklist_of", code=code, name=names.get(code, ""), present=present, n=len(rows)))
        shown = []
        for r in rows.itertuples():
            e = entries.get((code, int(r.item_no)))
            doc = ctx.t("pg_item_missing") if e is None or int(e["missing"]) else ctx.t(
                "pg_item_doc", number=e["doc_number"] or "—", date=e["doc_date"] or "—", issuer=e["issuer"] or "—")
            shown.append({ctx.t("pg_f_item"): f"{r.item_no}. {getattr(r, f'item_{lang}')}",
                          ctx.t("pg_f_doc_number"): doc,
                          ctx.t("pg_f_link"): (e or {}).get("link") or ""})
        st.dataframe(csv_safe_frame(pd.DataFrame(shown)), hide_index=True, width="stretch")
        st.caption(ctx.tm("pg_checklist_source", source=", ".join(dict.fromkeys(rows["source_id"]))))
        if actor.role == "dost":
            _checklist_form(ctx, actor, pctx, code, rows)


def _checklist_form(ctx: Context, actor: Actor, pctx: PlanContext, code: str, rows: pd.DataFrame) -> None:
    lang = ctx.lang
    labels = {int(r.item_no): f"{r.item_no}. {getattr(r, f'item_{lang}')}" for r in rows.itertuples()}
    with st.form(f"pg_item_{code}", clear_on_submit=True):
        item = st.selectbox(ctx.t("pg_f_item"), list(labels), format_func=labels.get, key=f"pg_item_no_{code}")
        c1, c2, c3 = st.columns(3)
        number = c1.text_input(ctx.t("pg_f_doc_number"), max_chars=120, key=f"pg_num_{code}")
        issued = c2.text_input(ctx.t("pg_f_doc_date"), max_chars=40, key=f"pg_dd_{code}")
        issuer = c3.text_input(ctx.t("pg_f_issuer"), max_chars=200, key=f"pg_iss_{code}")
        link = st.text_input(ctx.t("pg_f_link"), max_chars=500, key=f"pg_link_{code}")
        missing = st.checkbox(ctx.t("pg_f_mark_missing"), key=f"pg_miss_{code}")
        if st.form_submit_button(ctx.t("pg_f_save_item")):
            try:
                writes.set_checklist_item(pctx, actor, code, int(item), missing=missing, doc_number=number,
                                          doc_date=issued, issuer=issuer, link=link.strip())
            except Refused as err:
                _refusal(ctx, err)
            else:
                st.rerun()


def leadership_block(ctx: Context) -> None:
    """The leadership's view on the Overview: per unit reported/done, the weakest with no recent report."""
    from pii.progress import demo

    plan_id = ctx.plan_id
    if plan_id is None or not store.rows("report_count")[0]["n"]:
        return
    _, board = views.board_of(ctx, plan_id, date.today())
    units, weak = views.leadership_lines(board, ctx.lang)
    st.subheader(ctx.tm("pg_lead_title", plan=views.plan_label(plan_id)))
    if demo.is_demo():
        st.caption(ctx.t("pg_demo_store"))
    left, right = st.columns(2)
    with left:
        st.text("\n".join(units) if units else ctx.t("pg_lead_none"))
    with right:
        st.text(ctx.t("pg_lead_weak"))
        st.text("\n".join(weak))
