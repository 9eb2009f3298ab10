"""Where imported data lives so that ``python -m pii build`` keeps it.

``python -m pii import`` (and the demo generator) write CSV files under
``pii_data/sources/imports/`` named ``<table>__<name>.csv``. The build reads
them after the hand-made CSVs:

- ``scores__*.csv``: long rows (edition, province, code, measure, value, source);
  a row of a later file replaces an earlier row with the same (edition, unit,
  code, measure), so an official report can supersede a press figure.
- ``framework__*.csv`` / ``framework_editions__*.csv``: replace every row of the
  editions they contain (e.g. the full PII 2025 framework with 18 index groups).
- ``sources__*.csv``: extra sources (same id: the later one wins).
- ``crosswalk__*.csv``: code mappings between editions, added to the identity
  crosswalk the build derives.

Files are read in name order; the importer names them with a UTC timestamp so
that order is the order of publication.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

IMPORTS_DIR = "imports"
REPLACE_BY_EDITION = ("framework", "framework_editions")
CROSSWALK_COLUMNS = ["from_edition", "from_code", "to_edition", "to_code", "note"]


def imported_files(src: Path, table: str) -> list[Path]:
    folder = Path(src) / IMPORTS_DIR
    return sorted(folder.glob(f"{table}__*.csv")) if folder.is_dir() else []


def _read(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    df["_file"] = f"{IMPORTS_DIR}/{path.name}"
    df["_row"] = range(2, len(df) + 2)
    return df


def with_imports(src: Path, table: str, base: pd.DataFrame) -> pd.DataFrame:
    """``base`` (a hand-made reference table) plus/replaced by imported rows."""
    out = base
    for path in imported_files(src, table):
        extra = _read(path)
        extra = extra.reindex(columns=list(dict.fromkeys([*out.columns, *extra.columns])), fill_value="")
        if table in REPLACE_BY_EDITION and "edition" in extra.columns:
            out = out[~out["edition"].astype(str).isin(set(extra["edition"].astype(str)))]
        elif table == "sources" and "source_id" in extra.columns:
            out = out[~out["source_id"].isin(set(extra["source_id"]))]
        out = pd.concat([out.reindex(columns=extra.columns, fill_value=""), extra], ignore_index=True)
    return out


def imported_scores(src: Path) -> list[pd.DataFrame]:
    frames = []
    for path in imported_files(src, "scores"):
        df = _read(path)
        if "source_url" in df.columns and "source" not in df.columns:
            df = df.rename(columns={"source_url": "source"})
        frames.append(df)
    return frames


def supersede(long: pd.DataFrame, matchers: dict) -> pd.DataFrame:
    """Drop rows replaced by a later imported row with the same key.

    Only rows from ``imports/`` supersede; duplicates inside the hand-made
    files (or inside one import file) stay and are reported by the checks.
    """
    if long.empty or "_file" not in long.columns:
        return long

    def unit(e: object, p: object) -> str:
        try:
            m = matchers.get(int(str(e).strip()))
        except ValueError:
            m = None
        pid = m.match(str(p)) if m is not None else None
        return pid or f"?{p}"

    key = pd.Series(["\x1f".join((str(e).strip(), unit(e, p), str(c).strip(), str(m).strip().lower()))
                     for e, p, c, m in zip(long["edition"], long["province"], long["code"], long["measure"])],
                    index=long.index)
    files = long["_file"].astype(str)
    order = files.map({f: i for i, f in enumerate(files.unique())})  # read order
    from_import = files.str.startswith(f"{IMPORTS_DIR}/")
    last = pd.Series(order[from_import].values, index=key[from_import].values).groupby(level=0).max()
    latest = key.map(lambda k: last.get(k, -1))
    drop = order < latest
    return long[~drop]


def imported_crosswalk(src: Path) -> pd.DataFrame:
    frames = [_read(p).reindex(columns=CROSSWALK_COLUMNS, fill_value="") for p in imported_files(src, "crosswalk")]
    if not frames:
        return pd.DataFrame(columns=CROSSWALK_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["from_edition"] = out["from_edition"].astype("int32")
    out["to_edition"] = out["to_edition"].astype("int32")
    return out


def merge_crosswalk(identity: pd.DataFrame, src: Path) -> pd.DataFrame:
    extra = imported_crosswalk(src)
    if extra.empty:
        return identity
    out = pd.concat([identity, extra], ignore_index=True)
    return out.drop_duplicates(["from_edition", "from_code", "to_edition", "to_code"], keep="last").reset_index(
        drop=True)
