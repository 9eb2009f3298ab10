"""Briefing pack as PDF: a title page, then one page per view (the decorated
chart with title, finding, source line and date), rendered by Kaleido as vector
PDF pages and merged with pypdf."""

from __future__ import annotations

import html
import io

import plotly.graph_objects as go
from pypdf import PdfReader, PdfWriter

from pii.charts.theme import FOCUS, FONT_FAMILY, MUTED, TEXT, add_watermark, apply_theme
from pii.export import text
from pii.export.decorate import decorate
from pii.export.image import PRESETS, to_image
from pii.export.packs import Pack
from pii.export.pdf_meta import set_metadata
from pii.i18n import t

PAGE = PRESETS["slide"]  # 16:9 pages, like the slides


def _title_page(pack: Pack) -> go.Figure:
    fig = go.Figure()
    title = "<br>".join(text.wrap(pack.title, (PAGE.width * 0.9) / 1.1, 30))
    lines = [(title, 30, TEXT, 0.66), (pack.subtitle, 22, FOCUS, 0.48), (pack.date_text, 15, MUTED, 0.4)]
    if pack.demo:
        lines.append((t("ex_pack_demo", pack.lang), 17, "#B00020", 0.3))
    for line, size, colour, y in lines:
        fig.add_annotation(text=f"<b>{line}</b>" if size >= 30 else line, x=0.04, y=y, xref="paper", yref="paper",
                           xanchor="left", yanchor="middle", align="left", showarrow=False,
                           font=dict(size=size, color=colour, family=FONT_FAMILY))
    apply_theme(fig, pack.lang)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    if pack.demo:
        add_watermark(fig)
    return fig


def _press_page(pack: Pack) -> go.Figure:
    """The press paragraph as a page of text (wrapped to the page width)."""
    fig = go.Figure()
    body = "<br>".join(text.wrap(pack.press.text, PAGE.width * 0.9, 16))  # type: ignore[union-attr]
    fig.add_annotation(text=body, x=0.04, y=0.86, xref="paper", yref="paper", xanchor="left", yanchor="top",
                       align="left", showarrow=False, font=dict(size=16, color=TEXT, family=FONT_FAMILY))
    title = f"<b>{pack.press.title}</b>"  # type: ignore[union-attr]
    fig.add_annotation(text=title, x=0.04, y=0.97, xref="paper", yref="paper", xanchor="left", yanchor="top",
                       showarrow=False, font=dict(size=22, color=TEXT, family=FONT_FAMILY))
    apply_theme(fig, pack.lang)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _progress_page(pack: Pack) -> go.Figure:
    """The units' reporting on the plan as a page of text (issue 23)."""
    title, units, weak = pack.progress  # type: ignore[misc]
    fig = go.Figure()
    # names come from data files: escaped, so Plotly's HTML subset never reads them as markup
    left = "<br>".join(html.escape(line) for u in units[:18] for line in text.wrap(u, PAGE.width * 0.44, 13))
    right = "<br>".join(html.escape(line) for w in weak for line in text.wrap(w, PAGE.width * 0.44, 13))
    for x, body in ((0.04, left), (0.52, f"<b>{t('pg_lead_weak', pack.lang)}</b><br>{right}")):
        fig.add_annotation(text=body, x=x, y=0.86, xref="paper", yref="paper", xanchor="left", yanchor="top",
                           align="left", showarrow=False, font=dict(size=13, color=TEXT, family=FONT_FAMILY))
    fig.add_annotation(text=f"<b>{html.escape(title)}</b>", x=0.04, y=0.97, xref="paper", yref="paper", xanchor="left",
                       yanchor="top", showarrow=False, font=dict(size=22, color=TEXT, family=FONT_FAMILY))
    if pack.progress_demo:
        fig.add_annotation(text=t("pg_demo_store", pack.lang), x=0.04, y=0.02, xref="paper", yref="paper",
                           xanchor="left", showarrow=False, font=dict(size=11, color="#B00020", family=FONT_FAMILY))
    apply_theme(fig, pack.lang)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def pdf_bytes(pack: Pack) -> bytes:
    pages = [to_image(_title_page(pack), "pdf", PAGE)]
    for r, src in zip(pack.results, pack.source_lines):
        # a finding that is the subtitle itself (what · where · when) is printed once
        subtitle = r.subtitle if r.finding in ("", r.subtitle) else f"{r.subtitle}\n{r.finding}"
        fig = decorate(r.fig, r.title, subtitle, src, pack.date_text, pack.lang, width=PAGE.width, height=PAGE.height,
                       note=r.note)
        pages.append(to_image(fig, "pdf", PAGE))
    if pack.press is not None:
        pages.append(to_image(_press_page(pack), "pdf", PAGE))
    if pack.progress is not None:
        pages.append(to_image(_progress_page(pack), "pdf", PAGE))
    writer = PdfWriter()
    for data in pages:
        writer.append(PdfReader(io.BytesIO(data)))
    set_metadata(writer, f"{pack.title} — {pack.subtitle}", pack.lang, t("app_short", pack.lang))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
