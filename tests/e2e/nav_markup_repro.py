"""Minimal reproduction (not a test): Streamlit's own sectioned page menu is invalid list markup.

    .venv/bin/streamlit run tests/e2e/nav_markup_repro.py

then run axe-core 4.14 in the page: ``list`` (a ``<ul data-testid="stSidebarNavItems">`` whose children are
``<div>``s, one per section, each with a ``<header>``) and ``listitem`` (the ``<li>`` items sit in those ``<div>``s,
not in a list) are reported as serious on every page. The markup is Streamlit's (1.67); an app cannot change it,
so the dashboard hides this menu (``st.navigation(..., position="hidden")``) and draws its own (pages/nav.py).
"""

import streamlit as st


def one() -> None:
    st.title("One")


def two() -> None:
    st.title("Two")


st.navigation({"Section A": [st.Page(one, title="One")], "Section B": [st.Page(two, title="Two")]}).run()
