"""Checks of an upload's rows: text cells, sources, and the build's own checks on the merged data."""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from pii.pipeline import limits
from pii.pipeline.import_context import Current
from pii.pipeline.import_formats import RawTable
from pii.pipeline.import_layout import ALIASES, NUMERIC_COLUMNS, REQUIRED, URL
from pii.pipeline.import_report import ImportReport
from pii.pipeline.names import hidden_char, name_problem
from pii.pipeline.problems import Problem
from pii.safety import has_markup, is_http_url, starts_like_formula

_READ_COLUMNS = (set(ALIASES) | {c for cols in REQUIRED.values() for c in cols}
                 | {"sort_order", "description_vi", "description_en", "side", "source_index", "inverse",
                    "units_ranked", "measure", "value"})


_LINE_CHARS = "\t\n"  # a tab or a line break inside a cell is visible, and allowed


def _hidden(text: str) -> tuple[str, dict[str, str]] | None:
    return name_problem(text, _LINE_CHARS) if hidden_char(text, _LINE_CHARS) else None


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
            # which hidden character and where (issue 22 item 11); a province name has no look-alike letters either
            why = name_problem(text, _LINE_CHARS) if col == "province" else _hidden(text)
            if why:
                problems.append(Problem.of(table.file, line, col, why[0], text[:120], **why[1]))
            elif col not in NUMERIC_COLUMNS and starts_like_formula(text) and not text.startswith(("=", "@")):
                # '=' and '@' are already refused by the reader as formulas
                problems.append(Problem.of(table.file, line, col, "pb_formula_like", text[:120]))
            elif col not in ("source", "note") and has_markup(text):  # Streamlit's whole dialect (issue 22)
                problems.append(Problem.of(table.file, line, col, "pb_markup", text[:120]))
    return problems



# -- scores: sources, row checks, cross checks on the merged data ---------------------------

def _resolve_sources(rows: list[dict], cur: Current, problems: list[Problem]) -> dict[str, dict]:
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


def check_scores(rows: list[dict], cur: Current, report: ImportReport, stamp: str, slug: str) -> None:
    from pii.pipeline.validate import validate_long

    problems = report.problems
    new_sources = _resolve_sources(rows, cur, problems)
    if not rows:
        return
    new = pd.DataFrame(rows)
    probe = new["_probe"].fillna(False).astype(bool) if "_probe" in new.columns else pd.Series(False, index=new.index)
    by_row = {(r["_file"], r["_row"]): r["_col"] for r in rows}
    fw, eds, matchers = cur.framework, cur.editions, cur.matchers
    names = dict(zip(cur.ref["provinces"]["province_id"], cur.ref["provinces"]["name_vi"]))  # units by name
    per_measure, parts = [], []
    for measure in ("score", "rank"):
        part = new[new["measure"] == measure]
        if len(part):
            checked, found = validate_long(part.copy(), fw, eds, matchers, unit_names=names)
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
    _, cross = validate_long(merged, fw, eds, matchers, unit_names=names)
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


def _hint_units(problems: list[Problem], cur: Current) -> list[Problem]:
    """A province named in the wrong edition: say which editions it belongs to."""
    out = []
    for p in problems:
        if p.column == "province" and p.value and name_problem(p.value):
            continue  # the text check already said which hidden or look-alike character keeps it from matching
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
