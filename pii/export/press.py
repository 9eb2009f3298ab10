"""Press summary: a short ready-to-publish paragraph (VI/EN) with the key
figures, the change since the previous edition and the sources; exported as
.txt and .docx (python-docx). Shown on the Overview and added to packs.

Only published figures are stated; a change across the 2025 merger is not
computed (the unit changed), and the regional standing uses the one rule of
``pii.analysis.rules`` (published, else "computed, out of N with data").
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from pii import fmt
from pii.analysis import rules
from pii.analysis.overview import headline
from pii.analysis.units import unit_in
from pii.i18n import name_col, t
from pii.provenance import ids_of, readable
from pii.viewstate import ViewState
from queries import PiiDB

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class PressSummary:
    title: str
    text: str  # the paragraph, sources included
    numbers: dict[str, object] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # "publisher, title"


def _date(value: object, lang: str) -> str:
    try:
        d = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{d.day}/{d.month}/{d.year}" if lang == "vi" else f"{d.day} {d.strftime('%B')} {d.year}"


def press_summary(db: PiiDB, edition: int, province_id: str, lang: str = "vi") -> PressSummary:
    unit = unit_in(db, province_id, edition)
    units = db.units(edition)
    col = name_col(lang)
    names = dict(zip(units["province_id"], units[col]))
    name = names.get(unit, unit)
    eds = db.editions().set_index("edition")
    s = ViewState(db, edition, unit, lang=lang)
    of = s.units_ranked
    mine = db.scores(edition, provinces=[unit])
    head = headline(db, edition, unit)
    score, rank = head.score, head.rank
    title = t("pr_title", lang, province=name, edition=edition)
    if fmt.is_missing(score) and fmt.is_missing(rank):
        text = t("pr_missing", lang, province=name, edition=edition)
        return PressSummary(title, text)
    parts = [t("pr_lead", lang, edition=edition, date=_date(eds.loc[edition, "published_on"], lang), province=name,
               score=fmt.number(score, lang), rank=fmt.rank(rank, of, lang))]
    rr = rules.regional_rank(db, edition, unit)
    if rr.rank == 1 and not rr.computed:
        region = rules.target_region(db, edition, unit)
        parts[-1] += t("pr_region_first", lang, region=s.region_name(region.group_id, region.region_id),
                       of=rr.out_of or len(region.ids))
    elif rr.rank is not None:
        parts[-1] += t("pr_region", lang, rank=rules.format_regional_rank(rr, lang))
    parts[-1] += "."
    numbers: dict[str, object] = {"score": score, "rank": rank, "of": of, "region_rank": rr.rank}
    prev, p_score, p_rank = head.prev_edition, head.prev_score, head.prev_rank
    if prev is not None:
        same_unit = str(eds.loc[prev, "unit_set"]) == str(eds.loc[edition, "unit_set"])
        if not same_unit:
            parts.append(t("pr_merger", lang, prev=prev))
        elif not fmt.is_missing(p_score) and not fmt.is_missing(score):
            diff = float(score) - float(p_score)
            numbers["change"] = round(diff, 2)
            key = "pr_change_up" if diff > 0 else "pr_change_down" if diff < 0 else "pr_change_flat"
            text = t(key, lang, prev=prev, diff=fmt.number(abs(diff), lang), prev_score=fmt.number(p_score, lang))
            if not fmt.is_missing(p_rank) and not fmt.is_missing(rank):
                moved = int(p_rank) - int(rank)
                numbers["rank_change"] = moved
                rkey = "pr_rank_up" if moved > 0 else "pr_rank_down" if moved < 0 else "pr_rank_same"
                text += t(rkey, lang, k=abs(moved), prev_rank=fmt.rank(p_rank, of, lang))
            parts.append(text + ".")
        else:
            parts.append(t("pr_no_prev_figure", lang, prev=prev))
    pillars = mine[mine["level"] == "pillar"].dropna(subset=["rank"])
    if len(pillars) >= 2:
        best = rules.strongest(pillars, 1).iloc[0]
        worst = rules.weakest(pillars, 1).iloc[0]
        parts.append(t("pr_pillars", lang, best=best[col], best_rank=fmt.rank(best["rank"], best["rank_of"], lang),
                       worst=worst[col], worst_rank=fmt.rank(worst["rank"], worst["rank_of"], lang)))
        numbers["weakest"] = worst["code"]
    src = db.sources(ids_of(mine[mine["code"].isin(["PII", *pillars["code"]])]))
    cited = [readable(r) for r in src.itertuples()]
    parts.append(t("pr_sources", lang, edition=edition, sources="; ".join(cited) if cited else "—"))
    return PressSummary(title, " ".join(parts), numbers, cited)


def to_txt(summary: PressSummary) -> bytes:
    """UTF-8 with BOM (Notepad and Word open Vietnamese correctly)."""
    return f"{summary.title}\n\n{summary.text}\n".encode("utf-8-sig")


def to_docx(summary: PressSummary, lang: str = "vi") -> bytes:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"  # Word's Arial has the full Vietnamese set
    style.font.size = Pt(12)
    doc.core_properties.title = summary.title
    doc.core_properties.language = "vi-VN" if lang == "vi" else "en-GB"
    doc.add_heading(summary.title, level=1)
    doc.add_paragraph(summary.text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
