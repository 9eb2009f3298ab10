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
from pii.provenance import source_line
from pii.views import PACKS, ViewResult, run_view
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


def is_synthetic(source_ids: list[str]) -> bool:
    from pii.pipeline.demo import DEMO_SOURCE_ID

    return DEMO_SOURCE_ID in source_ids


def leadership_items(edition: int, province_id: str, group: str = DEFAULT_GROUP,
                     peers: tuple[str, ...] = ()) -> list[PackItem]:
    return [PackItem(v, int(edition), province_id, group, tuple(peers)) for v in PACKS["leadership"]]


def build_pack(items: list[PackItem], db: PiiDB, lang: str = "vi", title: str | None = None,
               day: dt.date | None = None, demo: bool = False) -> Pack:
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
    return Pack(title or t("ex_pack_title", lang), subtitle, export_date_text(day, lang), lang, results, lines, demo,
                press)


def _names(db: PiiDB, lang: str) -> dict[str, str]:
    allp: pd.DataFrame = db.all_provinces()
    col = "name_vi" if lang == "vi" else "name_en"
    return dict(zip(allp["province_id"], allp[col]))
