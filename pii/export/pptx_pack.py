"""Briefing pack as PPTX (python-pptx, 16:9): a title slide, then one slide per
view with its title, a one-line finding, the chart (or a native table), the
source line, and the key numbers in the speaker notes."""

from __future__ import annotations

import io
import textwrap

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from pii.charts import responsive
from pii.charts.theme import FOCUS, MUTED, REF_LINE_PX, TEXT, ref_label_lines
from pii.export.image import Preset, to_image
from pii.export.packs import Pack
from pii.fmt import d3_format
from pii.i18n import t
from pii.panels.panel import ViewResult

FONT = "Arial"  # on every PowerPoint; LibreOffice maps it to Liberation Sans (same metrics, Vietnamese glyphs)
W, H = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in, exactly 16:9
MARGIN = Inches(0.5)
CHART_TOP = Inches(1.55)
CHART_H = Inches(5.15)
# the chart box is 12.33 × 5.15 in; drawn at 900×376 CSS px (≈73 px per inch) so 13 px chart text
# reads like 13 pt on the slide, at 2.6× (2340×978 px) for sharpness on a projector
CHART_PRESET = Preset("pptx", 900, 376, 2.6)
FOOT_TOP = Inches(6.85)
LINE_CHARS = {15: 100, 13: 116}  # characters per line of the second line's box (12.33 in, Arial) at each size


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def _text(slide, left, top, width, height, text: str, size: int, colour: str = TEXT, bold: bool = False,
          italic: bool = False, align=PP_ALIGN.LEFT):
    box = slide.shapes.add_textbox(left, top, width, height)
    tf = box.text_frame
    tf.word_wrap = True
    p = tf.paragraphs[0]
    p.alignment = align
    run = p.add_run()
    run.text = text
    f = run.font
    f.name, f.size, f.bold, f.italic, f.color.rgb = FONT, Pt(size), bold, italic, _rgb(colour)
    return box


def _set_title(slide, text: str, size: int = 26) -> None:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, Inches(0.25), W - 2 * MARGIN, Inches(0.8)
    title.text = text
    tf = title.text_frame
    tf.word_wrap = True
    for p in tf.paragraphs:
        p.alignment = PP_ALIGN.LEFT
        for r in p.runs:
            r.font.name, r.font.size, r.font.bold, r.font.color.rgb = FONT, Pt(size), True, _rgb(TEXT)


def _legend_on_top(fig: go.Figure) -> bool:
    y = fig.layout.legend.y
    return fig.layout.showlegend is not False and (y is None or y > 0.5) and len(fig.data) > 1


def _chart_png(r: ViewResult, lang: str, preset: Preset = CHART_PRESET) -> bytes:
    # builders already applied the theme; the slide carries title and source (copy unvalidated: fast)
    fig = go.Figure(r.fig.to_dict(), _validate=False)
    fig.update_layout(title=None, height=None, width=None, separators=d3_format(lang)[0])
    responsive.for_image(fig, preset.width, preset.height)  # laid out as the images of that size (issue 20)
    # reference-line labels sit above the plot: keep room for them (a 12 px top margin cut them off the picture,
    # leaving two unexplained lines across the bars; issue 20)
    ref_lines = sum(ref_label_lines(a.text) for a in fig.layout.annotations if a.name == "pii_ref_label")
    top = max(30 if _legend_on_top(fig) else 12, 8 + REF_LINE_PX * ref_lines + 4 if ref_lines else 0)
    fig.update_layout(margin=dict(l=10, r=24, t=top, b=10))
    return to_image(fig, "png", preset)


def second_line(r: ViewResult) -> str:
    """The slide's line under the title: the numbers behind the finding, or what · where · when when the
    finding only repeats the title (two slides said the same sentence twice)."""
    finding = (r.finding or "").strip()
    if not finding or finding.rstrip(".").casefold() in r.title.casefold():
        return r.subtitle
    return finding


def _lines(text: str, size: int) -> int:
    return max(1, len(textwrap.wrap(text, LINE_CHARS[size])))


def _second_line_box(slide, text: str) -> Emu:
    """The line under the title, on as many lines as it needs (15 pt, 13 pt beyond two lines); returns where
    the chart can start (a two-line text ran under the chart in a 0.45 in box)."""
    size = 15 if _lines(text, 15) <= 2 else 13
    height = Inches(0.08 + 0.27 * _lines(text, size) * size / 15)
    _text(slide, MARGIN, Inches(1.08), W - 2 * MARGIN, height, text, size, colour=FOCUS, italic=True)
    return max(CHART_TOP, Emu(Inches(1.08) + height + Inches(0.05)))


