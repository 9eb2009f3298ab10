"""The compare page and the packs show one panel (issue 20): the heading on the page is the slide's title,
the bars on screen are the bars on the slide, for the default view and a custom group."""

from __future__ import annotations

import json

import pytest

from pii.export.packs import PackItem, build_pack
from pii.panels import compare
from pii.panels.panel import state_key
from pii.panels.registry import VIEWS, run_view
from pii.viewstate import ViewState
from queries import PiiDB
from tests.apptest_helpers import run_page


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@pytest.mark.parametrize("params, group", [({}, "tdmnpb"), ({"group": "top10", "lang": "en"}, "top10")])
def test_page_and_pack_show_the_same_bar(db: PiiDB, params: dict, group: str) -> None:
    lang = params.get("lang", "vi")
    at = run_page("pages/compare.py", params)
    assert not at.exception
    panel = compare.bar(ViewState(db, 2023, "thai_nguyen", group, lang))
    assert at.markdown[0].value == f"**{panel.title}**"
    bar = _charts(at)[0]["data"][0]
    assert bar["y"] == list(panel.fig.data[0].y) and bar["text"] == list(panel.fig.data[0].text)
    pack = build_pack([PackItem("compare_group", 2023, "thai_nguyen", group)], db, lang)
    assert pack.results[0].title == panel.title
    assert list(pack.results[0].fig.data[0].x) == list(panel.fig.data[0].x)
    if group == "top10":  # 10 bars, no regional average across regions, one computed group mean
        assert len(bar["y"]) == 10 and bar["y"][-1] == "Thai Nguyen"
        assert [s.name for s in panel.fig.layout.shapes] == ["Group mean, computed over the 10 units with data: 51.42"]


def test_every_registered_view_builds_for_the_default_view(db: PiiDB) -> None:
    s = ViewState(db, 2023, "thai_nguyen", "tdmnpb", "vi")
    for view_id in VIEWS:
        p = run_view(view_id, s)
        assert p.view_id == view_id and p.title and p.sources, view_id
        assert p.fig is not None or p.table is not None or p.empty, view_id


def test_a_panel_is_cached_by_its_arguments_and_custom_groups_do_not_share(db: PiiDB) -> None:
    s = ViewState(db, 2023, "thai_nguyen", "tdmnpb", "vi")
    assert compare.bar(s, "PII") is compare.bar(ViewState(db, 2023, "thai_nguyen", "tdmnpb", "vi"), "PII")
    assert compare.bar(s, "I") is not compare.bar(s, "PII")
    a = ViewState(db, 2023, "thai_nguyen", "custom", "vi", ["thai_nguyen", "bac_giang"])
    b = ViewState(db, 2023, "thai_nguyen", "custom", "vi", ["thai_nguyen", "phu_tho"])
    assert state_key(a) != state_key(b)
    assert compare.bar(a).fig.data[0].y != compare.bar(b).fig.data[0].y
    assert "Bắc Giang" in compare.bar(a).fig.data[0].y and "Phú Thọ" in compare.bar(b).fig.data[0].y
