"""Data for the weakness heatmaps: the focus province across editions, and a
peer group side by side. Cells without a published figure stay missing (NA):
the chart draws them grey, never as 0."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pii.analysis.bands import band_of
from pii.analysis.rules import weakest
from pii.analysis.units import units_by_edition, units_ranked, units_ranked_by_edition
from pii.framework import LEVELS
from pii.viewstate import ViewState
from queries import PiiDB

# "pillar" also carries the PII and its two sub-indices: on shipped data that
# is the only level where other provinces have published figures.
SHOWN_LEVELS = LEVELS[2:]  # the framework levels a heatmap draws: pillar, index, indicator
# colour modes of the peer view: national rank band (published), score (published),
# rank within the group (computed from published figures), gap to the group's best / median score
MODES = ("rank", "score", "group_rank", "gap_best", "gap_median")
COLOURS = MODES
TABS = ("peers", "focus")  # the peer view first: it answers "weak against whom?"
_LEVEL_SET = {"pillar": ["pii", "subindex", "pillar"], "index": ["index"], "indicator": ["indicator"]}

CELL_COLUMNS = ["code", "sort_order", "name_vi", "name_en", "description_vi", "description_en", "level",
                "score", "rank", "rank_of", "band"]


def level_codes(framework: pd.DataFrame, level: str) -> pd.DataFrame:
    if level not in SHOWN_LEVELS:
        raise ValueError(f"level must be one of {SHOWN_LEVELS}, got {level!r}")
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
    n_by_ed = units_ranked_by_edition(db)
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
    n_units = units_ranked(db, edition)
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
    """Code of the weakest cell by the app's one rule (``rules.weakest``: worst
    published rank first); None when no cell has a rank."""
    top = weakest(cells.dropna(subset=["rank"]), n=1)
    return None if top.empty else str(top["code"].iat[0])


@dataclass(frozen=True)
class Coverage:
    cells: int
    with_figure: int  # score or rank published
    provinces_with_figure: int  # besides the focus
    provinces: int  # besides the focus


def coverage(cells: pd.DataFrame, focus_id: str, level: str | None = None) -> Coverage:
    """Cells with a figure and peers with at least one, at ``level`` itself: the "PII and pillars" view also
    shows the PII and sub-index rows, which most provinces publish, so counting them said "10/13 provinces
    have a figure at this level" where only one had a pillar figure (issue 21)."""
    if level is not None and "level" in cells:
        cells = cells[cells["level"] == level]
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


# -- rank within the group and gaps (computed from published figures) ----------------------------
GROUP_COLUMNS = ["group_rank", "group_n", "group_basis", "gap_best", "gap_median", "group_best", "group_median",
                 "group_scored"]


def group_stats(cells: pd.DataFrame) -> pd.DataFrame:
    """The peer cells (``peer_matrix``) plus, per code: the rank within the
    group (computed), how many units it is out of (units with data), the
    basis (national rank or score), and each unit's gap to the group's best and
    median published score. A unit without the figure gets no computed rank.

    The rank within the group is computed from the published figure most units
    of the group have (national rank, else score); ties share the better rank.
    Gaps use published scores only. Vectorised over codes (a per-code loop
    cost ~1.8 s a run on a complete 14-unit indicator matrix)."""
    if cells.empty:
        return cells.assign(**{c: pd.Series(dtype="object") for c in GROUP_COLUMNS})
    ranks = cells["rank"].astype("Float64")
    scores = cells["score"].astype("Float64")
    by = cells["code"]
    n_rank = ranks.notna().groupby(by, sort=False).transform("sum").astype(int)
    n_score = scores.notna().groupby(by, sort=False).transform("sum").astype(int)
    on_rank = n_rank > n_score
    on_score = ~on_rank & (n_score > 0)
    basis = pd.Series(np.where(on_rank, "rank", np.where(on_score, "score", None)), index=cells.index,
                      dtype="object")
    # 1 + units strictly better: rank "min" (published scores have 2 decimals; rounding keeps float noise out)
    by_rank = ranks.groupby(by, sort=False).rank(method="min", ascending=True)
    by_score = scores.round(6).groupby(by, sort=False).rank(method="min", ascending=False)
    group_rank = by_rank.where(on_rank, by_score.where(on_score))
    # a gap needs at least two scores: alone in its row, a unit is not "0 from the best" (issue 21: it was drawn
    # "+0,00" in the darkest colour wherever it was the only one with a score)
    two = n_score >= 2
    best = scores.groupby(by, sort=False).transform("max").where(two)
    median = scores.astype(float).groupby(by, sort=False).transform("median").astype("Float64").where(two)
    stats = pd.DataFrame({
        "group_rank": group_rank.round().astype("Int64"),
        "group_n": n_rank.where(on_rank, n_score).astype("Int64"),
        "group_basis": basis,
        # published scores have 2 decimals: round so 47.75 − 47.75 is 0, not 1e-15
        "gap_best": (scores - best).round(2),
        "gap_median": (scores - median).round(2),
        "group_best": best,
        "group_median": median,
        "group_scored": n_score.astype("Int64"),
    }, index=cells.index)
    return pd.concat([cells, stats], axis=1)


