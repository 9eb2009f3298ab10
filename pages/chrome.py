"""Page furniture: KPI tiles and the running header of a printed page."""

from __future__ import annotations

import streamlit as st

from pages.url_state import Context
from pii.i18n import t
from pii.provenance import known_title, source_rows


def kpi(col: object, label: str, value: str | None, delta: str | None = None, help: str | None = None,
        note: str | None = None) -> None:
    """A KPI tile: ``st.metric`` when there is a figure; with none (``value``
    None) the label and a small muted "no published figure" note instead of
    that text shouting in the metric font. ``note``: a neutral badge under the
    value (no arrow, no colour), e.g. "out of 8 with data" of a computed rank."""
    import html

    target = col if col is not None else st
    if value is None:
        target.markdown(f'<p class="pii-kpi-label">{html.escape(label)}</p>'  # type: ignore[attr-defined]
                        f'<p class="pii-kpi-missing">{html.escape(t("missing", st.session_state.get("lang", "vi")))}'
                        "</p>", unsafe_allow_html=True)
    else:
        neutral = {"delta_color": "off", "delta_arrow": "off"} if note and delta is None else {}
        target.metric(label, value, delta or note, help=help, **neutral)  # type: ignore[attr-defined]


def lazy_expander(label: str, key: str, **kw: object):  # -> the expander when it is open, else None
    """An expander whose content is sent only once it is opened (a rerun): pages fill it with
    ``if (box := lazy_expander(...)) is not None: with box: ...``. Content that is sent but hidden still
    costs the browser its drawing on every page load."""
    box = st.expander(label, key=key, on_change="rerun", **kw)  # type: ignore[arg-type]
    return box if box.open else None


def sources_expander(ctx: Context, ids: list[str]) -> None:
    """The sources of the figures on the page, one line each (publisher — title — link)."""
    box = lazy_expander(ctx.t("ov_sources"), f"_sources_{ctx.page}")
    if box is None:
        return
    with box:
        for s in source_rows(ctx, sorted(set(ids))).itertuples():
            title = known_title(s)
            st.markdown(f"- **{s.publisher}**" + (f" — {title}" if title else "") + (f" — <{s.url}>" if s.url else ""))


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ") + '"'


def print_header(ctx: Context) -> None:
    """On paper only: page title, edition, province, source and print date on
    every printed page, as @page margin boxes (Chromium repeats them on each
    page; nothing shows on screen)."""
    import datetime

    from pii import fmt
    from pii.export import source_line

    head = f"{ctx.page_title()} · PII {ctx.edition} · {ctx.province_name(ctx.province_id)}"
    date = fmt.date(datetime.date.today(), ctx.lang)
    box = "font-size: 8pt; color: #374151;"
    st.html(f"<style>@media print {{ @page {{ @top-left {{ content: {_css_string(head)}; {box} }} "
            f"@top-right {{ content: {_css_string(date)}; {box} }} "
            f"@bottom-left {{ content: {_css_string(source_line(ctx.edition, None, ctx.lang))}; {box} }} "
            f"@bottom-right {{ content: counter(page) \" / \" counter(pages); {box} }} }} }}</style>")
