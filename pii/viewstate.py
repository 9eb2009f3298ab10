"""The view state: what a page, a briefing pack or the CLI is about.

One Streamlit-free object (edition, focus province, peer group, language,
custom peers, demo mode) with the helpers every view needs: translate, format
numbers and ranks, name provinces and groups, the units ranked in the edition,
the peer group's members, the export subtitle. ``pages.common.Context`` extends
it with what Streamlit adds (URL binding, notices); packs and the CLI build it
directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from pii import fmt
from pii.analysis.rules import RegionalRank, format_regional_rank, regional_rank_metric
from pii.analysis.units import unit_in, units_ranked
from pii.i18n import name_col, t
from pii.memo import memo
from pii.safety import md_text
from queries import PiiDB

DEFAULT_PROVINCE = "thai_nguyen"
DEFAULT_GROUP = "tdmnpb"  # the 14 Northern Midlands and Mountains provinces (10 merged units from 2025)
CUSTOM_GROUP = "custom"
PLAN_ID = "152/KH-UBND-2024"  # the plan whose lead units the pages show (rules.plan_id_of: a province's own)


def province_id_of(db: PiiDB, text: str) -> str | None:
    """The province a name, alias or id means ('TP HCM', 'Thua Thien Hue', 'ha_noi'), among every unit ever
    ranked: the import's own matcher (pii.pipeline.names), so a link says what a file says."""
    from pii.pipeline.names import matcher_of

    return memo(db, ("province_matcher",), lambda: matcher_of(db.all_provinces(), db.province_aliases())).match(text)


def default_edition(db: PiiDB, province_id: str, editions: list[int]) -> int:
    """Latest edition where the focus province has indicator-level figures,
    else the latest with a published PII, else the latest edition."""
    # every page run of every session asks; the answer changes only with the data (pii.memo)
    return memo(db, ("default_edition", province_id, tuple(editions)),
                lambda: _default_edition(db, province_id, editions))


def _default_edition(db: PiiDB, province_id: str, editions: list[int]) -> int:
    for levels in (["indicator"], ["pii"]):
        for ed in sorted(editions, reverse=True):
            s = db.scores(ed, provinces=[unit_in(db, province_id, ed)], levels=levels)
            if s["score"].notna().any():
                return ed
    return max(editions)


def group_names(db: PiiDB, lang: str) -> dict[str, str]:
    """Peer group id -> name in ``lang``, the custom group included."""
    groups = db.peer_groups()
    names = dict(zip(groups["peer_group_id"], groups[name_col(lang)]))
    names[CUSTOM_GROUP] = t("group_custom", lang)
    return names


@dataclass
class ViewState:
    db: PiiDB
    edition: int
    province_id: str = DEFAULT_PROVINCE
    group: str = DEFAULT_GROUP
    lang: str = "vi"
    peers: list[str] = field(default_factory=list)
    demo: bool = False

    # -- text and numbers --------------------------------------------------------
    def t(self, key: str, **kw: object) -> str:
        return t(key, self.lang, **kw)

    def tm(self, key: str, **kw: object) -> str:
        """:meth:`t` for an element that renders Markdown (titles, captions, notices, labels): every text
        field (a name, title or file name from data) is escaped by :func:`pii.safety.md_text` (issue 22)."""
        return t(key, self.lang, **{k: md_text(v) if isinstance(v, str) else v for k, v in kw.items()})

    def num(self, v: object, decimals: int = 2, signed: bool = False) -> str:
        return fmt.number(v, self.lang, decimals=decimals, signed=signed)

    def rank(self, v: object, of: object = None) -> str:
        return fmt.rank(v, of, self.lang)

    @property
    def name_col(self) -> str:
        return name_col(self.lang)

    # -- the edition's units -------------------------------------------------------
    @cached_property
    def editions(self) -> pd.DataFrame:
        return self.db.editions()

    @cached_property
    def units(self) -> pd.DataFrame:
        """Units ranked in this edition (63 provinces, or the 34 merged units from 2025)."""
        return self.db.units(self.edition)

    @property
    def units_ranked(self) -> int:
        return units_ranked(self.db, self.edition)

    def name(self, pid: str) -> str:
        """Name of a unit of this edition, else of any province ever ranked, else the id."""
        # one dict per run and language: a DataFrame filter per call cost ~1 ms and pages call it dozens of times
        by_col = self.__dict__.setdefault("_names", {})
        col = self.name_col
        if col not in by_col:
            allp = self.db.all_provinces()
            names = {p: str(n) for p, n in zip(allp["province_id"], allp[col])}
            names.update({p: str(n) for p, n in zip(self.units["province_id"], self.units[col])})
            by_col[col] = names
        return by_col[col].get(pid, pid)

    province_name = name  # the name pages have always used

    @property
    def plan_id(self) -> str | None:
        """Which plan applies to the focus province: the one rule (``rules.plan_id_of``: its own plan, or the
        plan of a province merged into it — Thái Nguyên 2025 follows plan 152); None without a plan."""
        from pii.analysis.rules import plan_id_of

        return memo(self.db, ("plan_id_of", self.province_id), lambda: plan_id_of(self.db, self.province_id))

    # -- peer group ------------------------------------------------------------------
    def group_name(self, group: str | None = None) -> str:
        gid = self.group if group is None else group
        return group_names(self.db, self.lang).get(gid, gid)

    def region_name(self, group_id: str | None, region_id: str | None) -> str:
        """Name of a target region (``pii.analysis.rules.TargetRegion``): its peer group's, else its region's."""
        if group_id:
            return self.group_name(group_id)
        regions = self.db.regions()
        hit = regions[regions["region_id"] == region_id]
        return str(hit[self.name_col].iat[0]) if len(hit) else str(region_id)

    def peer_ids(self, group: str | None = None) -> list[str]:
        """Members of the chosen peer group (or of ``group``) in this edition, focus included."""
        gid = self.group if group is None else group
        if gid == CUSTOM_GROUP:
            units = set(self.units["province_id"])
            ids = [p for p in self.peers if p in units]
        else:
            ids = self.db.peer_group_members(gid, self.edition)["province_id"].tolist()
        if self.province_id not in ids:
            ids.append(self.province_id)
        return ids

    # -- exports ---------------------------------------------------------------------
    def subtitle(self, with_group: bool = True) -> str:
        """``PII 2023 · Thái Nguyên · Nhóm: …``: the subtitle of an exported chart or slide."""
        parts = [f"PII {self.edition}", self.name(self.province_id)]
        if with_group:
            parts.append(self.t("ex_group_is", group=self.group_name()))
        return " · ".join(parts)

    def regional_rank_text(self, rr: RegionalRank) -> str:
        """``1/14`` (published) or ``1 out of 8 with data (computed)``."""
        return format_regional_rank(rr, self.lang)

    def regional_rank_metric(self, rr: RegionalRank) -> tuple[str, str | None, str | None]:
        """(label, value, note) of a KPI tile; a computed rank's note says "out of N with data"."""
        return regional_rank_metric(rr, self.lang)
