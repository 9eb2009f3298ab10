"""Data for the weakness heatmaps: the focus province across editions, and a
peer group side by side. Cells without a published figure stay missing (NA):
the chart draws them grey, never as 0."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii.analysis.bands import band_of
from pii.analysis.units import units_by_edition
from queries import PiiDB

# "pillar" also carries the PII and its two sub-indices: on shipped data that
# is the only level where other provinces have published figures.
LEVELS = ("pillar", "index", "indicator")
COLOURS = ("rank", "score")
_LEVEL_SET = {"pillar": ["pii", "subindex", "pillar"], "index": ["index"], "indicator": ["indicator"]}

CELL_COLUMNS = ["code", "sort_order", "name_vi", "name_en", "description_vi", "description_en", "level",
                "score", "rank", "rank_of", "band"]


def level_codes(framework: pd.DataFrame, level: str) -> pd.DataFrame:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    fw = framework[framework["level"].isin(_LEVEL_SET[level])]
    return fw[["code", "sort_order", "name_vi", "name_en", "description_vi", "description_en", "level"]]


def _rows_over_editions(db: PiiDB, editions: list[int], level: str) -> pd.DataFrame:
    """Union of the codes of ``level`` over editions; names from the newest
    edition that has the code, order from the oldest (2023 numbering)."""
    frames = [level_codes(db.framework(e), level).assign(_ed=e) for e in sorted(editions)]
    allrows = pd.concat(frames, ignore_index=True)
    order = allrows.drop_duplicates("code", keep="first")[["code", "sort_order"]]
    names = allrows.drop_duplicates("code", keep="last").drop(columns=["sort_order", "_ed"])
    return order.merge(names, on="code").sort_values("sort_order").reset_index(drop=True)


def _cells(rows: pd.DataFrame, scores: pd.DataFrame, n_units: int) -> pd.DataFrame:
    s = scores.set_index("code") if len(scores) else pd.DataFrame(columns=["score", "rank", "rank_of"])
    df = rows.copy()
    df["score"] = df["code"].map(s["score"]).astype("Float64")
    df["rank"] = df["code"].map(s["rank"]).astype("Int64")
    df["rank_of"] = df["code"].map(s["rank_of"]).fillna(n_units).astype("Int64")
    df["band"] = pd.array([band_of(r, n) for r, n in zip(df["rank"], df["rank_of"])], dtype="Int64")
    return df


def focus_matrix(db: PiiDB, province_id: str, level: str = "indicator",
                 editions: list[int] | None = None) -> pd.DataFrame:
    """Long table: one cell per (code, edition) for the focus province, each
    edition read for the unit that held the province then (``unit_id``)."""
    ed = db.editions()
    editions = editions or [int(e) for e in ed["edition"]]
    n_by_ed = dict(zip(ed["edition"].astype(int), ed["units_ranked"].astype(int)))
    rows = _rows_over_editions(db, editions, level)
    units = units_by_edition(db, province_id, editions)
    parts = []
    for e in editions:
        sc = db.scores(e, provinces=[units[e]], codes=rows["code"].tolist())
        parts.append(_cells(rows, sc, n_by_ed[e]).assign(edition=e, unit_id=units[e]))
    return pd.concat(parts, ignore_index=True)[[*CELL_COLUMNS, "edition", "unit_id"]]


def peer_matrix(db: PiiDB, edition: int, peer_ids: list[str], focus_id: str,
                level: str = "pillar") -> pd.DataFrame:
    """Long table: one cell per (code, province) of the peer group."""
    ed = db.editions().set_index("edition")
    n_units = int(ed.loc[int(edition), "units_ranked"])
    rows = level_codes(db.framework(edition), level).sort_values("sort_order").reset_index(drop=True)
    sc = db.scores(edition, provinces=list(peer_ids), codes=rows["code"].tolist())
    names = db.all_provinces().set_index("province_id")
    cols = [*CELL_COLUMNS, "province_id", "province_vi", "province_en", "is_focus"]
    if not peer_ids:
        return pd.DataFrame(columns=cols)
    # one cross join + merge instead of a loop per province
    grid = pd.MultiIndex.from_product([list(peer_ids), rows["code"]], names=["province_id", "code"]).to_frame(
        index=False)
    df = grid.merge(rows, on="code", how="left").merge(
        sc[["province_id", "code", "score", "rank", "rank_of"]], on=["province_id", "code"], how="left")
    df["score"] = df["score"].astype("Float64")
    df["rank"] = df["rank"].astype("Int64")
    df["rank_of"] = df["rank_of"].fillna(n_units).astype("Int64")
    df["band"] = pd.array([band_of(r, n) for r, n in zip(df["rank"], df["rank_of"])], dtype="Int64")
    df["province_vi"] = df["province_id"].map(names["name_vi"]).fillna(df["province_id"])
    df["province_en"] = df["province_id"].map(names["name_en"]).fillna(df["province_id"])
    df["is_focus"] = df["province_id"] == focus_id
    return df[cols]


def order_provinces(cells: pd.DataFrame, focus_id: str, by: pd.DataFrame | None = None) -> list[str]:
    """Focus first, then by published PII rank (then score) when ``by`` (the
    PII rows: province_id, rank, score) is given, else by the first row's;
    provinces with no figure last, by name: the order a reader scans for
    'who is ahead'."""
    ids = list(dict.fromkeys(cells["province_id"]))
    names = dict(zip(cells["province_id"], cells["province_vi"]))
    if by is None:
        first = cells["code"].iloc[0] if len(cells) else None
        by = cells[cells["code"] == first]
    key = by.drop_duplicates("province_id").set_index("province_id")
    top = pd.DataFrame({"province_id": ids})
    top["_r"] = top["province_id"].map(key["rank"]).astype("float")
    top["_s"] = -top["province_id"].map(key["score"]).astype("float")
    top["_n"] = top["province_id"].map(names)
    ordered = top.sort_values(["_r", "_s", "_n"], na_position="last")["province_id"].tolist()
    return [focus_id, *[p for p in ordered if p != focus_id]] if focus_id in ordered else ordered


def weakest_code(cells: pd.DataFrame) -> str | None:
    """Code of the worst relative rank among the cells (the row a reader most
    likely wants to open); None when no cell has a rank."""
    ranked = cells.dropna(subset=["rank"])
    if ranked.empty:
        return None
    rel = ranked["rank"].astype(float) / ranked["rank_of"].astype(float)
    return str(ranked.loc[rel.idxmax(), "code"])


@dataclass(frozen=True)
class Coverage:
    cells: int
    with_figure: int  # score or rank published
    provinces_with_figure: int  # besides the focus
    provinces: int  # besides the focus


def coverage(cells: pd.DataFrame, focus_id: str) -> Coverage:
    has = cells["score"].notna() | cells["rank"].notna()
    others = cells[cells["province_id"] != focus_id]
    ohas = others["score"].notna() | others["rank"].notna()
    return Coverage(int(len(cells)), int(has.sum()), int(others.loc[ohas, "province_id"].nunique()),
                    int(others["province_id"].nunique()))


def default_peer_level(db: PiiDB, edition: int, peer_ids: list[str], focus_id: str) -> str:
    """The level where the peers (besides the focus) have the largest share of
    published cells, the more detailed level on a tie. On shipped data that is
    PII and pillars (indicator figures of other provinces are in the Ministry's
    report only); on a complete dataset it is the indicators."""
    others = [p for p in peer_ids if p != focus_id]
    if not others:
        return "indicator"
    fw = db.framework(edition)
    best, best_share = "pillar", -1.0
    for level in ("indicator", "index", "pillar"):
        codes = level_codes(fw, level)["code"].tolist()
        if not codes:
            continue
        sc = db.scores(edition, provinces=others, codes=codes)
        known = sc[sc["score"].notna() | sc["rank"].notna()]
        share = len(known) / (len(codes) * len(others))
        if share > best_share + 1e-12:
            best, best_share = level, share
    return best
