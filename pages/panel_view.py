"""Render a panel (``pii.panels``) on a page: the finding as the chart's heading, the figure with its export
popover (the panel's title, note, sources and file name), the captions; or the panel's empty state.

The page never assembles a chart itself: what is shown here is what a slide or an exported image shows."""

from __future__ import annotations

import streamlit as st

from pages.exports_ui import plotly
from pages.url_state import Context
from pii.panels import Panel
from pii.safety import md_text


def show(p: Panel, ctx: Context, key: str, heading: bool = True) -> None:
    """The panel's heading (its finding, as text), chart and captions; its empty state when there is nothing."""
    if p.empty is not None or p.fig is None:
        st.info(p.empty or p.title)
    else:
        if heading:
            st.markdown(f"**{md_text(p.title)}**")  # the finding; also the exported image's title
            if p.subtitle:
                st.caption(md_text(p.subtitle))  # what · where · when, as on the image and the slide
        plotly(p.fig, ctx, key=key, title=p.title, note=p.note, sources=p.sources, filename=p.filename,
               subtitle=p.subtitle or None)
    for line in p.captions:  # Markdown made with ViewState.tm: the data in it is escaped
        st.caption(line)
