"""Every page on a phone (390×844) and a desktop (1440×900) in real Chromium:
no horizontal overflow (the document and the main block), no overlapping
headings or KPI labels; and printed to an A4 PDF: the page width is A4 and no
chart is cut at the right edge (issue 14)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.helpers import exceptions_on, free_port, launch_browser, running_app, wait_ready

PAGES = ["", "strengths", "heatmap", "indicator", "compare", "trends", "map", "plan_tracker", "what_if", "briefing",
         "import_data", "about"]  # "" = the Overview (the app's default page)
VIEWPORTS = [(390, 844), (1440, 900)]
A4_PT = (595.92, 842.88)  # Chromium's A4 in PDF points

_OVERFLOW_JS = """() => {
  const doc = document.documentElement;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]')
            || document.querySelector('[data-testid="stMain"]');
  return {doc: doc.scrollWidth, inner: window.innerWidth,
          main: main ? main.scrollWidth : 0, mainClient: main ? main.clientWidth : 0};
}"""

# headings and KPI labels of the main area, as boxes; a pair that intersects by
# more than 2 px each way prints over each other
_BOXES_JS = """() => [...document.querySelectorAll(
    '[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3, '
    + '[data-testid="stMain"] [data-testid="stMetricLabel"], [data-testid="stMain"] [data-testid="stMetricValue"]')]
  .map(e => { const r = e.getBoundingClientRect();
              return {text: (e.innerText || '').slice(0, 40), x: r.left, y: r.top, w: r.width, h: r.height}; })
  .filter(b => b.w > 0 && b.h > 0)"""


def _overlaps(boxes: list[dict[str, Any]], tol: float = 2.0) -> list[tuple[str, str]]:
    bad = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > tol and dy > tol:
                bad.append((a["text"], b["text"]))
    return bad


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running_app(free_port()) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_browser(p)
        try:
            yield b
        finally:
            b.close()


def _open(browser: Any, base: str, path: str, width: int, height: int, lang: str = "vi") -> Any:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(120_000)  # the shared 2-core box runs at load ~20
    sep = "&" if "?" in path else "?"
    page.goto(f"{base}/{path}{sep}lang={lang}")
    wait_ready(page)
    page.wait_for_timeout(500)  # charts finish their first resize
    return page


@pytest.mark.parametrize("width,height", VIEWPORTS, ids=["phone390", "desktop1440"])
@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_no_horizontal_overflow_no_overlapping_headings(browser: Any, base: str, path: str, width: int,
                                                        height: int) -> None:
    page = _open(browser, base, path, width, height)
    try:
        assert not exceptions_on(page)
        m = page.evaluate(_OVERFLOW_JS)
        assert m["doc"] <= m["inner"], f"/{path} at {width}px scrolls sideways: {m}"
        assert m["main"] <= m["mainClient"] + 1, f"/{path} at {width}px: the main block overflows: {m}"
        boxes = page.evaluate(_BOXES_JS)
        assert boxes, f"/{path}: no heading found"
        assert not _overlaps(boxes), f"/{path} at {width}px: overlapping {_overlaps(boxes)}"
        if width == 1440:  # the sidebar selects show their whole value (peer group name)
            cut = page.evaluate("""() => [...document.querySelectorAll(
                '[data-testid="stSidebar"] [data-testid="stSelectbox"] input')]
                .filter(i => i.scrollWidth > i.clientWidth + 1).map(i => i.value)""")
            assert not cut, f"/{path}: sidebar select values cut: {cut}"
        if width == 390:  # every chart fits the phone's width
            right = page.evaluate("""() => Math.max(0, ...[...document.querySelectorAll(
                '[data-testid="stPlotlyChart"] svg.main-svg')].map(s => s.getBoundingClientRect().right))""")
            assert right <= width, f"/{path}: a chart ends at {right}px on a {width}px screen"
    finally:
        page.context.close()


def test_banner_below_the_header(browser: Any, base: str) -> None:
    """The demo banner (first element of the page) is fully below Streamlit's fixed header."""
    page = _open(browser, base, "heatmap?demo=1&edition=2023", 390, 844)
    try:
        header = page.evaluate("() => document.querySelector('[data-testid=\"stHeader\"]')"
                               ".getBoundingClientRect().bottom")
        alert = page.locator('[data-testid="stAlert"]').first
        alert.wait_for()
        assert alert.bounding_box()["y"] >= header - 1, "the demo banner starts under the header"
    finally:
        page.context.close()


PRINTED = [("heatmap", False), ("", False), ("compare", True), ("plan_tracker", False)]


@pytest.mark.parametrize("path,landscape", PRINTED,
                         ids=["heatmap-portrait", "overview-portrait", "compare-landscape", "plan-portrait"])
def test_print_a4_no_sidebar_no_cut_chart(browser: Any, base: str, path: str, landscape: bool) -> None:
    import pdfplumber

    page = _open(browser, base, path, 1440, 900)
    try:
        page.emulate_media(media="print")
        page.wait_for_timeout(1500)  # charts redraw without the sidebar
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # what the print command fires
        page.wait_for_timeout(500)
        hidden = page.evaluate("""() => ['stSidebar', 'stHeader', 'stPopover', 'stDownloadButton'].map(id =>
            [...document.querySelectorAll(`[data-testid="${id}"]`)].every(e => getComputedStyle(e).display === 'none'
             || e.getBoundingClientRect().width === 0))""")
        assert all(hidden), f"printed: sidebar/header/popover/buttons hidden? {hidden}"
        # in print layout each chart lies within the main block's width
        over = page.evaluate("""() => { const main = document.querySelector('[data-testid="stMain"]')
                                         .getBoundingClientRect().right;
            return [...document.querySelectorAll('[data-testid="stPlotlyChart"] svg.main-svg')]
              .map(s => s.getBoundingClientRect().right).filter(r => r > main + 1); }""")
        assert not over, f"charts wider than the printed page: {over}"
        pdf = page.pdf(format="A4", landscape=landscape, print_background=True)
    finally:
        page.context.close()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        width, height = (A4_PT[1], A4_PT[0]) if landscape else A4_PT
        assert len(doc.pages) >= 1
        for pg in doc.pages:
            assert abs(float(pg.width) - width) < 2 and abs(float(pg.height) - height) < 2
            # cells, bars and labels all end inside the paper: a chart drawn at the screen's 1440 px
            # width ran to x ≈ 1100 pt, far off the 596 pt page (curves are left out: a clipped
            # reference line keeps its full geometry in the PDF)
            right = max([o["x1"] for o in pg.rects + pg.chars] or [0])
            assert right <= float(pg.width), f"page {pg.page_number}: something drawn to x={right:.0f} pt"
            text = pg.extract_text() or ""
            # the running header/footer on every printed page: edition, province, source, date
            assert "PII 20" in text and "Thái Nguyên" in text and "Nguồn:" in text
            assert "/20" in text  # dd/mm/yyyy print date
