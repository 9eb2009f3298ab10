"""Build the parquet tables (DESIGN §4) from the human-readable CSVs in
``pii_data/sources``. Refuses to write anything if any check fails.

Run: ``python -m pii build`` (or ``python -m pii.pipeline.build``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd

from pii.pipeline import paths
from pii.pipeline.import_store import imported_scores, merge_crosswalk, supersede, with_imports
from pii.pipeline.problems import DataError, Problem
from pii.pipeline.validate import in_unit_set, matchers_by_edition, validate_long
from pii.pipeline.validate import records as _records
from pii.safety import is_http_url

SCORE_FILES = ("published_scores.csv", "published_scores_addendum.csv", "published_scores_addendum_2.csv",
               "scores_plan152.csv")
REGION_RANK_FILES = ("published_region_ranks.csv", "published_region_ranks_addendum_2.csv")


def read_csv(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    df["_file"] = path.name
    df["_row"] = range(2, len(df) + 2)
    return df


def _strip(df: pd.DataFrame) -> pd.DataFrame:
    return df.drop(columns=[c for c in ("_file", "_row") if c in df.columns])


def _required(df: pd.DataFrame, cols: list[str], problems: list[Problem]) -> None:
    for col in cols:
        if col not in df.columns:
            problems.append(Problem.of(df["_file"].iat[0] if len(df) else "?", 1, col, "pb_missing_column", col=col))
            continue
        for rec in _records(df[df[col].astype(str).str.strip() == ""]):
            problems.append(Problem.of(rec._file, rec._row, col, "pb_cell_empty", col=col))


def _unique(df: pd.DataFrame, key: list[str], problems: list[Problem]) -> None:
    for rec in _records(df[df.duplicated(key, keep="first")]):
        problems.append(Problem.of(rec._file, rec._row, key[-1], "pb_duplicate",
                                   "/".join(str(getattr(rec, k)) for k in key), fields=key))


def load_reference(src: Path) -> dict[str, pd.DataFrame]:
    names = ("framework_editions", "regions", "provinces", "province_members", "province_aliases",
             "framework", "sources", "units", "plans", "plan_assignments", "plan_actions",
             "targets", "peer_groups", "checklists")
    ref = {n: with_imports(src, n, read_csv(src / f"{n}.csv")) for n in names}
    ref["unit_successors"] = load_successors(src)
    return ref


def check_reference(ref: dict[str, pd.DataFrame]) -> list[Problem]:
    problems: list[Problem] = []
    fw = ref["framework"]
    _required(fw, ["edition", "code", "level", "name_vi", "name_en"], problems)
    _unique(fw, ["edition", "code"], problems)
    known = set(zip(fw["edition"], fw["code"]))
    for rec in _records(fw[fw["parent_code"] != ""]):
        if (rec.edition, rec.parent_code) not in known:
            problems.append(Problem.of(rec._file, rec._row, "parent_code", "pb_parent_not_in_edition", rec.parent_code))
    eds = set(ref["framework_editions"]["edition"])
    for rec in _records(fw[~fw["edition"].isin(eds)]):
        problems.append(Problem.of(rec._file, rec._row, "edition", "pb_edition_undeclared", rec.edition))
    prov = ref["provinces"]
    _required(prov, ["province_id", "name_vi", "name_en", "region_id", "unit_sets"], problems)
    _unique(prov, ["province_id"], problems)
    regions = set(ref["regions"]["region_id"])
    for rec in _records(prov[~prov["region_id"].isin(regions)]):
        problems.append(Problem.of(rec._file, rec._row, "region_id", "pb_unknown_region", rec.region_id))
    pids = set(prov["province_id"])
    for name, col in (("province_members", "unit_id"), ("province_members", "member_id"),
                      ("province_aliases", "province_id")):
        df = ref[name]
        for rec in _records(df[~df[col].isin(pids)]):
            problems.append(Problem.of(rec._file, rec._row, col, "pb_unknown_province", getattr(rec, col)))
    _unique(ref["sources"], ["source_id"], problems)
    unit_ids = set(ref["units"]["unit_id"])
    pa = ref["plan_assignments"]
    for rec in _records(pa[~pa["unit_id"].isin(unit_ids)]):
        problems.append(Problem.of(rec._file, rec._row, "unit_id", "pb_unknown_unit", rec.unit_id))
    problems += check_successors(ref, unit_ids)
    for name in ("plan_assignments", "plan_actions"):
        df = ref[name]
        fw_codes = set(fw["code"])
        for rec in _records(df[~df["code"].isin(fw_codes)]):
            problems.append(Problem.of(rec._file, rec._row, "code", "pb_unknown_code", rec.code))
    return problems


SUCCESSOR_COLUMNS = ["unit_2024", "unit_2025", "share", "valid_from", "source_id", "note"]


def load_successors(src: Path) -> pd.DataFrame:
    """The 2025 successor of each lead unit the plan names (absent file = none)."""
    path = src / "unit_successors.csv"
    if not path.exists():
        df = pd.DataFrame(columns=SUCCESSOR_COLUMNS)
        df["_file"], df["_row"] = "unit_successors.csv", []
        return df
    return read_csv(path)


def check_successors(ref: dict[str, pd.DataFrame], unit_ids: set[str]) -> list[Problem]:
    """Every unit named in unit_successors.csv exists in units.csv, with a
    listed legal source, a date and a share (whole/part); a unit has one successor."""
    problems: list[Problem] = []
    su = ref.get("unit_successors")
    if su is None or su.empty:
        return problems
    _required(su, ["unit_2024", "unit_2025", "share", "valid_from", "source_id"], problems)
    _unique(su, ["unit_2024"], problems)
    for col in ("unit_2024", "unit_2025"):
        for rec in _records(su[~su[col].isin(unit_ids)]):
            problems.append(Problem.of(rec._file, rec._row, col, "pb_unknown_unit", getattr(rec, col)))
    known = set(ref["sources"]["source_id"])
    for rec in _records(su[~su["source_id"].isin(known)]):
        problems.append(Problem.of(rec._file, rec._row, "source_id", "pb_source_not_listed", rec.source_id))
    for rec in _records(su[~su["share"].isin(["whole", "part"])]):
        problems.append(Problem.of(rec._file, rec._row, "share", "pb_share", rec.share))
    bad_date = pd.to_datetime(su["valid_from"], format="%Y-%m-%d", errors="coerce").isna()
    for rec in _records(su[bad_date]):
        problems.append(Problem.of(rec._file, rec._row, "valid_from", "pb_date", rec.valid_from))
    return problems


def _source_lookup(sources: pd.DataFrame) -> dict[str, str]:
    out = {sid: sid for sid in sources["source_id"]}
    out.update({url: sid for url, sid in zip(sources["url"], sources["source_id"]) if url})
    return out


def _resolve_sources(df: pd.DataFrame, col: str, lookup: dict[str, str], problems: list[Problem]) -> pd.Series:
    ids = df[col].map(lambda v: lookup.get(str(v).strip()))
    for rec in _records(df[ids.isna() & (df[col].astype(str).str.strip() != "")]):
        problems.append(Problem.of(rec._file, rec._row, col, "pb_source_not_listed", getattr(rec, col)))
    return ids


def load_scores_long(src: Path, files: tuple[str, ...] = SCORE_FILES) -> pd.DataFrame:
    frames = []
    for name in files:
        df = read_csv(src / name)
        if "source_url" in df.columns and "source" not in df.columns:
            df = df.rename(columns={"source_url": "source"})
        frames.append(df)
    frames += imported_scores(src) if files == SCORE_FILES else []
    return pd.concat(frames, ignore_index=True)


def scores_wide(long: pd.DataFrame, units_ranked: dict[int, int]) -> pd.DataFrame:
    """One row per (edition, province_id, code) with score and rank side by side."""
    key = ["edition", "province_id", "code"]
    cols = ["value", "source_id", "status", "note"]
    for col in ("status", "note"):
        if col not in long.columns:
            long = long.assign(**{col: ""})
    score = long[long["measure"] == "score"][key + cols].rename(columns={
        "value": "score", "source_id": "score_source_id", "status": "score_status", "note": "score_note"})
    rank = long[long["measure"] == "rank"][key + cols].rename(columns={
        "value": "rank", "source_id": "rank_source_id", "status": "rank_status", "note": "rank_note"})
    wide = score.merge(rank, on=key, how="outer")
    wide["edition"] = wide["edition"].astype("int32")
    wide["score"] = wide["score"].astype("float64")
    wide["rank"] = wide["rank"].astype("Int32")
    wide["rank_of"] = wide["edition"].map(units_ranked).astype("Int32")
    return wide.sort_values(key).reset_index(drop=True)


def peer_members(groups: pd.DataFrame, provinces: pd.DataFrame, members: pd.DataFrame,
                 editions: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for g in groups.itertuples():
        kind, _, arg = g.rule.partition(":")
        for ed in editions.itertuples():
            edition, unit_set = int(ed.edition), str(ed.unit_set)
            units = provinces[in_unit_set(provinces, unit_set)]
            if kind == "region":
                old_ids = set(provinces.loc[provinces["region_id"] == arg, "province_id"])
                contains = set(members.loc[members["member_id"].isin(old_ids), "unit_id"])
                chosen = units[units["province_id"].isin(old_ids | contains)]["province_id"]
            elif kind == "top_rank":
                code, n = arg.split(":")
                s = scores[(scores["edition"] == edition) & (scores["code"] == code) & (scores["rank"] <= int(n))]
                chosen = s["province_id"]
            else:
                raise ValueError(f"unknown peer group rule {g.rule!r}")
            rows += [(g.peer_group_id, edition, pid) for pid in sorted(chosen)]
    return pd.DataFrame(rows, columns=["peer_group_id", "edition", "province_id"])


def build_tables(src: Path) -> dict[str, pd.DataFrame]:
    """Read and check every source CSV; return the tables or raise DataError."""
    ref = load_reference(src)
    problems = check_reference(ref)
    editions = ref["framework_editions"]
    framework = ref["framework"]
    matchers = matchers_by_edition(ref["provinces"], ref["province_aliases"], editions)
    lookup = _source_lookup(ref["sources"])
    for rec in _records(ref["sources"]):  # issue 12: a source link must be a plain http(s) URL
        url = str(getattr(rec, "url", "") or "").strip()
        if url and not is_http_url(url):
            problems.append(Problem.of(rec._file, rec._row, "url", "pb_source_http", url))

    long = supersede(load_scores_long(src), matchers)
    long["source_id"] = _resolve_sources(long, "source", lookup, problems)
    checked, found = validate_long(long, framework.assign(edition=framework["edition"].astype(int)),
                                   editions, matchers)
    problems += found
    if "units_ranked" in checked.columns:
        n_of = {int(r.edition): str(r.units_ranked) for r in editions.itertuples()}
        for rec in _records(checked):
            if str(rec.units_ranked).strip() not in ("", n_of[rec.edition]):
                problems.append(Problem.of(rec._file, rec._row, "units_ranked", "pb_units_ranked", rec.units_ranked,
                                           n=n_of[rec.edition]))

    region_names = dict(zip(ref["regions"]["name_vi"], ref["regions"]["region_id"]))
    ra = read_csv(src / "published_region_averages.csv")
    rr = pd.concat([read_csv(src / f) for f in REGION_RANK_FILES if (src / f).exists()], ignore_index=True)
    for df in (ra, rr):
        df["region_id"] = df["region"].map(region_names)
        for rec in _records(df[df["region_id"].isna()]):
            problems.append(Problem.of(rec._file, rec._row, "region", "pb_unknown_region", rec.region))
        df["source_id"] = _resolve_sources(df, "source_url", lookup, problems)
    rr["province_id"] = [matchers[int(e)].match(p) if int(e) in matchers else None
                         for e, p in zip(rr["edition"], rr["province"])]
    for rec in _records(rr[rr["province_id"].isna()]):
        problems.append(Problem.of(rec._file, rec._row, "province", "pb_unknown_province", rec.province))
    if problems:
        raise DataError(problems)

    units_ranked = {int(r.edition): int(r.units_ranked) for r in editions.itertuples()}
    scores = scores_wide(checked, units_ranked)
    prov = _strip(ref["provinces"])
    fw = _strip(framework)
    fw["edition"] = fw["edition"].astype("int32")
    fw["sort_order"] = fw["sort_order"].astype("int32")
    fw["inverse"] = fw["inverse"].str.lower() == "true"
    fw = fw.replace({"parent_code": {"": None}, "source_index": {"": None}})
    crosswalk = merge_crosswalk(_identity_crosswalk(fw), src)
    eds = _strip(editions)
    eds["edition"] = eds["edition"].astype("int32")
    eds["units_ranked"] = eds["units_ranked"].astype("int32")
    eds["structure_complete"] = eds["structure_complete"].str.lower() == "true"
    ra_t = _strip(ra).drop(columns=["source_url"]).assign(
        edition=lambda d: d["edition"].astype("int32"), avg_score=lambda d: d["avg_score"].astype(float))
    rr_t = _strip(rr).drop(columns=["source_url"]).assign(
        edition=lambda d: d["edition"].astype("int32"), region_rank=lambda d: d["region_rank"].astype("int32"),
        units_in_region=lambda d: pd.to_numeric(d["units_in_region"]).astype("Int32"))
    groups = _strip(ref["peer_groups"])
    tables = {
        "editions": eds,
        "regions": _strip(ref["regions"]).assign(sort_order=lambda d: d["sort_order"].astype("int32")),
        "provinces": prov,
        "province_members": _strip(ref["province_members"]).assign(position=lambda d: d["position"].astype("int32")),
        "province_aliases": _strip(ref["province_aliases"]),
        "framework": fw,
        "crosswalk": crosswalk,
        "scores": scores,
        "sources": _strip(ref["sources"]),
        "region_averages": ra_t,
        "region_ranks": rr_t,
        "units": _strip(ref["units"]),
        "plans": _strip(ref["plans"]),
        "plan_assignments": _strip(ref["plan_assignments"]).assign(position=lambda d: d["position"].astype("int32")),
        "plan_actions": _strip(ref["plan_actions"]).assign(action_no=lambda d: d["action_no"].astype("int32")),
        "targets": _strip(ref["targets"]).assign(max_rank=lambda d: d["max_rank"].astype("int32")),
        "peer_groups": groups,
        "checklists": _strip(ref["checklists"]).assign(item_no=lambda d: d["item_no"].astype("int32")),
        "peer_group_members": peer_members(groups, prov, ref["province_members"], eds, scores),
        "unit_successors": _strip(ref["unit_successors"]).reindex(columns=SUCCESSOR_COLUMNS).assign(
            valid_from=lambda d: pd.to_datetime(d["valid_from"], format="%Y-%m-%d").dt.date),
    }
    return tables


def _identity_crosswalk(fw: pd.DataFrame) -> pd.DataFrame:
    """Codes that carry over between consecutive editions (same code, same level)."""
    rows = []
    eds = sorted(fw["edition"].unique())
    for a, b in zip(eds, eds[1:]):
        fa = fw[fw["edition"] == a].set_index("code")["level"]
        fb = fw[fw["edition"] == b].set_index("code")["level"]
        for code in fa.index.intersection(fb.index):
            if fa[code] == fb[code]:
                rows.append((int(a), code, int(b), code, "same code and level"))
    return pd.DataFrame(rows, columns=["from_edition", "from_code", "to_edition", "to_code", "note"])


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path, keep_previous: bool = True) -> Path:
    """Publish atomically: write every table into ``<out_dir>.next`` beside the
    current one, then exchange the folders in one atomic rename (issue 12:
    readers never see a missing folder; pii.pipeline.publish_txn). The previous
    version is kept in ``<out_dir>.previous`` for rollback."""
    from pii.pipeline import publish_txn

    tag = os.urandom(8).hex()
    publish_txn.prepare_tables(tables, out_dir, tag=tag)
    return publish_txn.swap(out_dir, keep_previous=keep_previous, tag=tag)


def parquet_dir(base: Path | None = None) -> Path:
    return (base or paths.data_dir()) / "parquet"


def main(argv: list[str] | None = None) -> int:
    base = Path(argv[0]) if argv else paths.data_dir()
    from pii.pipeline.import_lock import lock, recover_locked

    # Under the data folder's lock, from reading the sources to swapping the tables (issue 22): a publish
    # either finished before (its CSV is read) or waits until the build is done.
    with lock(base):
        recover_locked(base)  # a publish killed half-way is finished or undone before building (issue 12)
        try:
            tables = build_tables(paths.sources_dir(base))
        except DataError as err:
            print(f"BUILD REFUSED: {len(err.problems)} problem(s); nothing was written.", file=sys.stderr)
            for p in err.problems:
                print("  " + p.text("en"), file=sys.stderr)
                print("  " + p.text("vi"), file=sys.stderr)
            return 1
        out = write_tables(tables, parquet_dir(base))
    counts = ", ".join(f"{k}={len(v)}" for k, v in tables.items())
    print(f"built {out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
