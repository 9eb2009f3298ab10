"""A lead unit's sheet to send to that unit: XLSX (openpyxl) and a one-page PDF.

The PDF is an HTML page printed by the system Chromium (/usr/bin/chromium via
Playwright); nothing downloads a browser. The page is scaled down until it fits
one A4 landscape sheet, because a unit sheet that spills onto a second page
gets separated from its header when printed.
"""

from __future__ import annotations

import concurrent.futures
import html
import io
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from pii import fmt, settings
from pii.analysis.bands import band_label
from pii.i18n import t

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
# A4 landscape at 96 dpi, minus the 10 mm margins set below
PAGE_W_PX, PAGE_H_PX = 1047, 718


def _columns(lang: str, prev: int | None) -> list[str]:
    return [t("code", lang), t("name", lang), t("score", lang), t("rank", lang), t("band_col", lang),
            t("pt_change_label", lang, prev=prev) if prev else t("change", lang),
            t("pt_col_lead", lang), t("pt_col_partners", lang), t("pt_col_actions", lang)]


def sheet_rows(sheet: pd.DataFrame, lang: str) -> list[list[object]]:
    """Rows as written: numbers stay numbers, a missing figure is the words
    "chưa có số liệu công bố" (never 0, never blank)."""
    miss = t("missing", lang)
    rows = []
    for r in sheet.itertuples():
        band = None if fmt.is_missing(r.band) else band_label(int(r.band), int(r.rank_of), lang)
        rows.append([
            r.code, getattr(r, f"name_{lang}"),
            miss if fmt.is_missing(r.score) else round(float(r.score), 2),
            miss if fmt.is_missing(r.rank) else fmt.rank(r.rank, r.rank_of, lang),
            band or miss,
            "—" if fmt.is_missing(r.change) else round(float(r.change), 2),
            "; ".join(getattr(r, f"lead_{lang}")), "; ".join(getattr(r, f"partner_{lang}")),
            "\n".join(f"{i}. {a}" for i, a in enumerate(getattr(r, f"actions_{lang}"), 1)),
        ])
    return rows


def _heading(unit_name: str, lang: str, demo: bool) -> str:
    text = t("pt_sheet_heading", lang, unit=unit_name)
    return f"{t('watermark', lang)} — {text}" if demo else text


