"""A panel: one chart or table as every consumer shows it (issue 20).

A panel function ``fn(s: ViewState, **options) -> Panel`` is the one place a chart or table is assembled: its
data, figure, finding title, subtitle, alt text, missing-units note, sources and display table. The page renders
the Panel (``pages/panel_view.py``), the packs, the CLI and the image export use the same object, so the bar on
the screen and the bar on the slide cannot drift apart.

``@panel`` caches a panel by its arguments and the data version (``pii.memo``: the memo lives on the ``PiiDB`` of
one data version), so no caller writes a cache key. Panels handed out are shared between sessions: callers must
not mutate them (exports decorate a copy of the figure).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Concatenate, ParamSpec

import pandas as pd
import plotly.graph_objects as go

from pii.memo import memo
from pii.viewstate import ViewState

P = ParamSpec("P")


@dataclass
class Panel:
    """What one chart or table is, wherever it is shown.

    ``title`` states the finding ("Thái Nguyên xếp thứ 10/63, dẫn đầu vùng; …") and is plain text (the page
    escapes it); ``subtitle`` says what / where / when; ``finding`` is the alt text with the numbers; ``note`` is
    printed on the image above the source line (units left out, a legend of symbols); ``captions`` are the
    Markdown lines the page prints under the chart (built with ``ViewState.tm``, data escaped); ``empty`` is the
    empty state when there is nothing to draw (the page shows it instead of the chart)."""

    view_id: str
    fig: go.Figure | None
    title: str
    subtitle: str
    finding: str
    notes: list[str]
    sources: list[str]  # source ids, most-cited first
    table: pd.DataFrame | None = None  # a table view: PPTX draws it as a native table
    note: str | None = None
    data: Any = None  # the data behind the figure (the analysis result it was drawn from)
    grid: pd.DataFrame | None = None  # the display table on the page and in its download
    captions: list[str] = field(default_factory=list)
    empty: str | None = None
    filename: str | None = None  # the export file name (words in the UI language)

    @property
    def panel_id(self) -> str:
        return self.view_id

    @property
    def alt(self) -> str:
        return self.finding

    @property
    def missing_note(self) -> str | None:
        return self.note


ViewResult = Panel  # what the export registry returns: the same object the page renders


def _hashable(v: object) -> Hashable:
    if isinstance(v, (list, tuple)):
        return tuple(_hashable(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _hashable(x)) for k, x in v.items()))
    if isinstance(v, set):
        return tuple(sorted(v))
    return v  # type: ignore[return-value]


def state_key(s: ViewState) -> tuple[Hashable, ...]:
    """Every input a view state gives a panel: edition, focus, group (and its members when custom), language,
    demo. The custom group's members are part of the key, so two custom groups never share a panel."""
    return (s.edition, s.province_id, s.group, s.lang, tuple(s.peers) if s.group == "custom" else (), s.demo)


def panel(fn: Callable[Concatenate[ViewState, P], Any]) -> Callable[Concatenate[ViewState, P], Any]:
    """Cache a panel function by its arguments and the data version (no hand-written key)."""

    @functools.wraps(fn)
    def cached(s: ViewState, *args: P.args, **options: P.kwargs) -> Any:
        key = ("panel", fn.__module__, fn.__qualname__, state_key(s), _hashable(args), _hashable(options))
        return memo(s.db, key, lambda: fn(s, *args, **options))

    cached.uncached = fn  # type: ignore[attr-defined]
    return cached


def subtitle(s: ViewState, what: str, where: str) -> str:
    """What, where, when: "Điểm PII · Vùng Trung du và miền núi phía Bắc · PII 2023"."""
    if what.startswith("PII "):
        what = s.t("fd_what_pii")
    return " · ".join(x for x in (what, where, f"PII {s.edition}") if x)


def from_finding(view_id: str, fig: go.Figure | None, f: Any, subtitle_: str, sources: list[str],
                 notes: list[str] | None = None, note: str | None = None, **extra: Any) -> Panel:
    """A panel whose title is a ``findings.Finding``: the slide's second line carries the numbers behind it."""
    detail = f.alt.split(f"{f.title}. ", 1)[-1].strip() if f"{f.title}. " in f.alt else ""
    return Panel(view_id, fig, f.title, subtitle_, detail or subtitle_, notes or [f.alt],
                 list(dict.fromkeys(sources)), note=note, **extra)


def empty_panel(view_id: str, message: str, subtitle_: str = "", sources: list[str] | None = None,
                **extra: Any) -> Panel:
    """Nothing to draw: the page shows ``message``; a pack shows it as the slide's finding. ``sources``: those
    of the figures around it (a rank published without a score still has one)."""
    return Panel(view_id, None, message, subtitle_, message, [message], list(sources or []), empty=message, **extra)
