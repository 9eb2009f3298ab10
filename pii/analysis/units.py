"""Which unit of an edition stands for a province (the 2025 merger)."""

from __future__ import annotations

from queries import PiiDB


def unit_in(db: PiiDB, province_id: str, edition: int) -> str:
    """The unit of ``edition`` that holds ``province_id``: itself if it was
    ranked, its merged successor from 2025, or, for a merged unit asked about an
    older edition, its first-named member (Thái Nguyên 2025 -> Thái Nguyên)."""
    units = set(db.units(edition)["province_id"])
    if province_id in units:
        return province_id
    succ = db.successors()
    hit = succ[succ["province_id"] == province_id]
    if len(hit) and hit["unit_2025"].iat[0] in units:
        return str(hit["unit_2025"].iat[0])
    members = db.members(province_id)
    if len(members) and members["member_id"].iat[0] in units:
        return str(members["member_id"].iat[0])
    return province_id


def units_ranked_by_edition(db: PiiDB) -> dict[int, int]:
    """Number of units ranked in each edition (63 before the 2025 merger, then 34)."""
    eds = db.editions()
    return dict(zip(eds["edition"].astype(int), eds["units_ranked"].astype(int)))


def units_ranked(db: PiiDB, edition: int) -> int:
    return units_ranked_by_edition(db)[int(edition)]


def units_by_edition(db: PiiDB, province_id: str, editions: list[int]) -> dict[int, str]:
    return {int(e): unit_in(db, province_id, int(e)) for e in editions}


def previous_edition(editions: list[int], edition: int) -> int | None:
    older = [e for e in editions if e < edition]
    return max(older) if older else None
