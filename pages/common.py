"""Shared page scaffolding: the sidebar, the start and end of a page run.

Every page starts with ``ctx = setup_page("page_key")`` and ends with
``finish_page(ctx)``. The sidebar holds the global view state (language,
edition, focus province, peer group); URL binding is in ``pages.url_state``,
the data connection in ``pages.connection``, chart and table exports in
``pages.exports_ui``, KPI tiles and the print header in ``pages.chrome``. The
names pages use from those modules are re-exported here.
"""

from __future__ import annotations

import streamlit as st

from pages import incidents, nav
from pages.chrome import kpi, lazy_expander, print_header, sources_expander
from pages.connection import demo_installed, get_db
from pages.exports_ui import data_table, download_table, export_popover, plotly
from pages.url_state import GLOBAL_PARAMS, REGISTERED_PARAMS, Context, bind_choice, bind_list, bound_select, sync_url
from pii.analysis import successors as su
from pii.i18n import LANGS, t
from pii.sidebar_choices import SidebarChoices
from pii.viewstate import (
    CUSTOM_GROUP,
    DEFAULT_GROUP,
    DEFAULT_PROVINCE,
    PLAN_ID,
    default_edition,
)

__all__ = ["CUSTOM_GROUP", "GLOBAL_PARAMS", "PLAN_ID", "REGISTERED_PARAMS", "Context", "data_table", "default_edition",
           "download_table", "export_popover", "finish_page", "follow_successor", "get_db", "kpi", "lazy_expander",
           "plotly", "setup_page", "show_notices_now", "sources_expander"]



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
    incidents.install()  # issue 12: an uncaught error shows an incident id, never a traceback
    _leave_legacy_pages_mode()
    # Widget ids include the page, so on a page switch the sidebar widgets are
    # new widgets and a selectbox could fall back to its first option (An
    # Giang); re-assigning detaches the values from the previous page's widgets.
    for key in ("lang", "edition", "province", "group", "peers"):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    notices: list[str] = []
    REGISTERED_PARAMS.setdefault(page, set()).update(GLOBAL_PARAMS)
    lang = bind_choice("lang", list(LANGS), "vi", "vi", notices)
    demo_raw = bind_choice("demo", ["0", "1"], "0", lang, notices)
    demo = demo_raw == "1"
    if demo and not demo_installed():  # never written on a visitor's request (issue 22)
        notices.append(t("demo_not_installed", lang))
        demo = False
    try:
        choices = SidebarChoices(get_db(demo))
    except Exception as err:  # data folder missing or unreadable: say so, don't trace
        st.error(t("data_error", lang, error=err))
        st.stop()
    editions = choices.editions()
    with st.sidebar:
        st.radio(t("lang_label", lang), list(LANGS), key="lang", horizontal=True,
                 format_func=lambda x: "Tiếng Việt" if x == "vi" else "English")
        lang = st.session_state["lang"]
        all_names = choices.provinces(lang)
        all_ids = list(all_names)
        # province first (edition default depends on it), validated against every unit ever ranked
        raw = st.query_params.get("province")
        if "province" not in st.session_state and raw is not None and raw not in all_ids:
            named = choices.province_named(raw)  # ?province=TP HCM: a name or alias, read by the one matcher
            if named:
                st.session_state["province"] = named
        # notices name the default by its display name, never by its id ("thai_nguyen", "tdmnpb"), issue 21
        province = bind_choice("province", all_ids, DEFAULT_PROVINCE, lang, notices,
                               label=lambda p: all_names.get(p, p))
        ed_default = str(choices.default_edition(province, editions))
        edition = int(bound_select(st, "edition", [str(e) for e in editions], ed_default, t("edition_label", lang),
                                   lang, notices, label=lambda e: f"PII {e}"))
        names = choices.units(edition, lang)
        unit_ids = list(names)
        mapped = choices.unit_in(province, edition)
        if mapped != province:
            members = choices.members(mapped, lang)
            if members:
                notices.append(t("merger_note", lang, unit=names.get(mapped, mapped), members=", ".join(members)))
            st.session_state["province"] = mapped
        st.selectbox(t("province_label", lang), unit_ids, key="province", format_func=lambda p: names.get(p, p))
        province = st.session_state["province"]
        gnames = choices.groups(lang)
        group_ids = list(gnames)
        group = bound_select(st, "group", group_ids, DEFAULT_GROUP, t("group_label", lang), lang, notices,
                             label=lambda g: gnames.get(g, g))
        peers = bind_list("peers", unit_ids, [], lang, notices)
        if group == CUSTOM_GROUP:
            st.multiselect(t("custom_provinces_label", lang), unit_ids, key="peers",
                           format_func=lambda p: names.get(p, p))
            peers = st.session_state["peers"]
        st.toggle(t("demo_toggle", lang), value=demo, key="_demo_toggle", help=t("demo_help", lang))
        if st.session_state["_demo_toggle"] != demo:
            st.session_state["demo"] = "1" if st.session_state["_demo_toggle"] else "0"
            st.rerun()
        st.caption(t("link_hint", lang))
        nav.sidebar_menu(lang)  # after the settings: the group selector within a 900 px screen (issue 21)
    ctx = Context(db=choices.db, edition=edition, province_id=province, group=group, lang=lang, peers=peers, demo=demo,
                  page=page, notices=notices)
    print_header(ctx)
    if demo:
        st.warning(t("demo_banner", lang), icon="⚠️")
    return ctx


def finish_page(ctx: Context) -> None:
    """Show notices collected during the run and write the state to the URL.
    Call last in every page."""
    for note in dict.fromkeys(ctx.notices):
        if note not in ctx.shown:
            st.info(note, icon="ℹ️")
    sync_url_now(ctx)


def sync_url_now(ctx: Context) -> None:
    """Write the view state to the URL. finish_page does it at the end of a run; an ``st.fragment`` whose
    controls are URL parameters calls it at its own end (a fragment rerun does not reach finish_page)."""
    keys = ["lang", "edition", "province", "group"]
    if ctx.group == CUSTOM_GROUP:
        keys.append("peers")
    if ctx.demo:
        keys.append("demo")
    keys += sorted(REGISTERED_PARAMS.get(ctx.page, set()) - set(GLOBAL_PARAMS))
    sync_url(keys)


def show_notices_now(ctx: Context) -> None:
    """Notices at the top of a page (before content) instead of the bottom."""
    for note in dict.fromkeys(ctx.notices):
        if note not in ctx.shown:
            st.info(note, icon="ℹ️")
            ctx.shown.add(note)
    ctx.notices.clear()


def follow_successor(ctx: Context, param: str, successors: dict[str, su.Successor], current: dict[str, str],
                     notice_key: str) -> None:
    """A link made before the 2025 reorganisation (``?lead=so_tnmt``) opens today's unit, and a notice
    (``notice_key``: old, new, year) says why. ``current``: today's unit ids -> names."""
    old = su.redirect(st.query_params.get(param), successors, current)
    if old is not None and param not in st.session_state:
        st.session_state[param] = old.new_id
        ctx.notices.append(ctx.t(notice_key, old=old.old[ctx.lang], new=current[old.new_id], year=old.year))
