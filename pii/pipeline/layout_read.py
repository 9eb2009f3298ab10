"""The wide and transposed layouts inside a check: detect (or take ``--format``), say why, read the edition
from the file when it states one, and turn the sheet into long rows (pii.pipeline.layout_wide)."""

from __future__ import annotations

import re

from pii.pipeline.grid import Grid
from pii.pipeline.headers import PLAIN_NAMES
from pii.pipeline.import_context import Current
from pii.pipeline.import_formats import RawTable, normalise_header
from pii.pipeline.import_report import ImportReport
from pii.pipeline.layout_detect import Layout, Measures, detect
from pii.pipeline.layout_wide import Cells, relocate, to_table
from pii.pipeline.names import matcher_of
from pii.pipeline.problems import Problem

WIDE_KINDS = ("wide", "transposed")


def grid_is_own_layout(grid: Grid) -> bool:
    """The project's own formats (first row of plain column names: edition, province, code, …) are never wide."""
    first = next((r for r in grid.rows[:5] if any(str(c).strip() for c in r)), [])
    return sum(normalise_header(str(c)) in PLAIN_NAMES for c in first) >= 2


def _why(layout: Layout) -> tuple[str, str]:
    pairs = sum(1 for r in layout.role.values() if r == "rank")
    if layout.kind == "wide":
        unit = layout.label.get(layout.unit_col or 0, "")
        n = len(set(layout.measure.values()))
        pair_vi = f", {pairs} chỉ số có cặp Điểm/Hạng" if pairs else ", mỗi chỉ số một cột điểm"
        pair_en = f", {pairs} measures as a Score/Rank pair" if pairs else ", one score column per measure"
        return (f"bảng rộng: cột đơn vị '{unit}' và {n} cột chỉ số (theo mã, tên hoặc 'Trụ cột …'){pair_vi}; "
                "mỗi dòng là một đơn vị",
                f"wide table: a unit column '{unit}' and {n} measure columns (by code, name or 'Trụ cột …')"
                f"{pair_en}; one row per unit")
    n = len(set(layout.unit.values()))
    return (f"bảng xoay: {n} đơn vị là các cột, mỗi dòng là một chỉ số (cột mã hoặc tên)",
            f"transposed table: {n} units as columns, one measure per row (a code or name column)")


def read_wide(grid: Grid, name: str, cur: Current, kind: str | None, edition: str | None, source: str | None,
              report: ImportReport) -> tuple[RawTable, Cells] | None:
    """(long table, cell map) for a wide or transposed sheet; None when it is neither (and not forced).
    Problems that stop the reading go into ``report.problems`` (then an empty table is returned)."""
    measures = {int(e): Measures.of(cur.framework, int(e)) for e in sorted(set(cur.framework["edition"]))}
    matcher = matcher_of(cur.ref["provinces"], cur.ref["province_aliases"])
    layout = detect(grid, measures, matcher)
    if layout is None or (kind in WIDE_KINDS and layout.kind != kind):
        if kind in WIDE_KINDS:
            key = {"wide": "pb_layout_not_found_wide", "transposed": "pb_layout_not_found_transposed"}[kind]
            report.problems.append(Problem.of(name, None, None, key))
            return RawTable(name, [], []), Cells()
        return None
    if kind and kind not in WIDE_KINDS:
        return None  # --format long/appendix/framework/crosswalk: read as asked
    report.kind = layout.kind
    report.how["layout"] = layout.kind
    report.how["layout_why"] = _why(layout)
    ed = _edition(layout, grid, name, edition, report)
    if ed is None:
        return RawTable(name, [], []), Cells()
    report.how["edition_from_header"] = ed if not edition else report.how.get("edition_from_header")
    header_line = grid.lines[layout.header_rows[0]]
    for j, label in layout.unknown.items():
        if any(j < len(grid.rows[i]) and str(grid.rows[i][j]).strip()
               for i in range(layout.header_rows[-1] + 1, len(grid.rows))):
            report.problems.append(Problem.of(name, header_line, label, "pb_wide_unknown_column", label,
                                              edition=ed, col=label))
    table, cells = to_table(grid, layout, name, ed, source or "", measures.get(int(ed), Measures(set(), {})))
    report.how["units_in_file"] = len({u for u in cells.unit.values()})
    return table, cells


