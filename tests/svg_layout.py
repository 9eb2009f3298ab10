"""Text boxes of a Plotly SVG export (Kaleido), for layout tests: every <text>
with its position (ancestor translate() transforms, its own rotate()), anchor,
font size and lines; widths measured with pii.export.text (DejaVu Sans, the
widest face of the theme's font chain, so the boxes err large)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from pii.export import text as measure

SVG = "{http://www.w3.org/2000/svg}"
_SIZE = re.compile(r"font-size:\s*([\d.]+)px")


@dataclass
class Box:
    text: str
    corners: list[tuple[float, float]]  # a rectangle, possibly rotated

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        xs = [x for x, _ in self.corners]
        ys = [y for _, y in self.corners]
        return min(xs), min(ys), max(xs), max(ys)


_OP = re.compile(r"(translate|scale|rotate|matrix)\(([^)]*)\)")


def _matrix(transform: str | None) -> tuple[float, ...]:
    """An SVG transform list as an affine (a, b, c, d, e, f)."""
    m = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for op, args in _OP.findall(transform or ""):
        v = [float(x) for x in re.split(r"[ ,]+", args.strip()) if x]
        if op == "translate":
            step = (1.0, 0.0, 0.0, 1.0, v[0], v[1] if len(v) > 1 else 0.0)
        elif op == "scale":
            step = (v[0], 0.0, 0.0, v[1] if len(v) > 1 else v[0], 0.0, 0.0)
        elif op == "rotate":
            a = math.radians(v[0])
            cx, cy = (v[1], v[2]) if len(v) == 3 else (0.0, 0.0)
            cos, sin = math.cos(a), math.sin(a)
            step = (cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy)
        else:
            step = tuple(v)  # type: ignore[assignment]
        m = _compose(m, step)
    return m


def _compose(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2, a * e2 + c * f2 + e,
            b * e2 + d * f2 + f)


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _lines(el: ET.Element) -> list[tuple[str, bool]]:
    """(text, bold) per rendered line; Plotly puts each <br> line in a tspan.line."""
    lines = [t for t in el if t.tag == f"{SVG}tspan" and "line" in (t.get("class") or "").split()]
    parts = lines or [el]
    out = []
    for part in parts:
        s = "".join(part.itertext())
        bold = "bold" in (part.get("style") or "") or any("bold" in (c.get("style") or "") for c in part.iter())
        bold = bold or "bold" in (el.get("style") or "")
        if s.strip():
            out.append((s, bold))
    return out


def text_boxes(svg: bytes | str) -> tuple[list[Box], float, float]:
    root = ET.fromstring(svg)
    width, height = float(root.get("width")), float(root.get("height"))
    boxes: list[Box] = []

    def walk(el: ET.Element, m: tuple[float, ...]) -> None:
        m = _compose(m, _matrix(el.get("transform")))
        if el.tag == f"{SVG}text":
            lines = _lines(el)
            if lines:
                found = _SIZE.search(el.get("style", ""))
                size = float(found.group(1)) if found else 12.0
                dy = el.get("dy") or "0"
                shift = float(dy[:-2]) * size if dy.endswith("em") else float(dy or 0)
                x, y = float(el.get("x") or 0), float(el.get("y") or 0) + shift
                w = max(measure.width(s, round(size), bold) for s, bold in lines)
                h = size * (1 + 1.3 * (len(lines) - 1))
                anchor = el.get("text-anchor", "start")
                x0 = x - (w / 2 if anchor == "middle" else w if anchor == "end" else 0)
                # a line spans its ascent above the baseline (diacritics included) and descent below
                top, bottom = y - 0.8 * size, y - 0.8 * size + h + 0.2 * size
                corners = [_apply(m, px, py) for px, py in ((x0, top), (x0 + w, top), (x0 + w, bottom), (x0, bottom))]
                boxes.append(Box(" / ".join(s for s, _ in lines), corners))
            return
        for child in el:
            walk(child, m)

    walk(root, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    return boxes, width, height


def _axes(poly: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out = []
    for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
        out.append((-(y2 - y1), x2 - x1))
    return out


def overlap(a: Box, b: Box, tol: float = 1.5) -> bool:
    """Separating-axis test on the two rectangles, shrunk by ``tol`` px (touching is fine)."""
    for ax, ay in _axes(a.corners) + _axes(b.corners):
        n = math.hypot(ax, ay) or 1.0
        ax, ay = ax / n, ay / n
        pa = [x * ax + y * ay for x, y in a.corners]
        pb = [x * ax + y * ay for x, y in b.corners]
        if max(pa) - tol <= min(pb) + tol or max(pb) - tol <= min(pa) + tol:
            return False
    return True


def problems(svg: bytes | str, margin: float = 1.0) -> list[str]:
    """Texts outside the canvas and pairs of overlapping texts."""
    boxes, w, h = text_boxes(svg)
    out = []
    for b in boxes:
        x0, y0, x1, y1 = b.bounds
        if x0 < -margin or y0 < -margin or x1 > w + margin or y1 > h + margin:
            out.append(f"outside the {w:.0f}×{h:.0f} canvas: {b.text!r} at ({x0:.0f},{y0:.0f})–({x1:.0f},{y1:.0f})")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if overlap(a, b):
                out.append(f"overlap: {a.text!r} {tuple(round(v) for v in a.bounds)} × "
                           f"{b.text!r} {tuple(round(v) for v in b.bounds)}")
    return out
