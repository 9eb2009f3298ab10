"""Import official PII data: check everything, then publish atomically, or refuse.

Formats (CSV UTF-8 or XLSX; see ``assets/templates/``):

- ``long``: one row per province and code: edition, province, code, score, rank, source.
- ``appendix``: a provincial plan appendix (code / name / score / rank rows, local
  codes ``I``, ``1``, ``1.1`` or full codes ``I.1.1``; or the plan's own text
  layout), with ``edition``, ``province`` and ``source`` given on import.
- ``framework``: a framework edition (edition, code, level, parent_code, name_vi, name_en).
- ``crosswalk``: codes mapped between editions (from_edition, from_code, to_edition, to_code, note).

Checking runs the build's own checks (:func:`pii.pipeline.validate.validate_long`) on the
file and on the whole dataset as it would be after the import, then builds
every table from a staging copy of the sources. Nothing is written unless all of
it passes. Publishing stores the checked rows under ``sources/imports/`` (so a
later ``python -m pii build`` keeps them), swaps the parquet folder by rename
(previous version kept for :func:`rollback`) and appends to ``import_log.jsonl``.

CLI: ``python -m pii import FILE [--format F] [--edition E --province P --source S] [--dry-run]``
and ``python -m pii rollback``.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import getpass
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from pii.pipeline import limits, paths, publish_txn
from pii.pipeline.import_formats import RawTable, parse_number, read_table
from pii.pipeline.import_store import IMPORTS_DIR
from pii.pipeline.numbers import parse_rank
from pii.pipeline.problems import DataError, Problem, ProblemList
from pii.safety import is_http_url, starts_like_formula

KINDS = ("long", "appendix", "framework", "crosswalk")
LOG_NAME = "import_log.jsonl"
ROLLED_BACK_DIR = "rolled_back"
LEVELS = ("pii", "subindex", "pillar", "index", "indicator")
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


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"\s+", "_", text.encode("ascii", "ignore").decode().strip().lower())


@dataclass
class ImportReport:
    """What a check found; ``ok`` means publishing is allowed."""

    file: str
    kind: str
    sha256: str
    rows_in_file: int = 0
    problems: ProblemList = field(default_factory=ProblemList)  # capped: first N, then a count per kind
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    outputs: dict[str, pd.DataFrame] = field(default_factory=dict)  # imports/<name>.csv -> rows to store
    tables: dict[str, pd.DataFrame] | None = None
    seconds: float = 0.0
    how: dict = field(default_factory=dict)  # how the file was read (pii.pipeline.preview.how_lines)
    figures: pd.DataFrame | None = None  # every figure read, matched and compared (preview)
    checks: list[tuple[str, str]] = field(default_factory=list)  # (vi, en) lines: what the checks compared
    sources_changed: int = 0  # figures whose value stays but whose source changes (counted in ``changed``)
    worker: object | None = None  # pii.pipeline.sandbox.WorkerStats when checked in the worker process

    @property
    def ok(self) -> bool:
        return not self.problems and self.tables is not None

    @property
    def problem_count(self) -> int:
        return self.problems.total if isinstance(self.problems, ProblemList) else len(self.problems)

    def problem_frame(self, lang: str = "vi") -> pd.DataFrame:
        msg = "message_vi" if lang == "vi" else "message_en"
        shown = self.problems.summary() if isinstance(self.problems, ProblemList) else self.problems
        return pd.DataFrame([{"file": p.file, "row": p.row, "column": p.column, "message": getattr(p, msg),
                              "value": p.value} for p in shown],
                            columns=["file", "row", "column", "message", "value"])


# -- context: the data as it stands ----------------------------------------------------

@dataclass
class _Current:
    base: Path
    src: Path
    ref: dict[str, pd.DataFrame]
    framework: pd.DataFrame
    editions: pd.DataFrame
    matchers: dict
    long: pd.DataFrame
    source_lookup: dict[str, str]


def _current(base: Path) -> _Current:
    from pii.pipeline.build import _source_lookup, load_reference, load_scores_long
    from pii.pipeline.import_store import supersede
    from pii.pipeline.validate import matchers_by_edition

    src = paths.sources_dir(base)
    ref = load_reference(src)
    eds = ref["framework_editions"]
    matchers = matchers_by_edition(ref["provinces"], ref["province_aliases"], eds)
    long = supersede(load_scores_long(src), matchers)
    lookup = _source_lookup(ref["sources"])
    long["source"] = long["source"].map(lambda v: lookup.get(str(v).strip(), str(v).strip()))
    fw = ref["framework"].assign(edition=ref["framework"]["edition"].astype(int))
    return _Current(base, src, ref, fw, eds, matchers, long, lookup)


# -- reading each kind into rows ----------------------------------------------------------

def _map_header(table: RawTable, kind: str) -> list[Problem]:
    wanted = REQUIRED[kind]
    folded = [_fold(h) for h in table.header]
    mapped = []
    for h in folded:
        name = next((k for k, al in ALIASES.items() if h in al), h) if kind in ("long", "appendix") else h
        mapped.append(name)
    table.header = mapped
    missing = [c for c in wanted if c not in mapped]
    problems = []
    if missing:
        problems.append(Problem.of(table.file, 1, ", ".join(missing), "pb_missing_columns_header",
                                   cols=", ".join(missing), header=", ".join(table.original_header)))
        problems[-1] = _with_hint(problems[-1], missing)
    dup = sorted({h for h in mapped if mapped.count(h) > 1 and h in wanted})
    if dup:
        problems.append(Problem.of(table.file, 1, ", ".join(dup), "pb_column_twice"))
    return problems


def guess_kind(table: RawTable, name: str) -> str:
    cols = {_fold(h) for h in table.header}
    if {"from_code", "to_code"} & cols:
        return "crosswalk"
    if {"level", "parent_code"} <= cols:
        return "framework"
    if cols & set(ALIASES["province"]):
        return "long"
    return "appendix"


def _long_rows(table: RawTable, problems: list[Problem]) -> list[dict]:
    rows = []
    for line, rec in table.records():
        base = {k: str(rec.get(k, "")).strip() for k in ("edition", "province", "code", "source")}
        if _blank_request_row(table, rec):
            continue
        rows += _measure_rows(table, line, rec, base, problems, decimal_comma=table.decimal_comma,
                              units=_units_ranked(table, base["edition"]))
    return rows


def _measure_rows(table: RawTable, line: int, rec: dict[str, str], base: dict[str, str],
                  problems: list[Problem], decimal_comma: bool = False, units: int | None = None) -> list[dict]:
    """One long row per filled measure (score, rank) of a record; a row with
    neither is a problem. Ranks are read as printed ('10', '10/63', 'hạng 10')."""
    rows = []
    for measure in ("score", "rank"):
        text = rec.get(measure, "")
        if str(text).strip() == "":
            continue
        if measure == "rank" and not hasattr(text, "value"):
            value = parse_rank(text, table.file, line, measure, problems, units, decimal_comma=decimal_comma)
        else:
            value = parse_number(text, table.file, line, measure, problems, decimal_comma=decimal_comma)
        if value is None:  # still check the rest of the row (province, code, ...)
            rows.append({**base, "measure": measure, "value": "0", "_file": table.file, "_row": line,
                         "_col": measure, "_probe": True})
            continue
        rows.append({**base, "measure": measure, "value": repr(value) if measure == "score" else
                     (str(int(value)) if value == int(value) else repr(value)),
                     "_file": table.file, "_row": line, "_col": measure})
    if not any(str(rec.get(m, "")).strip() for m in ("score", "rank")):
        problems.append(Problem.of(table.file, line, "score, rank", "pb_no_score_no_rank"))
    return rows


def expand_code(local: str, state: dict[str, str]) -> str | None:
    """Appendix codes: 'I' -> I, '1' -> I.1, '1.1' -> I.1.1 (full codes pass through)."""
    local = local.strip().rstrip(".")
    if local in ("PII", "INPUT", "OUTPUT"):
        return local
    if re.fullmatch(_ROMAN, local):
        state["pillar"] = local
        return local
    if FULL_CODE.match(local):
        state["pillar"] = local.split(".")[0]
        return local
    if not state.get("pillar"):
        return None
    if re.fullmatch(r"\d+", local):
        return f"{state['pillar']}.{local}"
    if re.fullmatch(r"\d+\.\d+", local):
        return f"{state['pillar']}.{local}"
    return None


def _appendix_rows(table: RawTable, edition: str, province: str, source: str, problems: list[Problem],
                   decimal_comma: bool = False, framework: pd.DataFrame | None = None) -> list[dict]:
    rows = []
    state: dict[str, str] = {}
    for line, rec in table.records():
        if _blank_request_row(table, rec):
            continue
        code = expand_code(str(rec.get("code", "")), state)
        if code is None and framework is not None and not str(rec.get("code", "")).strip() \
                and str(rec.get("name", "")).strip():  # no number printed: the indicator's name says which
            code = _code_by_name(table, line, rec, edition, state, framework, problems)
            if code == "":
                continue  # asked about (ambiguous or unknown name): the problem says so
        if code is None:
            problems.append(Problem.of(table.file, line, "code", "pb_unreadable_code", rec.get("code", "")))
            continue
        base = {"edition": edition, "province": province, "code": code, "source": source}
        rows += _measure_rows(table, line, rec, base, problems, decimal_comma=decimal_comma,
                              units=_units_ranked(table, edition))
    return rows


def _code_by_name(table: RawTable, line: int, rec: dict[str, str], edition: str, state: dict[str, str],
                  framework: pd.DataFrame, problems: list[Problem]) -> str | None:
    """The code of a row without a usable number, by its name; '' when the name is asked about."""
    from pii.pipeline.appendix_match import candidates

    if not re.fullmatch(r"\d{4}", str(edition)):
        return None
    name = str(rec.get("name", "")).strip()
    found = candidates(name, framework, int(edition), state.get("pillar"))
    if len(found) == 1:
        code = found[0]
        state["pillar"] = code.split(".")[0] if code not in ("PII", "INPUT", "OUTPUT") else state.get("pillar", "")
        table.how["matched_by_name"] = table.how.get("matched_by_name", 0) + 1
        return code
    names = dict(zip(framework["code"], framework["name_vi"]))
    if found:
        listed = "; ".join(f"{c} {names.get(c, '')}" for c in found)
        problems.append(Problem.of(table.file, line, "name", "pb_name_ambiguous", name, codes=listed))
    else:
        problems.append(Problem.of(table.file, line, "name", "pb_name_unknown", name, edition=edition))
    return ""


def _units_ranked(table: RawTable, edition: str) -> int | None:
    """Units ranked in ``edition`` (set on the table by check_file), to check a printed '/63'."""
    return table.how.get("_units", {}).get(str(edition).strip())


def _blank_request_row(table: RawTable, rec: dict[str, str]) -> bool:
    """A row of a data-request workbook the peer left empty: skipped (and counted), not refused."""
    if not table.how.get("request") or any(str(rec.get(m, "")).strip() for m in ("score", "rank")):
        return False
    table.how["blank_rows"] = table.how.get("blank_rows", 0) + 1
    return True


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


def _appendix_text_table(data: bytes, name: str) -> RawTable:
    from pii.pipeline.plan_appendix import parse_appendix

    text = data.decode("utf-8-sig")
    rows = parse_appendix(text)
    table = RawTable(name, ["code", "name", "score", "rank"], [], original_header=["STT", "name", "score", "rank"])
    for r in rows:
        table.rows.append((r.line, [r.code, r.cells[1], r.cells[2], r.cells[3]]))
    return table


# -- checking --------------------------------------------------------------------------

def _resolve_sources(rows: list[dict], cur: _Current, problems: list[Problem]) -> dict[str, dict]:
    """Source ids for every row; unknown URLs become new sources."""
    new: dict[str, dict] = {}
    for r in rows:
        s = r["source"].strip()
        if s in cur.source_lookup:
            r["source"] = cur.source_lookup[s]
        elif URL.match(s) and not is_http_url(s):
            problems.append(Problem.of(r["_file"], r["_row"], "source", "pb_source_not_plain_url", s))
        elif URL.match(s):
            sid = "imp_" + hashlib.sha1(s.encode()).hexdigest()[:10]
            new.setdefault(sid, {"source_id": sid, "title": re.sub(r"^https?://", "", s)[:120],
                                 "publisher": re.sub(r"^https?://([^/]+).*$", r"\1", s), "url": s,
                                 "published_on": "", "note": f"added by import of {r['_file']}"})
            r["source"] = sid
        elif s and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", s) and not re.match(r"^\w+$", s):
            problems.append(Problem.of(r["_file"], r["_row"], "source", "pb_source_scheme", s))
        elif s:
            problems.append(Problem.of(r["_file"], r["_row"], "source", "pb_source_unknown", s))
    return new


def _fix_columns(found: list[Problem], by_row: dict[tuple[str, int], str]) -> list[Problem]:
    out = []
    for p in found:
        col = p.column
        if col == "value":  # the measure a cross check is about, else the column the row's number came from
            col = p.measure or by_row.get((p.file, p.row), col)
        out.append(Problem(p.file, p.row, col, p.message_vi, p.message_en, p.value))
    return out


def _check_scores(rows: list[dict], cur: _Current, report: ImportReport, stamp: str, slug: str) -> None:
    from pii.pipeline.validate import validate_long

    problems = report.problems
    new_sources = _resolve_sources(rows, cur, problems)
    if not rows:
        return
    new = pd.DataFrame(rows)
    probe = new["_probe"].fillna(False).astype(bool) if "_probe" in new.columns else pd.Series(False, index=new.index)
    by_row = {(r["_file"], r["_row"]): r["_col"] for r in rows}
    fw, eds, matchers = cur.framework, cur.editions, cur.matchers
    per_measure, parts = [], []
    for measure in ("score", "rank"):
        part = new[new["measure"] == measure]
        if len(part):
            checked, found = validate_long(part.copy(), fw, eds, matchers)
            parts.append(checked[~checked.get("_probe", pd.Series(False, index=checked.index)).fillna(False)
                                 .astype(bool)])
            probes = {(f, r) for f, r in zip(part.loc[probe, "_file"], part.loc[probe, "_row"])}
            for p in found:  # the row-level checks, column named after the measure
                if (p.file, p.row) in probes and p.column == "value":
                    continue  # the number itself was already reported
                col = measure if p.column == "value" else p.column
                per_measure.append(Problem(p.file, p.row, col, p.message_vi, p.message_en, p.value))
    new = new[~probe].drop(columns=["_probe"], errors="ignore")
    if new.empty:  # every number was unreadable: the row-level problems say it all
        problems += _hint_units(_dedupe(per_measure), cur)
        return
    # rows that passed the row-level checks (the cross checks run on the merged data below)
    checked_new = pd.concat(parts, ignore_index=True).drop(columns=["_probe"], errors="ignore")
    # the whole dataset as it would be: existing rows, replaced where the file gives the same key
    existing = cur.long.copy()
    ex_checked, _ = validate_long(existing.copy(), fw, eds, matchers)
    key = ["edition", "province_id", "code", "measure"]
    new_keys = set(map(tuple, checked_new[key].astype(str).values))
    keep_existing = ex_checked[[tuple(map(str, k)) not in new_keys for k in ex_checked[key].values]]
    merged = pd.concat([keep_existing.assign(province=keep_existing["province_id"]),
                        checked_new.assign(province=checked_new["province_id"])], ignore_index=True)
    merged["value"] = merged["value"].astype(str)
    _, cross = validate_long(merged, fw, eds, matchers)
    found = _hint_units(_dedupe(per_measure + _fix_columns(cross, by_row)), cur)
    problems += found
    # counts
    old = {tuple(map(str, k)): (v, s) for k, v, s in zip(ex_checked[key].values, ex_checked["value"],
                                                         ex_checked["source"].astype(str))}
    for k, v, s in zip(checked_new[key].values, checked_new["value"], checked_new["source"].astype(str)):
        prev = old.get(tuple(map(str, k)))
        if prev is None:
            report.added += 1
        elif abs(float(prev[0]) - float(v)) > 1e-9:
            report.changed += 1
        elif prev[1].strip() != s.strip():  # same figure, new source: the published row changes too
            report.changed += 1
            report.sources_changed += 1
        else:
            report.unchanged += 1
    from pii.pipeline.preview import check_lines, figure_frame

    report.figures = figure_frame(checked_new, ex_checked, fw, report.how.get("_where", {}))
    report.checks = list(zip(check_lines(report.figures, merged, fw, not problems, "vi", problems),
                             check_lines(report.figures, merged, fw, not problems, "en", problems)))
    if problems:
        return
    store = checked_new.assign(
        province=checked_new["province_id"], value=checked_new["value"].map(_num_text), units_ranked="",
        status="imported", note=[f"import {f} line {r}" for f, r in zip(checked_new["_file"], checked_new["_row"])])
    report.outputs[f"scores__{stamp}_{slug}.csv"] = store[
        ["edition", "province", "code", "measure", "value", "units_ranked", "source", "status", "note"]]
    if new_sources:
        report.outputs[f"sources__{stamp}_{slug}.csv"] = pd.DataFrame(list(new_sources.values()))


def _hint_units(problems: list[Problem], cur: _Current) -> list[Problem]:
    """A province named in the wrong edition: say which editions it belongs to."""
    out = []
    for p in problems:
        if p.column == "province" and p.value:
            eds = [str(e) for e, m in sorted(cur.matchers.items()) if m.match(p.value)]
            if eds:
                p = p.reworded("pb_unit_of_other_edition", editions=", ".join(eds))
        out.append(p)
    return out


def _num_text(v: object) -> str:
    f = float(v)  # type: ignore[arg-type]
    return str(int(f)) if f == int(f) else repr(f)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        k = (p.file, p.row, p.column, p.message_en)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


def _check_framework(table: RawTable, cur: _Current, report: ImportReport, stamp: str, slug: str,
                     units: str | None) -> None:
    from pii.analysis.model import IncompleteFramework, Tree

    problems = report.problems
    recs = table.records()
    eds = set()
    for line, r in recs:
        if not re.fullmatch(r"\d{4}", r.get("edition", "")):
            problems.append(Problem.of(table.file, line, "edition", "pb_edition_year", r.get("edition")))
        else:
            eds.add(r["edition"])
        if r.get("level", "").strip().lower() not in LEVELS:
            problems.append(Problem.of(table.file, line, "level", "pb_level", r.get("level"), levels=", ".join(LEVELS)))
        if not re.fullmatch(r"[A-Za-z0-9.]{1,20}", r.get("code", "")):
            problems.append(Problem.of(table.file, line, "code", "pb_invalid_code", r.get("code")))
        for col in ("name_vi", "name_en"):
            if not r.get(col, "").strip():
                problems.append(Problem.of(table.file, line, col, "pb_cell_empty", col=col))
    if len(eds) > 1:
        problems.append(Problem.of(table.file, None, "edition", "pb_framework_one_edition", ", ".join(sorted(eds))))
    if problems or not eds:
        return
    edition = eds.pop()
    cols = ["edition", "code", "level", "parent_code", "sort_order", "name_vi", "name_en", "description_vi",
            "description_en", "side", "source_index", "inverse"]
    fw = pd.DataFrame([r for _, r in recs]).reindex(columns=cols, fill_value="")
    fw["level"] = fw["level"].str.strip().str.lower()
    fw["sort_order"] = [r.get("sort_order") or str(i) for i, (_, r) in enumerate(recs)]
    fw["inverse"] = fw["inverse"].replace("", "false").str.lower()
    try:
        Tree.from_framework(fw.assign(sort_order=fw["sort_order"].astype(int),
                                      parent_code=fw["parent_code"].replace("", None)))
        complete = True
    except IncompleteFramework:
        complete = False
    except (KeyError, ValueError) as err:
        problems.append(Problem.of(table.file, None, "parent_code", "pb_tree_invalid", error=err))
        return
    eds_now = cur.editions
    if edition in set(eds_now["edition"]):
        row = eds_now[eds_now["edition"] == edition].iloc[0].drop(labels=["_file", "_row"]).to_dict()
    else:
        last = eds_now.sort_values("edition").iloc[-1]
        unit_set = units or str(last["unit_set"])
        row = {"edition": edition, "unit_set": unit_set, "units_ranked": unit_set, "published_on": "",
               "framework_vi": f"Khung chỉ số PII {edition} (nhập từ {table.file})",
               "framework_en": f"PII {edition} framework (imported from {table.file})",
               "structure_complete": "", "note": f"imported {stamp}"}
    row["structure_complete"] = "true" if complete else "false"
    report.outputs[f"framework__{stamp}_{slug}.csv"] = fw
    report.outputs[f"framework_editions__{stamp}_{slug}.csv"] = pd.DataFrame([row])
    report.added = len(fw)


def _check_crosswalk(table: RawTable, cur: _Current, report: ImportReport, stamp: str, slug: str) -> None:
    problems = report.problems
    codes = {str(e): set(g["code"]) for e, g in cur.framework.groupby("edition")}
    rows = []
    for line, r in table.records():
        for side in ("from", "to"):
            ed, code = r.get(f"{side}_edition", ""), r.get(f"{side}_code", "")
            if ed not in codes:
                problems.append(Problem.of(table.file, line, f"{side}_edition", "pb_unknown_edition", ed))
            elif code not in codes[ed]:
                problems.append(Problem.of(table.file, line, f"{side}_code", "pb_code_not_in_framework", code,
                                           edition=ed))
        rows.append({k: r.get(k, "") for k in ("from_edition", "from_code", "to_edition", "to_code", "note")})
    if not problems:
        report.outputs[f"crosswalk__{stamp}_{slug}.csv"] = pd.DataFrame(rows)
        report.added = len(rows)


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
    if name.lower().endswith(".txt") and kind in (None, "appendix") and b"STT\t" in data[:200_000]:
        kind = "appendix"
        try:
            table = _appendix_text_table(data, name)
        except (UnicodeDecodeError, ValueError) as err:
            report.problems.append(Problem.of(name, None, None, "pb_appendix_unreadable", error=err))
            return report
    else:
        table = read_table(data, name, sheet=sheet)
    report.how = table.how
    report.how["_where"] = table.where
    report.problems += table.problems
    if not table.header:
        return report
    kind = kind or guess_kind(table, name)
    report.kind = kind
    if kind not in KINDS:
        report.problems.append(Problem.of(name, None, None, "pb_unknown_format", kind=kind))
        return report
    if not (kind == "appendix" and table.original_header == ["STT", "name", "score", "rank"]):
        report.problems += _map_header(table, kind)
    report.rows_in_file = len(table.rows)
    report.problems += text_cell_problems(table)
    if report.problems and any(p.row == 1 for p in report.problems):
        return report  # header unusable: row checks would only repeat it
    cur = _current(base)
    table.how["_units"] = {str(e): int(u) for e, u in zip(cur.editions["edition"], cur.editions["units_ranked"])
                           if str(u).strip().isdigit()}
    if kind == "long":
        _check_scores(_long_rows(table, report.problems), cur, report, stamp, slug)
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
        rows = _appendix_rows(table, str(edition), str(province), str(source), report.problems,
                              decimal_comma=dec or table.decimal_comma, framework=cur.framework)
        _check_scores(rows, cur, report, stamp, slug)
    elif kind == "framework":
        _check_framework(table, cur, report, stamp, slug, units)
    else:
        _check_crosswalk(table, cur, report, stamp, slug)
    if not report.problems:
        _staging_build(report, cur)
    if table.where:  # PDF and Word: a row number alone does not find the row, say the page or table too
        report.problems[:] = [_placed(p, table) for p in report.problems]
    report.seconds = time.perf_counter() - t0
    return report


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MARKUP = re.compile(r"<[A-Za-z/!]|\]\(|!\[|^\s*#|javascript:", re.IGNORECASE)


_READ_COLUMNS = (set(ALIASES) | {c for cols in REQUIRED.values() for c in cols}
                 | {"sort_order", "description_vi", "description_en", "side", "source_index", "inverse",
                    "units_ranked", "measure", "value"})


def text_cell_problems(table: RawTable) -> list[Problem]:
    """Text cells that must not reach the data: formula prefixes (= + - @ tab CR) outside number
    columns, control characters, Markdown/HTML markup and over-long cells."""
    problems: list[Problem] = []
    header = list(table.header)
    for line, cells in table.rows:
        for j, raw in enumerate(cells):
            col = header[j] if j < len(header) else f"#{j + 1}"
            if col == "name" or col not in _READ_COLUMNS:
                continue  # an appendix's indicator name is only read for the eye, never stored (plan text has HTML);
                # nor are columns the importer never reads (a plan's lead units: "- Sở Tư pháp; - Công an tỉnh.")
            text = str(raw)
            if len(text) > limits.MAX_CELL_CHARS:
                problems.append(Problem.of(table.file, line, col, "pb_cell_too_long", text[:60] + "…",
                                           n=f"{len(text):,}", limit=f"{limits.MAX_CELL_CHARS:,}"))
                continue
            if _CONTROL.search(text):
                problems.append(Problem.of(table.file, line, col, "pb_control_chars", text[:120]))
            elif col not in NUMERIC_COLUMNS and starts_like_formula(text) and not text.startswith(("=", "@")):
                # '=' and '@' are already refused by the reader as formulas
                problems.append(Problem.of(table.file, line, col, "pb_formula_like", text[:120]))
            elif col not in ("source", "note") and _MARKUP.search(text):
                problems.append(Problem.of(table.file, line, col, "pb_markup", text[:120]))
    return problems


def _placed(p: Problem, table: RawTable) -> Problem:
    place = table.where.get(p.row) if p.file == table.file and p.row is not None else None
    if not place:
        return p
    return p.reworded("pb_placed", place=(_vi_place(place), place))


def _vi_place(place: str) -> str:
    return place.replace("page", "trang").replace("table", "bảng").replace("row", "dòng")


def _staging_build(report: ImportReport, cur: _Current) -> None:
    """Build every table from a staging copy of the sources plus this import:
    the same code path as ``python -m pii build``, so what passes here builds later."""
    from pii.pipeline.build import build_tables

    with tempfile.TemporaryDirectory(prefix="pii-import-check-") as tmp:
        src = Path(tmp) / "sources"
        shutil.copytree(cur.src, src, ignore=shutil.ignore_patterns(ROLLED_BACK_DIR))
        (src / IMPORTS_DIR).mkdir(exist_ok=True)
        for fname, df in report.outputs.items():
            df.to_csv(src / IMPORTS_DIR / fname, index=False, encoding="utf-8")
        try:
            report.tables = build_tables(src)
        except DataError as err:
            report.problems += [Problem(report.file if p.file.startswith(IMPORTS_DIR) else p.file, p.row, p.column,
                                        p.message_vi, p.message_en, p.value) for p in err.problems]


# -- publishing ----------------------------------------------------------------------

@contextlib.contextmanager
def _lock(base: Path) -> Iterator[None]:
    base.mkdir(parents=True, exist_ok=True)
    with open(base / f"{LOG_NAME}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _log(base: Path, entry: dict) -> None:
    """Append one line and fsync it: for a publish this line is the commit point (pii.pipeline.publish_txn)."""
    with open(base / LOG_NAME, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def recover(base: Path | None = None) -> str | None:
    """Finish or undo a publish/rollback that was killed half-way (takes the lock)."""
    base = Path(base or paths.data_dir())
    with _lock(base):
        return _recover(base)


def _recover(base: Path) -> str | None:
    imp = paths.sources_dir(base) / IMPORTS_DIR
    return publish_txn.recover(base, imp, base / LOG_NAME, imp / ROLLED_BACK_DIR)


def _txn(sha: str | None) -> str:
    return f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}-{str(sha or '')[:12]}"


def _write_problem(file: str, err: OSError) -> Problem:
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return Problem.of(file, None, None, "pb_disk_full")
    return Problem.of(file, None, None, "pb_write_failed", error=err.strerror)


def read_log(base: Path | None = None) -> list[dict]:
    path = Path(base or paths.data_dir()) / LOG_NAME
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines() if text.endswith("\n") else text.splitlines()[:-1]  # a torn last line never committed
    return [json.loads(line) for line in lines if line.strip()]


def publish(data: bytes, name: str, user: str | None = None, base: Path | None = None,
            checker: object | None = None, **kw: object) -> ImportReport:
    """Check again (under the lock) and publish only if everything passes.

    ``checker`` runs the check (default :func:`check_file` in this process; the page and the CLI pass
    :func:`pii.pipeline.sandbox.check_in_worker` so a hostile file is parsed in a limited worker).
    Killing the process at any step leaves the previous version or the new one (pii.pipeline.publish_txn)."""
    check = checker or check_file
    base = Path(base or paths.data_dir())
    seen = _fingerprint(base)
    report = check(data, name, base=base, **kw)  # type: ignore[operator]
    if not report.ok:
        return report  # refused before taking the lock: a bad file leaves no trace at all
    with _lock(base):  # one publish at a time, across processes
        _recover(base)  # a publish killed half-way is finished or undone first
        if _fingerprint(base) != seen:  # someone published meanwhile: check against their data too
            report = check(data, name, base=base, **kw)  # type: ignore[operator]
            if not report.ok:
                return report
        imp = paths.sources_dir(base) / IMPORTS_DIR
        txn = _txn(report.sha256)
        written: list[str] = []
        try:
            imp.mkdir(parents=True, exist_ok=True)
            publish_txn.begin(base, txn, "import", list(report.outputs))
            for fname, df in report.outputs.items():
                publish_txn.write_atomic(imp / fname, df.to_csv(index=False).encode("utf-8"))
                written.append(fname)
            publish_txn.fault("csv")
            publish_txn.prepare_tables(report.tables or {}, base / "parquet", tag=txn)
            _log(base, {"action": "import", "when": datetime.now(UTC).isoformat(timespec="seconds"),
                        "who": user or _whoami(), "file": report.file, "sha256": report.sha256, "kind": report.kind,
                        "rows_in_file": report.rows_in_file, "rows_added": report.added,
                        "rows_changed": report.changed, "rows_unchanged": report.unchanged, "files": written,
                        "txn": txn})
            publish_txn.fault("logged")
        except OSError as err:  # a full disk, a read-only folder: undo, say so plainly
            _recover(base)
            report.tables = None
            report.problems.append(_write_problem(report.file, err))
            return report
        publish_txn.swap(base / "parquet", tag=txn)
        publish_txn.end(base)
    return report


def _fingerprint(base: Path) -> list[tuple[str, int, int]]:
    src = paths.sources_dir(base)
    return sorted((str(p.relative_to(src)), p.stat().st_size, p.stat().st_mtime_ns)
                  for p in src.rglob("*.csv") if ROLLED_BACK_DIR not in p.parts)


def rollback(user: str | None = None, base: Path | None = None) -> dict:
    """Undo the newest import still in effect (repeat to undo older ones)."""
    base = Path(base or paths.data_dir())
    with _lock(base):
        _recover(base)
        stack: list[dict] = []
        for entry in read_log(base):  # imports still in effect, newest last
            if entry.get("action") == "import":
                stack.append(entry)
            elif entry.get("action") == "rollback" and stack:
                stack.pop()
        if not stack:
            raise DataError([Problem.of(LOG_NAME, None, None, "pb_nothing_to_roll_back")])
        last = stack[-1]
        imp = paths.sources_dir(base) / IMPORTS_DIR
        away = imp / ROLLED_BACK_DIR
        away.mkdir(parents=True, exist_ok=True)
        txn = _txn(last.get("sha256"))
        publish_txn.begin(base, txn, "rollback", [f for f in last.get("files", []) if (imp / f).exists()])
        for fname in last.get("files", []):
            if (imp / fname).exists():
                os.replace(imp / fname, away / fname)
        publish_txn.fault("csv")
        # Rebuild from the sources as they were before the import rather than
        # trusting parquet.previous, which a manual build may have replaced since.
        from pii.pipeline.build import build_tables

        try:
            publish_txn.prepare_tables(build_tables(paths.sources_dir(base)), base / "parquet", tag=txn)
            entry = {"action": "rollback", "when": datetime.now(UTC).isoformat(timespec="seconds"),
                     "who": user or _whoami(), "file": last.get("file"), "sha256": last.get("sha256"),
                     "files": last.get("files", []), "txn": txn}
            _log(base, entry)
            publish_txn.fault("logged")
        except BaseException:
            _recover(base)  # not committed: the files go back, the parquet folder was never touched
            raise
        publish_txn.swap(base / "parquet", tag=txn)
        publish_txn.end(base)
    return entry


def _whoami() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


# -- command line ----------------------------------------------------------------------

def _print_problems(report: ImportReport) -> None:
    for p in report.problems.summary() if isinstance(report.problems, ProblemList) else report.problems:
        print("  " + p.text("vi"), file=sys.stderr)
        print("  " + p.text("en"), file=sys.stderr)


def main_import(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pii import", description="check and publish an official data file")
    ap.add_argument("file", type=Path)
    ap.add_argument("--format", choices=KINDS, help="default: guessed from the header")
    ap.add_argument("--edition", help="appendix: PII edition (e.g. 2024)")
    ap.add_argument("--province", help="appendix: province name or id")
    ap.add_argument("--source", help="appendix: source id or URL of the figures")
    ap.add_argument("--units", help="framework of a new edition: unit set ('63' or '34')")
    ap.add_argument("--sheet", help="XLSX: the sheet to read (default: the one with the data)")
    ap.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the preview")
    ap.add_argument("--dry-run", action="store_true", help="check only and show the preview; write nothing")
    ap.add_argument("--user", help="ignored (kept for old scripts): the log records the signed-in OS account")
    args = ap.parse_args(argv)
    from pii.pipeline import sandbox  # the check runs in a limited worker process (issue 12)

    try:
        data = args.file.read_bytes()
    except OSError as err:
        print(f"cannot read {args.file}: {err}", file=sys.stderr)
        return 2
    kw = dict(kind=args.format, edition=args.edition, province=args.province, source=args.source,
              units=args.units, sheet=args.sheet)
    if args.dry_run:
        report = sandbox.check_in_worker(data, args.file.name, **kw)
        from pii.pipeline.preview import print_preview

        print_preview(report, args.lang)
    else:
        report = publish(data, args.file.name, user=f"cli:{_whoami()}", checker=sandbox.check_in_worker, **kw)
    if report.problems:
        print(f"IMPORT REFUSED: {report.problem_count} problem(s) in {report.file}; nothing was written.",
              file=sys.stderr)
        _print_problems(report)
        return 1
    verb = "checked (dry run, nothing written)" if args.dry_run else "published"
    print(f"{verb}: {report.file} [{report.kind}] rows in file={report.rows_in_file} added={report.added} "
          f"changed={report.changed} unchanged={report.unchanged} in {report.seconds:.2f}s")
    return 0


def main_rollback(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pii rollback", description="restore the previous data version")
    ap.add_argument("--user", help="ignored (kept for old scripts): the log records the signed-in OS account")
    ap.parse_args(argv)
    try:
        entry = rollback(f"cli:{_whoami()}")
    except DataError as err:
        for p in err.problems:
            print(p.text("en"), file=sys.stderr)
        return 1
    print(f"rolled back the import of {entry['file']} (sha256 {str(entry['sha256'])[:12]}…)")
    return 0


def main(argv: list[str] | None = None) -> int:
    return main_import(argv)
