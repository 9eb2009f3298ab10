"""Shared page scaffolding: data connection, sidebar, URL state, notices.

Every page starts with ``ctx = setup_page("page_key")``. The sidebar holds the
global view state (language, edition, focus province, peer group); it is read
from the URL on a session's first run and written back on every run, so a
copied link reproduces the view. A bad URL value falls back to the default and
says so; it never raises.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from pii import settings
from pii.analysis.units import unit_in
from pii.i18n import LANGS, name_col, t
from pii.viewstate import CUSTOM_GROUP, DEFAULT_GROUP, DEFAULT_PROVINCE, ViewState, default_edition, group_names
from queries import PiiDB

GLOBAL_PARAMS = ("lang", "edition", "province", "group", "peers", "demo")
# page key -> URL parameter names it declares (filled at run time; read by tests)
REGISTERED_PARAMS: dict[str, set[str]] = {}
PLAN_ID = "152/KH-UBND-2024"


def _data_version(parquet_dir: Path) -> float:
    """Changes when an import publishes (the folder is swapped by rename)."""
    try:
        return parquet_dir.stat().st_mtime
    except FileNotFoundError:
        return 0.0


@st.cache_resource(show_spinner=False)
def _db(parquet_dir: str, version: float) -> PiiDB:
    return PiiDB(Path(parquet_dir))


@st.cache_resource(show_spinner=False)
def _demo_dir() -> Path:
    """Folder of the synthetic demo dataset (written once per process)."""
    from pii.pipeline import demo  # imported lazily: only demo mode needs it

    return demo.ensure_demo(settings.demo_dir())  # rewrites a cache left by an older generator


def get_db(demo: bool = False) -> PiiDB:
    base = _demo_dir() if demo else settings.data_dir()
    pq = base / "parquet"
    return _db(str(pq), _data_version(pq))


@dataclass(kw_only=True)
class Context(ViewState):
    """The view state plus what Streamlit adds: the page's URL parameters and notices."""

    page: str
    notices: list[str] = field(default_factory=list)
    shown: set[str] = field(default_factory=set)

    def param(self, key: str, options: Sequence[str], default: str,
              label: Callable[[str], str] | None = None) -> str:
        """A page-level URL parameter with a fixed set of valid values."""
        REGISTERED_PARAMS.setdefault(self.page, set()).add(key)
        return _bind_choice(key, list(options), default, self.lang, self.notices, label)

    def param_list(self, key: str, options: Sequence[str], default: Sequence[str]) -> list[str]:
        """A comma-separated list URL parameter; unknown items are dropped with a notice."""
        REGISTERED_PARAMS.setdefault(self.page, set()).add(key)
        return _bind_list(key, list(options), list(default), self.lang, self.notices)

    def param_number(self, key: str, default: float, lo: float, hi: float) -> float:
        REGISTERED_PARAMS.setdefault(self.page, set()).add(key)
        state_key = f"_url_{key}"
        if state_key not in st.session_state:
            raw = st.query_params.get(key)
            value = default
            if raw is not None:
                try:
                    value = float(raw)
                    if not lo <= value <= hi:
                        raise ValueError
                except ValueError:
                    self.notices.append(t("invalid_param", self.lang, value=_short(raw), param=key, default=default))
                    value = default
            st.session_state[state_key] = value
        return st.session_state[state_key]


def _short(raw: object) -> str:
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "…"


def _bind_choice(key: str, options: list[str], default: str, lang: str, notices: list[str],
                 label: Callable[[str], str] | None = None) -> str:
    """Seed ``st.session_state[key]`` from the URL once; keep it valid."""
    if default not in options and options:
        default = options[0]
    if key not in st.session_state:
        raw = st.query_params.get(key)
        if raw is not None and raw not in options:
            notices.append(t("invalid_param", lang, value=_short(raw), param=key,
                             default=label(default) if label else default))
            raw = None
        st.session_state[key] = raw if raw is not None else default
    elif st.session_state[key] not in options:
        st.session_state[key] = default
    else:
        # re-assigned so the widget shows the value with this run's labels
        # (after a language switch it kept the old language's text)
        st.session_state[key] = st.session_state[key]
    return st.session_state[key]


