"""Check one upload from bytes to a report: read → layout → rows → checks → staging. Writes nothing."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

from pii.pipeline import limits, paths, progress
from pii.pipeline.checks_units import units_twice
from pii.pipeline.import_checks import check_scores, text_cell_problems
from pii.pipeline.import_context import Current, current
from pii.pipeline.import_formats import RawTable, read_grid, table_from_grid
from pii.pipeline.import_layout import KINDS, appendix_text_table, guess_kind, map_header
from pii.pipeline.import_reference import check_crosswalk, check_framework
from pii.pipeline.import_report import ImportReport
from pii.pipeline.import_rows import appendix_rows, long_rows
from pii.pipeline.import_staging import staging_build
from pii.pipeline.layout_read import WIDE_KINDS, grid_is_own_layout, read_report_profiles, read_wide, relocate_report
from pii.pipeline.layout_wide import Cells
from pii.pipeline.names import matcher_of, name_problem
from pii.pipeline.preview_units import note_scope
from pii.pipeline.problems import Problem


def check_file(data: bytes, name: str, kind: str | None = None, edition: str | None = None,
               province: str | None = None, source: str | None = None, units: str | None = None,
               base: Path | None = None, sheet: str | None = None) -> ImportReport:
    """Check one file against the data in ``base`` (default: PII_DATA_DIR). Writes nothing."""
    import time

    t0 = time.perf_counter()
    base = Path(base or paths.data_dir())
    name = Path(name).name or "upload"
    report = ImportReport(name, kind or "?", hashlib.sha256(data).hexdigest())
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    slug = re.sub(r"[^A-Za-z0-9]+", "_", Path(name).stem)[:40].strip("_") or "upload"
    report.problems += limits.check_upload(data, name)  # size, zip bomb, XML entities, rows/cells: before parsing
    if report.problems:
        report.seconds = time.perf_counter() - t0
        return report
    cur: Current | None = None
    progress.step("read")
    if name.lower().endswith(".txt") and kind in (None, "appendix") and b"STT\t" in data[:200_000]:
        kind = "appendix"
        try:
            table = appendix_text_table(data, name)
        except (UnicodeDecodeError, ValueError) as err:
            report.problems.append(Problem.of(name, None, None, "pb_appendix_unreadable", error=err))
            return report
    elif kind in (None, "profiles") and (profiles := read_report_profiles(
            data, name, cur := current(base), kind, edition, source, report)) is not None:
        return _check_wide(profiles, report, cur, stamp, slug, t0)  # one section per unit (PDF or Word report)
    else:
        grid = read_grid(data, name, sheet=sheet)
        if isinstance(grid, Problem):
            report.problems.append(grid)
            return report
        wide = None
        progress.step("layout")
        if kind in (None, *WIDE_KINDS) and not grid_is_own_layout(grid):  # a ranking table or data workbook?
            cur = current(base)
            wide = read_wide(grid, name, cur, kind, edition, source, report)
        if wide is not None and cur is not None:
            return _check_wide(wide, report, cur, stamp, slug, t0)
        table = table_from_grid(name, grid)
    report.how.update(table.how)
    table.how = report.how
    report.how["_where"] = table.where
    report.problems += table.problems
    if not table.header:
        return report
    report.how["layout_why"] = _why(kind, table)
    kind = kind or guess_kind(table, name)
    report.kind = kind
    if kind not in KINDS:
        report.problems.append(Problem.of(name, None, None, "pb_unknown_format", kind=kind))
        return report
    options = {"edition": edition, "province": province, "source": source}
    given = tuple(k for k, v in options.items() if v) if kind == "long" else ()
    if not (kind == "appendix" and table.original_header == ["STT", "name", "score", "rank"]):
        report.problems += map_header(table, kind, given)
    if province and kind in ("long", "appendix") and name_problem(str(province)):
        key, fields = name_problem(str(province)) or ("", {})
        report.problems.append(Problem.of(name, None, "province", key, province, **fields)
                               .reworded("pb_option_name"))
    report.rows_in_file = len(table.rows)
    report.problems += text_cell_problems(table)
    if report.problems and any(p.row == 1 for p in report.problems):
        return report  # header unusable: row checks would only repeat it
    cur = cur or current(base)
    table.how["_units"] = {str(e): int(u) for e, u in zip(cur.editions["edition"], cur.editions["units_ranked"])
                           if str(u).strip().isdigit()}
    progress.step("checks")
    if kind == "long":
        check_scores(long_rows(table, report.problems, options), cur, report, stamp, slug)
    elif kind == "appendix":
        if table.edition_hint and not edition:  # "Kết quả năm 2023" over the score and rank columns
            edition = table.edition_hint
            report.how["edition_from_header"] = edition
        elif table.edition_hint and str(edition) != table.edition_hint:
            report.problems.append(Problem.of(name, table.how.get("header_rows", [None])[0], "edition",
                                              "pb_header_edition", table.edition_hint, year=table.edition_hint,
                                              edition=edition))
            return report
        missing = [n for n, v in (("edition", edition), ("province", province), ("source", source)) if not v]
        if missing:
            report.problems.append(Problem.of(name, None, ", ".join(missing), "pb_appendix_needs",
                                              cols=", ".join(missing)))
            return report
        dec = table.original_header == ["STT", "name", "score", "rank"]
        rows = appendix_rows(table, str(edition), str(province), str(source), report.problems,
                              decimal_comma=dec or table.decimal_comma, framework=cur.framework)
        check_scores(rows, cur, report, stamp, slug)
    elif kind == "framework":
        check_framework(table, cur, report, stamp, slug, units)
    else:
        check_crosswalk(table, cur, report, stamp, slug)
    if not report.problems:
        progress.step("staging")
        staging_build(report, cur)
    if kind in ("long", "appendix"):
        note_scope(report.how, report.figures, cur)
        line_unit = {line: rec.get("province", "") or str(province or "") for line, rec in table.records()}
        report.how["problem_units"] = [line_unit.get(p.row, "") if p.file == name and p.row else ""
                                       for p in report.problems]
    if table.where:  # PDF and Word: a row number alone does not find the row, say the page or table too
        report.problems[:] = [_placed(p, table) for p in report.problems]
    report.seconds = time.perf_counter() - t0
    return report


def _why(forced: str | None, table: RawTable) -> tuple[str, str]:
    """Which layout the file is read in, and why (the preview's 'Layout' line)."""
    if forced:
        return f"{forced} (do người dùng chọn)", f"{forced} (chosen by you)"
    kind = guess_kind(table, table.file)
    if kind == "long":
        return ("bảng dài: có cột Tỉnh và cột Mã — mỗi dòng là một tỉnh và một chỉ số",
                "long table: a Province and a Code column — one row per unit and measure")
    if kind == "appendix":
        return ("phụ lục của một tỉnh: có cột Mã/Chỉ số và Điểm/Hạng nhưng không có cột Tỉnh, không có cột chỉ số",
                "one unit's appendix: Code/Measure and Score/Rank columns, no Province column, no measure columns")
    return (f"{kind}: theo tên cột", f"{kind}: from the column names")


def _check_wide(wide: tuple[RawTable, Cells], report: ImportReport, cur: Current, stamp: str, slug: str,
                t0: float) -> ImportReport:
    """A wide or transposed sheet, read into long rows: the long layout's checks, in the file's own words."""
    import time

    table, cells = wide
    report.how.update({k: v for k, v in table.how.items() if k not in report.how})
    table.how = report.how
    report.problems += table.problems
    if not report.problems:
        progress.step("rows")
        report.rows_in_file = len({cells.line[cid] for cid, _ in table.rows})
        report.problems += text_cell_problems(table)
        table.how["_units"] = {str(e): int(u) for e, u in zip(cur.editions["edition"], cur.editions["units_ranked"])
                               if str(u).strip().isdigit()}
        twice, again = units_twice(table, cells, matcher_of(cur.ref["provinces"], cur.ref["province_aliases"]),
                                   report.kind)
        report.problems += twice
        progress.step("checks")
        check_scores(long_rows(table, report.problems), cur, report, stamp, slug)
        note_scope(report.how, report.figures, cur)
        if again:  # the unit-level problem says it once, not once per figure
            report.problems[:] = [p for p in report.problems if not (p.row in again and p.column == "code")]
        if not report.problems:
            progress.step("staging")
            staging_build(report, cur)
    relocate_report(report, cells)
    report.seconds = time.perf_counter() - t0
    return report


def _placed(p: Problem, table: RawTable) -> Problem:
    place = table.where.get(p.row) if p.file == table.file and p.row is not None else None
    if not place:
        return p
    return p.reworded("pb_placed", place=(_vi_place(place), place))


def _vi_place(place: str) -> str:
    return place.replace("page", "trang").replace("table", "bảng").replace("row", "dòng")
