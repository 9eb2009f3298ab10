"""PII Thái Nguyên dashboard: entry point (navigation only)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from pages import incidents, static_files
from pii.i18n import t

ROOT = Path(__file__).parent

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


def main() -> None:
    lang = st.session_state.get("lang") or st.query_params.get("lang", "vi")
    lang = lang if lang in ("vi", "en") else "vi"
    st.set_page_config(page_title=t("app_short", lang), page_icon="assets/logo.svg", layout="wide")
    css = static_files.text(ROOT / "assets" / "style.css")  # read once per change, not every run
    if css is not None:
        st.html(f"<style>{css}</style>")
    js = static_files.text(ROOT / "assets" / "print.js")
    if js is not None:  # fits charts to the page width when printing (our own file, no user text)
        st.html(f"<script>{js}</script>", unsafe_allow_javascript=True)
    sections: dict[str, list] = {}
    present = static_files.existing(str(ROOT), tuple(p[0] for p in PAGES))
    for i, (file, title, icon, section, path) in enumerate(PAGES):
        if file in present:
            sections.setdefault(t(section, lang), []).append(
                st.Page(file, title=t(title, lang), icon=icon, url_path=path, default=(i == 0)))
    incidents.install()  # an uncaught error shows an incident id, never a traceback (issue 12)
    st.navigation(sections).run()


main()
