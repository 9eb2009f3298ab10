"""PII Thái Nguyên dashboard: entry point (navigation only)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.commands import navigation as _navigation

from pages import incidents, static_files
from pages.nav import PAGES, present
from pii.i18n import t

ROOT = Path(__file__).parent
NOT_FOUND = "_pii_page_not_found"


def _page_not_found(ctx: object) -> None:
    """Replaces Streamlit's "Page not found" dialog (English whatever the UI language; issue 21): the page below
    says it in the user's language. Streamlit then runs the default page, as before."""
    st.session_state[NOT_FOUND] = True


_navigation.send_page_not_found = _page_not_found


def main() -> None:
    lang = st.session_state.get("lang") or st.query_params.get("lang", "vi")
    lang = lang if lang in ("vi", "en") else "vi"
    sections: dict[str, list] = {}
    first = PAGES[0][0]
    for file, title, icon, section, path in present():
        sections.setdefault(t(section, lang), []).append(
            st.Page(file, title=t(title, lang), icon=icon, url_path=path, default=(file == first)))
    # hidden: Streamlit's sectioned menu is invalid list markup (axe: list/listitem); pages/nav.py draws the menu
    page = st.navigation(sections, position="hidden")
    # a tab title per page (every tab read "PII Thái Nguyên"), issue 21
    st.set_page_config(page_title=f"{page.title} · {t('app_short', lang)}", page_icon="assets/logo.svg",
                       layout="wide")
    css = static_files.text(ROOT / "assets" / "style.css")  # read once per change, not every run
    if css is not None:
        st.html(f"<style>{css}</style>")
    # our own scripts, one element (each st.html adds a gap at the top of the page): print.js fits charts to the
    # paper when printing, menu.js closes the phone menu after a tap on a page; and the document's language
    # (Streamlit's page says lang="en": screen readers read Vietnamese as English), issue 21
    scripts = [static_files.text(ROOT / "assets" / name) for name in ("print.js", "menu.js")]
    lang_js = f"window.parent.document.documentElement.lang = {lang!r};"
    st.html("<script>" + "\n".join([*(s for s in scripts if s), lang_js]) + "</script>", unsafe_allow_javascript=True)
    incidents.install()  # an uncaught error shows an incident id, never a traceback (issue 12)
    if st.session_state.pop(NOT_FOUND, False):
        st.warning(t("page_not_found", lang), icon=":material/search_off:")
    page.run()


main()
