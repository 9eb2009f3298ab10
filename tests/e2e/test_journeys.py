"""The four user journeys of issue 7 in real Chromium, against the app started
as the README starts it, on the shipped data. Expected values come from the
data (DuckDB) and the model, never from the page under test."""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pii import fmt
from pii.analysis import what_if as wi
from pii.analysis.model import Tree
from queries import PiiDB
from tests.e2e.helpers import exceptions_on, wait_ready

pytestmark = pytest.mark.e2e

PLAN = "152/KH-UBND-2024"
TN = "thai_nguyen"


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


# -- small UI helpers (real controls only) ---------------------------------------

def nav(page: Any, label: str) -> None:
    """Click a page in the sidebar navigation."""
    page.locator('.st-key-pii_nav').get_by_role("link", name=label).click()
    wait_ready(page)


def choose(page: Any, label: str, option: str | re.Pattern, scope: Any = None) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label``."""
    box = (scope or page).locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.locator('[role="combobox"], input').first.click()
    page.get_by_role("option", name=option).first.click()
    wait_ready(page)


def selected(scope: Any, label: str) -> str:
    """The option shown in the selectbox labelled ``label``."""
    return scope.get_by_role("combobox", name=label, exact=True).first.input_value()


def focus_province(page: Any) -> str:
    """The sidebar's focus province, which must survive every navigation."""
    return selected(page.locator('[data-testid="stSidebar"]'), "Tỉnh/thành trọng tâm")


def metric(page: Any, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def wait_metric(page: Any, label: str, value: str, timeout: float = 30_000) -> None:
    page.wait_for_function(
        """([label, value]) => [...document.querySelectorAll('[data-testid="stMetric"]')]
             .some(m => m.innerText.includes(label)
                   && m.querySelector('[data-testid="stMetricValue"]').innerText.trim() === value)""",
        arg=[label, value], timeout=timeout)


def main_text(page: Any) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def no_traceback(page: Any) -> None:
    assert exceptions_on(page) == [], exceptions_on(page)


def download(page: Any, button: Any) -> bytes:
    with page.expect_download(timeout=120_000) as info:
        button.click()
    return Path(info.value.path()).read_bytes()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# -- 1. Leadership ---------------------------------------------------------------

def test_leadership_weakest_indicator_and_its_owner(app_url: str, page: Any, db: PiiDB) -> None:
    mine = db.scores(2023, provinces=[TN], levels=["indicator"]).dropna(subset=["rank"])
    weakest = mine.assign(rel=mine["rank"] / mine["rank_of"]).sort_values("rel").iloc[-1]
    code = str(weakest["code"])
    leads = db.plan_assignments(PLAN, code=code)
    lead_ids = leads.loc[leads["role"] == "lead", "unit_id"].tolist()
    units = db.plan_units().set_index("unit_id")
    owner = units.loc[lead_ids[0], "name_vi"]
    assert (code, int(weakest["rank"]), owner) == ("VII.2.2", 56, "Sở Lao động - Thương binh và Xã hội")

    page.goto(app_url + "/")
    wait_ready(page)
    assert metric(page, "Điểm PII") == "47,75"
    assert metric(page, "Xếp hạng cả nước") == "10/63"
    no_traceback(page)

    nav(page, "Bản đồ nhiệt điểm yếu")
    assert "/heatmap" in page.url
    assert focus_province(page) == "Thái Nguyên", "sidebar navigation reset the focus province"
    # the heatmap opens on the peer-group view (issue 14): pick the indicator level there
    panel = page.locator('[data-testid="stMain"]')
    panel.locator('[data-testid="stRadio"]').filter(has_text="Cấp (nhóm so sánh)") \
        .get_by_text("Chỉ số thành phần", exact=True).click()
    page.wait_for_function("() => location.search.includes('peer_level=indicator')", timeout=120_000)
    wait_ready(page)
    assert panel.locator('[data-testid="stPlotlyChart"] .main-svg').count() >= 1, "peer heatmap not drawn"
    # the row picker opens on the weakest indicator of the focus province
    assert selected(panel, "Chọn hàng để xem chi tiết").startswith(f"{code} ")
    panel.get_by_role("link", name="Mở chi tiết chỉ số").click()
    page.wait_for_url(re.compile(r"/indicator\?"), timeout=30_000)
    wait_ready(page)
    assert f"code={code}" in page.url
    text = main_text(page)
    assert code in page.locator("h1").first.inner_text()
    assert f"{int(weakest['rank'])}/63" in text
    plan = text.split("Đơn vị chủ trì", 1)[1]
    assert owner in plan.split("Đơn vị phối hợp", 1)[0]
    no_traceback(page)


# -- 2. Department ---------------------------------------------------------------

def test_department_compare_top10_whatif_and_leadership_pack(app_url: str, page: Any, db: PiiDB) -> None:
    page.goto(app_url + "/compare")
    wait_ready(page)
    choose(page, "Nhóm so sánh", "Top 10 cả nước", scope=page.locator('[data-testid="stSidebar"]'))
    choose(page, "Cấp chỉ số", "Trụ cột")
    assert "group=top10" in page.url and "level=pillar" in page.url
    # the table of the chosen pillar, as the user downloads it
    csv = download(page, page.get_by_role("button", name="Tải CSV").first)
    table = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", dtype=str)
    top10 = db.scores(2023, codes=["PII"]).dropna(subset=["rank"])
    top10 = top10[top10["rank"] <= 10]
    assert len(table) == len(top10) == 10
    names = db.units(2023).set_index("province_id").loc[top10["province_id"], "name_vi"]
    cells = table.iloc[:, 0].tolist()
    assert all(any(n in cell for cell in cells) for n in names), (cells, list(names))
    tn_row = table[table.iloc[:, 0].str.contains("Thái Nguyên")]
    assert tn_row.iloc[0].tolist()[1:3] == ["51,90", "26/63"]  # pillar I, published
    no_traceback(page)

    # what-if: raise two indicators, see the computed PII and rank
    nav(page, "Mô phỏng kịch bản")
    wait_metric(page, "PII mô phỏng (tính toán)", "47,75")
    assert metric(page, "Hạng cả nước (tính toán)") == "10/63"
    changes = {"III.2.3": 52.34, "VII.2.2": 69.98}
    tree = Tree.from_framework(db.framework(2023))
    base = wi.Baseline.from_frames(tree, db.scores(2023, provinces=[TN]))
    res = wi.recompute(base, changes)
    units = db.units(2023)[["province_id"]].merge(db.scores(2023, codes=["PII"])[["province_id", "score", "rank"]],
                                                  on="province_id", how="left")
    rank = wi.rank_against(res.pii_new, TN, units)
    expect_pii, expect_rank = fmt.number(res.pii_new, "vi"), fmt.rank(rank.rank, 63, "vi")
    assert (expect_pii, expect_rank) == ("49,67", "5/63")
    for code, value in changes.items():
        pillar = code.split(".")[0]
        page.get_by_role("tab", name=re.compile(rf"^{pillar}\. ")).click()
        box = page.get_by_label(re.compile(rf"^{re.escape(code)} — "))
        box.fill(f"{value:.2f}")
        box.press("Enter")
        wait_ready(page)
    wait_metric(page, "PII mô phỏng (tính toán)", expect_pii)
    assert metric(page, "Hạng cả nước (tính toán)") == expect_rank
    assert metric(page, "Chỉ số đã thay đổi") == "2"
    no_traceback(page)

    # leadership pack: one click, a real PPTX with several slides
    nav(page, "Bộ tài liệu báo cáo")
    box = page.locator('[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stVerticalBlock"]') \
        .filter(has_text="Bộ báo cáo lãnh đạo").first
    data = download(page, box.get_by_role("button", name="Tải PPTX").first)
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) > 1
    texts = "\n".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
    assert "Thái Nguyên" in texts
    no_traceback(page)