def _table(slide, df: pd.DataFrame, top: Emu = CHART_TOP) -> None:
    rows, cols = len(df) + 1, len(df.columns)
    shape = slide.shapes.add_table(rows, cols, MARGIN, top, W - 2 * MARGIN, Inches(0.4) * rows)
    table = shape.table
    weights = [0.8, 3.6, 0.8, 0.9, 3.4][:cols] if cols == 5 else [1.0] * cols
    total = sum(weights)
    for j, wgt in enumerate(weights):
        table.columns[j].width = Emu(int((W - 2 * MARGIN) * wgt / total))
    for j, col in enumerate(df.columns):
        table.cell(0, j).text = str(col)
    for i, row in enumerate(df.itertuples(index=False), start=1):
        for j, v in enumerate(row):
            table.cell(i, j).text = "" if v is None else str(v)
    for i in range(rows):
        for j in range(cols):
            for p in table.cell(i, j).text_frame.paragraphs:
                for r in p.runs:
                    r.font.name, r.font.size, r.font.bold = FONT, Pt(12 if i else 13), i == 0


def pptx_bytes(pack: Pack) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    lang = pack.lang

    first = prs.slides.add_slide(prs.slide_layouts[6])
    _text(first, MARGIN, Inches(2.0), W - 2 * MARGIN, Inches(1.3), pack.title, 34, bold=True)
    _text(first, MARGIN, Inches(3.4), W - 2 * MARGIN, Inches(0.7), pack.subtitle, 24, colour=FOCUS)
    _text(first, MARGIN, Inches(4.2), W - 2 * MARGIN, Inches(0.5), pack.date_text, 16, colour=MUTED)
    _text(first, MARGIN, Inches(6.6), W - 2 * MARGIN, Inches(0.5), t("ex_pack_made", lang), 12, colour=MUTED)
    if pack.demo:
        _text(first, MARGIN, Inches(5.0), W - 2 * MARGIN, Inches(0.6), t("ex_pack_demo", lang), 20, colour="#B00020",
              bold=True)
    first.notes_slide.notes_text_frame.text = f"{pack.title}\n{pack.subtitle}\n{pack.date_text}"

    for r, src in zip(pack.results, pack.source_lines):
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only": the title stays a real title
        _set_title(slide, r.title, 24 if len(r.title) <= 60 else 20)
        top = _second_line_box(slide, second_line(r))
        if r.table is not None:
            _table(slide, r.table, top)
        elif r.fig is None:  # an empty panel: its message is the slide's finding, nothing to draw
            pass
        else:
            # the chart fills the room left between the second line and the footer, at the preset's aspect
            height = FOOT_TOP - top - Inches(0.05)
            width = min(W - 2 * MARGIN, Emu(int(height * CHART_PRESET.width / CHART_PRESET.height)))
            pic = slide.shapes.add_picture(io.BytesIO(_chart_png(r, lang)), MARGIN, top, width=width)
            # alt text (the office suite's "Description"): what the chart shows, with its numbers (issue 21)
            pic._element.nvPicPr.cNvPr.set("descr", f"{r.title}. {r.finding}")
        foot = " ".join(x for x in (r.note, src) if x) + f" · {pack.date_text}"
        if pack.demo:
            foot = f"{t('ex_pack_demo', lang)} · {foot}"
        _text(slide, MARGIN, FOOT_TOP, W - 2 * MARGIN, Inches(0.5), foot, 10, colour=MUTED)
        notes = [r.finding, "", t("ex_notes_key", lang), *[f"• {n}" for n in r.notes], "", src]
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)

    if pack.press is not None:  # the press paragraph, ready to copy into a release
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        _set_title(slide, t("pr_slide_title", lang), 24)
        _text(slide, MARGIN, Inches(1.3), W - 2 * MARGIN, Inches(0.5), pack.press.title, 18, bold=True)
        _text(slide, MARGIN, Inches(1.9), W - 2 * MARGIN, Inches(4.6), pack.press.text, 15)
        slide.notes_slide.notes_text_frame.text = pack.press.text
        if pack.demo:
            _text(slide, MARGIN, Inches(6.85), W - 2 * MARGIN, Inches(0.5), t("ex_pack_demo", lang), 10,
                  colour="#B00020")

    if pack.progress is not None:  # the units' reporting on the plan (issue 23)
        title, units, weak = pack.progress
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        _set_title(slide, title, 24)
        _text(slide, MARGIN, Inches(1.3), (W - 2 * MARGIN) / 2, Inches(5.4), "\n".join(units[:15]), 12)
        _text(slide, MARGIN + (W - 2 * MARGIN) / 2, Inches(1.3), (W - 2 * MARGIN) / 2, Inches(0.5),
              t("pg_lead_weak", lang), 15, bold=True)
        _text(slide, MARGIN + (W - 2 * MARGIN) / 2, Inches(1.9), (W - 2 * MARGIN) / 2, Inches(4.8),
              "\n".join(weak), 12)
        slide.notes_slide.notes_text_frame.text = "\n".join([*units, "", t("pg_lead_weak", lang), *weak])
        if pack.progress_demo:
            _text(slide, MARGIN, Inches(6.85), W - 2 * MARGIN, Inches(0.5), t("pg_demo_store", lang), 10,
                  colour="#B00020")

    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
