"""Panels (issue 20): one function per chart or table, ``fn(ViewState, **options) -> Panel``, per page
(``pii/panels/<page>.py``), and the export-view registry (``registry.py``) that packs and the CLI use."""

from pii.panels.panel import Panel, ViewResult, panel

__all__ = ["Panel", "ViewResult", "panel"]
