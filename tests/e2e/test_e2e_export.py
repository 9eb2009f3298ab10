"""End-to-end in Debian's Chromium: download the leadership briefing PPTX from
the briefing page, a chart image from the export popover and a table as XLSX,
and check what is inside the files."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import exceptions_on, free_port, running_app, wait_ready

pytestmark = pytest.mark.e2e

PORT = int(os.environ.get("PII_E2E_EXPORT_PORT") or 0) or free_port()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running_app(PORT) as base:
        yield base


def test_download_leadership_pptx(server, chromium, tmp_path: Path) -> None:
    from pptx import Presentation

    page = chromium.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(f"{server}/briefing?lang=vi&edition=2023&province=thai_nguyen", wait_until="domcontentloaded")
    wait_ready(page)
    assert not exceptions_on(page)
    button = page.locator('[data-testid="stDownloadButton"]').filter(has_text="Tải PPTX").first
    with page.expect_download(timeout=180_000) as dl:
        button.click()
    download = dl.value
    assert download.suggested_filename == "pii_lanh_dao_thai_nguyen_2023.pptx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    prs = Presentation(str(path))
    slides = list(prs.slides)
    assert len(slides) == 7  # title, five views, press summary
    assert slides[1].shapes.title.text == "Thái Nguyên xếp thứ 10/63, dẫn đầu vùng; yếu nhất ở Thể chế (26/63)"
    assert "PII: 47,75 điểm, hạng 10/63" in slides[1].notes_slide.notes_text_frame.text
    page.close()


def test_download_chart_png_and_table_xlsx_from_overview(server, chromium, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from pii.export.image import png_size

    page = chromium.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    # the overview is the default page: it lives at the root address
    page.goto(f"{server}/?lang=vi&edition=2023&province=thai_nguyen", wait_until="domcontentloaded")
    wait_ready(page)
    assert not exceptions_on(page)
    page.get_by_role("button", name="Xuất ảnh").first.click()
    popover = page.locator('[data-testid="stPopoverBody"]')
    popover.wait_for(timeout=20_000)
    # the pickers and alt text are sent by the rerun that opening the popover starts
    popover.get_by_text("Mô tả thay thế").wait_for(timeout=30_000)
    assert "Mô tả thay thế" in popover.inner_text() and "64,97" in popover.inner_text()
    with page.expect_download(timeout=120_000) as dl:
        popover.locator('[data-testid="stDownloadButton"]').first.click()
    data = Path(dl.value.path()).read_bytes()
    assert dl.value.suggested_filename.endswith("_slide.png")
    assert png_size(data) == (1920, 1080)
    page.keyboard.press("Escape")

    xlsx = page.locator('[data-testid="stDownloadButton"]').filter(has_text="Tải XLSX").first
    xlsx.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as dl:
        xlsx.click()
    wb = load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes()))
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "A2"
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert len(values) == 8  # header + 7 pillars
    assert any("51,90" in str(v) or v == 51.9 for row in values for v in row)
    assert wb.sheetnames[-1] == "Nguồn"
    page.close()
