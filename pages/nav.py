"""The app's pages and the sidebar menu built from them.

Streamlit's own sectioned menu (``st.navigation`` with sections) is invalid list markup: its ``<ul>`` holds a
``<div>`` per section with a ``<header>`` and the ``<li>`` items inside it, so axe-core reports ``list`` and
``listitem`` violations (serious) on every page; the app cannot change that markup (reproduction:
tests/e2e/nav_markup_repro.py). The app therefore registers its pages with a hidden ``st.navigation`` and draws
the menu itself with ``st.page_link`` (plain links; a section name above each group), below the view settings, so
the group selector is within a 900 px screen's first view (issue 21).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from pages import static_files
from pii.i18n import t

ROOT = Path(__file__).resolve().parent.parent

# (file, title key, icon, section key, url path). A page appears once its file exists.
# url path = file stem, so a first visit that Streamlit serves in its legacy
# pages/-folder mode resolves to the same page (see pages/common.py).
PAGES = [
    ("pages/overview.py", "page_overview", ":material/dashboard:", "nav_analysis", "overview"),
    ("pages/strengths.py", "page_strengths", ":material/format_list_numbered:", "nav_analysis", "strengths"),
    ("pages/heatmap.py", "page_heatmap", ":material/grid_on:", "nav_analysis", "heatmap"),
    ("pages/indicator.py", "page_indicator", ":material/info:", "nav_analysis", "indicator"),
    ("pages/compare.py", "page_compare", ":material/bar_chart:", "nav_analysis", "compare"),
    ("pages/trends.py", "page_trends", ":material/timeline:", "nav_analysis", "trends"),
    ("pages/map.py", "page_map", ":material/map:", "nav_analysis", "map"),
    ("pages/plan_tracker.py", "page_plan_tracker", ":material/assignment_ind:", "nav_action", "plan_tracker"),
    ("pages/what_if.py", "page_what_if", ":material/tune:", "nav_action", "what_if"),
    ("pages/progress.py", "page_progress", ":material/checklist:", "nav_action", "progress"),
    ("pages/briefing.py", "page_briefing", ":material/slideshow:", "nav_publish", "briefing"),
    ("pages/import_data.py", "page_import_data", ":material/upload_file:", "nav_data", "import_data"),
    ("pages/about.py", "page_about", ":material/description:", "nav_data", "about"),
]


def present() -> list[tuple[str, str, str, str, str]]:
    """The pages whose files exist, in menu order."""
    have = static_files.existing(str(ROOT), tuple(p[0] for p in PAGES))
    return [p for p in PAGES if p[0] in have]


def sidebar_menu(lang: str) -> None:
    """The menu: per section its name, then a link per page (call inside ``st.sidebar``)."""
    with st.container(key="pii_nav"):
        section = None
        for file, title, icon, sec, _path in present():
            if sec != section:
                st.markdown(f"**{t(sec, lang)}**")  # catalogue text, not data
                section = sec
            st.page_link(file, label=t(title, lang), icon=icon)