# -- 3. Press --------------------------------------------------------------------

def test_press_chart_png_1080(app_url: str, page: Any) -> None:
    page.goto(app_url + "/")
    wait_ready(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    assert "51,90" in chart.inner_text()  # pillar I on the overview chart
    export = page.get_by_role("button", name=re.compile("Xuất ảnh")).first
    export.click()
    pop = page.locator('[data-testid="stPopoverBody"]').last
    pop.wait_for()
    choose(page, "Định dạng", "PNG", scope=pop)
    if not pop.is_visible():  # a rerun may close the popover
        export.click()
    choose(page, "Kích thước", re.compile("1080×1080"), scope=pop)
    if not pop.is_visible():
        export.click()
    data = download(page, pop.get_by_role("button", name="Tải PNG"))
    assert png_size(data) == (1080, 1080)
    no_traceback(page)


# -- 4. Language switch and a shared link ------------------------------------------

def test_language_switch_and_shared_link(app_url: str, page: Any, chromium: Any) -> None:
    page.goto(app_url + "/compare")
    wait_ready(page)
    choose(page, "Kỳ công bố PII", "PII 2023", scope=page.locator('[data-testid="stSidebar"]'))
    choose(page, "Cấp chỉ số", "Trụ cột")
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    wait_ready(page)
    assert "lang=en" in page.url
    assert page.locator("h1").first.inner_text() == "Thai Nguyen compared with peers — PII 2023"
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Peer group" in sidebar and "PII edition" in sidebar
    assert selected(page, "Level") == "Pillar"
    assert selected(page, "Measure") == "I — Institutions"
    url = page.url
    for part in ("lang=en", "edition=2023", "province=thai_nguyen", "level=pillar", "/compare"):
        assert part in url
    heading = page.locator("h1").first.inner_text()
    chart = page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    assert "51.90" in chart  # English number format on the chart

    ctx2 = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        other = ctx2.new_page()
        other.goto(url)
        wait_ready(other)
        assert other.locator("h1").first.inner_text() == heading
        assert selected(other, "Level") == "Pillar"
        assert selected(other, "Measure") == "I — Institutions"
        assert selected(other, "PII edition") == "PII 2023"
        assert selected(other, "Focus province") == "Thai Nguyen"
        assert "51.90" in other.locator('[data-testid="stPlotlyChart"]').first.inner_text()
        assert "Language" in other.locator('[data-testid="stSidebar"]').inner_text()
        no_traceback(other)
    finally:
        ctx2.close()
