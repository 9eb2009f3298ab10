"""Press summary (issue 15): the paragraph states the published figures, the
change since the previous edition and the sources; .txt and .docx files."""

from __future__ import annotations

import io

import pytest
from docx import Document

from pii import fmt
from pii.export.press import press_summary, to_docx, to_txt
from pii.panels.filenames import export_name, slug
from pii.provenance import names_for, source_names
from queries import PiiDB


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


def test_2024_summary_numbers_and_change_equal_the_data(db: PiiDB) -> None:
    now = db.scores(2024, provinces=["thai_nguyen"], codes=["PII"]).iloc[0]
    before = db.scores(2023, provinces=["thai_nguyen"], codes=["PII"]).iloc[0]
    s = press_summary(db, 2024, "thai_nguyen", "vi")
    diff = float(now["score"]) - float(before["score"])
    assert f"đạt {fmt.number(now['score'], 'vi')} điểm, xếp thứ {int(now['rank'])}/63 cả nước" in s.text
    assert f"điểm số giảm {fmt.number(abs(diff), 'vi')} điểm (từ {fmt.number(before['score'], 'vi')})" in s.text
    assert diff < 0 and s.numbers["change"] == pytest.approx(diff, abs=0.005)
    moved = int(before["rank"]) - int(now["rank"])
    assert f"thứ hạng tăng {moved} bậc (từ {int(before['rank'])}/63)" in s.text
    assert "(tính toán)" in s.text  # the regional rank of 2024 is computed among units with data
    assert "ngày 30/12/2024" in s.text and s.text.rstrip().endswith(".")


def test_2023_summary_english_leads_the_region_and_names_sources(db: PiiDB) -> None:
    s = press_summary(db, 2023, "thai_nguyen", "en")
    assert "scored 47.75 points and ranked 10 of 63 nationally, first in Northern Midlands and Mountains" in s.text
    assert "weakest is Institutions (26 of 63)" in s.text
    assert "Sources: Ministry of Science and Technology, PII 2023" in s.text
    assert "UBND tỉnh Thái Nguyên, Kế hoạch 152/KH-UBND" in s.text  # readable, not the id kh152
    assert "kh152" not in s.text


def test_no_published_figure_says_so(db: PiiDB) -> None:
    s = press_summary(db, 2025, "thai_nguyen_2025", "vi")
    assert s.text == "Chỉ số PII 2025 chưa có số liệu công bố cho Thái Nguyên." and not s.numbers


def test_txt_and_docx(db: PiiDB) -> None:
    s = press_summary(db, 2023, "thai_nguyen", "vi")
    txt = to_txt(s)
    assert txt.startswith(b"\xef\xbb\xbf") and s.text in txt.decode("utf-8-sig")
    doc = Document(io.BytesIO(to_docx(s, "vi")))
    paras = [p.text for p in doc.paragraphs]
    assert paras[0] == "Thái Nguyên trong Chỉ số PII 2023" and paras[1] == s.text


def test_file_names_in_the_ui_language_ascii_safe() -> None:
    vi = export_name("compare_region", "vi", group="tdmnpb", province="Thái Nguyên", edition=2023, preset="slide",
                     ext="png")
    assert vi == "pii_so-sanh_vung-tdmnpb_thai-nguyen_2023_slide.png"
    en = export_name("compare_top10", "en", group="top10", province="Thai Nguyen", edition=2023, preset="slide",
                     ext="png")
    assert en == "pii_compare_top-10_thai-nguyen_2023_slide.png"
    assert export_name("map", "vi", province="Đắk Lắk", edition=2024) == "pii_ban-do_dak-lak_2024"
    assert slug("TP. Hồ Chí Minh") == "tp-ho-chi-minh" and slug("Đ/ư?") == "d-u"
    assert export_name("compare_region", "vi", group="tdmnpb") != export_name("compare_top10", "vi", group="top10")


def test_source_names_are_readable(db: PiiDB) -> None:
    names = names_for(db, ["kh152", "kh152", None])
    assert list(names) == ["kh152"]
    assert names["kh152"].startswith("UBND tỉnh Thái Nguyên, Kế hoạch 152/KH-UBND")
    assert source_names(db.sources([])) == {}


def test_titles_made_of_url_words_are_not_cited(db: PiiDB) -> None:
    """Titles gathered from a link's slug (no diacritics) are not printed as if published; the publisher is."""
    from pii.provenance import known_title, readable

    src = db.sources(["web_8a0bbc1a", "kh152"]).set_index("source_id")
    slug = src.loc["web_8a0bbc1a"]
    assert slug["title"] == "doi moi sang tao buoc dem vung chac phat trien kinh te tai dia phuong"
    row = type("Row", (), {**slug.to_dict(), "source_id": "web_8a0bbc1a"})
    assert known_title(row) is None and readable(row) == "diendandoanhnghiep.vn"
    plan = type("Row", (), src.loc["kh152"].to_dict())
    assert known_title(plan) == src.loc["kh152", "title"] and "Kế hoạch" in readable(plan)
    text = press_summary(db, 2023, "thai_nguyen", "vi").text
    assert "doi moi sang tao buoc" not in text and "diendandoanhnghiep.vn" in text
