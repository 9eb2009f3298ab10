"""Briefing packs: an ordered list of views, each with the settings it was
picked with, built into ViewResults for the PPTX and PDF writers."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

import pandas as pd

from pii.charts.theme import add_watermark
from pii.export.decorate import export_date_text
from pii.export.press import PressSummary, press_summary
from pii.i18n import t
from pii.panels.registry import PACKS, ViewResult, run_view
from pii.provenance import source_line
from pii.viewstate import DEFAULT_GROUP, ViewState
from queries import PiiDB


@dataclass(frozen=True)
class PackItem:
    view_id: str
    edition: int
    province_id: str
    group: str = DEFAULT_GROUP
    peers: tuple[str, ...] = field(default_factory=tuple)

    def state(self, db: PiiDB, lang: str = "vi", demo: bool = False) -> ViewState:
        return ViewState(db, self.edition, self.province_id, self.group, lang, list(self.peers), demo)

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["peers"] = list(self.peers)
        return d


@dataclass
class Pack:
    """Everything a writer needs: built views plus the title-slide text."""

    title: str
    subtitle: str
    date_text: str
    lang: str
    results: list[ViewResult]
    source_lines: list[str]
    demo: bool = False
    press: PressSummary | None = None  # the ready-to-publish paragraph, last slide/page
    # the units' reporting on the plan (issue 23): per-unit lines and the weakest indicators with no recent
    # report, from the progress store; None when the pack does not carry it or nobody has reported yet
    progress: tuple[str, list[str], list[str]] | None = None  # (slide title, units, weakest)
    progress_demo: bool = False


def is_synthetic(source_ids: list[str]) -> bool:
    from pii.pipeline.demo import DEMO_SOURCE_ID

    return DEMO_SOURCE_ID in source_ids


def leadership_items(edition: int, province_id: str, group: str = DEFAULT_GROUP,
                     peers: tuple[str, ...] = ()) -> list[PackItem]:
    return [PackItem(v, int(edition), province_id, group, tuple(peers)) for v in PACKS["leadership"]]


def progress_lines(db: PiiDB, edition: int, province_id: str, lang: str,
                   day: dt.date | None = None) -> tuple[tuple[str, list[str], list[str]] | None, bool]:
    """The leadership's view of plan progress for a pack: (lines, demo store), or (None, False)."""
    from pii.analysis.rules import plan_id_of
    from pii.progress import demo as progress_demo
    from pii.progress import views as progress_views

    plan_id = plan_id_of(db, province_id)
    if plan_id is None:
        return None, False
    _, board = progress_views.load_board(db, plan_id, edition, province_id, day or dt.date.today())
    units, weak = progress_views.leadership_lines(board, lang)
    title = t("pg_lead_title", lang, plan=progress_views.plan_label(plan_id))
    return ((title, units, weak), progress_demo.is_demo()) if units else (None, False)


def build_pack(items: list[PackItem], db: PiiDB, lang: str = "vi", title: str | None = None,
               day: dt.date | None = None, demo: bool = False, progress: bool = False) -> Pack:
    if not items:
        raise ValueError("a pack needs at least one view")
    results: list[ViewResult] = []
    lines: list[str] = []
    for it in items:
        results.append(run_view(it.view_id, it.state(db, lang, demo)))
    # synthetic figures are watermarked even when the caller did not say so (e.g. the CLI on a demo folder)
    demo = demo or any(is_synthetic(r.sources) for r in results)
    for it, r in zip(items, results):
        if demo:
            add_watermark(r.fig)
        lines.append(source_line(it.edition, db.sources(r.sources) if r.sources else None, lang, r.sources))
    scopes = list(dict.fromkeys((it.province_id, it.edition) for it in items))
    names = _names(db, lang)
    subtitle = "; ".join(t("ex_pack_subtitle", lang, province=names.get(p, p), edition=e) for p, e in scopes)
    first = items[0]
    press = press_summary(db, first.edition, first.province_id, lang)
    if demo:  # synthetic figures must never read as a publishable paragraph
        press.text = f"[{t('watermark', lang)}] {press.text}"
    lines_progress, progress_demo = (progress_lines(db, first.edition, first.province_id, lang, day) if progress
                                     else (None, False))
    return Pack(title or t("ex_pack_title", lang), subtitle, export_date_text(day, lang), lang, results, lines, demo,
                press, lines_progress, progress_demo)


def build_pack_for(s: ViewState, items: list[PackItem], title: str | None = None, progress: bool = False) -> Pack:
    """:func:`build_pack` for a page's view state (its data, language and demo mode): the briefing page makes
    no database call of its own."""
    return build_pack(items, s.db, s.lang, title=title, demo=s.demo, progress=progress)


def item_view(s: ViewState, it: PackItem) -> ViewResult:
    """One pack item's view, built with the item's settings in the page's language and data (the preview)."""
    return run_view(it.view_id, it.state(s.db, s.lang, s.demo))


def _names(db: PiiDB, lang: str) -> dict[str, str]:
    allp: pd.DataFrame = db.all_provinces()
    col = "name_vi" if lang == "vi" else "name_en"
    return dict(zip(allp["province_id"], allp[col]))
