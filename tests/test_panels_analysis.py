"""Issue 20: the analysis pages' panels (map, trends, indicator, what-if, plan tracker) are the pack's views:
each builds for the default view, and the page shows the same finding and numbers as the pack."""

from __future__ import annotations

import pytest

from pages.connection import get_db
from pii.analysis import successors as su
from pii.panels import indicator, plan_tracker, trends, what_if
from pii.panels import map as map_panels
from pii.panels.registry import run_view
from pii.viewstate import PLAN_ID, ViewState
from tests.apptest_helpers import open_tables, run_page, texts

E, P = 2023, "thai_nguyen"


@pytest.fixture(scope="module")
def state() -> ViewState:
    return ViewState(get_db(), E, P)


def test_every_panel_builds_for_the_default_view(state: ViewState) -> None:
    built = {
        "map": map_panels.choropleth(state), "trends": trends.chart(state), "indicator": indicator.peers(state),
        "indicator_history": indicator.history(state), "whatif_waterfall": what_if.waterfall(state),
        "whatif_leverage": what_if.leverage(state), "plan_units": plan_tracker.units(state),
    }
    for view_id, p in built.items():
        assert p.view_id == view_id and p.fig is not None and p.empty is None, view_id
        assert p.title and p.sources, view_id
    assert len(map_panels.table(state)) == 63
    assert len(what_if.leverage(state).grid) == 52
    # the registry's views are these panels, not a second assembly
    for view_id in ("map", "trends", "indicator", "whatif_waterfall", "whatif_leverage", "plan_units"):
        assert run_view(view_id, state).title == built[view_id].title


def test_plan_units_panel_names_todays_15_units_as_the_page(state: ViewState) -> None:
    p = plan_tracker.units(state)
    db = state.db
    page_units = plan_tracker.tracker(state).summary["unit_vi"].tolist()
    assert len(page_units) == 15
    for tr in p.fig.data:
        assert len(tr.y) == 15 and tr.textangle == 0  # level segment counts
    full = list(p.fig.data[0].customdata)
    assert sorted(full) == sorted(page_units)
    assert list(p.fig.layout.yaxis.tickvals) == list(p.fig.data[0].y)  # every bar labelled
    succ = su.successor_map(db.unit_successors())
    printed = set(db.plan_assignments(PLAN_ID)["unit_vi"])
    moved = {s.old["vi"] for s in succ.values()} & printed
    assert "Sở Kế hoạch và Đầu tư" in moved and "Sở Tài chính" in full
    assert not moved & set(full)  # no 2024-only unit beside its successor


def test_map_page_shows_the_pack_map(state: ViewState) -> None:
    at = run_page("pages/map.py")
    assert not at.exception
    pack = run_view("map", state)
    assert pack.title == "Thái Nguyên đạt 47,75 điểm, hạng 10/63; dẫn đầu: Hà Nội (62,86), TP. Hồ Chí Minh " \
                         "(55,85), Hải Phòng (52,32)"
    assert pack.title in texts(at)


def test_trends_page_shows_the_pack_trend(state: ViewState) -> None:
    at = run_page("pages/trends.py")
    assert not at.exception
    assert run_view("trends", state).title in texts(at)


def test_indicator_page_shows_the_pack_peers(state: ViewState) -> None:
    at = run_page("pages/indicator.py")
    assert not at.exception
    assert run_view("indicator", state).title in texts(at)


def test_plan_tracker_page_shows_the_pack_units(state: ViewState) -> None:
    at = open_tables(run_page("pages/plan_tracker.py"))
    assert not at.exception
    pack = run_view("plan_units", state)
    assert pack.title in texts(at)
    assert at.dataframe[0].value.iloc[:, 0].tolist() == plan_tracker.tracker(state).summary["unit_vi"].tolist()


def test_whatif_page_leverage_is_the_pack_leverage(state: ViewState) -> None:
    at = run_page("pages/what_if.py", {"section": "leverage"})
    assert not at.exception
    pack = run_view("whatif_leverage", state)
    shown = at.dataframe[-1].value
    assert shown.iloc[:10, 0].tolist() == pack.data.dropna(subset=["ten_points"]).head(10)["code"].tolist()