def units_without(cells: pd.DataFrame, code: str, lang: str = "vi") -> list[str]:
    """Names of the group's units with no figure on the group-rank basis for ``code``."""
    c = cells[cells["code"] == code]
    if c.empty:
        return []
    basis = c["group_basis"].iat[0] if "group_basis" in c else "score"
    col = "rank" if basis == "rank" else "score"
    return c[c[col].isna()][f"province_{lang}"].tolist()


def peers_lack_level(db: PiiDB, edition: int, peer_ids: list[str], focus_id: str, level: str) -> bool:
    """True when no peer besides the focus has a published figure at ``level``
    but some have one at PII/pillar level: the fallback shows those rows."""
    others = [p for p in peer_ids if p != focus_id]
    if level == "pillar" or not others:
        return False
    fw = db.framework(edition)

    def known(lv: str) -> int:
        sc = db.scores(edition, provinces=others, codes=level_codes(fw, lv)["code"].tolist())
        return int((sc["score"].notna() | sc["rank"].notna()).sum())

    return known(level) == 0 and known("pillar") > 0


def peer_matrix_with_context(db: PiiDB, edition: int, peer_ids: list[str], focus_id: str,
                             level: str) -> pd.DataFrame:
    """``peer_matrix`` at ``level``; when the peers have no figure there but do
    at PII/pillar level, those rows are added (``context`` True) and sorted in
    framework order, so each pillar stands above its own indices/indicators and
    the page always compares something."""
    cells = peer_matrix(db, edition, peer_ids, focus_id, level).assign(context=False)
    if not peers_lack_level(db, edition, peer_ids, focus_id, level):
        return cells
    upper = peer_matrix(db, edition, peer_ids, focus_id, "pillar").assign(context=True)
    return pd.concat([upper, cells], ignore_index=True).sort_values("sort_order", kind="stable").reset_index(
        drop=True)


def mode_caption(s: ViewState, cells: pd.DataFrame, mode: str) -> str:
    """What the colours mean; for computed modes, out of how many units with
    data (first row, usually the PII) and which units have none."""
    if mode in ("rank", "score"):
        return s.t(f"hm_mode_{mode}") + " " + s.t("band_rule") * (mode == "rank")
    first = cells.sort_values("sort_order").iloc[0]
    code, total = first["code"], cells["province_id"].nunique()
    mine = cells[(cells["code"] == code) & cells["is_focus"]].iloc[0]
    if mode == "group_rank":
        basis = s.t(f"hm_basis_{first['group_basis'] or 'score'}")
        text = s.t("hm_mode_group_rank", basis=basis, code=code, rank=s.rank(mine["group_rank"], mine["group_n"]),
                   n=int(first["group_n"]), total=total)
    else:
        text = s.t(f"hm_mode_{mode}", code=code, n=int(first["group_scored"]), total=total)
    without = units_without(cells, code, s.lang) if mode == "group_rank" else \
        cells[(cells["code"] == code) & cells["score"].isna()][f"province_{s.lang}"].tolist()
    if without:
        text += " " + s.t("hm_without", code=code, names=", ".join(without))
    return text
