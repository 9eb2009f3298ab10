"""Text width in pixels and line wrapping, so titles, footers and axis labels
get the room they need before Chromium lays the figure out."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
_BOLD_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)
_TAG = re.compile(r"<[^>]+>")


@cache
def _font(size: int, bold: bool = False) -> object | None:
    try:
        from PIL import ImageFont
    except ImportError:  # measuring is an estimate anyway; fall back to a width per character
        return None
    for path in _BOLD_FILES if bold else _FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return None


@cache
def width(text: str, size: int = 13, bold: bool = False) -> float:
    """Rendered width in CSS px of ``text`` (HTML tags stripped) at ``size`` px.
    DejaVu Sans is the widest font of the theme's chain, so this errs wide."""
    plain = _TAG.sub("", str(text))
    font = _font(size, bold)
    if font is None:
        return len(plain) * size * (0.68 if bold else 0.6)
    return float(font.getlength(plain))  # type: ignore[attr-defined]


def wrap(text: str, max_px: float, size: int = 13, bold: bool = False) -> list[str]:
    """Greedy word wrap to lines no wider than ``max_px`` (a long word stays whole)."""
    lines: list[str] = []
    current = ""
    for word in str(text).split():
        candidate = f"{current} {word}".strip()
        if current and width(candidate, size, bold) > max_px:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]
