"""Which layout a sheet is in, decided on the reader's grid before any row is read (issue 19).

- ``wide``: one row per unit; each measure one column, or a pair Điểm/Hạng (also "Điểm số | Xếp hạng",
  Score/Rank) under a merged header naming the measure by its code ("I.1.1"), its name, or "Trụ cột 3" /
  "Chỉ số phụ đầu vào";
- ``transposed``: the same turned round, measures as rows and units as columns;
- otherwise the long or appendix layout, read as before (:func:`pii.pipeline.import_formats.table_from_grid`).

A header cell is a measure when it names one of the edition's framework codes, or its name exactly
(diacritics, case and spacing aside); a header cell is a unit when the province matcher knows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from pii.pipeline.grid import Grid
from pii.pipeline.headers import key, role_of
from pii.pipeline.names import ProvinceMatcher

MAX_SCAN = 40  # title rows above a header are few
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_CODE_AT_START = re.compile(r"^(PII|INPUT|OUTPUT|(?:X|IX|VIII|VII|VI|IV|V|III|II|I)(?:\.\d+){0,2})(?=$|[\s.:)\-–])")
_PILLAR = re.compile(r"^(?:tru cot|pillar)\s+(\d{1,2}|[ivx]+)\b")
_SUBINDEX = {"chi so phu dau vao": "INPUT", "dau vao": "INPUT", "input sub index": "INPUT", "input": "INPUT",
             "chi so phu dau ra": "OUTPUT", "dau ra": "OUTPUT", "output sub index": "OUTPUT", "output": "OUTPUT",
             "pii": "PII", "chi so pii": "PII", "diem pii": "PII", "pii tong hop": "PII"}
_YEAR = re.compile(r"\b(?:nam|pii|ky|edition|year|ket qua)\s*(20\d\d)\b")


@dataclass
class Measures:
    """The measures one edition's framework names: code -> code, folded name -> code."""

    codes: set[str]
    names: dict[str, str | None]  # None: two measures share the name (not read by name)

    @classmethod
    def of(cls, framework: pd.DataFrame, edition: int | None) -> Measures:
        fw = framework if edition is None else framework[framework["edition"].astype(int) == int(edition)]
        names: dict[str, str | None] = {}
        for code, vi, en in zip(fw["code"], fw["name_vi"], fw["name_en"]):
            for n in {key(vi), key(en)} - {""}:
                names[n] = code if names.get(n, code) == code else None
        return cls(set(fw["code"]), names)

    def code_of(self, text: str) -> str | None:
        raw = str(text).strip()
        m = _CODE_AT_START.match(raw)
        if m and m.group(1) in self.codes:
            return m.group(1)
        k = key(raw)
        m = _PILLAR.match(k)
        if m:
            n = m.group(1)
            roman = _ROMAN[int(n) - 1] if n.isdigit() and 0 < int(n) <= len(_ROMAN) else n.upper()
            return roman if roman in self.codes else None
        if k in _SUBINDEX and _SUBINDEX[k] in self.codes:
            return _SUBINDEX[k]
        return self.names.get(k)


@dataclass
class Layout:
    """A wide or transposed sheet: where its header is and what each column (or row) holds."""

    kind: str  # "wide" or "transposed"
    header_rows: list[int]  # grid indexes
    label: dict[int, str]  # column -> the file's own header text
    role: dict[int, str] = field(default_factory=dict)  # column -> "score"/"rank" (two-row headers)
    measure: dict[int, str] = field(default_factory=dict)  # wide: column -> code
    unit: dict[int, str] = field(default_factory=dict)  # transposed: column -> the unit's name as printed
    unit_col: int | None = None  # wide: the unit column
    code_col: int | None = None  # transposed: the code column
    name_col: int | None = None  # transposed: the name column
    extra: dict[str, int] = field(default_factory=dict)  # wide: "edition"/"source" -> column
    unknown: dict[int, str] = field(default_factory=dict)  # headed columns that are none of these
    edition: str | None = None  # a year in the title or header
    edition_row: int | None = None


def _row(grid: Grid, i: int) -> list[str]:
    rows = grid.spans or grid.rows
    return [str(c).strip() for c in rows[i]] if i < len(rows) else []


def _subroles(grid: Grid, i: int, width: int) -> dict[int, str]:
    below = _row(grid, i + 1)
    return {j: r for j, c in enumerate(below[:width]) if (r := role_of(c)) in ("score", "rank")}


