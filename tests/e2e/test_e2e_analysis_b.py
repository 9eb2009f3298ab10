"""Browser tests (real Chromium) of the peer comparison, trends and map pages:
open each page, change a control, see the chart update."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.helpers import free_port, running_app

pytestmark = pytest.mark.e2e

PORT = int(os.environ.get("PII_E2E_PORT_B") or 0) or free_port()
BASE = f"http://127.0.0.1:{PORT}"

# Title and traces of the n-th Plotly chart (Streamlit draws charts in the main document).
CHART_JS = r"""(i) => {
  const el = document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')[i];
  if (!el || !el.data || !el.layout) return null;
  // titles wrap with <br> to fit the width (issue 14): compare the words, not the line breaks
  const title = (el.layout.title && el.layout.title.text ? el.layout.title.text : '').replace(/\s*<br>\s*/g, ' ');
  return {title: title, n: el.querySelectorAll('path.choroplethlocation').length,
          data: el.data.map(t => ({type: t.type, name: t.name || null, text: t.text || null,
                                   y: t.y || null, x: t.x || null, locations: t.locations || null}))};
}"""


@pytest.fixture(scope="module")
def server_b() -> Iterator[str]:
    with running_app(PORT) as base:
        yield base


@pytest.fixture()
def pg_b(chromium: Any, server_b: str) -> Iterator[Any]:
    ctx = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    page.set_default_timeout(180_000)  # the machine may be shared and busy
    try:
        yield page
    finally:
        ctx.close()


def chart(page: Any, i: int, predicate_js: str) -> dict:
    """Wait until chart ``i`` satisfies ``predicate_js`` (a JS expression over
    ``c``: {title, n, data}), then return it."""
    page.wait_for_function(f"() => {{ const c = ({CHART_JS})({i}); return !!c && ({predicate_js}); }}")
    return page.evaluate(CHART_JS, i)


def radio(page: Any, group_label: str, option: str) -> None:
    group = page.locator('[data-testid="stRadio"]').filter(has_text=group_label).first
    group.get_by_text(option, exact=True).click()


def select(page: Any, label: str, option: str) -> None:
    """Open a select box and pick ``option``; a rerun that lands while the
    list is open closes it, so try again a few times."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    for attempt in range(4):
        box.locator("input, [role='combobox']").first.click()
        opt = page.get_by_role("option", name=option, exact=True)
        try:
            opt.wait_for(timeout=20_000)
            opt.click()
            return
        except Exception:
            if attempt == 3:
                raise
            page.keyboard.press("Escape")
            page.wait_for_timeout(1000)


def test_compare_level_change_updates_bar(pg_b):
    pg_b.goto(f"{BASE}/compare")
    # the finding heads the chart on the page (the figure has no title of its own since issue 20)
    pg_b.get_by_text("PII · Vùng Trung du và miền núi phía Bắc · PII 2023").first.wait_for()
    c = chart(pg_b, 0, "c.data[0].y && c.data[0].y.length === 8")
    bar = c["data"][0]
    assert bar["type"] == "bar" and len(bar["y"]) == 8 and bar["y"][0] == "Thái Nguyên"
    assert bar["text"][0] == "47,75"
    pg_b.get_by_text("Không hiển thị — chưa có số liệu công bố: Bắc Kạn").first.wait_for()
    select(pg_b, "Cấp chỉ số", "Trụ cột")
    pg_b.get_by_text("I Thể chế · Vùng Trung du và miền núi phía Bắc · PII 2023").first.wait_for()
    c = chart(pg_b, 0, "c.data[0].y && c.data[0].y.length === 2")
    # pillar I: Thái Nguyên and Bắc Giang (the addendum's 2023 pillar figures) have published scores
    assert dict(zip(c["data"][0]["y"], c["data"][0]["text"])) == {"Bắc Giang": "67,23", "Thái Nguyên": "51,90"}
    pg_b.wait_for_function("() => location.search.includes('level=pillar') && location.search.includes('code=I')")


def test_trends_switch_to_rank_shows_ranks_of_63(pg_b):
    pg_b.goto(f"{BASE}/trends")
    c = chart(pg_b, 0, "c.data.some(t => t.name === 'Thái Nguyên' && t.text)")
    focus = [t for t in c["data"] if t["name"] == "Thái Nguyên" and t["text"]]
    assert focus[0]["text"] == ["47,75", "44,23"]
    radio(pg_b, "Biểu đồ", "Xếp hạng")
    c = chart(pg_b, 0, "c.data.some(t => t.name === 'Thái Nguyên' && t.text && String(t.text[0]).includes('/'))")
    focus = [t for t in c["data"] if t["name"] == "Thái Nguyên" and t["text"]]
    assert focus[0]["text"] == ["10/63", "9/63"]
    pg_b.get_by_text("Thái Nguyên (từ 2025) gồm Thái Nguyên + Bắc Kạn").first.wait_for()
    pg_b.wait_for_function("() => location.search.includes('chart=rank')")


def test_map_draws_63_then_34_units_offline(pg_b):
    pg_b.goto(f"{BASE}/map")
    # drawn shapes (missing + scored + focus outline): the map renders with no network
    c = chart(pg_b, 0, "c.n >= 64")
    assert len(c["data"][0]["locations"]) + len(c["data"][1]["locations"]) == 63
    # the finding is the heading above the map (the chart itself carries no title on the page)
    pg_b.get_by_text("Thái Nguyên đạt 47,75 điểm, hạng 10/63").first.wait_for()
    pg_b.get_by_text("CC BY-SA 4.0").first.wait_for()
    radio(pg_b, "Tô màu theo", "Xếp hạng PII")
    pg_b.wait_for_function("() => location.search.includes('measure=rank')")
    select(pg_b, "Kỳ công bố PII", "PII 2025")
    c = chart(pg_b, 0, "c.data.length > 1 && c.data[0].locations && c.data[1].locations"
                       " && c.data[0].locations.length + c.data[1].locations.length === 34")
    pg_b.wait_for_function("() => location.search.includes('edition=2025') && location.search.includes('measure=rank')")


def test_compare_in_english(pg_b):
    pg_b.goto(f"{BASE}/compare?lang=en&group=top10")
    c = chart(pg_b, 0, "c.data[0].y && c.data[0].y.length === 10")
    bar = c["data"][0]
    assert bar["y"][-1] == "Thai Nguyen" and bar["text"][-1] == "47.75"
