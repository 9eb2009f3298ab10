"""Find the header of a table as offices lay it out, and name its columns.

A sheet from the Department often has title rows above the header, a header of
two rows where a merged cell ("Năm 2023", "Kết quả năm 2023") spans the
sub-headers ("Điểm số | Xếp hạng"), and Vietnamese column names with or without
diacritics. This module works on a plain grid of strings (from XLSX, CSV, Word or
PDF), so every reader shares one definition of what a header is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pii.text import fold

# Column roles and the names offices give them (compared folded: no diacritics, lower case, words only).
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "edition": ("edition", "ky", "nam", "year", "ky cong bo", "nam cong bo"),
    "province": ("province", "tinh", "tinh thanh", "tinh thanh pho", "tinh tp", "unit", "dia phuong",
                 "ten tinh", "don vi"),
    "code": ("code", "ma", "ma chi so", "ma so", "stt", "tt", "so tt", "so thu tu"),
    "name": ("name", "ten", "ten chi so", "chi so", "tru cot", "chi so tru cot", "tru cot chi so",
             "tru cot chi so chi so thanh phan", "noi dung", "chi tieu", "ten tru cot chi so"),
    "score": ("score", "diem", "diem so"),
    "rank": ("rank", "hang", "xep hang", "thu hang", "thu tu xep hang"),
    "source": ("source", "nguon", "nguon so lieu", "source url", "source id", "nguon du lieu"),
    "note": ("note", "ghi chu"),
}
# Raw column names of the project's own formats: a first row made of these is the header as it is.
PLAIN_NAMES = {"edition", "province", "code", "score", "rank", "source", "name", "note", "measure", "value",
               "level", "parent_code", "name_vi", "name_en", "from_edition", "from_code", "to_edition", "to_code",
               "sort_order", "description_vi", "description_en", "side", "source_index", "inverse"}
_EDITION = re.compile(r"\b(?:nam|ket qua nam|ky|edition|year|pii)\s*(20\d\d)\b")
MAX_SCAN = 40  # title rows above a header are few; a header further down is not a header


@lru_cache(maxsize=65_536)  # a file repeats the same names and codes on every row (is_repeat runs per row)
def key(text: str) -> str:
    """'Tỉnh/thành phố' -> 'tinh thanh pho'; 'Điểm số' -> 'diem so'."""
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


@lru_cache(maxsize=65_536)
def role_of(text: str) -> str | None:
    k = key(text)
    if not k:
        return None
    for role, names in ROLE_NAMES.items():
        if k in names:
            return role
    if re.fullmatch(r"(?:diem|diem so)\s*(?:20\d\d|nam 20\d\d)", k):
        return "score"
    if re.fullmatch(r"(?:xep hang|thu hang|hang)\s*(?:20\d\d|nam 20\d\d)", k):
        return "rank"
    return None


@dataclass
class Header:
    """Where the header is and what each column holds."""

    rows: list[int]  # 0-based indexes of the header rows in the grid
    columns: list[str]  # canonical role or a normalised name, one per column
    labels: list[str]  # the header text as printed (two rows joined with ' / ')
    edition: str | None = None  # a year printed in the header ("Năm 2023"), if any
    notes: list[str] = field(default_factory=list)

    @property
    def roles(self) -> set[str]:
        return {c for c in self.columns if c in ROLE_NAMES}


def _normalise(h: str) -> str:
    return re.sub(r"\s+", "_", str(h).strip().lstrip("\ufeff").lower())


def _filled(row: list[str]) -> list[int]:
    return [j for j, c in enumerate(row) if str(c).strip()]


def find_header(grid: list[list[str]], spans: list[list[str]] | None = None) -> Header | None:
    """The header of ``grid`` (rows of cell texts). ``spans`` is the same grid with merged
    cells filled across their range (XLSX, Word), used only to read two-row headers."""
    spans = spans or grid
    rows = [i for i, r in enumerate(grid[:MAX_SCAN]) if _filled(r)]
    if not rows:
        return None
    first = rows[0]
    plain = [_normalise(c) for c in grid[first]]
    if sum(c in PLAIN_NAMES for c in plain) >= 2:  # the project's own layout: header on the first row
        return Header([first], plain, [str(c) for c in grid[first]])
    best: tuple[int, int] | None = None
    for i in rows:
        found = {role_of(c) for c in spans[i]} - {None}
        below = {role_of(c) for c in spans[i + 1]} - {None} if i + 1 < len(spans) else set()
        score = len(found | below)
        if ({"score", "rank"} & (found | below)) and ({"code", "name", "province"} & found) and score >= 2:
            if best is None or score > best[1]:
                best = (i, score)
            if score >= 3:
                break
    if best is None:
        return None
    i = best[0]
    top = spans[i]
    width = max(len(top), len(spans[i + 1]) if i + 1 < len(spans) else 0)
    top = list(top) + [""] * (width - len(top))
    below = list(spans[i + 1]) + [""] * (width - len(spans[i + 1])) if i + 1 < len(spans) else [""] * width
    # cells merged down from the first header row repeat its text: they are not sub-headers
    fresh = [c if str(c).strip() != str(top[j]).strip() else "" for j, c in enumerate(below)]
    two_rows = any(role_of(c) in ("score", "rank") for c in fresh) and not any(
        role_of(c) in ("code", "province") for c in fresh if str(c).strip())
    below = fresh
    columns, labels, edition = [], [], None
    for j in range(width):
        up, down = str(top[j]).strip(), str(below[j]).strip() if two_rows else ""
        role = role_of(down) if down else None
        role = role or role_of(up)
        label = f"{up} / {down}" if up and down and up != down else (down or up)
        m = _EDITION.search(key(up))
        if m and two_rows and role in ("score", "rank"):
            edition = edition or m.group(1)
        columns.append(role or _normalise(label or f"col{j + 1}"))
        labels.append(label)
    header = Header([i, i + 1] if two_rows else [i], columns, labels, edition)
    if i > first:
        header.notes.append(f"title:{i - first}")
    return header


def is_repeat(row: list[str], header: Header, grid: list[list[str]]) -> bool:
    """A data row that repeats a header row (a page break in Word or PDF)."""
    cells = [key(str(c)) for c in row]
    for h in header.rows:
        hk = [key(str(c)) for c in grid[h]]
        n = min(len(cells), len(hk))
        if any(cells[:n]) and cells[:n] == hk[:n]:
            return True
    roles = [role_of(str(c)) for c in row if str(c).strip()]
    return bool(roles) and all(r is not None for r in roles) and len(roles) >= 2
