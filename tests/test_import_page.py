"""The import page: disabled without a password, password gate, and a real
upload → problems → publish → rollback journey in Chromium (issue 6)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from queries import PiiDB
from tests.apptest_helpers import run_page, texts

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "bad_inputs" / "score_140.csv"
PORT = int(os.environ.get("PII_IMPORT_E2E_PORT", "8606"))


def test_disabled_without_a_password(monkeypatch, data_copy):
    monkeypatch.delenv("PII_IMPORT_PASSWORD", raising=False)
    monkeypatch.setenv("PII_DATA_DIR", str(data_copy))
    at = run_page("pages/import_data.py", {"lang": "en"})
    assert not at.exception
    assert "Import is disabled" in texts(at)
    assert not at.text_input  # no password box, no uploader


def test_password_gate(monkeypatch, data_copy):
    monkeypatch.setenv("PII_IMPORT_PASSWORD", "đúng-mật-khẩu")
    monkeypatch.setenv("PII_DATA_DIR", str(data_copy))
    at = run_page("pages/import_data.py", {"lang": "vi"})
    assert [t.label for t in at.text_input] == ["Mật khẩu nhập dữ liệu"]
    at.text_input[0].input("sai")
    at.button[0].click().run()
    assert "Mật khẩu không đúng." in texts(at)
    at.text_input[0].input("đúng-mật-khẩu")
    at.button[0].click().run()
    assert not at.exception
    assert "Tệp được kiểm tra toàn bộ trước" in texts(at)
    assert "Nhật ký nhập dữ liệu" in texts(at)


def test_demo_mode_does_not_import(monkeypatch, data_copy):
    monkeypatch.setenv("PII_IMPORT_PASSWORD", "x")
    monkeypatch.setenv("PII_DATA_DIR", str(data_copy))
    at = run_page("pages/import_data.py", {"lang": "en", "demo": "1"})
    assert not at.exception
    assert "switch it off to import real data" in texts(at)
    assert "DỮ LIỆU MINH HỌA / ILLUSTRATIVE DATA" in texts(at)  # the demo banner


@pytest.mark.e2e
def test_upload_publish_rollback_in_chromium(data_copy, tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.e2e.helpers import launch_browser, start_server, stop_server, wait_ready

    good = tmp_path / "ha_giang_2024.csv"
    good.write_text("edition,province,code,score,rank,source\n"
                    "2024,Ha Giang,I.1.1,41.5,12,https://example.org/pii-2024\n", encoding="utf-8")
    env = {**os.environ, "PII_DATA_DIR": str(data_copy), "PII_IMPORT_PASSWORD": "pw-e2e"}
    shots = Path(os.environ.get("PII_SHOTS_DIR", tmp_path))
    proc = start_server(PORT, env=env)
    try:
        with sync_playwright() as p:
            browser = launch_browser(p)
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(180_000)  # CI machines run several browsers and servers at once
            page.goto(f"http://127.0.0.1:{PORT}/import_data?lang=vi")
            wait_ready(page, timeout=180_000)
            page.get_by_label("Mật khẩu nhập dữ liệu").fill("pw-e2e")
            page.get_by_role("button", name="Đăng nhập").click()
            page.get_by_text("Tệp được kiểm tra toàn bộ trước").wait_for()
            page.locator('input[type="file"]').set_input_files(str(BAD))
            page.get_by_text("Tệp có 1 lỗi").wait_for()
            grid = page.locator('[data-testid="stDataFrame"]').first
            grid.wait_for()
            page.screenshot(path=str(shots / "import_problems_vi.png"), full_page=True)
            page.locator('input[type="file"]').set_input_files(str(good))
            page.get_by_text("Tệp hợp lệ").wait_for()
            page.get_by_role("button", name="Công bố").click()
            page.get_by_text("Đã công bố ha_giang_2024.csv: 2 mới, 0 thay đổi.").wait_for()
            page.screenshot(path=str(shots / "import_published_vi.png"), full_page=True)
            got = PiiDB(data_copy / "parquet").scores(2024, provinces=["ha_giang"], codes=["I.1.1"])
            assert got["score"].tolist() == [41.5] and got["rank"].tolist() == [12]
            page.get_by_text("Tôi chắc chắn muốn hoàn tác").click()
            page.get_by_role("button", name="Hoàn tác lần nhập gần nhất").click()
            page.get_by_text("Đã hoàn tác lần nhập ha_giang_2024.csv.").wait_for()
            assert PiiDB(data_copy / "parquet").scores(2024, provinces=["ha_giang"], codes=["I.1.1"]).empty
            page.goto(f"http://127.0.0.1:{PORT}/import_data?lang=en")
            wait_ready(page, timeout=180_000)
            page.get_by_label("Import password").fill("pw-e2e")
            page.get_by_role("button", name="Sign in").click()
            page.get_by_text("Upload a data file").wait_for()
            page.get_by_text("Roll back the last import").wait_for()
            page.screenshot(path=str(shots / "import_log_en.png"), full_page=True)
            browser.close()
    finally:
        stop_server(proc)
    log = (data_copy / "import_log.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(log) == 2 and '"who": "web:?"' in log[0] and '"action": "rollback"' in log[1]
