"""End-to-end in real Chromium: change an indicator on the what-if page and see the PII move."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import free_port, running_app

pytestmark = pytest.mark.e2e

PORT = int(os.environ.get("PII_E2E_WHATIF_PORT") or 0) or free_port()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running_app(PORT) as base:
        yield base


def metric_value(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_changing_an_indicator_moves_the_pii(server, chromium):
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/what_if", wait_until="domcontentloaded")
    page.get_by_text("PII mô phỏng (tính toán)").first.wait_for(timeout=60000)
    assert metric_value(page, "PII mô phỏng (tính toán)") == "47,75"
    assert metric_value(page, "Hạng cả nước (tính toán)") == "10/63"
    page.get_by_role("tab", name=re.compile(r"^III\.")).click()
    box = page.get_by_label(re.compile(r"^III\.2\.3 — Quản trị môi trường"))
    box.fill("52.34")
    box.press("Enter")
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
                 .some(e => e.innerText.trim() === '48,42')""", timeout=30000)
    assert metric_value(page, "PII mô phỏng (tính toán)") == "48,42"
    assert metric_value(page, "Hạng cả nước (tính toán)") == "9/63"
    page.wait_for_function("() => location.search.includes('set=III.2.3')", timeout=10000)
    assert "set=III.2.3%3A52.34" in page.url or "set=III.2.3:52.34" in page.url
    # the link reproduces the scenario in a fresh page
    fresh = chromium.new_page(viewport={"width": 1400, "height": 1000})
    fresh.goto(page.url, wait_until="domcontentloaded")
    fresh.get_by_text("PII mô phỏng (tính toán)").first.wait_for(timeout=60000)
    fresh.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
                 .some(e => e.innerText.trim() === '48,42')""", timeout=30000)
    fresh.close()
    page.close()


def test_plan_tracker_unit_sheet_pdf_download(server, chromium):
    import io

    from pypdf import PdfReader

    page = chromium.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    # units are today's (2025 reorganisation): Sở TN&MT's indicators are led by Sở Nông nghiệp và Môi trường
    page.goto(f"{server}/plan_tracker?lead=so_nn_mt", wait_until="domcontentloaded")
    page.get_by_text("Sở Nông nghiệp và Môi trường chủ trì 2 chỉ số, trong đó 1 ở nhóm yếu.").wait_for(timeout=60000)
    with page.expect_download(timeout=120000) as info:
        page.get_by_role("button", name="Tải phiếu đơn vị (PDF, 1 trang)").click()
    download = info.value
    assert download.suggested_filename == "phieu_so_nn_mt_thai_nguyen_2023_vi.pdf"
    data = Path(download.path()).read_bytes()
    pdf = PdfReader(io.BytesIO(data))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Sở Nông nghiệp và Môi trường" in text and "III.2.3" in text and "12,34" in text
    page.close()