def _bind_list(key: str, options: list[str], default: list[str], lang: str, notices: list[str]) -> list[str]:
    if key not in st.session_state:
        raw = st.query_params.get(key)
        if raw is None:
            value = [d for d in default if d in options]
        else:
            items = [x for x in str(raw).split(",") if x]
            value = [x for x in items if x in options]
            if len(value) != len(items):
                bad = ",".join(x for x in items if x not in options)
                notices.append(t("invalid_param", lang, value=_short(bad), param=key, default=",".join(value) or "—"))
        st.session_state[key] = list(dict.fromkeys(value))
    else:
        st.session_state[key] = [x for x in st.session_state[key] if x in options]
    return st.session_state[key]


def _sync_url(keys: list[str]) -> None:
    """Write the view state into the URL (only the keys of this page)."""
    wanted: dict[str, str] = {}
    for key in keys:
        value = st.session_state.get(key)
        if value is None:
            continue
        wanted[key] = ",".join(value) if isinstance(value, list) else str(value)
    if {k: st.query_params.get(k) for k in st.query_params} != wanted:
        st.query_params.from_dict(wanted)


def _leave_legacy_pages_mode() -> None:
    """Streamlit serves the first run of a fresh server in its legacy mode for
    apps with a ``pages/`` folder (this page file runs without app.py's
    st.navigation, so the menu lists files). scripts/serve.py avoids that; if
    the app was started with plain ``streamlit run``, switch modes here so the
    next run has the real menu (this run still renders the page)."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False


def setup_page(page: str, title_key: str | None = None) -> Context:
    """Sidebar + URL state for one page run. Call first in every page."""
    _leave_legacy_pages_mode()
    # Widget ids include the page, so on a page switch the sidebar widgets are
    # new widgets and a selectbox could fall back to its first option (An
    # Giang); re-assigning detaches the values from the previous page's widgets.
    for key in ("lang", "edition", "province", "group", "peers"):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    notices: list[str] = []
    REGISTERED_PARAMS.setdefault(page, set()).update(GLOBAL_PARAMS)
    lang = _bind_choice("lang", list(LANGS), "vi", "vi", notices)
    demo_raw = _bind_choice("demo", ["0", "1"], "0", lang, notices)
    demo = demo_raw == "1"
    try:
        db = get_db(demo)
    except Exception as err:  # data folder missing or unreadable: say so, don't trace
        st.error(t("data_error", lang, error=err))
        st.stop()
    editions = [int(e) for e in db.editions()["edition"]]
    with st.sidebar:
        st.radio(t("lang_label", lang), list(LANGS), key="lang", horizontal=True,
                 format_func=lambda x: "Tiếng Việt" if x == "vi" else "English")
        lang = st.session_state["lang"]
        all_ids = db.all_provinces()["province_id"].tolist()
        # province first (edition default depends on it), validated against every unit ever ranked
        province = _bind_choice("province", all_ids, DEFAULT_PROVINCE, lang, notices)
        ed_default = str(default_edition(db, province, editions))
        edition = int(_bind_choice("edition", [str(e) for e in editions], ed_default, lang, notices))
        st.selectbox(t("edition_label", lang), [str(e) for e in editions], key="edition",
                     format_func=lambda e: f"PII {e}")
        edition = int(st.session_state["edition"])
        units = db.units(edition)
        unit_ids = units["province_id"].tolist()
        mapped = unit_in(db, province, edition)
        if mapped != province:
            members = db.members(mapped)
            if len(members):
                notices.append(t("merger_note", lang, unit=units.set_index("province_id").loc[mapped, name_col(lang)],
                                 members=", ".join(members[name_col(lang)])))
            st.session_state["province"] = mapped
        names = dict(zip(units["province_id"], units[name_col(lang)]))
        st.selectbox(t("province_label", lang), unit_ids, key="province", format_func=lambda p: names.get(p, p))
        province = st.session_state["province"]
        gnames = group_names(db, lang)
        group_ids = list(gnames)
        _bind_choice("group", group_ids, DEFAULT_GROUP, lang, notices)
        st.selectbox(t("group_label", lang), group_ids, key="group", format_func=lambda g: gnames.get(g, g))
        group = st.session_state["group"]
        peers = _bind_list("peers", unit_ids, [], lang, notices)
        if group == CUSTOM_GROUP:
            st.multiselect(t("custom_provinces_label", lang), unit_ids, key="peers",
                           format_func=lambda p: names.get(p, p))
            peers = st.session_state["peers"]
        st.toggle(t("demo_toggle", lang), value=demo, key="_demo_toggle", help=t("demo_help", lang))
        if st.session_state["_demo_toggle"] != demo:
            st.session_state["demo"] = "1" if st.session_state["_demo_toggle"] else "0"
            st.rerun()
        st.caption(t("link_hint", lang))
    ctx = Context(db=db, edition=edition, province_id=province, group=group, lang=lang, peers=peers, demo=demo,
                  page=page, notices=notices)
    print_header(ctx)
    if demo:
        st.warning(t("demo_banner", lang), icon="⚠️")
    return ctx


def kpi(col: object, label: str, value: str | None, delta: str | None = None, help: str | None = None) -> None:
    """A KPI tile: ``st.metric`` when there is a figure; with none (``value``
    None) the label and a small muted "no published figure" note instead of
    that text shouting in the metric font."""
    import html

    target = col if col is not None else st
    if value is None:
        target.markdown(f'<p class="pii-kpi-label">{html.escape(label)}</p>'  # type: ignore[attr-defined]
                        f'<p class="pii-kpi-missing">{html.escape(t("missing", st.session_state.get("lang", "vi")))}'
                        "</p>", unsafe_allow_html=True)
    else:
        target.metric(label, value, delta, help=help)  # type: ignore[attr-defined]


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ") + '"'


def print_header(ctx: Context) -> None:
    """On paper only: page title, edition, province, source and print date on
    every printed page, as @page margin boxes (Chromium repeats them on each
    page; nothing shows on screen)."""
    import datetime

    from pii import fmt
    from pii.export import source_line
    from pii.i18n import catalog

    key = f"page_{ctx.page}"
    title = t(key, ctx.lang) if key in catalog() else t("app_short", ctx.lang)
    head = f"{title} · PII {ctx.edition} · {ctx.province_name(ctx.province_id)}"
    date = fmt.date(datetime.date.today(), ctx.lang)
    box = "font-size: 8pt; color: #374151;"
    st.html(f"<style>@media print {{ @page {{ @top-left {{ content: {_css_string(head)}; {box} }} "
            f"@top-right {{ content: {_css_string(date)}; {box} }} "
            f"@bottom-left {{ content: {_css_string(source_line(ctx.edition, None, ctx.lang))}; {box} }} "
            f"@bottom-right {{ content: counter(page) \" / \" counter(pages); {box} }} }} }}</style>")


def finish_page(ctx: Context) -> None:
    """Show notices collected during the run and write the state to the URL.
    Call last in every page."""
    for note in dict.fromkeys(ctx.notices):
        if note not in ctx.shown:
            st.info(note, icon="ℹ️")
    keys = ["lang", "edition", "province", "group"]
    if ctx.group == CUSTOM_GROUP:
        keys.append("peers")
    if ctx.demo:
        keys.append("demo")
    keys += sorted(REGISTERED_PARAMS.get(ctx.page, set()) - set(GLOBAL_PARAMS))
    _sync_url(keys)


def show_notices_now(ctx: Context) -> None:
    """Notices at the top of a page (before content) instead of the bottom."""
    for note in dict.fromkeys(ctx.notices):
        if note not in ctx.shown:
            st.info(note, icon="ℹ️")
            ctx.shown.add(note)
    ctx.notices.clear()


def plotly(fig: object, ctx: Context, key: str | None = None, filename: str | None = None,
           title: str | None = None, sources: Sequence[str] | pd.DataFrame | None = None) -> None:
    """Render a figure with the app's toolbar config (2x PNG download, named
    file) and an "Xuất ảnh / Export" popover for publication images (title,
    subtitle, source line, date; PNG/SVG/PDF at press presets) with alt text.
    ``title`` overrides the image title; ``sources`` are the source ids (or
    rows of the sources table) of the figures shown, for the source line."""
    from pii.charts.theme import add_watermark

    if ctx.demo:
        add_watermark(fig)  # type: ignore[arg-type]
    fname = filename or f"pii_{ctx.page}_{ctx.province_id}_{ctx.edition}"
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": fname},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }
    from pii.analysis.map import plotly_geo_config  # maps: no base-map download (offline)

    config.update(plotly_geo_config(fig))
    st.plotly_chart(fig, width="stretch", config=config, key=key)
    # two charts without a key may share a file name: number repeats within the run (stable across reruns)
    seen = ctx.__dict__.setdefault("_export_keys", {})
    base = key or fname
    seen[base] = seen.get(base, 0) + 1
    export_popover(fig, ctx, base if seen[base] == 1 else f"{base}_{seen[base]}", fname, title, sources)


def _export_title(fig: object, ctx: Context, title: str | None) -> str:
    fig_title = getattr(getattr(getattr(fig, "layout", None), "title", None), "text", None)
    if title or fig_title:
        return str(title or fig_title)
    from pii.i18n import catalog

    page_key = f"page_{ctx.page}"
    page_title = t(page_key, ctx.lang) if page_key in catalog() else t("app_short", ctx.lang)
    return f"{page_title}: {ctx.province_name(ctx.province_id)}, PII {ctx.edition}"


def _export_meta(ctx: Context, sources: Sequence[str] | pd.DataFrame | None) -> tuple[str, str]:
    """Subtitle and source line of a chart exported from a page (run at click
    time: the queries stay out of every page run)."""
    from pii.export import source_line

    subtitle = ctx.subtitle()
    if isinstance(sources, pd.DataFrame):
        line = source_line(ctx.edition, sources, ctx.lang)
    elif sources:
        ids = [str(i) for i in sources]
        line = source_line(ctx.edition, ctx.db.sources(ids), ctx.lang, ids)
    else:
        line = source_line(ctx.edition, None, ctx.lang)
    if ctx.demo:
        line = f"{t('watermark', ctx.lang)} · {line}"
    return subtitle, line


def export_popover(fig: object, ctx: Context, key: str, filename: str, title: str | None = None,
                   sources: Sequence[str] | pd.DataFrame | None = None) -> None:
    """Format + size pickers and one download button; the image is rendered
    only when the button is clicked (a callable), so page runs stay fast."""
    from pii.export import FORMATS, PRESETS, alt_text, decorate, to_image
    from pii.export.image import MIME

    img_title = _export_title(fig, ctx, title)
    with st.popover(t("ex_export_button", ctx.lang), icon=":material/download:"):
        c1, c2 = st.columns(2)
        fmt_ = c1.selectbox(t("ex_format", ctx.lang), list(FORMATS), key=f"_ex_fmt_{key}",
                            format_func=str.upper)
        preset = c2.selectbox(t("ex_preset", ctx.lang), list(PRESETS), key=f"_ex_preset_{key}",
                              format_func=lambda p: t(f"ex_preset_{p}", ctx.lang))
        lang, width, height = ctx.lang, PRESETS[preset].width, PRESETS[preset].height

        def render() -> bytes:
            subtitle, line = _export_meta(ctx, sources)
            out = decorate(fig, img_title, subtitle, line, None, lang, width=width,  # type: ignore[arg-type]
                           height=height)
            return to_image(out, fmt_, preset)

        st.download_button(t("ex_download_image", ctx.lang, fmt=fmt_.upper()), render,
                           file_name=f"{filename}_{preset}.{fmt_}", mime=MIME[fmt_], on_click="ignore",
                           key=f"_ex_dl_{key}", icon=":material/image:", help=t("ex_export_help", ctx.lang))
        st.caption(f"**{t('ex_alt_label', ctx.lang)}:** {alt_text(fig, img_title, ctx.lang)}")  # type: ignore[arg-type]


def download_table(df: pd.DataFrame, ctx: Context, name: str, key: str | None = None,
                   sources: Sequence[str] | pd.DataFrame | None = None) -> None:
    """Download buttons for a table shown on a page: CSV (UTF-8 with BOM so
    Excel shows Vietnamese) and XLSX (formatted header, frozen first row, a
    sources sheet). ``sources``: source ids or rows of the sources table."""
    from pii.export.image import MIME
    from pii.export.tables import to_csv_bytes, to_xlsx_bytes

    lang = ctx.lang
    if ctx.demo:  # demo-mode exports carry the watermark in every row and in the file name
        df = df.copy()
        df.insert(0, t("watermark", lang), t("watermark", lang))
        name = f"{name}_MINH_HOA_DEMO"
    if isinstance(sources, pd.DataFrame):
        src = sources
    elif sources:
        src = ctx.db.sources([str(i) for i in sources])
    else:
        src = None
    with st.container(horizontal=True):
        st.download_button(t("download_csv", lang), to_csv_bytes(df), file_name=f"{name}.csv", mime="text/csv",
                           key=key or f"dl_csv_{name}", on_click="ignore", icon=":material/download:")
        st.download_button(t("download_xlsx", lang), lambda: to_xlsx_bytes(df, lang, sources=src, title=name),
                           file_name=f"{name}.xlsx", mime=MIME["xlsx"], key=f"{key or 'dl'}_xlsx_{name}",
                           on_click="ignore", icon=":material/table_view:")
