"""Browser tests (real Chromium) of the strengths, heatmap and indicator pages:
open each page, change a control, see the chart update."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.helpers import free_port, running_app, wait_ready

pytestmark = pytest.mark.e2e

PORT = int(os.environ.get("PII_E2E_PORT_A") or 0) or free_port()
BASE = f"http://127.0.0.1:{PORT}"

# Traces of the n-th Plotly chart on the page (Streamlit draws charts in the main document).
TRACES_JS = """(i) => {
  const el = document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')[i];
  return el && el.data ? el.data.map(t => ({type: t.type, text: t.text || null, y: t.y || null,
                                           x: t.x || null, zmax: t.zmax === undefined ? null : t.zmax})) : null;
}"""


@pytest.fixture(scope="module")
def server_a() -> Iterator[str]:
    with running_app(PORT) as base:
        yield base


@pytest.fixture()
def pg_a(chromium: Any, server_a: str) -> Iterator[Any]:
    ctx = chromium.new_context(viewport={"width": 1366, "height": 900})
    page = ctx.new_page()
    # generous: the shared CI machine runs at a load average of ~20 on 2 cores
    page.set_default_timeout(120_000)
    try:
        yield page
    finally:
        ctx.close()


def traces(page: Any, i: int, predicate_js: str) -> list[dict]:
    """Wait until chart ``i`` satisfies ``predicate_js`` (a JS expression over
    ``d``, its traces), then return its traces."""
    page.wait_for_function(f"() => {{ const d = ({TRACES_JS})({i}); return !!d && ({predicate_js}); }}")
    return page.evaluate(TRACES_JS, i)


def radio(page: Any, group_label: str, option: str) -> None:
    group = page.locator('[data-testid="stRadio"]').filter(has_text=group_label).first
    group.get_by_text(option, exact=True).click()


def test_strengths_level_toggle_updates_chart(pg_a):
    pg_a.goto(f"{BASE}/strengths")
    pg_a.get_by_text("Điểm yếu — hạng 51–63").wait_for()
    pg_a.get_by_text("Quản trị môi trường — hạng").first.wait_for()
    # at the indicator level the pack's ten best / ten lowest chart comes first, the profile of all 52 second
    best = traces(pg_a, 0, "d.some(t => t.type === 'bar' && t.text && t.text[0] === '7/63 · 70,69')")
    assert best[1]["text"][-1] == "56/63 · 29,98"  # the lowest panel, its first row on top
    d = traces(pg_a, 1, "d.some(t => t.type === 'scatter' && t.y && t.y.length === 52)")
    dots = [t for t in d if t["y"] and len(t["y"]) == 52][0]
    assert dots["text"][:3] == ["1", "1", "1"] and dots["y"][-1].startswith("VII.2.2")
    radio(pg_a, "Cấp", "Trụ cột")
    d = traces(pg_a, 0, "d.some(t => t.type === 'scatter' && t.y && t.y.length === 7)")
    dots = [t for t in d if t["y"] and len(t["y"]) == 7][0]
    assert dots["y"][0].startswith("VII Tác động") and dots["text"][0] == "2"
    pg_a.wait_for_function("() => location.search.includes('level=pillar')")


def test_heatmap_colour_switch_and_open_indicator(pg_a):
    pg_a.goto(f"{BASE}/heatmap")  # opens on the peer-group view
    d = traces(pg_a, 0, "d.some(t => t.type === 'heatmap' && t.text && t.text[0][0] === '10')")
    radio(pg_a, "Tô màu theo", "Điểm")
    d = traces(pg_a, 0, "d.some(t => t.type === 'heatmap' && t.zmax === 100)")
    heat = [t for t in d if t["type"] == "heatmap" and t["zmax"] == 100][0]
    assert heat["text"][0][:2] == ["47,75", "46,51"]  # Vietnamese decimal comma, two decimals
    assert heat["x"][0] == "<b>Thái Nguyên</b>"
    pg_a.wait_for_function("() => location.search.includes('mode=score')")
    radio(pg_a, "Góc nhìn", "Tỉnh qua các kỳ")
    # the whole page reruns for the other view (no fragment since issue 21): wait for it, not the old link
    pg_a.get_by_role("heading", name="Thái Nguyên qua các kỳ PII").wait_for()
    pg_a.wait_for_function("() => location.search.includes('view=focus')")
    wait_ready(pg_a)
    pg_a.get_by_text("Mở chi tiết chỉ số").first.click()
    pg_a.wait_for_url("**/indicator?**")
    assert "code=VII.2.2" in pg_a.url
    pg_a.get_by_role("heading", name="VII.2.2").wait_for()


def test_indicator_language_switch(pg_a):
    pg_a.goto(f"{BASE}/indicator?code=III.2.3")
    pg_a.get_by_role("heading", name="III.2.3 Quản trị môi trường").wait_for()
    pg_a.get_by_text("1/60 (1,67%)").first.wait_for()  # the metric, in Vietnamese format
    d = traces(pg_a, 0, "d.some(t => t.type === 'bar' && t.text && t.text[0] === '12,34 · 55/63')")
    radio(pg_a, "Ngôn ngữ", "English")
    pg_a.get_by_role("heading", name="III.2.3 Environmental governance").wait_for()
    d = traces(pg_a, 0, "d.some(t => t.type === 'bar' && t.text && t.text[0] === '12.34 · 55 of 63')")
    assert d[1]["text"] == ["no published figure", "no published figure"]  # 2024, 2025
    pg_a.get_by_text("1/60 (1.67%)").first.wait_for()
    pg_a.get_by_text("Department of Natural Resources and Environment").first.wait_for()


def test_heatmap_controls_keep_the_settings_and_export_opens(pg_a):
    """Issue 21: after the heatmap's "colour by" or level changed, the next page opened in Vietnamese, 2023 and
    the regional group (the view ran as an st.fragment); its Export popover never opened."""
    pg_a.goto(f"{BASE}/heatmap?lang=en&edition=2024&group=top10")
    traces(pg_a, 0, "d.some(t => t.type === 'heatmap' && t.text)")
    radio(pg_a, "Colour by", "Score")
    pg_a.wait_for_function("() => location.search.includes('mode=score')")
    radio(pg_a, "Level (peer group)", "Indices")
    pg_a.wait_for_function("() => location.search.includes('peer_level=index')")
    pg_a.get_by_role("button", name="Export").first.click()
    pg_a.get_by_text("Alt text", exact=False).first.wait_for()  # the popover's content arrived
    pg_a.keyboard.press("Escape")
    pg_a.wait_for_timeout(500)
    # by keyboard too: focus the button, Enter
    pg_a.get_by_role("button", name="Export").first.focus()
    pg_a.keyboard.press("Enter")
    pg_a.get_by_text("Alt text", exact=False).first.wait_for()
    pg_a.keyboard.press("Escape")
    pg_a.locator('.st-key-pii_nav a').filter(has_text="Overview").first.click()
    pg_a.get_by_role("heading", name="Overview — Thai Nguyen, PII 2024").wait_for()
    pg_a.wait_for_function("() => location.search.includes('group=top10') && location.search.includes('lang=en')")
