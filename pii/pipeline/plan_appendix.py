"""Parse the appendix table of a provincial PII plan (layout of plan 152/KH-UBND).

The appendix is a 7-column table (STT, name/description, score, rank, lead units,
partner units, actions) exported as tab-separated text; long cells continue on
lines that start with a tab, and page breaks repeat the header. Row codes are
local (``I``, ``1``, ``1.1``) and are expanded to project codes (``I``, ``I.1``,
``I.1.1``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
_ROW_START = re.compile(r"^(VII|VI|IV|V|III|II|I|\d+(?:\.\d+)?)\t")
_TAG = re.compile(r"<[^>]+>")


@dataclass
class AppendixRow:
    """One row of the appendix, with continuation lines merged in."""

    line: int
    local_code: str
    code: str = ""
    cells: list[str] = field(default_factory=lambda: [""] * 7)

    @property
    def level(self) -> str:
        return {1: "pillar", 2: "index", 3: "indicator"}[self.code.count(".") + 1]


def _clean(text: str) -> str:
    text = html.unescape(text)
    text = re.sub(r"</p>\s*<p>", "\n", text)
    text = _TAG.sub(" ", text)
    text = re.sub(r"[ \t]+", " ", text)
    return "\n".join(part.strip() for part in text.split("\n")).strip()


def parse_number(text: str) -> float | None:
    """'51,90' -> 51.9; '' -> None. Vietnamese decimal comma, read strictly (see pii.pipeline.numbers):
    anything else raises ValueError rather than being guessed."""
    from pii.pipeline.numbers import parse_number as strict

    problems: list = []
    value = strict(text.strip().replace(" ", ""), "appendix", 0, "score", problems, decimal_comma=True)
    if problems:
        raise ValueError(problems[0].message_en)
    return value


def split_units(text: str) -> list[str]:
    """Split a cell like '- Sở Tư pháp; - Công an tỉnh.' into unit names."""
    text = _clean(text)
    parts = re.split(r"(?:^|[;\n]|\.\s)\s*-\s*|;\s*", text)
    out = []
    for part in parts:
        part = part.strip().strip("-").strip().rstrip(".;").strip()
        if part:
            out.append(part)
    return out


def split_actions(text: str) -> list[str]:
    text = _clean(text)
    parts = re.split(r"(?:^|(?<=[.;])\s)-\s+", text)
    return [p.strip().rstrip(";").strip() for p in parts if p.strip()]


def parse_appendix(text: str) -> list[AppendixRow]:
    """Return the appendix rows in order, with project codes assigned."""
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.startswith("STT\t")), None)
    if start is None:
        raise ValueError("no appendix table header ('STT<TAB>...') found")
    rows: list[AppendixRow] = []
    pillar = index = ""
    for lineno, raw in enumerate(lines[start:], start=start + 1):
        if not raw.strip() or raw.startswith("STT\t") or raw.startswith("\t\tĐiểm số"):
            continue
        m = _ROW_START.match(raw)
        cols = raw.split("\t")
        if m:
            local = m.group(1)
            row = AppendixRow(line=lineno, local_code=local)
            if local in ROMAN:
                pillar, index = local, ""
                row.code = pillar
            elif "." not in local:
                index = f"{pillar}.{local}"
                row.code = index
            else:
                row.code = f"{pillar}.{local}"
            rows.append(row)
            cells = cols[1:8]
        elif raw.startswith("\t") and rows:
            row = rows[-1]
            cells = cols[1:8]
        else:
            continue
        for i, cell in enumerate(cells[:7]):
            col = i + 1
            if col < 7 and cell.strip():
                row.cells[col] = (row.cells[col] + " " + cell).strip()
    return rows
