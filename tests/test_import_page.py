"""The import page: disabled without accounts, the sign-in gate (issue 12: named
accounts, lockout, idle timeout, sign-out), and a real upload → problems →
publish → rollback journey in Chromium (issue 6)."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from pii import accounts
from queries import PiiDB
from tests.apptest_helpers import run_page, texts

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "bad_inputs" / "score_140.csv"
PORT = int(os.environ.get("PII_IMPORT_E2E_PORT", "8606"))


def test_disabled_without_accounts(monkeypatch, data_copy):
    monkeypatch.setenv("PII_DATA_DIR", str(data_copy))
    at = run_page("pages/import_data.py", {"lang": "en"})
    assert not at.exception
    assert "Import is disabled: there is no account yet" in texts(at)
    assert not at.text_input  # no password box, no uploader


def _sign_in(at, name: str, password: str):
    at.text_input(key="_imp_login_name").input(name)
    at.text_input(key="_imp_login_password").input(password)
    at.button[-1].click().run()  # the form's submit button is the last button before sign-in
    return at


def test_sign_in_gate_and_sign_out(monkeypatch, data_copy):
    accounts.add_user("lan", "đúng-mật-khẩu-dài")
    monkeypatch.setenv("PII_DATA_DIR", str(data_copy))
    at = run_page("pages/import_data.py", {"lang": "vi"})
    assert [t.label for t in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]
    _sign_in(at, "lan", "sai")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in texts(at)
    assert "Tệp được kiểm tra toàn bộ" not in texts(at)
    _sign_in(at, "lan", "đúng-mật-khẩu-dài")
    assert not at.exception
    assert "Đã đăng nhập: **lan**" in texts(at)
    assert "Nhật ký nhập dữ liệu" in texts(at)
    assert not [t for t in at.text_input if t.label == "Tên người nhập (ghi vào nhật ký)"]  # no free-text "who"
    at.button(key="_imp_sign_out").click().run()
    assert [t.label for t in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]


def test_idle_session_is_signed_out(monkeypatch, data_copy):
    accounts.add_user("lan", "đúng-mật-khẩu-dài")
    monkeypatch.setenv("PII_DATA_DIR", str(data_copy))
    at = run_page("pages/import_data.py", {"lang": "en"})
    _sign_in(at, "lan", "đúng-mật-khẩu-dài")
    assert "Signed in as **lan**" in texts(at)
    at.session_state["_imp_last_seen"] = at.session_state["_imp_last_seen"] - 31 * 60  # 31 idle minutes
    at.run()
    assert "The session expired after inactivity" in texts(at)
    assert [t.label for t in at.text_input] == ["User name", "Password"]


def test_lockout_holds_across_sessions(monkeypatch, data_copy):
    """The failures are counted per client and user on disk: a fresh session (new tab) of that client is still
    locked (the AppTest client has no address: "")."""
    accounts.add_user("lan", "đúng-mật-khẩu-dài")
    monkeypatch.setenv("PII_DATA_DIR", str(data_copy))
    t0 = time.time() - 100 * accounts.LOCK_AFTER  # failures 100 s apart (past every delay), the last 100 s ago
    for i in range(accounts.LOCK_AFTER):
        accounts.sign_in("lan", "sai", now=t0 + i * 100, client="")
    at = run_page("pages/import_data.py", {"lang": "en"})
    _sign_in(at, "lan", "đúng-mật-khẩu-dài")
    assert "The account is locked" in texts(at)
    assert "Signed in as" not in texts(at)


def test_demo_mode_does_not_import(monkeypatch, data_copy, demo_env):
    accounts.add_user("lan", "đúng-mật-khẩu-dài")
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
    accounts.add_user("lan", "pw-e2e-long-enough")
    env = {**os.environ, "PII_DATA_DIR": str(data_copy)}  # PII_USERS_FILE: the test's private accounts
    shots = Path(os.environ.get("PII_SHOTS_DIR", tmp_path))
    proc = start_server(PORT, env=env)
    try:
        with sync_playwright() as p:
            browser = launch_browser(p)
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(180_000)  # CI machines run several browsers and servers at once
            page.goto(f"http://127.0.0.1:{PORT}/import_data?lang=vi")
            wait_ready(page, timeout=180_000)
            page.get_by_label("Tên đăng nhập", exact=True).fill("lan")
            page.get_by_label("Mật khẩu", exact=True).fill("pw-e2e-long-enough")
            page.get_by_role("button", name="Đăng nhập").click()
            page.get_by_text("Tệp được kiểm tra toàn bộ trước").wait_for()
            page.locator('input[type="file"]').set_input_files(str(BAD))
            page.get_by_text("Tệp có 1 lỗi").wait_for()
            grid = page.locator('[data-testid="stDataFrame"]').first
            grid.wait_for()
            page.screenshot(path=str(shots / "import_problems_vi.png"), full_page=True)
            page.locator('input[type="file"]').set_input_files(str(good))
            page.get_by_text("Tệp hợp lệ").wait_for()
            page.get_by_text("Cách đọc tệp").wait_for()  # the preview comes before publishing (issue 11)
            page.get_by_text("Tôi đã xem trước và xác nhận công bố").click()
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
            page.get_by_label("User name", exact=True).fill("lan")
            page.get_by_label("Password", exact=True).fill("pw-e2e-long-enough")
            page.get_by_role("button", name="Sign in").click()
            page.get_by_text("Upload a data file").wait_for()
            page.get_by_text("Roll back the last import").wait_for()
            page.screenshot(path=str(shots / "import_log_en.png"), full_page=True)
            browser.close()
    finally:
        stop_server(proc)
    log = (data_copy / "import_log.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(log) == 2 and '"who": "web:lan"' in log[0] and '"who": "web:lan"' in log[1]
    assert '"action": "rollback"' in log[1]


class _Upload:
    """What st.file_uploader returns (AppTest cannot upload a file)."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self._data, self.file_id, self.size = name, data, f"test-{len(data)}", len(data)

    def getvalue(self) -> bytes:
        return self._data


