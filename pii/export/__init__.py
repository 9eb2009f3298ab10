"""Exports for press and briefings: decorated chart images (PNG/SVG/PDF via
Kaleido and Debian's Chromium), alt text, CSV/XLSX tables, PPTX/PDF packs.

Streamlit-free; heavy parts (Kaleido, python-pptx) are imported where used.
"""

from __future__ import annotations

from pii.export.alt import alt_text
from pii.export.decorate import decorate, export_date_text
from pii.export.image import FORMATS, PRESETS, Preset, to_image
from pii.provenance import source_line

__all__ = ["FORMATS", "PRESETS", "Preset", "alt_text", "decorate", "export_date_text", "source_line", "to_image"]
