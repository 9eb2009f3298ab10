"""Every write to the progress store: checked for the role first, in one
transaction with its audit-log line (who, when, before and after).

A write carries an id made by the writer (a form's submission token): sending
the same write twice stores it once.
"""

from __future__ import annotations

import json
import math
import uuid
from datetime import date

from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError

from pii.progress import evidence as ev
from pii.progress import store
from pii.progress.context import PlanContext
from pii.progress.roles import Actor, Refused, may_comment, may_report, require

STATUSES = ("not_started", "in_progress", "done", "blocked")
MAX_NOTE = 2000


def new_id() -> str:
    return uuid.uuid4().hex


def _audit(conn: Connection, actor: Actor, action: str, target: str, before: dict | None, after: dict | None) -> None:
    conn.execute(text(store.sql("insert_audit")), {
        "audit_id": new_id(), "at": store.now_iso(), "actor": actor.user, "action": action, "target": target,
        "before_json": None if before is None else json.dumps(before, ensure_ascii=False, default=str),
        "after_json": None if after is None else json.dumps(after, ensure_ascii=False, default=str)})


def _insert_once(conn: Connection, query: str, row: dict, key: str, lookup: str) -> bool:
    """Insert ``row``; False when a row with the same id exists already (a resent form)."""
    existing = conn.execute(text(store.sql(lookup)), {key: row[key]}).first()
    if existing is not None:
        return False
    conn.execute(text(store.sql(query)), row)
    return True


def _text(value: str, limit: int, key: str) -> str:
    s = " ".join(str(value or "").split()) if "\n" not in str(value or "") else str(value).strip()
    if len(s) > limit:
        raise Refused(key, limit=limit)
    return s


def add_report(ctx: PlanContext, actor: Actor, code: str, unit_id: str, status: str, note: str,
               reported_on: date, expected: float | None = None, report_id: str | None = None,
               url: str | None = None) -> str:
    """Store one progress report (history: never overwrites). Raises Refused."""
    require(actor.can_write, "pg_refused_role")
    require(may_report(actor, code, unit_id, ctx.assignments, ctx.unit_kinds), "pg_refused_unit",
            code=code, unit=unit_id)
    require(status in STATUSES, "pg_bad_status")
    if expected is not None and (not math.isfinite(float(expected)) or not 0 <= float(expected) <= 100):
        raise Refused("pg_bad_expected")
    row = {"report_id": report_id or new_id(), "plan_id": ctx.plan_id, "code": code, "unit_id": unit_id,
           "status": status, "note": _text(note, MAX_NOTE, "pg_note_too_long"),
           "expected": None if expected is None else round(float(expected), 2), "author": actor.user,
           "reported_on": reported_on.isoformat(), "created_at": store.now_iso()}
    try:
        with store.transaction(url) as conn:
            if _insert_once(conn, "insert_report", row, "report_id", "report_by_id"):
                _audit(conn, actor, "report", f"{ctx.plan_id}/{code}/{unit_id}", None, row)
    except IntegrityError:  # the same id committed by a concurrent resend
        pass
    return row["report_id"]


def add_comment(ctx: PlanContext, actor: Actor, report: dict, body: str, comment_id: str | None = None,
                url: str | None = None) -> str:
    require(may_comment(actor, str(report["code"]), ctx.assignments, ctx.unit_kinds), "pg_refused_comment")
    row = {"comment_id": comment_id or new_id(), "report_id": report["report_id"],
           "unit_id": actor.unit_id or "", "author": actor.user, "body": _text(body, MAX_NOTE, "pg_note_too_long"),
           "created_at": store.now_iso()}
    with store.transaction(url) as conn:
        conn.execute(text(store.sql("insert_comment")), row)
        _audit(conn, actor, "comment", str(report["report_id"]), None, row)
    return row["comment_id"]


def attach(ctx: PlanContext, actor: Actor, code: str, unit_id: str, data: bytes, name: str,
           report_id: str | None = None, item_no: int | None = None, url: str | None = None) -> str:
    """Check and store an evidence file for an assignment (or a checklist item); returns its id."""
    if item_no is None:
        require(may_report(actor, code, unit_id, ctx.assignments, ctx.unit_kinds), "pg_refused_unit",
                code=code, unit=unit_id)
    else:
        require(actor.role == "dost", "pg_refused_checklist")
    checked = ev.check_in_worker(data, name)
    if checked.kind is None:
        raise Refused(checked.problem or "ev_type", name=ev.safe_name(name), **checked.params)
    digest = ev.store(data)
    row = {"evidence_id": new_id(), "report_id": report_id, "plan_id": ctx.plan_id, "code": code,
           "item_no": item_no, "unit_id": unit_id, "sha256": digest, "name": ev.safe_name(name),
           "kind": checked.kind, "size_bytes": len(data), "uploaded_by": actor.user, "uploaded_at": store.now_iso()}
    with store.transaction(url) as conn:
        conn.execute(text(store.sql("insert_evidence")), row)
        _audit(conn, actor, "evidence", f"{ctx.plan_id}/{code}/{unit_id}", None, row)
    return row["evidence_id"]


def set_checklist_item(ctx: PlanContext, actor: Actor, code: str, item_no: int, *, missing: bool,
                       doc_number: str = "", doc_date: str = "", issuer: str = "", link: str = "",
                       evidence_id: str | None = None, url: str | None = None) -> str:
    """Record the document in force for a checklist item, or that it is missing (the Department only)."""
    require(actor.role == "dost", "pg_refused_checklist")
    if link and not link.startswith(("https://", "http://")):
        raise Refused("pg_bad_link")
    before = {r["item_no"]: r for r in store.rows("last_checklist_entries", {"plan_id": ctx.plan_id}, url)
              if r["code"] == code}.get(item_no)
    row = {"entry_id": new_id(), "plan_id": ctx.plan_id, "code": code, "item_no": int(item_no),
           "doc_number": _text(doc_number, 120, "pg_note_too_long") or None,
           "doc_date": _text(doc_date, 40, "pg_note_too_long") or None,
           "issuer": _text(issuer, 200, "pg_note_too_long") or None, "link": link or None,
           "evidence_id": evidence_id, "missing": 1 if missing else 0, "author": actor.user,
           "created_at": store.now_iso()}
    with store.transaction(url) as conn:
        conn.execute(text(store.sql("insert_checklist_entry")), row)
        _audit(conn, actor, "checklist", f"{ctx.plan_id}/{code}/{item_no}", before, row)
    return row["entry_id"]