def _upload_page(monkeypatch, data_copy, name: str, data: bytes):
    """The signed-in import page with ``data`` uploaded; any XLSX parse in this (the server's) process fails."""
    import openpyxl
    import streamlit

    def parsed_in_server(*_a, **_k):
        raise AssertionError("an upload was parsed in the server process")

    monkeypatch.setattr(openpyxl, "load_workbook", parsed_in_server)
    monkeypatch.setattr("openpyxl.reader.excel.load_workbook", parsed_in_server)
    accounts.add_user("lan", "đúng-mật-khẩu-dài")
    monkeypatch.setenv("PII_DATA_DIR", str(data_copy))
    at = run_page("pages/import_data.py", {"lang": "en"})
    _sign_in(at, "lan", "đúng-mật-khẩu-dài")
    monkeypatch.setattr(streamlit, "file_uploader", lambda *a, **k: _Upload(name, data))
    at.run(timeout=180)
    assert not at.exception, at.exception
    return at


def test_upload_is_parsed_only_in_the_worker_sheet_list_too(monkeypatch, data_copy):
    """Issue 22: the sheet list came from openpyxl in the server before the limits; now the worker lists the
    sheets with its check and the page offers them from its report."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Ghi chú"
    wb.active.append(["Bảng số liệu PII 2024"])
    ws = wb.create_sheet("Số liệu")
    ws.append(["edition", "province", "code", "score", "rank", "source"])
    ws.append([2024, "Hà Giang", "I.1.1", 41.5, 12, "https://example.org/pii-2024"])
    buf = io.BytesIO()
    wb.save(buf)
    at = _upload_page(monkeypatch, data_copy, "two_sheets.xlsx", buf.getvalue())
    box = [s for s in at.selectbox if s.label == "Sheet to read"]
    assert box and box[0].options == ["Automatic (the sheet with the data)", "Ghi chú", "Số liệu"]
    assert "The file is valid" in texts(at)


def test_bomb_upload_is_refused_without_parsing_in_the_server(monkeypatch, data_copy):
    from tests.hostile_corpus import _workbook_bomb_xlsx

    at = _upload_page(monkeypatch, data_copy, "bomb.xlsx", _workbook_bomb_xlsx())
    assert "nothing was written" in texts(at)


def test_import_log_shows_who_only_to_a_signed_in_user(monkeypatch, data_copy):
    """Issue 22: account names are not public; the log (when, file, rows) is."""
    import json

    accounts.add_user("lan", "đúng-mật-khẩu-dài")
    (data_copy / "import_log.jsonl").write_text(json.dumps(
        {"action": "import", "when": "2026-12-01T08:00:00+00:00", "who": "web:lan", "file": "ha_giang.csv",
         "sha256": "ab" * 32, "rows_added": 2, "rows_changed": 0}) + "\n", encoding="utf-8")
    monkeypatch.setenv("PII_DATA_DIR", str(data_copy))
    at = run_page("pages/import_data.py", {"lang": "en"})
    log = at.dataframe[-1].value
    assert "ha_giang.csv" in log.to_string() and "web:lan" not in log.to_string() and "Who" not in log.columns
    _sign_in(at, "lan", "đúng-mật-khẩu-dài")
    assert "web:lan" in at.dataframe[-1].value.to_string()


def test_framework_preview_lists_every_name_it_will_publish(monkeypatch, data_copy):
    """Issue 22: the framework preview shows each code and name the import would publish (text in a grid)."""
    from tests.test_import import _framework_csv

    data = _framework_csv("2025")
    at = _upload_page(monkeypatch, data_copy, "framework_2025.csv", data)
    assert "Codes and names to be published (78)" in texts(at)
    grid = [d.value for d in at.dataframe if "English name" in d.value.columns][0]
    fw = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    assert grid["Vietnamese name"].tolist() == fw["name_vi"].tolist()
    assert grid["Code"].tolist() == fw["code"].tolist()


def _formula_cells(df: pd.DataFrame) -> list[str]:
    from pii.safety import FORMULA_PREFIXES

    return [v for col in df.columns for v in df[col] if isinstance(v, str) and v.startswith(FORMULA_PREFIXES)]


def test_grids_hold_no_formula_for_their_own_csv_download(monkeypatch, data_copy):
    """Issue 22: st.dataframe's toolbar "Download as CSV" writes cells as they are. The public import log and the
    problem grid carry uploaded file names and values: formula-like text reaches the grid with a leading '."""
    import json

    hostile = '=HYPERLINK("http://evil.example","x").csv'
    (data_copy / "import_log.jsonl").write_text(json.dumps(
        {"action": "import", "when": "2026-12-01T08:00:00+00:00", "who": "web:lan", "file": hostile,
         "sha256": "ab" * 32, "rows_added": 2, "rows_changed": 0}) + "\n", encoding="utf-8")
    bad = (b"edition,province,code,score,rank,source\n"
           b"2024,-2+3+cmd|' /C calc'!A0,I.1.1,41.5,12,https://example.org/pii-2024\n")
    at = _upload_page(monkeypatch, data_copy, hostile, bad)
    grids = [d.value for d in at.dataframe]
    log = grids[-1]
    assert any(v == "'" + hostile for v in log.iloc[:, log.columns.get_loc("File")]), log
    problems = [g for g in grids if "Problem" in g.columns][0]
    assert "'-2+3+cmd|' /C calc'!A0" in problems.to_string()
    assert not [c for g in grids for c in _formula_cells(g)]