def unit_sheet_xlsx(sheet: pd.DataFrame, unit_name: str, province: str, edition: int, lang: str,
                    sources: pd.DataFrame, prev: int | None = None, on: date | None = None,
                    demo: bool = False) -> bytes:
    """Row 1 title, row 2 context, row 4 header (frozen), data from row 5; a second sheet lists the sources.
    In demo mode the title carries the "illustrative data" watermark."""
    wb = Workbook()
    ws = wb.active
    ws.title = t("pt_sheet_name", lang)
    ws["A1"] = _heading(unit_name, lang, demo)
    ws["A1"].font = Font(bold=True, size=14, color="B00020" if demo else None)
    ws["A2"] = t("pt_sheet_sub", lang, province=province, edition=edition, date=fmt.date(on or date.today(), lang))
    header = _columns(lang, prev)
    ws.append([])
    ws.append(header)
    for cell in ws[4]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in sheet_rows(sheet, lang):
        ws.append(row)
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, float):
                cell.number_format = "0.00"
    ws.freeze_panes = "A5"
    for col, width in zip("ABCDEFGHI", (9, 44, 10, 10, 18, 12, 30, 30, 70)):
        ws.column_dimensions[col].width = width
    ws.cell(row=ws.max_row + 2, column=1, value=t("pt_sheet_footer", lang, rule=t("band_rule", lang)))
    src = wb.create_sheet(t("pt_sheet_src_name", lang))
    src.append(["source_id", t("pt_col_publisher", lang), t("pt_col_title", lang), t("pt_col_url", lang),
                t("pt_col_published_on", lang)])
    for cell in src[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    for s in sources.itertuples():
        src.append([s.source_id, s.publisher, s.title, s.url or "", fmt.date(s.published_on, lang, missing="")])
    src.freeze_panes = "A2"
    for col, width in zip("ABCDE", (14, 30, 60, 50, 14)):
        src.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def unit_sheet_html(sheet: pd.DataFrame, unit_name: str, province: str, edition: int, lang: str,
                    sources: pd.DataFrame, prev: int | None = None, on: date | None = None,
                    demo: bool = False) -> str:
    esc = html.escape
    head = "".join(f"<th>{esc(h)}</th>" for h in _columns(lang, prev))
    body = []
    for row in sheet_rows(sheet, lang):
        cells = []
        for i, v in enumerate(row):
            if isinstance(v, float):
                v = fmt.number(v, lang, signed=(i == 5))
            cells.append(f"<td>{esc(str(v)).replace(chr(10), '<br>')}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    src = "; ".join(f"{esc(s.publisher)} — {esc(s.title)}" for s in sources.itertuples())
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<style>
body {{ font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; font-size: 11px; color: #1F2933; margin: 0; }}
h1 {{ font-size: 17px; margin: 0 0 2px 0; color: #1F4E79; }}
p {{ margin: 2px 0 8px 0; }}
table {{ border-collapse: collapse; width: 100%; }}
th {{ background: #1F4E79; color: #fff; text-align: left; padding: 4px; font-size: 10.5px; }}
td {{ border-bottom: 1px solid #D9DDE3; padding: 3px 4px; vertical-align: top; }}
td:nth-child(3), td:nth-child(4), td:nth-child(6) {{ white-space: nowrap; text-align: right; }}
.foot {{ font-size: 9px; color: #52606D; margin-top: 8px; }}
.wm {{ position: fixed; top: 40%; left: 10%; font-size: 48px; color: #B00020; opacity: 0.15;
       transform: rotate(-20deg); white-space: nowrap; }}
</style></head><body>
{f'<div class="wm">{esc(t("watermark", lang))}</div>' if demo else ''}
<h1>{esc(_heading(unit_name, lang, demo))}</h1>
<p>{esc(t("pt_sheet_sub", lang, province=province, edition=edition, date=fmt.date(on or date.today(), lang)))}</p>
<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>
<div class="foot">{esc(t("pt_sheet_footer", lang, rule=t("band_rule", lang)))}<br>
{esc(t("pt_sheet_sources", lang))}: {src}</div>
</body></html>"""


def html_to_pdf_one_page(page_html: str, fit: bool = True) -> bytes:
    """Print HTML to A4 landscape with the system Chromium: one page (``fit``), or as many as it takes."""
    # Playwright's sync API refuses to run inside a thread that has an asyncio
    # loop (Streamlit's may); a worker thread of our own has none.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_print, page_html, fit).result(timeout=120)


def _print(page_html: str, fit: bool = True) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=settings.chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": PAGE_W_PX, "height": PAGE_H_PX})
            page.set_content(page_html, wait_until="load")
            height = page.evaluate("document.documentElement.scrollHeight")
            width = page.evaluate("document.documentElement.scrollWidth")
            scale = max(0.1, min(1.0, PAGE_H_PX / max(height, 1), PAGE_W_PX / max(width, 1)) * 0.97) if fit else 1.0
            return page.pdf(format="A4", landscape=True, print_background=True, scale=scale,
                            margin={"top": "10mm", "bottom": "10mm", "left": "10mm", "right": "10mm"})
        finally:
            browser.close()


def unit_sheet_pdf(sheet: pd.DataFrame, unit_name: str, province: str, edition: int, lang: str,
                   sources: pd.DataFrame, prev: int | None = None, on: date | None = None,
                   demo: bool = False) -> bytes:
    from pii.export.pdf_meta import with_metadata

    pdf = html_to_pdf_one_page(unit_sheet_html(sheet, unit_name, province, edition, lang, sources, prev, on, demo))
    return with_metadata(pdf, f"{_heading(unit_name, lang, demo)} — {province}, PII {edition}", lang)