def _edition(layout: Layout, grid: Grid, name: str, edition: str | None, report: ImportReport) -> str | None:
    said = layout.edition
    if "edition" in layout.extra and not said:  # each row has its own edition (or the option fills it)
        j = layout.extra["edition"]
        years = [str(r[j]).strip() for r in grid.rows[layout.header_rows[-1] + 1:] if j < len(r)]
        said = max(set(years) - {""}, key=years.count, default=None)
        if said and not edition:
            return said
    if said and edition and str(edition) != said:
        line = grid.lines[layout.edition_row] if layout.edition_row is not None else None
        report.problems.append(Problem.of(name, line, "edition", "pb_header_edition", said, year=said,
                                          edition=edition))
        return None
    ed = str(edition or said or "")
    if not re.fullmatch(r"20\d\d", ed):
        report.problems.append(Problem.of(name, None, "edition", "pb_wide_needs_edition"))
        return None
    return ed


def relocate_report(report: ImportReport, cells: Cells) -> None:
    """Every problem and every figure's place in the file's own words (row and header text)."""
    report.how["problem_units"] = [cells.unit.get(p.row, "") if p.row is not None else "" for p in report.problems]
    report.problems[:] = relocate(list(report.problems), cells)
    if report.figures is not None and not report.figures.empty:
        places = []
        for w, measure in zip(report.figures["where"], report.figures["measure"]):
            cid = int(str(w).split(" ")[0])
            line = cells.line.get(cid)
            if cid in cells.place:
                places.append(f"{cells.place[cid]}, {cells.unit.get(cid, '')}")
            else:
                places.append(f"{line} ({cells.label.get((cid, str(measure)), '')})" if line is not None else w)
        report.figures["where"] = places


def read_report_profiles(data: bytes, name: str, cur: Current, kind: str | None, edition: str | None,
                         source: str | None, report: ImportReport) -> tuple[RawTable, Cells] | None:
    """A PDF or Word report with one profile per unit, as long rows; None when the file is not one."""
    from pii.pipeline import layout_profiles
    from pii.pipeline.import_formats import kind_of_file

    fmt = kind_of_file(data, name)
    if fmt not in ("pdf", "docx") or kind not in (None, "profiles"):
        return None
    matcher = matcher_of(cur.ref["provinces"], cur.ref["province_aliases"])
    found = layout_profiles.read_profiles(data, name, fmt, matcher)
    if found is None or len(found.sections) < (1 if kind == "profiles" else 2):
        if kind == "profiles":
            report.problems.append(Problem.of(name, None, None, "pb_layout_not_found_profiles"))
            return RawTable(name, [], []), Cells()
        return None
    report.kind = "profiles"
    n = len(found.sections)
    report.how.update({"format": fmt, "layout": "profiles", "pages": getattr(found, "pages", None),
                       "layout_why": (f"báo cáo hồ sơ: {n} phần, mỗi phần mở đầu bằng tên một đơn vị và có bảng "
                                      "điểm/hạng đánh số như phụ lục",
                                      f"report profiles: {n} sections, each headed by a unit's name with a "
                                      "score/rank table numbered as in the appendices")})
    said = found.edition
    if said and edition and str(edition) != said:
        report.problems.append(Problem.of(name, None, "edition", "pb_header_edition", said, year=said,
                                          edition=edition))
        return RawTable(name, [], []), Cells()
    ed = str(edition or said or "")
    if not re.fullmatch(r"20\d\d", ed):
        report.problems.append(Problem.of(name, None, "edition", "pb_wide_needs_edition"))
        return RawTable(name, [], []), Cells()
    if not edition:
        report.how["edition_from_header"] = ed
    table, cells = layout_profiles.to_table(found, name, ed, source or "")
    report.how["units_in_file"] = n
    places = sorted({int(p.split()[1]) for p in cells.place.values() if p.split()[-1].isdigit()})
    if fmt == "pdf":  # the preview's 'N pages; table on pages …' line
        report.how["pages_with_table"] = places
    else:
        report.how["tables"], report.how["tables_in_file"] = places, len(places)
    return table, cells
