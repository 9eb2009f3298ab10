"""Action plan tracker: who owns each indicator (plan 152/KH-UBND) and how it stands.

Units are kept as the plan prints them (2024 departments, before the 2025
reorganisation), including collective owners such as "Các sở, ban, ngành".
"""

from __future__ import annotations

import pandas as pd

from pii.analysis.bands import WEAK, band_of
from pii.fmt import is_missing

COLUMNS = ["code", "sort_order", "name_vi", "name_en", "score", "rank", "rank_of", "band", "prev_score", "change",
           "lead_ids", "lead_vi", "lead_en", "partner_vi", "partner_en", "actions_vi", "actions_en",
           "score_source_id", "rank_source_id"]


def _band(rank: object, of: object) -> int | None:
    try:
        return band_of(rank, of)
    except ValueError:  # a rank_of too small for four bands: no band rather than a wrong one
        return None


def indicator_table(framework: pd.DataFrame, assignments: pd.DataFrame, actions: pd.DataFrame,
                    mine: pd.DataFrame, prev: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per indicator of the plan: the focus province's published score,
    rank and band in the edition, the change against the previous edition
    (same code, both published), lead and partner units and the plan's actions."""
    fw = framework[["code", "sort_order", "name_vi", "name_en"]]
    codes = list(dict.fromkeys(assignments["code"]))
    df = pd.DataFrame({"code": codes}).merge(fw, on="code", how="left")
    cols = ["code", "score", "rank", "rank_of", "score_source_id", "rank_source_id"]
    df = df.merge(mine[[c for c in cols if c in mine.columns]], on="code", how="left")
    prev_scores = {} if prev is None else dict(zip(prev["code"], prev["score"]))
    df["prev_score"] = [prev_scores.get(c) for c in df["code"]]
    df["change"] = [None if is_missing(s) or is_missing(p) else float(s) - float(p)
                    for s, p in zip(df["score"], df["prev_score"])]
    df["band"] = [_band(r, o) for r, o in zip(df["rank"], df["rank_of"])]

    def units(code: str, role: str, col: str) -> list[str]:
        a = assignments[(assignments["code"] == code) & (assignments["role"] == role)].sort_values("position")
        return a[col].tolist()

    df["lead_ids"] = [units(c, "lead", "unit_id") for c in df["code"]]
    for lang in ("vi", "en"):
        df[f"lead_{lang}"] = [units(c, "lead", f"unit_{lang}") for c in df["code"]]
        df[f"partner_{lang}"] = [units(c, "partner", f"unit_{lang}") for c in df["code"]]
        df[f"actions_{lang}"] = [actions.loc[actions["code"] == c].sort_values("action_no")[f"action_{lang}"].tolist()
                                 for c in df["code"]]
    df = df.sort_values("sort_order", na_position="last").reset_index(drop=True)
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = None
    return df[COLUMNS]


def unit_summary(table: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """Lead units, most bottom-band indicators first, then most indicators led."""
    lead = assignments[assignments["role"] == "lead"]
    rows = []
    for unit_id, grp in lead.groupby("unit_id", sort=False):
        led = table[table["code"].isin(grp["code"])]
        rows.append({
            "unit_id": unit_id, "unit_vi": grp["unit_vi"].iat[0], "unit_en": grp["unit_en"].iat[0],
            "kind": grp["kind"].iat[0] if "kind" in grp else None,
            "n_lead": len(led), "n_bottom": int((led["band"] == WEAK).sum()),
            "n_missing": int(led["rank"].isna().sum()),
            "codes": led["code"].tolist(), "bottom_codes": led.loc[led["band"] == WEAK, "code"].tolist(),
        })
    df = pd.DataFrame(rows, columns=["unit_id", "unit_vi", "unit_en", "kind", "n_lead", "n_bottom", "n_missing",
                                     "codes", "bottom_codes"])
    return df.sort_values(["n_bottom", "n_lead", "unit_vi"], ascending=[False, False, True]).reset_index(drop=True)


def unit_sheet(table: pd.DataFrame, unit_id: str) -> pd.DataFrame:
    """The indicators one unit leads, weakest rank first (missing ranks last)."""
    led = table[[unit_id in ids for ids in table["lead_ids"]]]
    return weakest_first(led)


def weakest_first(table: pd.DataFrame) -> pd.DataFrame:
    """Worst published rank first; equal ranks by lower score; no rank last."""
    return table.sort_values(["rank", "score", "sort_order"], ascending=[False, True, True],
                             na_position="last").reset_index(drop=True)


def band_counts(summary: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Long table unit × band -> number of indicators led (band None = no published rank)."""
    rows = []
    for u in summary.itertuples():
        led = table[table["code"].isin(u.codes)]
        for band in (0, 1, 2, 3, None):
            n = int(led["band"].isna().sum()) if band is None else int((led["band"] == band).sum())
            rows.append({"unit_id": u.unit_id, "unit_vi": u.unit_vi, "unit_en": u.unit_en, "band": band, "n": n})
    return pd.DataFrame(rows, columns=["unit_id", "unit_vi", "unit_en", "band", "n"])
