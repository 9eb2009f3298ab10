"""The plan-progress page (issue 23) under AppTest: the sign-in gate, a unit's report, read-only roles,
the board, and the Overview's count of the units' reporting."""

from __future__ import annotations

from pii import accounts
from pii.progress import store
from tests.apptest_helpers import run_page, texts

PW = "mật-khẩu-đủ-dài-1"


def _sign_in(at, name: str):
    at.text_input(key="_imp_login_name").input(name)
    at.text_input(key="_imp_login_password").input(PW)
    at.button[-1].click().run()
    return at


def _section(at, section: str):
    at.session_state["section"] = section  # as a click on the lazy tab does (its on_change sets it)
    return at.run()


def _account(name: str, role: str, unit: str | None = None) -> None:
    accounts.add_user(name, PW)
    accounts.set_fields(name, role=role, unit=unit)


def test_anonymous_visitors_see_no_board(monkeypatch, tmp_path):
    monkeypatch.setenv("PII_PROGRESS_DB", f"sqlite:///{tmp_path / 'p.sqlite'}")
    _account("nv", "unit", "so_noi_vu")
    at = run_page("pages/progress.py", {"lang": "vi"})
    assert not at.exception
    assert "Đăng nhập để xem bảng theo dõi" in texts(at)
    assert not at.dataframe


def test_a_unit_reports_and_the_board_and_overview_count_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PII_PROGRESS_DB", f"sqlite:///{tmp_path / 'p.sqlite'}")
    _account("nv", "unit", "so_noi_vu")
    at = _sign_in(run_page("pages/progress.py", {"lang": "vi"}), "nv")
    assert not at.exception
    assert "Tài khoản nv: đơn vị Sở Nội vụ" in texts(at)
    choice = at.selectbox(key="pg_choice")
    assert "V.1.1|so_noi_vu" in choice.options or any(o.startswith("V.1.1 ") for o in choice.options)
    assert not any(o.startswith("I.1.2 ") for o in choice.options)  # Sở Tư pháp's indicator is not offered
    choice.set_value("V.1.1|so_noi_vu")
    at.radio(key="pg_f_status").set_value("done")
    at.text_area(key="pg_note").input("Đã gửi số liệu lao động **quý 4**")
    next(b for b in at.button if b.label == "Gửi báo cáo").click().run()
    assert not at.exception
    assert "Đã lưu báo cáo V.1.1 của Sở Nội vụ." in texts(at)
    assert "Đã gửi số liệu lao động **quý 4**" in [e.value for e in at.text]  # the note stays text
    rows = store.rows("last_reports", {"plan_id": "152/KH-UBND-2024"})
    assert [(r["code"], r["unit_id"], r["status"], r["author"]) for r in rows] == [("V.1.1", "so_noi_vu", "done", "nv")]
    _section(at, "board")
    board = at.dataframe[0].value
    row = board[(board["Mã"] == "V.1.1") & (board["Đơn vị (hiện nay)"] == "Sở Nội vụ")].iloc[0]
    assert (row["Báo cáo gần nhất"], row["Số ngày"], row["Số báo cáo"]) == ("Hoàn thành", "0", 1)
    ov = run_page("pages/overview.py", {"lang": "vi"})
    assert not ov.exception
    lines = "\n".join(str(e.value) for e in ov.text)
    assert "Sở Nội vụ: 1/7 chỉ số đã báo cáo, 1 hoàn thành" in lines


def test_leadership_reads_the_board_but_cannot_report(monkeypatch, tmp_path):
    monkeypatch.setenv("PII_PROGRESS_DB", f"sqlite:///{tmp_path / 'p.sqlite'}")
    _account("ld", "leadership")
    at = _sign_in(run_page("pages/progress.py", {"lang": "en"}), "ld")
    assert not at.exception
    assert at.dataframe and len(at.dataframe[0].value) == 61  # every lead assignment of the plan
    _section(at, "report")
    assert "This account may read only, not write reports." in texts(at)
    assert not [b for b in at.button if b.label == "Send the report"]
