"""One panel per chart (issue 20) for the leadership pages: the Overview, strengths and heatmap pages show the
same numbers and the same finding title as the leadership pack's views (``pii.panels.registry.run_view``),
because both call the same panel function; the fixes the issue names for these slides, each with real values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pii.analysis import successors as su
from pii.analysis.rules import plan_id_of
from pii.charts.briefing import standing
from pii.panels import heatmap, overview, registry, strengths
from pii.viewstate import ViewState
from queries import PiiDB
from tests.apptest_helpers import open_tables, run_page, texts

LEADERSHIP = ["overview", "strengths", "heatmap_region", "targets", "lead_units"]


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


def _state(db: PiiDB, lang: str = "vi", edition: int = 2023) -> ViewState:
    return ViewState(db, edition, "thai_nguyen", "tdmnpb", lang)


def _charts(at) -> list[dict]:  # type: ignore[no-untyped-def]
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def test_the_registry_takes_the_leadership_views_from_the_panel_modules() -> None:
    assert list(registry.VIEWS)[:5] == LEADERSHIP == registry.PACKS["leadership"]
    assert registry.VIEWS["overview"] is overview.overview and registry.VIEWS["targets"] is overview.targets
    assert registry.VIEWS["lead_units"] is overview.lead_units
    assert registry.VIEWS["strengths"] is strengths.strengths
    assert registry.VIEWS["heatmap_region"] is heatmap.heatmap_region


def test_no_leadership_page_calls_the_database() -> None:
    root = Path(__file__).resolve().parent.parent / "pages"
    for page in ("overview", "strengths", "heatmap", "briefing", "about"):
        text = (root / f"{page}.py").read_text(encoding="utf-8")
        assert ".db" not in text and "db." not in text, page


# -- page and pack: the same panel -------------------------------------------------------------------------
def test_overview_page_shows_the_overview_slide(db: PiiDB) -> None:
    pack = registry.run_view("overview", _state(db))
    assert pack is overview.pillars(_state(db))  # the same cached panel, not a second assembly
    assert pack.title == "Thái Nguyên xếp thứ 10/63, dẫn đầu vùng; yếu nhất ở Thể chế (26/63)"
    at = open_tables(run_page("pages/overview.py"))
    assert not at.exception
    assert f"**{pack.title}**" in [m.value for m in at.markdown]  # the finding heads the chart
    page_bars = next(c for c in _charts(at) if c["data"][0].get("orientation") == "h")["data"][0]
    assert page_bars["x"] == list(pack.fig.data[0].x) and page_bars["y"] == list(pack.fig.data[0].y)
    grid = at.dataframe[0].value.set_index("Mã")
    assert grid.loc["I", "Xếp hạng"] == "26/63" and grid.loc["VII", "Xếp hạng"] == "2/63"
    assert grid.loc["III", "Điểm"] == "58,76"
    assert any(n.startswith("III.") and "58,76" in n and "13/63" in n for n in pack.notes)
    # the targets slide's numbers are the page's target tracker's: 10/63, 1,24 points ahead of the 11th
    tg = registry.run_view("targets", _state(db))
    assert "hạng 10/63" in tg.title and "1,24" in tg.title
    assert "Khoảng cách tới tỉnh hạng 11 (Bắc Giang, 46,51): **+1,24 điểm**" in texts(at)
    assert {m.label: m.value for m in at.metric}["Xếp hạng trong vùng"] == "1/14"


def test_strengths_page_shows_the_strengths_slide(db: PiiDB) -> None:
    pack = registry.run_view("strengths", _state(db))
    assert pack.title == ("Trong 52 chỉ số thành phần của Thái Nguyên, 16 chỉ số thuộc top 10 cả nước và 2 chỉ số "
                          "thuộc 10 hạng cuối (trên 63)")
    at = run_page("pages/strengths.py")
    assert not at.exception
    assert f"**{pack.title}**" in [m.value for m in at.markdown]
    page = next(c for c in _charts(at) if len(c["data"]) == 2 and c["data"][0]["type"] == "bar")["data"]
    for i in (0, 1):
        assert page[i]["y"] == list(pack.fig.data[i].y) and page[i]["x"] == list(pack.fig.data[i].x)
        assert page[i]["text"] == list(pack.fig.data[i].text)
    # the worst panel's first (top) row is the weakest, as in the page's weak band
    assert pack.fig.data[1].y[-1].startswith("VII.2.2") and pack.fig.data[1].text[-1] == "56/63 · 29,98"
    assert "- **VII.2.2**" in texts(at)


def test_heatmap_page_shows_the_slides_regional_rank(db: PiiDB) -> None:
    pack = registry.run_view("heatmap_region", _state(db))
    assert pack.title == ("Thái Nguyên xếp hạng 1/14 trong Vùng Trung du và miền núi phía Bắc (14 tỉnh), hạng PII "
                          "cả nước 10/63")
    at = run_page("pages/heatmap.py")
    assert not at.exception
    line = next(m.value for m in at.markdown if "trong vùng" in m.value or "1/14" in m.value)
    assert "1/14" in line and "1/8" not in line  # the published figure, never the computed one among 8
    assert heatmap.region_rank_line(_state(db)) == line


def test_english_pages_and_slides_agree(db: PiiDB) -> None:
    pack = registry.run_view("overview", _state(db, "en"))
    at = run_page("pages/overview.py", {"lang": "en"})
    assert f"**{pack.title}**" in [m.value for m in at.markdown]
    assert pack.title.startswith("Thai Nguyen ranks 10/63") and "47.75" in pack.finding


# -- the fixes ---------------------------------------------------------------------------------------------
def test_slide_3_bar_length_agrees_with_the_order(db: PiiDB) -> None:
    """Bars were the score: VII.2.2 (rank 56, 29,98) drew longer than II.2.2 (rank 44, 14,89) among the weakest,
    so the eye read the weakest as the strongest. The bar is now the rank: longer = better, in the order."""
    r = registry.run_view("strengths", _state(db))
    best, worst = (list(tr.x)[::-1] for tr in r.fig.data)  # drawn bottom-up: reversed = reading order
    assert best == sorted(best, reverse=True) and worst == sorted(worst)
    assert best[0] == 63 and worst[0] == standing(56, 63) == 8  # rank 1 → 63 units at or below; rank 56 → 8
    assert min(best) > max(worst)  # every best-ranked bar is longer than every lowest-ranked one
    assert r.fig.layout.xaxis2.title.text.replace("<br>", " ") == (
        "Hạng cả nước (thanh dài hơn = hạng tốt hơn) · nhãn: hạng · điểm")
    assert list(r.fig.layout.xaxis.ticktext) == ["1", "20", "40", "63"]  # few enough to stand upright on a phone


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_slide_repeats_its_title_as_its_second_line(db: PiiDB, lang: str) -> None:
    """The strengths and regional-heatmap slides printed the title again under it (the targets and lead-units
    ones after "Thái Nguyên: "); the second line now says what · where · when."""
    for view in LEADERSHIP:
        r = registry.run_view(view, _state(db, lang))
        assert r.finding.rstrip(".") not in r.title and r.title not in r.finding, view
        assert "PII 2023" in r.subtitle and " · " in r.subtitle, view
    r = registry.run_view("lead_units", _state(db, lang))
    assert r.finding == ("10 chỉ số yếu nhất và đơn vị chủ trì · Thái Nguyên · PII 2023" if lang == "vi"
                         else "The 10 weakest indicators and their lead units · Thai Nguyen · PII 2023")


def test_the_2025_lead_units_slide_follows_plan_152_like_the_targets_slide(demo_dir: Path) -> None:
    db = PiiDB(demo_dir / "parquet")
    units = db.units(2025)
    tn = str(units[units["name_vi"].str.startswith("Thái Nguyên")]["province_id"].iat[0])
    s = ViewState(db, 2025, tn, "tdmnpb", "vi")
    assert plan_id_of(db, tn) == "152/KH-UBND-2024"
    targets = registry.run_view("targets", s)
    assert targets.note == ("Mục tiêu theo Kế hoạch 152/KH-UBND: top 10 cả nước và dẫn đầu vùng Trung du và miền núi "
                            "phía Bắc.")
    lead = registry.run_view("lead_units", s)
    assert "kh152" in lead.sources and len(lead.table) == 10
    assert lead.title.startswith("Thái Nguyên: 10 chỉ số yếu nhất do ")
    cells = lead.table["Đơn vị chủ trì"].tolist()
    succ = su.successor_map(db.unit_successors())
    old_names = {x.old["vi"] for x in succ.values()} - {x.new["vi"] for x in succ.values()}
    # today's units only: no 2024 unit that handed its work over (Sở Kế hoạch và Đầu tư → Sở Tài chính)
    assert not any(name in c for c in cells for name in old_names), cells
    assert not any("chưa" in c.lower() or c == "—" for c in cells)
    lead_en = registry.run_view("lead_units", ViewState(db, 2025, tn, "tdmnpb", "en"))
    assert list(lead_en.table["Code"]) == list(lead.table["Mã"])


def test_the_lead_units_cell_names_todays_unit(db: PiiDB) -> None:
    r = registry.run_view("lead_units", _state(db))
    leads = dict(zip(r.table["Mã"], r.table["Đơn vị chủ trì"]))
    assert leads["VII.2.2"] == "Sở Nội vụ (từ 2025)"
    assert leads["I.1.3"] == "Sở Tài chính (từ 2025); Cục Thuế tỉnh; Sở Công Thương"


def test_best_worst_labels_fit_a_phone_and_a_slide(db: PiiDB) -> None:
    """On the page the row labels take two short lines (one 46-character line ran 300 px of a 390 px phone off
    its left edge); the slide's short, wide picture shows one line per row (two overlapped there)."""
    import plotly.graph_objects as go

    from pii.charts.responsive import for_image

    fig = registry.run_view("strengths", _state(db)).fig
    page_rows = list(fig.data[0].y)[::-1]  # reading order
    assert page_rows[0] == "IV.1.3 Vốn sản xuất<br>kinh doanh bình quân …"
    assert all(len(line) <= 22 for row in page_rows for line in row.split("<br>"))
    assert fig.data[0].text[-1] == "1/63 · 100,00"  # rank · score, no words to run past the edge
    phone = for_image(go.Figure(fig.to_dict()), 390, 700)  # a phone-sized image keeps the two-line labels
    assert list(phone.layout.yaxis.ticktext) == list(fig.data[0].y)
    wide = for_image(go.Figure(fig.to_dict()), 720, 720)  # the square social image has the width
    assert list(wide.layout.yaxis.ticktext)[::-1][0] == "IV.1.3 Vốn sản xuất kinh doanh bình quân hàng năm…"
    assert list(wide.layout.yaxis.tickvals) == list(fig.data[0].y)  # the same rows, one line each
    assert list(wide.layout.xaxis.range) == [0, 63 * 1.6]


def test_the_map_slide_is_laid_out_as_the_landscape_image(db: PiiDB, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pack's map picture (900×376) had its colour bar under the map, its title over the legend, and the
    sea labels cut at the coast; it now gets the landscape layout of the 1200×630 image."""
    from pii.export import pptx_pack

    seen = []
    monkeypatch.setattr(pptx_pack, "to_image", lambda fig, fmt, preset: seen.append(fig) or b"")
    pptx_pack._chart_png(registry.run_view("map", _state(db)), "vi")
    bar = [tr for tr in seen[0].data if tr.type == "choropleth" and tr.showscale is not False][0]
    assert bar.colorbar.orientation == "v" and bar.colorbar.x == 0.78  # beside the map, clear of the legend
    assert list(seen[0].layout.geo.lonaxis.range)[1] == 124.0  # room east of the coast for the labels
