"""Checks across the units of one edition's file (issue 19), in the user's words.

The figure-level checks (a rank beyond the units ranked, ranks against scores across units, an aggregate
against the mean of its children) are the build's own (pii.pipeline.validate); here is what only a file
holding a whole edition can get wrong: a unit listed twice (two rows of a ranking table, two columns of a
transposed one, or two spellings of one unit: "TP HCM" and "TP. Hồ Chí Minh").
"""

from __future__ import annotations

from pii.pipeline.import_formats import RawTable
from pii.pipeline.layout_wide import Cells
from pii.pipeline.names import ProvinceMatcher
from pii.pipeline.problems import Problem


def units_twice(table: RawTable, cells: Cells, matcher: ProvinceMatcher, kind: str) -> tuple[list[Problem], set[int]]:
    """One problem per unit found in more than one row (wide) or column (transposed), and the cell ids of
    its second and later places (their figure-by-figure duplicate problems say the same, once per figure)."""
    places: dict[str, dict[int | str, list[int]]] = {}
    printed: dict[str, list[str]] = {}
    for cid, _ in table.rows:
        pid = matcher.match(cells.unit.get(cid, ""))
        if pid is None:
            continue
        if kind == "profiles":
            where: int | str = cells.label.get((cid, "section"), "")
        elif kind == "wide":
            where = cells.line[cid]
        else:
            where = cells.label.get((cid, "score")) or cells.label.get((cid, "rank"), "")
        places.setdefault(pid, {}).setdefault(where, []).append(cid)
        if cells.unit[cid] not in printed.setdefault(pid, []):
            printed[pid].append(cells.unit[cid])
    problems, again = [], set()
    for pid, found in places.items():
        if len(found) < 2:
            continue
        spots = list(found)
        for later in spots[1:]:
            again.update(found[later])
        first_cid = found[spots[1]][0]
        shown = ", ".join(str(s) for s in spots)
        key = {"wide": "pb_unit_twice_rows", "profiles": "pb_unit_twice_sections"}.get(kind, "pb_unit_twice_columns")
        problems.append(Problem.of(table.file, first_cid, "province", key, " / ".join(printed[pid]),
                                   unit=printed[pid][0], places=shown))
    return problems, again
