"""Checks of the reference kinds: a framework edition and a crosswalk between editions."""

from __future__ import annotations

import re

import pandas as pd

from pii.pipeline.import_context import Current
from pii.pipeline.import_formats import RawTable
from pii.pipeline.import_layout import LEVELS
from pii.pipeline.import_report import ImportReport
from pii.pipeline.problems import Problem


def check_framework(table: RawTable, cur: Current, report: ImportReport, stamp: str, slug: str,
                     units: str | None) -> None:
    from pii.framework import IncompleteFramework, Tree

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


def check_crosswalk(table: RawTable, cur: Current, report: ImportReport, stamp: str, slug: str) -> None:
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
