"""Plan progress store (issue 23): migrations, roles in the data layer, history, audit, evidence, the board,
on real SQLite and real PostgreSQL."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from sqlalchemy import text

from pii.progress import board as bd
from pii.progress import evidence as ev
from pii.progress import store, views, writes
from pii.progress.context import plan_context
from pii.progress.roles import Actor, Refused
from queries import PiiDB
from tests.progress_helpers import PLAN, fresh_postgres_db

TODAY = date(2026, 12, 7)
NOI_VU = Actor("nv.user", "unit", "so_noi_vu")
TU_PHAP = Actor("tp.user", "unit", "so_tu_phap")
DOST = Actor("khcn.user", "dost", None)
LEADER = Actor("ld.user", "leadership", None)
NOBODY = Actor("old.user", None, None)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path, monkeypatch) -> str:
    u = f"sqlite:///{tmp_path / 'progress.sqlite'}" if request.param == "sqlite" else fresh_postgres_db()
    monkeypatch.setenv("PII_PROGRESS_DB", u)
    monkeypatch.setenv("PII_EVIDENCE_DIR", str(tmp_path / "evidence"))
    yield u
    store.dispose_all()


@pytest.fixture(scope="module")
def pctx():
    return plan_context(PiiDB(), PLAN)


def _count(url: str, table: str) -> int:
    with store.engine(url).connect() as conn:
        return int(conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())


def test_migrations_apply_once(url: str) -> None:
    eng = store.engine(url)
    assert store.migrate(eng) == []  # the engine migrated on first use; nothing left to apply
    with eng.connect() as conn:
        assert [tuple(r) for r in conn.execute(text("SELECT version, name FROM schema_migrations"))] == [
            (1, "0001_progress.sql")]
    if url.startswith("sqlite"):
        with eng.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"


def test_a_unit_reports_its_own_indicator_and_history_is_kept(url: str, pctx) -> None:
    # V.1.1 was given to Sở LĐ-TB&XH by the plan; its labour work is Sở Nội vụ's from 2025
    assert "so_noi_vu" in pctx.leads("V.1.1")
    first = writes.add_report(pctx, NOI_VU, "V.1.1", "so_noi_vu", "in_progress", "Đang rà soát số liệu",
                              date(2026, 11, 2))
    writes.add_report(pctx, NOI_VU, "V.1.1", "so_noi_vu", "done", "Đã gửi số liệu", date(2026, 11, 30), 61.5)
    hist = store.rows("report_history", {"plan_id": PLAN, "code": "V.1.1"}, url)
    assert [h["status"] for h in hist] == ["done", "in_progress"]
    assert hist[1]["report_id"] == first and hist[0]["expected"] == 61.5
    last = store.rows("last_reports", {"plan_id": PLAN}, url)
    assert [(r["code"], r["status"], r["reports"]) for r in last] == [("V.1.1", "done", 2)]
    audit = store.rows("audit_recent", {"limit": 10}, url)
    assert [a["actor"] for a in audit] == ["nv.user", "nv.user"]
    assert json.loads(audit[0]["after_json"])["note"] == "Đã gửi số liệu" and audit[0]["before_json"] is None


def test_a_resent_form_is_stored_once(url: str, pctx) -> None:
    for _ in range(3):
        writes.add_report(pctx, TU_PHAP, "I.1.2", "so_tu_phap", "in_progress", "x", TODAY, report_id="token-1")
    assert _count(url, "reports") == 1 and _count(url, "audit_log") == 1


@pytest.mark.parametrize("actor, code, unit, key", [
    (TU_PHAP, "V.1.1", "so_noi_vu", "pg_refused_unit"),  # another unit's indicator
    (TU_PHAP, "I.1.2", "cong_an_tinh", "pg_refused_unit"),  # a co-lead's row is not its own
    (LEADER, "I.1.2", "so_tu_phap", "pg_refused_role"),  # leadership reads only
    (NOBODY, "I.1.2", "so_tu_phap", "pg_refused_role"),  # an account without a role reads only
    (DOST, "I.1.2", "so_noi_vu", "pg_refused_unit"),  # not a lead of I.1.2 at all
])
def test_writes_without_the_right_role_are_refused_in_the_data_layer(url, pctx, actor, code, unit, key) -> None:
    with pytest.raises(Refused) as err:
        writes.add_report(pctx, actor, code, unit, "done", "", TODAY)
    assert err.value.key == key
    assert _count(url, "reports") == 0 and _count(url, "audit_log") == 0


def test_the_department_writes_every_assignment_and_departments_share_the_collective_ones(url, pctx) -> None:
    writes.add_report(pctx, DOST, "I.1.2", "cong_an_tinh", "blocked", "Chờ số liệu", TODAY)
    # I.1.1 is led by "Các sở, ban, ngành": any department's account reports on it
    writes.add_report(pctx, TU_PHAP, "I.1.1", "cac_so_ban_nganh", "in_progress", "", TODAY)
    assert _count(url, "reports") == 2
    with pytest.raises(Refused):
        writes.add_report(pctx, Actor("x", "unit", "ubnd_xa_phuong"), "I.1.1", "cac_so_ban_nganh", "done", "", TODAY)


def test_checklist_entries_are_the_departments_and_audited_with_before_and_after(url, pctx) -> None:
    with pytest.raises(Refused):
        writes.set_checklist_item(pctx, NOI_VU, "I.1.1", 1, missing=False, doc_number="01/2024")
    writes.set_checklist_item(pctx, DOST, "I.1.1", 2, missing=True)
    writes.set_checklist_item(pctx, DOST, "I.1.1", 2, missing=False, doc_number="15/2024/NQ-HĐND",
                              doc_date="10/07/2024", issuer="HĐND tỉnh", link="https://example.org/nq15")
    audit = store.rows("audit_recent", {"limit": 5}, url)
    assert json.loads(audit[0]["before_json"])["missing"] == 1
    assert json.loads(audit[0]["after_json"])["doc_number"] == "15/2024/NQ-HĐND"
    with pytest.raises(Refused) as err:
        writes.set_checklist_item(pctx, DOST, "I.1.1", 3, missing=False, link="javascript:alert(1)")
    assert err.value.key == "pg_bad_link"


def _docx_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b"\0" * (150 * 1024 * 1024) + b"</w:document>")
    return buf.getvalue()


def test_evidence_type_is_read_from_the_content(url, pctx, tmp_path) -> None:
    eid = writes.attach(pctx, NOI_VU, "V.1.1", "so_noi_vu", PDF, "../../Báo cáo <b>quý 4.pdf")
    row = store.rows("evidence_by_id", {"evidence_id": eid}, url)[0]
    assert row["kind"] == "pdf" and row["name"] == "Báo cáo _b_quý 4.pdf" and row["size_bytes"] == len(PDF)
    assert ev.read(row["sha256"]) == PDF and (tmp_path / "evidence" / row["sha256"]).exists()
    for data, name, key in [(b"just text", "scan.pdf", "ev_type"), (b"%PDF-1.4 cut short", "a.pdf", "ev_bad_pdf"),
                            (_docx_bomb(), "bomb.docx", "ev_bad_office"), (b"", "empty.png", "ev_empty"),
                            (b"\x89PNG\r\n\x1a\n" + b"0" * (ev.MAX_BYTES + 1), "big.png", "ev_too_big")]:
        with pytest.raises(Refused) as err:
            writes.attach(pctx, NOI_VU, "V.1.1", "so_noi_vu", data, name)
        assert err.value.key == key, name
    with pytest.raises(Refused):  # evidence for another unit's indicator
        writes.attach(pctx, TU_PHAP, "V.1.1", "so_noi_vu", PDF, "x.pdf")
    assert _count(url, "evidence") == 1


def test_the_board_shows_the_last_report_its_age_and_the_missing_evidence(url) -> None:
    db = PiiDB()
    pctx, before = views.load_board(db, PLAN, 2023, "thai_nguyen", TODAY, url)
    i111 = before[before["code"] == "I.1.1"].iloc[0]
    assert (i111["score"], i111["rank"], i111["evidence_missing"], i111["checklist_items"]) == (38.47, 37, 5, 5)
    writes.add_report(pctx, NOI_VU, "V.1.1", "so_noi_vu", "in_progress", "", date(2026, 11, 7))
    writes.set_checklist_item(pctx, DOST, "I.1.1", 1, missing=False, doc_number="01/2024")
    _, df = views.load_board(db, PLAN, 2023, "thai_nguyen", TODAY, url)
    row = df[(df["code"] == "V.1.1") & (df["unit_id"] == "so_noi_vu")].iloc[0]
    assert (row["status"], row["age_days"], row["unit_vi"]) == ("in_progress", 30, "Sở Nội vụ")
    assert df[df["code"] == "I.1.1"]["evidence_missing"].iat[0] == 4
    assert len(bd.behind(df, 29)) == len(df)  # 30 days old is behind at 29 days
    assert len(bd.behind(df, 30)) == len(df) - 1
    late = bd.behind(df, 30)
    notes = dict(views.reminders(late, "152/KH-UBND", date(2027, 1, 15)))
    assert "V.1.1" not in notes["Sở Nội vụ"] and "VII.2.2" in notes["Sở Nội vụ"]
    assert notes["Sở Nội vụ"].startswith("Kính gửi Sở Nội vụ: theo Kế hoạch 152/KH-UBND") and "15/01/2027" in \
        notes["Sở Nội vụ"]
    table = views.board_frame(df[df["code"] == "V.1.1"], "vi")
    assert table.iloc[0]["Báo cáo gần nhất"] == "Đang triển khai" and table.iloc[0]["Điểm"] != "0"


def test_the_leadership_view_counts_reports_and_names_the_weakest_unreported(url) -> None:
    db = PiiDB()
    pctx, df = views.load_board(db, PLAN, 2023, "thai_nguyen", TODAY, url)
    assert views.leadership_lines(df, "vi") == ([], [])  # no report: nothing to show, not "0 %"
    writes.add_report(pctx, NOI_VU, "VII.2.2", "so_noi_vu", "done", "", TODAY)
    _, df = views.load_board(db, PLAN, 2023, "thai_nguyen", TODAY, url)
    units, weak = views.leadership_lines(df, "vi", n=3)
    assert "Sở Nội vụ: 1/7 chỉ số đã báo cáo, 1 hoàn thành" in units
    assert not any(w.startswith("VII.2.2") for w in weak)  # reported: no longer among the unreported weakest
    assert weak[0].startswith("III.2.3 ")  # then the weakest by the one rule (rank 55 of 63)


def test_partners_comment_and_others_may_not(url, pctx) -> None:
    rid = writes.add_report(pctx, NOI_VU, "V.1.1", "so_noi_vu", "in_progress", "", TODAY)
    report = store.rows("report_by_id", {"report_id": rid}, url)[0]
    partners = set(pctx.assignments[(pctx.assignments["code"] == "V.1.1") &
                                    (pctx.assignments["role"] == "partner")]["unit_id"])
    assert "cac_so_ban_nganh" in partners  # every department is a partner of V.1.1
    writes.add_comment(pctx, TU_PHAP, report, "Sở Tư pháp phối hợp cung cấp số liệu")
    with pytest.raises(Refused):
        writes.add_comment(pctx, LEADER, report, "x")
    with pytest.raises(Refused):
        writes.add_comment(pctx, Actor("x", "unit", "ubnd_xa_phuong"), report, "x")
    assert [c["body"] for c in store.rows("comments_of", {"report_id": rid}, url)] == [
        "Sở Tư pháp phối hợp cung cấp số liệu"]


def test_the_leadership_pack_carries_the_units_reporting(url) -> None:
    from pptx import Presentation

    from pii.export.packs import build_pack, leadership_items
    from pii.export.pptx_pack import pptx_bytes

    db = PiiDB()
    pctx = plan_context(db, PLAN)
    writes.add_report(pctx, NOI_VU, "VII.2.2", "so_noi_vu", "done", "", TODAY)
    pack = build_pack(leadership_items(2023, "thai_nguyen"), db, "vi", day=TODAY, progress=True)
    title, units, weak = pack.progress
    assert title == "Tiến độ báo cáo của các đơn vị (Kế hoạch 152/KH-UBND)"
    assert "Sở Nội vụ: 1/7 chỉ số đã báo cáo, 1 hoàn thành" in units
    slide = Presentation(io.BytesIO(pptx_bytes(pack))).slides[-1]
    shown = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Sở Nội vụ: 1/7 chỉ số đã báo cáo, 1 hoàn thành" in shown and weak[0] in shown
    assert build_pack(leadership_items(2023, "thai_nguyen"), db, "vi", day=TODAY).progress is None


def test_the_board_xlsx_holds_the_rows_shown(url) -> None:
    import openpyxl

    from pii.export.tables import to_xlsx_bytes

    _, df = views.load_board(PiiDB(), PLAN, 2023, "thai_nguyen", TODAY, url)
    table = views.board_frame(df, "vi", numeric=True)
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table, "vi"))).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã", "Chỉ số", "Đơn vị (hiện nay)") and len(rows) == len(df) + 1 == 62
    # numbers stay numbers, so Excel sorts them
    assert rows[1][:5] == ("I.1.1", "Văn bản chính sách thúc đẩy KH-CN và ĐMST của địa phương", "Các sở, ban, ngành",
                           38.47, 37)


def test_evidence_is_inspected_only_in_the_limited_worker(url, pctx, monkeypatch) -> None:
    def in_server(*_a: object) -> None:
        raise AssertionError("the upload was parsed in the server process")

    monkeypatch.setattr(ev, "inspect", in_server)  # the worker is a fresh process: it has the real one
    eid = writes.attach(pctx, NOI_VU, "V.1.1", "so_noi_vu", PDF, "bao_cao.pdf")
    assert store.rows("evidence_by_id", {"evidence_id": eid}, url)[0]["kind"] == "pdf"
    with pytest.raises(Refused) as err:
        writes.attach(pctx, NOI_VU, "V.1.1", "so_noi_vu", _docx_bomb(), "bomb.docx")
    assert err.value.key == "ev_bad_office"
