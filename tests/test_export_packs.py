"""Briefing packs: PPTX (python-pptx reads it back), PDF (pypdf), the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from pii.export.cli import main as cli_main
from pii.export.packs import PackItem, build_pack, leadership_items
from pii.export.pdf_pack import pdf_bytes
from pii.export.pptx_pack import pptx_bytes
from queries import PiiDB

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


@pytest.fixture(scope="module")
def leadership_pptx(db: PiiDB) -> Presentation:
    pack = build_pack(leadership_items(2023, "thai_nguyen"), db, "vi")
    return Presentation(io.BytesIO(pptx_bytes(pack)))


def _slide_text(slide) -> str:
    return "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)


def test_pptx_is_16_9_with_title_slide_and_one_slide_per_view(leadership_pptx) -> None:
    prs = leadership_pptx
    assert prs.slide_width * 9 == prs.slide_height * 16
    slides = list(prs.slides)
    assert len(slides) == 7  # title, five views, the press summary
    first = _slide_text(slides[0])
    assert "Bộ tài liệu báo cáo Chỉ số ĐMST cấp địa phương (PII)" in first
    assert "Thái Nguyên · PII 2023" in first and "Xuất ngày" in first
    titles = [s.shapes.title.text for s in slides[1:-1]]
    # titles state the finding (issue 15), with the published numbers
    assert titles == [
        "Thái Nguyên xếp thứ 10/63, dẫn đầu vùng; yếu nhất ở Thể chế (26/63)",
        "Trong 52 chỉ số thành phần của Thái Nguyên, 16 chỉ số thuộc top 10 cả nước và 2 chỉ số thuộc 10 hạng cuối"
        " (trên 63)",
        "Thái Nguyên xếp hạng 1/14 trong Vùng Trung du và miền núi phía Bắc (14 tỉnh), hạng PII cả nước 10/63",
        "Thái Nguyên: Đạt mục tiêu top 10 (hạng 10/63); hơn tỉnh hạng 11 1,24 điểm; dẫn đầu vùng, hơn tỉnh thứ hai"
        " 1,24 điểm",
        "Thái Nguyên: 10 chỉ số yếu nhất do 10 đơn vị chủ trì; nhiều nhất: Sở Khoa học và Công nghệ (3 chỉ số)",
    ]


def test_pptx_slides_carry_finding_source_and_key_numbers_in_notes(leadership_pptx) -> None:
    slides = list(leadership_pptx.slides)
    overview = slides[1]
    assert "Thái Nguyên đạt 47,75 điểm PII, xếp hạng 10/63." in _slide_text(overview)
    assert "Nguồn: Bộ KH&CN, Chỉ số PII 2023" in _slide_text(overview)
    assert any(sh.shape_type == 13 for sh in overview.shapes)  # the chart picture
    notes = overview.notes_slide.notes_text_frame.text
    assert "PII: 47,75 điểm, hạng 10/63" in notes and "64,97" in notes
    for s in slides[1:]:
        assert "Nguồn: Bộ KH&CN, Chỉ số PII 2023" in _slide_text(s)
    strengths_notes = slides[2].notes_slide.notes_text_frame.text
    assert "III.2.3" in strengths_notes and "12,34 (55/63)" in strengths_notes


def test_pptx_lead_units_slide_is_a_native_table(leadership_pptx) -> None:
    slide = list(leadership_pptx.slides)[5]
    tables = [sh.table for sh in slide.shapes if sh.has_table]
    assert tables
    t = tables[0]
    assert len(t.rows) == 11
    assert t.cell(0, 0).text == "Mã" and t.cell(1, 0).text == "VII.2.2" and t.cell(1, 3).text == "56/63"
    assert t.cell(1, 4).text == "Sở Nội vụ (từ 2025)"  # VII.2.2: today's unit (Sở LĐ-TB&XH's labour work, issue 20)


def test_custom_pack_order_and_english(db: PiiDB) -> None:
    items = [PackItem("targets", 2023, "thai_nguyen"), PackItem("overview", 2023, "thai_nguyen")]
    prs = Presentation(io.BytesIO(pptx_bytes(build_pack(items, db, "en"))))
    titles = [s.shapes.title.text for s in list(prs.slides)[1:]]
    assert titles[0].startswith("Thai Nguyen: In the national top 10 (rank 10 of 63)")
    assert titles[1] == "Thai Nguyen ranks 10/63 and leads its region; weakest in Institutions (26/63)"
    assert "47.75" in list(prs.slides)[2].notes_slide.notes_text_frame.text


def test_demo_pack_is_watermarked(db: PiiDB) -> None:
    pack = build_pack([PackItem("overview", 2023, "thai_nguyen")], db, "vi", demo=True)
    prs = Presentation(io.BytesIO(pptx_bytes(pack)))
    assert all("DỮ LIỆU MINH HỌA" in _slide_text(s) for s in prs.slides)


def test_pdf_pack_has_title_page_and_one_page_per_view(db: PiiDB) -> None:
    pack = build_pack(leadership_items(2023, "thai_nguyen"), db, "vi")
    reader = PdfReader(io.BytesIO(pdf_bytes(pack)))
    assert len(reader.pages) == 7  # title page, five views, the press summary
    assert "47,75" in reader.pages[-1].extract_text()
    assert "PII" in reader.metadata.title


def test_cli_writes_pptx_pdf_and_png(tmp_path: Path) -> None:
    out = tmp_path / "briefing.pptx"
    assert cli_main(["--pack", "leadership", "--edition", "2023", "--province", "thai_nguyen", "--out", str(out)]) == 0
    prs = Presentation(str(out))
    assert len(prs.slides) == 7  # + the press summary
    assert "Báo cáo lãnh đạo" in _slide_text(list(prs.slides)[0])
    pdf = tmp_path / "briefing.pdf"
    assert cli_main(["--views", "overview,targets", "--edition", "2023", "--out", str(pdf)]) == 0
    assert len(PdfReader(str(pdf)).pages) == 4  # title, two views, press summary
    png = tmp_path / "x.png"
    assert cli_main(["--chart", "targets", "--preset", "social", "--edition", "2023", "--out", str(png)]) == 0
    from pii.export.image import png_size

    assert png_size(png.read_bytes()) == (1080, 1080)


def test_cli_refuses_bad_input_clearly(tmp_path: Path, capsys) -> None:
    assert cli_main(["--pack", "leadership", "--province", "atlantis", "--out", str(tmp_path / "a.pptx")]) == 2
    assert "unknown province id 'atlantis'" in capsys.readouterr().err
    assert cli_main(["--pack", "leadership", "--out", str(tmp_path / "a.docx")]) == 2
    assert cli_main(["--views", "overview,nope", "--out", str(tmp_path / "a.pptx")]) == 2
    assert "unknown view(s) nope" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_cli_on_the_demo_dataset_watermarks_every_slide(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "demo.pptx"
    assert cli_main(["--pack", "leadership", "--edition", "2023", "--data-dir", str(demo_dir), "--out", str(out)]) == 0
    slides = list(Presentation(str(out)).slides)
    assert len(slides) == 7
    assert all("DỮ LIỆU MINH HỌA" in _slide_text(s) for s in slides)


def test_pack_ends_with_the_press_summary(leadership_pptx) -> None:
    last = list(leadership_pptx.slides)[-1]
    text = _slide_text(last)
    assert last.shapes.title.text == "Đoạn tin cho báo chí"
    assert ("Thái Nguyên đạt 47,75 điểm, xếp thứ 10/63 cả nước, dẫn đầu Vùng Trung du và miền núi phía Bắc"
            " (14 tỉnh)") in text
    assert "Nguồn: Bộ KH&CN, Chỉ số PII 2023" in text


def test_pdf_pack_carries_title_and_language(db: PiiDB) -> None:
    """Issue 21: a reader shows the document's title, a screen reader reads it as Vietnamese."""
    reader = PdfReader(io.BytesIO(pdf_bytes(build_pack(leadership_items(2023, "thai_nguyen"), db, "vi"))))
    assert reader.trailer["/Root"]["/Lang"] == "vi-VN"
    assert bool(reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert "Thái Nguyên" in reader.metadata.title


def test_pptx_chart_images_carry_alt_text(leadership_pptx) -> None:
    """Issue 21: a pack opened in an office suite reads each chart's description (descr) to a screen reader."""
    pics = [sh for slide in leadership_pptx.slides for sh in slide.shapes if sh.shape_type == 13]  # PICTURE
    assert pics
    for pic in pics:
        descr = pic._element.nvPicPr.cNvPr.get("descr") or ""
        assert len(descr) > 30 and any(ch.isdigit() for ch in descr), descr
