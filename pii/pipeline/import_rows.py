"""Rows of an upload: each record of a long or appendix table becomes one row per measure."""

from __future__ import annotations

import re

import pandas as pd

from pii.pipeline.import_formats import RawTable, parse_number
from pii.pipeline.import_layout import _ROMAN, FULL_CODE
from pii.pipeline.numbers import parse_rank
from pii.pipeline.problems import Problem


def long_rows(table: RawTable, problems: list[Problem], defaults: dict[str, str] | None = None) -> list[dict]:
    """One row per figure of a long table; ``defaults`` (the --edition, --province, --source options) fill the
    cells a row leaves empty, so a file without a source column imports with ``--source``."""
    rows = []
    defaults = {k: str(v).strip() for k, v in (defaults or {}).items() if v}
    for line, rec in table.records():
        base = {k: str(rec.get(k, "")).strip() or defaults.get(k, "")
                for k in ("edition", "province", "code", "source")}
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


def appendix_rows(table: RawTable, edition: str, province: str, source: str, problems: list[Problem],
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
