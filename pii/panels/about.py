"""The data-and-sources page's tables (coverage, editions, figure status, sources): the page renders them and
makes no database call."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii import fmt
from pii.panels.panel import panel
from pii.provenance import known_title
from pii.viewstate import ViewState


@panel
def coverage(s: ViewState) -> pd.DataFrame:
    cov = s.db.coverage()
    return pd.DataFrame({
        s.t("edition"): cov["edition"].astype(str),
        s.t("level"): [s.t(f"level_{lvl}") for lvl in cov["level"]],
        s.t("ab_units_score"): cov["units_with_score"],
        s.t("ab_units_rank"): cov["units_with_rank"],
    })


@panel
def editions(s: ViewState) -> pd.DataFrame:
    eds = s.editions
    return pd.DataFrame({
        s.t("edition"): eds["edition"].astype(str),
        s.t("ab_units_ranked"): eds["units_ranked"],
        s.t("ab_published_on"): [fmt.date(d, s.lang) for d in eds["published_on"]],  # dd/mm/yyyy in Vietnamese
        s.t("ab_framework"): eds["framework_vi" if s.lang == "vi" else "framework_en"],
    })


@panel
def status_caption(s: ViewState) -> str:
    """How many figures two sources agree on, how many have one source, how many conflicts were resolved."""
    status = s.db.status_counts().set_index("status")["figures"]
    return s.tm("ab_status_counts", agreed=int(status.get("agreed", 0)), single=int(status.get("single", 0)),
                resolved=int(status.get("resolved", 0)))


@dataclass(frozen=True)
class Sources:
    shown: pd.DataFrame  # the grid: a title made of the link's words left blank, dates in the UI language
    download: pd.DataFrame  # the sources table as stored


@panel
def sources(s: ViewState) -> Sources:
    src = s.db.sources()
    shown = src[["source_id", "publisher", "title", "url", "published_on"]].assign(
        title=[known_title(r) or "" for r in src.itertuples()],
        published_on=[fmt.date(d, s.lang, missing="") for d in src["published_on"]])
    return Sources(shown, src)
