"""The export-view registry (issue 20): a declared table of (view id, panel function). The briefing page, the
PPTX/PDF packs and the CLI build a view through it, and the page of the chart renders the same panel function,
so a slide and the chart on screen come from one assembly."""

from __future__ import annotations

from collections.abc import Callable

from pii.i18n import t
from pii.panels import compare, heatmap, indicator, overview, plan_tracker, strengths, trends, what_if
from pii.panels import map as map_panels
from pii.panels.panel import Panel, ViewResult
from pii.viewstate import DEFAULT_GROUP, ViewState
from queries import PiiDB

__all__ = ["PACKS", "VIEWS", "Panel", "ViewResult", "build_view", "run_view", "view_label"]

# view id -> panel function (ViewState) -> Panel; the order is the order of the briefing page's list
VIEWS: dict[str, Callable[[ViewState], Panel]] = dict((
    overview.VIEWS[0], *strengths.VIEWS, *heatmap.VIEWS, *overview.VIEWS[1:], *compare.VIEWS, *map_panels.VIEWS,
    *trends.VIEWS, *indicator.VIEWS, *what_if.VIEWS, *plan_tracker.VIEWS))
PACKS: dict[str, list[str]] = {
    "leadership": ["overview", "strengths", "heatmap_region", "targets", "lead_units"],
}


def view_label(view_id: str, lang: str = "vi", group: str | None = None) -> str:
    """The name of a view in a pack list; a view drawn against the sidebar group
    names that group ("… so với top 10", never "so với vùng" for the top 10)."""
    if view_id == "heatmap_region" and group in ("top10", "custom"):
        return t(f"ex_view_heatmap_region_{group}", lang)
    return t(f"ex_view_{view_id}", lang)


def build_view(view_id: str, db: PiiDB, edition: int, province_id: str, group: str = DEFAULT_GROUP,
               lang: str = "vi", peers: list[str] | None = None, **settings: object) -> Panel:
    """Build one view for the given sidebar settings (``settings`` are per-view
    options; none of the current views takes any)."""
    return run_view(view_id, ViewState(db, int(edition), province_id, group, lang, list(peers or [])))


def run_view(view_id: str, state: ViewState) -> Panel:
    """Build one view for a view state (the page's, a pack item's or the CLI's)."""
    if view_id not in VIEWS:
        raise KeyError(f"unknown view {view_id!r}; choose from {', '.join(VIEWS)}")
    return VIEWS[view_id](state)
