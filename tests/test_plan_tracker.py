"""Plan tracker on the real plan 152/KH-UBND data, and the unit sheet files (XLSX, PDF)."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from pii.analysis import plan_tracker as pt
from pii.analysis.rules import weakest
from pii.export import unit_sheet as xs
from queries import PiiDB

PLAN = "152/KH-UBND-2024"
TN = "thai_nguyen"


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


@pytest.fixture(scope="module")
def assignments(db: PiiDB) -> pd.DataFrame:
    return db.plan_assignments(PLAN)


@pytest.fixture(scope="module")
def table(db: PiiDB, assignments: pd.DataFrame) -> pd.DataFrame:
    return pt.indicator_table(db.framework(2023), assignments, db.plan_actions(PLAN),
                              db.scores(2023, provinces=[TN], levels=["indicator"]))


@pytest.fixture(scope="module")
def summary(table: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    return pt.unit_summary(table, assignments).set_index("unit_id")


def test_every_indicator_has_a_lead(table: pd.DataFrame) -> None:
    assert len(table) == 52
    assert all(len(x) >= 1 for x in table["lead_vi"])


def test_unit_counts(summary: pd.DataFrame) -> None:
    assert summary.at["so_khcn", "unit_vi"] == "Sở Khoa học và Công nghệ"
    assert summary.at["so_khcn", "n_lead"] == 15
    assert summary.at["so_khcn", "n_bottom"] == 0
    assert summary.at["cuc_thong_ke", "n_lead"] == 8
    assert summary.at["so_tnmt", "n_lead"] == 1
    assert summary.at["so_tnmt", "bottom_codes"] == ["III.2.3"]
    assert summary.at["so_ldtbxh", "bottom_codes"] == ["VII.2.2"]
    assert summary.at["so_khdt", "bottom_codes"] == ["I.1.3"]


def test_units_sorted_by_bottom_band_then_indicators_led(summary: pd.DataFrame) -> None:
    s = summary.reset_index()
    assert s["n_bottom"].tolist() == sorted(s["n_bottom"], reverse=True)
    assert s["unit_id"].tolist()[:5] == ["so_khdt", "so_ldtbxh", "so_cong_thuong", "cuc_thue", "so_tnmt"]
    assert s["unit_id"].iat[5] == "so_khcn"  # most indicators among units with no weak-band one


def test_iii23_row(table: pd.DataFrame) -> None:
    row = table.set_index("code").loc["III.2.3"]
    assert (row["score"], row["rank"], row["band"]) == (12.34, 55, 3)
    assert row["lead_vi"] == ["Sở Tài nguyên và Môi trường"]
    assert row["partner_vi"] == ["Các sở, ban, ngành", "UBND các huyện, thành phố"]
    assert len(row["actions_vi"]) >= 1
    assert row["change"] is None  # no earlier edition than 2023


def test_weakest_first(table: pd.DataFrame) -> None:
    w = weakest(table)
    assert w["code"].tolist()[:3] == ["VII.2.2", "III.2.3", "I.1.3"]
    assert w["rank"].tolist()[:3] == [56, 55, 52]


def test_change_against_previous_edition() -> None:
    fw = pd.DataFrame({"code": ["A.1"], "sort_order": [1], "name_vi": ["a"], "name_en": ["a"]})
    asg = pd.DataFrame({"code": ["A.1"], "role": ["lead"], "position": [1], "unit_id": ["u"], "unit_vi": ["U"],
                        "unit_en": ["U"], "kind": ["department"]})
    act = pd.DataFrame({"code": ["A.1"], "action_no": [1], "action_vi": ["x"], "action_en": ["x"]})
    now = pd.DataFrame({"code": ["A.1"], "score": [40.0], "rank": [20], "rank_of": [63]})
    before = pd.DataFrame({"code": ["A.1"], "score": [35.5]})
    t = pt.indicator_table(fw, asg, act, now, before)
    assert t["change"].iat[0] == pytest.approx(4.5) and t["band"].iat[0] == 1


def test_2024_has_no_indicator_scores_so_nothing_is_in_a_band(db: PiiDB, assignments: pd.DataFrame) -> None:
    t = pt.indicator_table(db.framework(2024), assignments, db.plan_actions(PLAN),
                           db.scores(2024, provinces=[TN], levels=["indicator"]),
                           db.scores(2023, provinces=[TN], levels=["indicator"]))
    assert t["score"].isna().all() and t["band"].isna().all() and t["change"].isna().all()
    assert pt.unit_summary(t, assignments)["n_bottom"].sum() == 0


@pytest.fixture(scope="module")
def sheet_args(db: PiiDB, table: pd.DataFrame):
    return (pt.unit_sheet(table, "so_tnmt"), "Sở Tài nguyên và Môi trường", "Thái Nguyên", 2023, "vi",
            db.sources(["kh152"]), None, date(2026, 1, 5))


def test_unit_sheet_xlsx(sheet_args) -> None:
    wb = load_workbook(io.BytesIO(xs.unit_sheet_xlsx(*sheet_args)))
    ws = wb.worksheets[0]
    assert ws["A1"].value == "Phiếu theo dõi chỉ số PII — Sở Tài nguyên và Môi trường"
    assert ws["A2"].value == "Thái Nguyên, PII 2023. Kế hoạch 152/KH-UBND. Ngày lập: 05/01/2026."
    assert ws.freeze_panes == "A5"
    header = [c.value for c in ws[4]]
    assert header[:5] == ["Mã", "Tên", "Điểm", "Xếp hạng", "Nhóm hạng"]
    assert ws[4][0].font.bold
    row = [c.value for c in ws[5]]
    assert row[:5] == ["III.2.3", "Quản trị môi trường", 12.34, "55/63", "Yếu (51–63)"]
    assert row[6] == "Sở Tài nguyên và Môi trường"
    assert row[7] == "Các sở, ban, ngành; UBND các huyện, thành phố"
    assert row[8].startswith("1. ")
    assert ws["A6"].value is None  # one indicator only
    src = wb.worksheets[1]
    assert [c.value for c in src[2]][0] == "kh152"
    assert "152/KH-UBND" in src["C2"].value


def test_unit_sheet_xlsx_missing_is_words_not_zero(db: PiiDB, assignments: pd.DataFrame) -> None:
    t = pt.indicator_table(db.framework(2024), assignments, db.plan_actions(PLAN),
                           db.scores(2024, provinces=[TN], levels=["indicator"]))
    data = xs.unit_sheet_xlsx(pt.unit_sheet(t, "so_tnmt"), "Department of Natural Resources and Environment",
                              "Thai Nguyen", 2024, "en", db.sources(["kh152"]), 2023)
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    row = [c.value for c in ws[5]]
    assert row[2] == "no published figure" and row[3] == "no published figure"
    assert ws["F4"].value == "Change vs PII 2023"


def test_unit_sheet_pdf_is_one_page(sheet_args, db: PiiDB, table: pd.DataFrame) -> None:
    pdf = PdfReader(io.BytesIO(xs.unit_sheet_pdf(*sheet_args)))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Sở Tài nguyên và Môi trường" in text
    assert "III.2.3" in text and "12,34" in text and "55/63" in text
    # the largest sheet (15 indicators with their actions) still fits one page
    big = PdfReader(io.BytesIO(xs.unit_sheet_pdf(pt.unit_sheet(table, "so_khcn"), "Sở Khoa học và Công nghệ",
                                                 "Thái Nguyên", 2023, "vi", db.sources(["kh152"]))))
    assert len(big.pages) == 1
    assert "Sở Khoa học và Công nghệ" in big.pages[0].extract_text()


def test_unit_sheet_demo_mode_carries_watermark(sheet_args) -> None:
    args = sheet_args[:-1] + (None, True)  # on=None, demo=True
    ws = load_workbook(io.BytesIO(xs.unit_sheet_xlsx(*args))).worksheets[0]
    assert ws["A1"].value.startswith("DỮ LIỆU MINH HỌA / ILLUSTRATIVE DATA — ")
    html = xs.unit_sheet_html(*args)
    assert html.count("DỮ LIỆU MINH HỌA / ILLUSTRATIVE DATA") == 2  # diagonal mark and title
    assert "MINH HỌA" not in xs.unit_sheet_html(*sheet_args)