def _filled_top(top: list[str], sub: dict[int, str]) -> list[str]:
    """A merged header as a CSV writes it ('I.1.1', '' over 'Điểm', 'Hạng'): the blank is the cell to the left."""
    out = list(top)
    for j in range(1, len(out)):
        if not out[j] and j in sub and out[j - 1]:
            out[j] = out[j - 1]
    return out


def _edition(grid: Grid, upto: int) -> tuple[str | None, int | None]:
    for i in range(min(upto + 2, len(grid.rows))):
        for c in _row(grid, i):
            m = _YEAR.search(key(c))
            if m:
                return m.group(1), i
    return None, None


def detect(grid: Grid, measures_of: dict[int, Measures], matcher: ProvinceMatcher) -> Layout | None:
    """The wide or transposed layout of ``grid``, else None (long or appendix). ``measures_of``: per edition."""
    every = Measures(set().union(*(m.codes for m in measures_of.values())),
                     {k: v for m in measures_of.values() for k, v in m.names.items()})
    for i in range(min(MAX_SCAN, len(grid.rows))):
        top = _row(grid, i)
        if sum(1 for c in top if c) < 3:
            continue
        sub = _subroles(grid, i, len(top))
        top = _filled_top(top, sub)
        roles = {j: role_of(c) for j, c in enumerate(top) if c}
        codes = {j: every.code_of(c) for j, c in enumerate(top) if c and roles.get(j) not in ("province", "edition")}
        codes = {j: c for j, c in codes.items() if c}
        units = {j: c for j, c in enumerate(top) if c and roles.get(j) is None and matcher.match(c)}
        unit_cols = [j for j, r in roles.items() if r == "province"]
        if unit_cols and len(codes) >= 2:
            layout = _wide(grid, i, top, sub, roles, unit_cols[0], measures_of)
        elif len(units) >= 2 and any(r in ("code", "name") for r in roles.values()):
            layout = _transposed(grid, i, top, sub, roles, units)
        else:
            continue
        layout.edition, layout.edition_row = _edition(grid, i)
        return layout
    return None


def _wide(grid: Grid, i: int, top: list[str], sub: dict[int, str], roles: dict[int, str | None], unit_col: int,
          measures_of: dict[int, Measures]) -> Layout:
    below = _row(grid, i + 1)
    two = bool(sub)
    label = {j: (f"{top[j]} / {below[j]}" if two and j in sub else top[j]) for j in range(len(top)) if top[j]}
    layout = Layout("wide", [i, i + 1] if two else [i], label, role=dict(sub), unit_col=unit_col)
    edition, _ = _edition(grid, i)
    m = measures_of.get(int(edition)) if edition and int(edition) in measures_of else None
    every = m or Measures(set().union(*(x.codes for x in measures_of.values())),
                          {k: v for x in measures_of.values() for k, v in x.names.items()})
    for j, c in enumerate(top):
        if not c or j == unit_col:
            continue
        r = roles.get(j)
        if r in ("edition", "source", "note") and j not in sub:
            layout.extra[str(r)] = j
        elif (code := every.code_of(c)) is not None:
            layout.measure[j] = code
            layout.role.setdefault(j, "rank" if r == "rank" else "score")
        elif r != "code":  # a running number (STT) is not a figure
            layout.unknown[j] = label[j]
    return layout


def _transposed(grid: Grid, i: int, top: list[str], sub: dict[int, str], roles: dict[int, str | None],
                units: dict[int, str]) -> Layout:
    below = _row(grid, i + 1)
    two = bool(sub)
    label = {j: (f"{top[j]} / {below[j]}" if two and j in sub else top[j]) for j in range(len(top)) if top[j]}
    layout = Layout("transposed", [i, i + 1] if two else [i], label, role=dict(sub))
    layout.code_col = next((j for j, r in roles.items() if r == "code"), None)
    layout.name_col = next((j for j, r in roles.items() if r == "name"), None)
    for j in units:
        layout.unit[j] = top[j]
        layout.role.setdefault(j, "score")
    for j, c in enumerate(top):
        if c and j not in units and j not in (layout.code_col, layout.name_col) and roles.get(j) != "note":
            layout.unknown[j] = label[j]
    return layout
