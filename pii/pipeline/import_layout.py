"""Layout of an upload: which kind of file it is and which column holds what.

The header vocabulary (accepted names, compared without diacritics, case or spaces), the
columns each kind needs, and the plan appendix's own text layout.
"""

from __future__ import annotations

import re

from pii.framework import LEVELS  # noqa: F401 — the one tuple of levels, re-exported for callers
from pii.pipeline.import_formats import RawTable
from pii.pipeline.problems import Problem
from pii.text import fold as text_fold

KINDS = ("long", "appendix", "wide", "transposed", "profiles", "framework", "crosswalk")

_ROMAN = r"(?:VII|VI|IV|V|III|II|I)"
FULL_CODE = re.compile(rf"^(?:PII|INPUT|OUTPUT|{_ROMAN}(?:\.\d+){{0,2}})$")
URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
# Columns that hold numbers: a leading '-' or '+' there is a sign, not a formula.
NUMERIC_COLUMNS = {"edition", "score", "rank", "from_edition", "to_edition", "sort_order", "units_ranked"}

# Accepted header names (compared without diacritics, case or spaces).
ALIASES: dict[str, tuple[str, ...]] = {
    "edition": ("edition", "ky", "nam", "year"),
    "province": ("province", "tinh", "tinh/thanh", "tinh_thanh", "unit"),
    "code": ("code", "ma", "ma_chi_so", "stt"),
    "name": ("name", "ten", "ten_chi_so"),
    "score": ("score", "diem", "diem_so"),
    "rank": ("rank", "hang", "xep_hang", "thu_hang"),
    "source": ("source", "nguon", "source_url", "source_id"),
    "note": ("note", "ghi_chu"),
}
REQUIRED = {
    "long": ("edition", "province", "code", "score", "rank", "source"),
    "appendix": ("code", "score", "rank"),
    "framework": ("edition", "code", "level", "parent_code", "name_vi", "name_en"),
    "crosswalk": ("from_edition", "from_code", "to_edition", "to_code"),
}


def header_key(text: str) -> str:
    return re.sub(r"\s+", "_", text_fold(text).strip())



def map_header(table: RawTable, kind: str, given: tuple[str, ...] = ()) -> list[Problem]:
    """Name each column by its role; ``given`` are roles the user gave as options (``--source``), not needed
    as columns. A problem names the file's own header text, never the role names."""
    wanted = REQUIRED[kind]
    original = list(table.original_header) or list(table.header)
    folded = [header_key(h) for h in table.header]
    mapped = []
    for h in folded:
        name = next((k for k, al in ALIASES.items() if h in al), h) if kind in ("long", "appendix") else h
        mapped.append(name)
    table.header = mapped
    missing = [c for c in wanted if c not in mapped and c not in given]
    problems = []
    if missing:
        problems.append(Problem.of(table.file, 1, ", ".join(missing), "pb_missing_columns_header",
                                   cols=", ".join(missing), header=", ".join(table.original_header)))
        problems[-1] = _with_hint(problems[-1], missing)
    for role in sorted({h for h in mapped if mapped.count(h) > 1 and h in wanted}):
        cols = [f"'{original[j] if j < len(original) else role}' ({j + 1})" for j, h in enumerate(mapped) if h == role]
        problems.append(Problem.of(table.file, 1, ", ".join(c.split(" (")[0].strip("'") for c in cols),
                                   "pb_column_twice_named", cols=", ".join(cols)))
    return problems


def guess_kind(table: RawTable, name: str) -> str:
    cols = {header_key(h) for h in table.header}
    if {"from_code", "to_code"} & cols:
        return "crosswalk"
    if {"level", "parent_code"} <= cols:
        return "framework"
    if cols & set(ALIASES["province"]):
        return "long"
    return "appendix"



def _with_hint(p: Problem, missing: list[str]) -> Problem:
    """Say which names are accepted for each missing column, so the user knows what to change."""
    from pii.pipeline.headers import ROLE_NAMES

    shown = {"code": "STT / Mã chỉ số / code", "name": "Chỉ số / Trụ cột / Tên chỉ số / name",
             "score": "Điểm / Điểm số / score", "rank": "Thứ hạng / Xếp hạng / rank",
             "edition": "Năm / Kỳ / edition", "province": "Tỉnh / Tỉnh/thành phố / province",
             "source": "Nguồn / source"}
    hint = "; ".join(f"{m}: {shown.get(m, m)}" for m in missing if m in ROLE_NAMES)
    if not hint:
        return p
    return p.reworded("pb_name_the_column", hint=hint)


def appendix_text_table(data: bytes, name: str) -> RawTable:
    from pii.pipeline.plan_appendix import parse_appendix

    text = data.decode("utf-8-sig")
    rows = parse_appendix(text)
    table = RawTable(name, ["code", "name", "score", "rank"], [], original_header=["STT", "name", "score", "rank"])
    for r in rows:
        table.rows.append((r.line, [r.code, r.cells[1], r.cells[2], r.cells[3]]))
    return table
