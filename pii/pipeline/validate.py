"""Checks shared by the data build and the import: ranges, ranks, codes,
provinces, sources, duplicate keys, rank/score order and aggregates.

Input is the *long* layout: one row per (edition, province, code, measure)
with measure ``score`` or ``rank``. Each row carries ``_file`` and ``_row`` so
every problem can name where it is.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import pandas as pd

from pii.pipeline.names import ProvinceMatcher
from pii.pipeline.problems import Problem

LONG_COLUMNS = ("edition", "province", "code", "measure", "value", "source")
AGG_TOLERANCE = 0.01


def records(df: pd.DataFrame) -> list:
    """Rows as attribute objects; unlike itertuples() keeps ``_file``/``_row``."""

    return [SimpleNamespace(**r) for r in df.to_dict("records")]


def _num(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    if text == "":
        return None
    try:
        out = float(text)
    except ValueError:
        return math.nan
    return out


def in_unit_set(provinces: pd.DataFrame, unit_set: str) -> pd.Series:
    """Mask of the units ranked in a unit set ('63' or '34')."""
    return provinces["unit_sets"].astype(str).str.split("|").apply(lambda sets: str(unit_set) in sets)


def matchers_by_edition(provinces: pd.DataFrame, aliases: pd.DataFrame,
                        editions: pd.DataFrame) -> dict[int, ProvinceMatcher]:
    out = {}
    alias_pairs = list(aliases[["alias", "province_id"]].itertuples(index=False, name=None))
    for ed in editions.itertuples():
        in_set = provinces[in_unit_set(provinces, str(ed.unit_set))]
        units = in_set[["province_id", "name_vi", "name_en"]].itertuples(index=False, name=None)
        out[int(ed.edition)] = ProvinceMatcher(units, alias_pairs)
    return out


def validate_long(
    long: pd.DataFrame,
    framework: pd.DataFrame,
    editions: pd.DataFrame,
    matchers: dict[int, ProvinceMatcher],
    unit_names: dict[str, str] | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate long-format rows. Returns (rows with province_id and numeric
    value, problems). Rows with problems are dropped from the returned frame.
    ``unit_names`` (province id -> name) names the units in the cross-unit messages."""
    problems: list[Problem] = []
    files = long["_file"].unique().tolist() if "_file" in long else ["<input>"]
    missing = [c for c in LONG_COLUMNS if c not in long.columns]
    if missing:
        for f in files:
            problems.append(Problem.of(f, 1, ", ".join(missing), "pb_missing_columns", cols=", ".join(missing)))
        return long.iloc[0:0], problems
    codes = {int(e): set(g["code"]) for e, g in framework.groupby("edition")}
    units_ranked = {int(r.edition): int(r.units_ranked) for r in editions.itertuples()}
    keep = []
    province_ids = []
    values = []
    edition_ints = []
    for rec in long.to_dict("records"):
        f, r = rec.get("_file", "<input>"), rec.get("_row")
        bad = False

        def add(col: str, key: str, val: object = None, f: str = f, r: object = r, **fields: object) -> None:
            nonlocal bad
            bad = True
            problems.append(Problem.of(f, r, col, key, val, **fields))

        ed_num = _num(rec["edition"])
        edition = int(ed_num) if ed_num is not None and not math.isnan(ed_num) and ed_num == int(ed_num) else None
        if edition not in units_ranked:
            add("edition", "pb_unknown_edition", rec["edition"])
        pid = None
        if edition in matchers:
            pid = matchers[edition].match(rec["province"]) if str(rec["province"] or "").strip() else None
            if pid is None:
                add("province", "pb_not_a_unit", rec["province"], edition=edition)
        code = str(rec["code"] or "").strip()
        if edition in codes and code not in codes[edition]:
            add("code", "pb_code_not_in_framework", rec["code"], edition=edition)
        measure = str(rec["measure"] or "").strip().lower()
        value = _num(rec["value"])
        if measure not in ("score", "rank"):
            add("measure", "pb_bad_measure", rec["measure"])
        elif value is None:
            add("value", "pb_value_empty", rec["value"])
        elif math.isnan(value) or math.isinf(value):
            add("value", "pb_not_a_number", rec["value"])
        elif measure == "score" and not 0 <= value <= 100:
            add("value", "pb_score_range", rec["value"])
        elif measure == "rank":
            n = units_ranked.get(edition)
            if n is None:
                pass  # the unknown edition is already reported; "from 1 to None" would say nothing
            elif value != int(value) or not 1 <= value <= n:
                add("value", "pb_rank_range", rec["value"], n=n)
        if not str(rec.get("source") or "").strip() or str(rec.get("source")).strip().lower() == "nan":
            add("source", "pb_no_source")
        if not bad:
            keep.append(True)
            province_ids.append(pid)
            values.append(value)
            edition_ints.append(edition)
        else:
            keep.append(False)
            province_ids.append(None)
            values.append(None)
            edition_ints.append(None)
    out = long.copy()
    out["province_id"] = province_ids
    out["value"] = values
    out["edition"] = edition_ints
    out["measure"] = out["measure"].astype(str).str.strip().str.lower()
    out["code"] = out["code"].astype(str).str.strip()
    out = out[keep]
    # Failed rows held None, which made the column float (2024.0); the importer compares keys as
    # text, so a float edition made valid rows look like duplicates of the rows they replace.
    out["edition"] = out["edition"].astype("int64")
    problems += _check_duplicates(out)
    problems += _check_rank_order(out, unit_names or {})
    problems += _check_aggregates(out, framework, editions, unit_names or {})
    return out, problems


