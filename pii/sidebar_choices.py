"""What the sidebar offers (editions, provinces, units of an edition, peer groups) and how a raw choice maps
onto an edition's unit: the queries behind the global view state, so the page scaffolding asks them here and
makes no database call itself (issue 20)."""

from __future__ import annotations

from dataclasses import dataclass

from pii.analysis.units import unit_in
from pii.i18n import name_col
from pii.viewstate import default_edition, group_names, province_id_of
from queries import PiiDB


@dataclass(frozen=True)
class SidebarChoices:
    db: PiiDB

    def editions(self) -> list[int]:
        return [int(e) for e in self.db.editions()["edition"]]

    def provinces(self, lang: str) -> dict[str, str]:
        """Every unit ever ranked (a link may name a pre-2025 province): id -> name."""
        provs = self.db.all_provinces()
        return dict(zip(provs["province_id"], provs[name_col(lang)]))

    def province_named(self, text: str) -> str | None:
        """``?province=TP HCM``: a name or alias, read by the import's own matcher."""
        return province_id_of(self.db, text)

    def default_edition(self, province_id: str, editions: list[int]) -> int:
        return default_edition(self.db, province_id, editions)

    def units(self, edition: int, lang: str) -> dict[str, str]:
        """The units ranked in ``edition``: id -> name."""
        units = self.db.units(edition)
        return dict(zip(units["province_id"], units[name_col(lang)]))

    def unit_in(self, province_id: str, edition: int) -> str:
        """The edition's unit a province belongs to (a pre-merger province → its 2025 unit)."""
        return unit_in(self.db, province_id, edition)

    def members(self, unit_id: str, lang: str) -> list[str]:
        """Names of the provinces merged into ``unit_id`` (empty for an unmerged unit)."""
        return self.db.members(unit_id)[name_col(lang)].tolist()

    def groups(self, lang: str) -> dict[str, str]:
        return group_names(self.db, lang)
