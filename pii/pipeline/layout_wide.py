"""Reading a wide or transposed sheet (pii.pipeline.layout_detect) into the long rows the checks know.

Each figure becomes one long row whose line number is a *cell id* (grid row × 1000 + column), so every
check — row-level, cross-unit, the build's own — points at one cell; :func:`relocate` then turns each
problem back into the file's own words: its row (Excel row, CSV line) and its header text ("I.1.1 /
Điểm số"), never an internal column name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pii.pipeline.grid import Grid
from pii.pipeline.import_formats import FORMULA_START, RawTable
from pii.pipeline.layout_detect import Layout, Measures
from pii.pipeline.problems import Problem

CELL = 1000  # columns per row in a cell id; a sheet wider than this is refused by the readers' limits
LONG_HEADER = ["edition", "province", "code", "score", "rank", "source"]


@dataclass
class Cells:
    """Cell id -> (the file's row, the header text of each long column that came from a cell)."""

    line: dict[int, int] = field(default_factory=dict)
    label: dict[tuple[int, str], str] = field(default_factory=dict)
    unit: dict[int, str] = field(default_factory=dict)  # cell id -> the unit as printed
    code: dict[int, str] = field(default_factory=dict)  # cell id -> the measure's code
    place: dict[int, str] = field(default_factory=dict)  # cell id -> "page 12" (report profiles: no row number)


def _text(c: object) -> str:
    return c if isinstance(c, str) and hasattr(c, "value") else str(c).strip()  # type: ignore[return-value]


def to_table(grid: Grid, layout: Layout, name: str, edition: str, source: str,
             measures: Measures) -> tuple[RawTable, Cells]:
    """A long RawTable (edition, province, code, score, rank, source) with one row per unit and measure."""
    table = RawTable(name, list(LONG_HEADER), [], original_header=list(LONG_HEADER), how=dict(grid.how))
    cells = Cells()
    last = layout.header_rows[-1]
    data_rows = [i for i in range(last + 1, len(grid.rows)) if any(str(c).strip() for c in grid.rows[i])]
    _formulas(grid, layout, name, data_rows, table)
    if layout.kind == "wide":
        _wide_rows(grid, layout, data_rows, edition, source, table, cells)
    else:
        _transposed_rows(grid, layout, data_rows, edition, source, table, cells, measures)
    from pii.pipeline.readers_csv import decimal_of

    values = [c for _, row in table.rows for c in row[3:5]]
    table.decimal_comma, n_comma, n_point = decimal_of(values, table.how.get("delimiter"))
    table.how["decimal"] = "comma" if table.decimal_comma else "point"
    table.how["decimal_counts"] = (n_comma, n_point)
    table.how["header_rows"] = [grid.lines[i] for i in layout.header_rows]
    table.how["header"] = [layout.label[j] for j in sorted(layout.label)]
    return table, cells


def _formulas(grid: Grid, layout: Layout, name: str, rows: list[int], table: RawTable) -> None:
    for i in rows:
        cols = grid.formulas[i] if grid.formulas is not None else [
            j for j, c in enumerate(grid.rows[i]) if str(c).startswith(FORMULA_START)]
        for j in cols:
            table.problems.append(Problem.of(name, grid.lines[i], layout.label.get(j, f"#{j + 1}"),
                                             "fmt_formula_cell", value=str(grid.rows[i][j])[:120]))


def _cell(row: list, j: int | None) -> str:
    return _text(row[j]) if j is not None and j < len(row) else ""


def _wide_rows(grid: Grid, layout: Layout, rows: list[int], edition: str, source: str, table: RawTable,
               cells: Cells) -> None:
    by_code: dict[str, dict[str, int]] = {}
    for j, code in layout.measure.items():
        by_code.setdefault(code, {})[layout.role.get(j, "score")] = j
    for i in rows:
        row = grid.rows[i]
        unit = _cell(row, layout.unit_col)
        if not unit:
            continue
        ed = _cell(row, layout.extra.get("edition")) or edition
        src = _cell(row, layout.extra.get("source")) or source
        for code, where in by_code.items():
            score, rank = _cell(row, where.get("score")), _cell(row, where.get("rank"))
            if not str(score).strip() and not str(rank).strip():
                continue  # not in the file for this unit: listed as absent in the preview
            cid = i * CELL + min(where.values())
            table.rows.append((cid, [ed, unit, code, score, rank, src]))
            cells.line[cid] = grid.lines[i]
            cells.unit[cid] = unit
            cells.code[cid] = code
            cells.label[(cid, "province")] = layout.label.get(layout.unit_col or 0, "")
            for measure, j in where.items():
                cells.label[(cid, measure)] = layout.label[j]
            cells.label[(cid, "code")] = layout.label[min(where.values())]


def _transposed_rows(grid: Grid, layout: Layout, rows: list[int], edition: str, source: str, table: RawTable,
                     cells: Cells, measures: Measures) -> None:
    by_unit: dict[str, dict[str, int]] = {}
    for j, unit in layout.unit.items():
        by_unit.setdefault(unit, {})[layout.role.get(j, "score")] = j
    for i in rows:
        row = grid.rows[i]
        code_text, name_text = _cell(row, layout.code_col), _cell(row, layout.name_col)
        code = (measures.code_of(code_text) if code_text else None) or (
            measures.code_of(name_text) if name_text else None)
        shown = code_text or name_text
        for unit, where in by_unit.items():
            score, rank = _cell(row, where.get("score")), _cell(row, where.get("rank"))
            if not str(score).strip() and not str(rank).strip():
                continue
            cid = i * CELL + min(where.values())
            table.rows.append((cid, [edition, unit, code or shown, score, rank, source]))
            cells.line[cid] = grid.lines[i]
            cells.unit[cid] = unit
            cells.code[cid] = code or shown
            for measure, j in where.items():
                cells.label[(cid, measure)] = layout.label[j]
            cells.label[(cid, "province")] = layout.label[min(where.values())]
            cells.label[(cid, "code")] = grid_label(layout, code_text)


def grid_label(layout: Layout, code_text: str) -> str:
    col = layout.code_col if layout.code_col is not None else layout.name_col
    return layout.label.get(col, "") if col is not None else ""


def relocate(problems: list[Problem], cells: Cells) -> list[Problem]:
    """Problems about cell ids -> problems about the file's rows, named by the file's header text."""
    out = []
    for p in problems:
        if p.row is None or p.row not in cells.line:
            out.append(p)
            continue
        col = cells.label.get((p.row, str(p.column)), p.column)
        place = cells.place.get(p.row)
        moved = Problem(p.file, None if place else cells.line[p.row], col, p.message_vi, p.message_en, p.value,
                        p.measure)
        if place:  # a report's page (PDF) or table (Word): where a person finds the figure
            vi = place.replace("page", "trang").replace("table", "bảng")
            moved = moved.reworded("pb_placed", place=(vi, place))
        unit, code = cells.unit.get(p.row, ""), cells.code.get(p.row, "")
        if unit and unit not in p.message_en:  # a row of a whole edition: say which unit and measure it is
            moved = moved.reworded("pb_in_unit", unit=unit, measure=code)
        out.append(moved)
    return out
