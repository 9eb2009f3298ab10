"""The only code that talks to DuckDB.

Named ``.sql`` files under ``queries/sql`` run with bound parameters only. One
connection per process holds views over the parquet files; each call takes its
own ``cursor()`` because Streamlit serves sessions from several threads.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from pii.pipeline import paths

SQL_DIR = Path(__file__).parent / "sql"
# Results kept per PiiDB instance; a page run asks the same few questions
# dozens of times and each DuckDB round trip + DataFrame build costs ~1 ms.
MEMO_SIZE = 2048
# Identifiers come from this fixed list, never from user input.
REQUIRED_TABLES = tuple(t for t in paths.TABLES if t not in paths.OPTIONAL_TABLES)  # the one list (pii.pipeline.paths)


# Tables added later (paths.OPTIONAL_TABLES): created empty with these columns when a data folder predates them.
OPTIONAL_TABLES = {
    "checklists": "plan_id VARCHAR, code VARCHAR, item_no INTEGER, item_vi VARCHAR, item_en VARCHAR, "
                  "source_id VARCHAR, note VARCHAR",
    "unit_successors": "unit_2024 VARCHAR, unit_2025 VARCHAR, share VARCHAR, valid_from DATE, source_id VARCHAR, "
                       "note VARCHAR",
}

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@cache
def sql_params(name: str) -> frozenset[str]:
    """The ``$name`` parameters a query file binds (a regex, so ``$code`` is
    not taken for present because ``$codes`` is)."""
    return frozenset(_PARAM.findall(sql(name)))


@cache
def sql(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"bad query name {name!r}")
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


class PiiDB:
    """Read-only access to one parquet folder."""

    def __init__(self, parquet_dir: Path | None = None):
        self.parquet_dir = Path(parquet_dir or paths.data_dir() / "parquet")
        missing = [t for t in REQUIRED_TABLES if not (self.parquet_dir / f"{t}.parquet").exists()]
        if missing:
            raise FileNotFoundError(
                f"data not built in {self.parquet_dir}: missing {', '.join(missing)}; run `python -m pii build`")
        self._con = duckdb.connect(":memory:")
        self._lock = threading.Lock()
        self._memo: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        for table in REQUIRED_TABLES:
            path = str(self.parquet_dir / f"{table}.parquet").replace("'", "''")
            # Loaded into memory once: the files are small and never change
            # while the process runs (publishing swaps the folder, see build.py).
            self._con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{path}')")
        for table, columns in OPTIONAL_TABLES.items():
            # a data folder built before the table existed (an older demo cache, a published
            # import) reads as an empty table, not as an error
            path = self.parquet_dir / f"{table}.parquet"
            if path.exists():
                quoted = str(path).replace("'", "''")
                self._con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{quoted}')")
            else:
                self._con.execute(f"CREATE TABLE {table} ({columns})")

    def query(self, name: str, **params: object) -> pd.DataFrame:
        text = sql(name)
        wanted = sql_params(name)
        unknown, missing = set(params) - wanted, wanted - set(params)
        if unknown or missing:
            raise TypeError(f"query {name} takes parameter(s) {sorted(wanted)}; "
                            f"unknown {sorted(unknown)}, missing {sorted(missing)}")
        used = dict(params)
        # The tables are loaded once and never change for this instance (a
        # publish swaps the folder and the app opens a new PiiDB), so results
        # can be memoised. A shallow copy is handed out: with pandas'
        # copy-on-write a caller that edits it never touches the cached frame.
        key = (name, *sorted((k, _hashable(v)) for k, v in used.items()))
        with self._lock:
            hit = self._memo.get(key)
            if hit is not None:
                self._memo.move_to_end(key)
                return hit.copy(deep=False)
            cur = self._con.cursor()
        try:
            df = cur.execute(text, used).df()
        finally:
            cur.close()
        with self._lock:
            self._memo[key] = df
            if len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return df.copy(deep=False)

    # -- the API the pages use ------------------------------------------------
    def editions(self) -> pd.DataFrame:
        return self.query("editions")

    def units(self, edition: int) -> pd.DataFrame:
        return self.query("units_of_edition", edition=int(edition))

    def all_provinces(self) -> pd.DataFrame:
        return self.query("provinces_all")

    def province_aliases(self) -> pd.DataFrame:
        return self.query("province_aliases")

    def members(self, unit_id: str) -> pd.DataFrame:
        return self.query("province_members", unit_id=unit_id)

    def successors(self) -> pd.DataFrame:
        return self.query("successors")

    def unit_successors(self) -> pd.DataFrame:
        """2024 lead unit -> its 2025 successor, with names, date and legal source."""
        return self.query("unit_successors")

    def regions(self) -> pd.DataFrame:
        return self.query("regions")

    def peer_groups(self) -> pd.DataFrame:
        return self.query("peer_groups")

    def peer_group_members(self, group_id: str, edition: int) -> pd.DataFrame:
        return self.query("peer_group_members", group_id=group_id, edition=int(edition))

    def framework(self, edition: int) -> pd.DataFrame:
        return self.query("framework", edition=int(edition))

    def scores(self, edition: int, provinces: list[str] | None = None, codes: list[str] | None = None,
               levels: list[str] | None = None) -> pd.DataFrame:
        return self.query("scores", edition=int(edition), provinces=_list(provinces), codes=_list(codes),
                          levels=_list(levels))

    def score_history(self, provinces: list[str], codes: list[str]) -> pd.DataFrame:
        return self.query("score_history", provinces=list(provinces), codes=list(codes))

    def coverage(self) -> pd.DataFrame:
        return self.query("coverage")

    def plan_assignments(self, plan_id: str, code: str | None = None, unit_id: str | None = None) -> pd.DataFrame:
        return self.query("plan_assignments", plan_id=plan_id, code=code, unit_id=unit_id)

    def plan_actions(self, plan_id: str, code: str | None = None) -> pd.DataFrame:
        return self.query("plan_actions", plan_id=plan_id, code=code)

    def plans(self, province_id: str) -> pd.DataFrame:
        return self.query("plans", province_id=province_id)

    def plans_by_id(self, plan_id: str) -> pd.DataFrame:
        return self.query("plan", plan_id=plan_id)

    def targets(self, plan_id: str) -> pd.DataFrame:
        return self.query("targets", plan_id=plan_id)

    def plan_units(self) -> pd.DataFrame:
        return self.query("units")

    def checklists(self, plan_id: str) -> pd.DataFrame:
        """Evidence checklist items of a plan (issue 23): one row per item, with its source."""
        return self.query("checklists", plan_id=plan_id)

    def sources(self, ids: list[str] | None = None) -> pd.DataFrame:
        return self.query("sources", ids=_list(ids))

    def region_averages(self, edition: int) -> pd.DataFrame:
        return self.query("region_averages", edition=int(edition))

    def region_ranks(self, edition: int) -> pd.DataFrame:
        return self.query("region_ranks", edition=int(edition))

    def status_counts(self) -> pd.DataFrame:
        return self.query("status_counts")


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _list(values: list[str] | None) -> list[str] | None:
    return None if values is None else [str(v) for v in values]
