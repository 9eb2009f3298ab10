"""Issue 23's journey in Chromium: a unit signs in, reports on its indicator with a PDF attached; the
Department's board counts it; the Overview shows the unit's reporting. Own server, own accounts and store."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from pii import accounts
from pii.progress import store
from tests.e2e.helpers import free_port, launch_browser, start_server, stop_server, wait_ready

PW = "mật-khẩu-đủ-dài-1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SHOTS = Path(tempfile.gettempdir()) / "pii_progress_journey"


@pytest.fixture()
def server(tmp_path):
    accounts.add_user("nv", PW)
    accounts.set_fields("nv", role="unit", unit="so_noi_vu")
    env = {k: v for k, v in os.environ.items() if k != "PII_DATA_DIR"}
    env.update(PII_PROGRESS_DB=f"sqlite:///{tmp_path / 'progress.sqlite'}", PII_EVIDENCE_DIR=str(tmp_path / "ev"))
    port = free_port()
    proc = start_server(port, env=env, log=tmp_path / "server.log")
    try:
        yield f"http://127.0.0.1:{port}", env["PII_PROGRESS_DB"], tmp_path
    finally:
        stop_server(proc)
        store.dispose_all()


def test_a_unit_reports_with_evidence_and_the_board_and_overview_count_it(server) -> None:
    from playwright.sync_api import sync_playwright

    base, url, tmp = server
    SHOTS.mkdir(exist_ok=True)
    evidence = tmp / "bao_cao_quy4.pdf"
    evidence.write_bytes(PDF)
    with sync_playwright() as p:
        browser = launch_browser(p)
        page = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN").new_page()
        page.set_default_timeout(120_000)
        page.goto(f"{base}/progress?lang=vi")
        wait_ready(page)
        page.get_by_label("Tên đăng nhập").fill("nv")
        page.get_by_label("Mật khẩu", exact=True).fill(PW)
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_text("Tài khoản nv: đơn vị Sở Nội vụ").wait_for()
        wait_ready(page)
        page.locator('[data-testid="stRadio"]').get_by_text("Hoàn thành", exact=True).click()
        page.get_by_label("Ghi chú ngắn").fill("Đã gửi số liệu lao động quý 4")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(evidence))
        page.get_by_text("bao_cao_quy4.pdf").wait_for()
        page.screenshot(path=str(SHOTS / "1_report_form.png"), full_page=True)
        page.get_by_role("button", name="Gửi báo cáo").click()
        page.get_by_text("Đã lưu 1 tệp minh chứng.").wait_for()
        page.screenshot(path=str(SHOTS / "2_saved.png"), full_page=True)
        rows = store.rows("last_reports", {"plan_id": "152/KH-UBND-2024"}, url)
        assert [(r["unit_id"], r["status"], r["note"]) for r in rows] == [
            ("so_noi_vu", "done", "Đã gửi số liệu lao động quý 4")]
        files = store.rows("evidence_of_plan", {"plan_id": "152/KH-UBND-2024"}, url)
        assert [(f["name"], f["kind"], f["size_bytes"]) for f in files] == [("bao_cao_quy4.pdf", "pdf", len(PDF))]
        page.get_by_role("tab", name="Bảng theo dõi").click()
        page.get_by_text("61 nhiệm vụ · 1 đã báo cáo · 1 hoàn thành").wait_for()
        wait_ready(page)
        page.screenshot(path=str(SHOTS / "3_board.png"), full_page=True)
        page.goto(f"{base}/?lang=vi")
        wait_ready(page)
        page.get_by_text("Sở Nội vụ: 1/7 chỉ số đã báo cáo, 1 hoàn thành", exact=False).wait_for()
        page.screenshot(path=str(SHOTS / "4_overview.png"), full_page=True)
        browser.close()