def _check_duplicates(long: pd.DataFrame) -> list[Problem]:
    key = ["edition", "province_id", "code", "measure"]
    dup = long[long.duplicated(key, keep=False)]
    problems = []
    for _, grp in dup.groupby(key):
        first = grp.iloc[0]
        for rec in records(grp.iloc[1:]):
            problems.append(Problem.of(rec._file, rec._row, "code", "pb_duplicate_key",
                                       f"{rec.edition}/{rec.province}/{rec.code}/{rec.measure}",
                                       other_file=first._file, other_row=first._row))
    return problems


def _check_rank_order(long: pd.DataFrame, names: dict[str, str]) -> list[Problem]:
    """A province with a strictly higher score cannot have a worse rank."""
    problems = []
    if long.empty:
        return problems
    both = long.pivot_table(index=["edition", "code", "province_id"], columns="measure",
                            values="value", aggfunc="first")
    if not {"score", "rank"} <= set(both.columns):
        return problems
    both = both.dropna(subset=["score", "rank"]).reset_index()
    loc = long[long["measure"] == "rank"].set_index(["edition", "code", "province_id"])
    for (ed, code), grp in both.groupby(["edition", "code"]):
        grp = grp.sort_values("score", ascending=False)
        recs = grp.to_dict("records")
        for i, a in enumerate(recs):
            for b in recs[i + 1:]:
                if a["score"] > b["score"] and a["rank"] > b["rank"]:
                    where = loc.loc[(ed, code, a["province_id"])]
                    if isinstance(where, pd.DataFrame):  # the key twice (its own problem): the first row
                        where = where.iloc[0]
                    problems.append(Problem.of(
                        where["_file"], int(where["_row"]), "value", "pb_rank_contradicts", f"{ed} {code}",
                        measure="rank", a=names.get(a["province_id"], a["province_id"]), a_score=a["score"],
                        a_rank=int(a["rank"]), b=names.get(b["province_id"], b["province_id"]), b_score=b["score"],
                        b_rank=int(b["rank"])))
    return problems


def _check_aggregates(long: pd.DataFrame, framework: pd.DataFrame, editions: pd.DataFrame,
                      names: dict[str, str]) -> list[Problem]:
    """Every published aggregate whose children are all published must equal
    their arithmetic mean within 0.01."""
    problems = []
    scores = long[long["measure"] == "score"]
    if scores.empty:
        return problems
    complete = {int(r.edition): str(r.structure_complete).lower() == "true" for r in editions.itertuples()}
    loc = scores.set_index(["edition", "province_id", "code"])
    for ed, fw in framework.groupby("edition"):
        ed = int(ed)
        children = fw[fw["parent_code"].notna() & (fw["parent_code"] != "")].groupby("parent_code")["code"].apply(list)
        levels = dict(zip(fw["code"], fw["level"]))
        ed_scores = scores[scores["edition"] == ed]
        for pid, grp in ed_scores.groupby("province_id"):
            have = dict(zip(grp["code"], grp["value"]))
            for parent, kids in children.items():
                if parent not in have:
                    continue
                if not complete.get(ed, False) and levels.get(parent) == "pillar":
                    continue  # pillar children (index groups) not loaded for this edition
                if not all(k in have for k in kids):
                    continue
                mean = sum(have[k] for k in kids) / len(kids)
                if abs(mean - have[parent]) > AGG_TOLERANCE:
                    where = loc.loc[(ed, pid, parent)]
                    if isinstance(where, pd.DataFrame):
                        where = where.iloc[0]
                    problems.append(Problem.of(
                        where["_file"], int(where["_row"]), "value", "pb_aggregate_off", have[parent],
                        measure="score", code=parent, province=names.get(pid, pid), edition=ed, figure=have[parent],
                        kids=", ".join(kids), mean=f"{mean:.4f}"))
    return problems
