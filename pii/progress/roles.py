"""Who may write what in the progress store (issue 23), on the existing named accounts.

An account's ``role`` and ``unit`` live in the accounts file beside its hash
(``python -m pii user role NAME ROLE [UNIT]``):

- ``unit``: a lead unit's account writes reports on its own unit's
  assignments only (today's unit: a report of Sở Nội vụ covers what plan 152
  gave Sở LĐ-TB&XH); a partner unit's account may comment;
- ``dost``: the Department of Science and Technology (Sở KH&CN), which follows
  up every unit: writes every assignment and manages the checklists;
- ``leadership``: reads only.

An account without a role reads only (least privilege: the import accounts
that existed before issue 23 gain nothing until a role is given). Every write
function of this package calls ``require`` first, so a page that forgot a
check still cannot write.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii import accounts

ROLES = ("unit", "dost", "leadership")
# Plan 152 gives some indicators to "Các sở, ban, ngành" (every department): any
# department's account reports on those.
EVERY_DEPARTMENT = "cac_so_ban_nganh"


@dataclass(frozen=True)
class Actor:
    user: str
    role: str | None
    unit_id: str | None

    @property
    def can_write(self) -> bool:
        return self.role in ("unit", "dost")


class Refused(PermissionError):
    """A write the actor's role does not allow; ``key`` is the catalogue message."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key = key
        self.params = params


def actor_of(user: str) -> Actor:
    """The signed-in user's role and unit, from the accounts file."""
    entry = accounts.load_users().get(user, {})
    role = entry.get("role")
    return Actor(user, role if role in ROLES else None, entry.get("unit") or None)


def _units(assignments: pd.DataFrame, code: str, role: str) -> set[str]:
    sel = assignments[(assignments["code"] == code) & (assignments["role"] == role)]
    return {str(u) for u in sel["unit_id"]}


def may_report(actor: Actor, code: str, unit_id: str, assignments: pd.DataFrame, unit_kinds: dict[str, str]) -> bool:
    """May ``actor`` report on ``unit_id``'s lead assignment of ``code``?
    ``assignments``: plan assignments with ``unit_id`` already today's unit
    (``successors.annotate``)."""
    if unit_id not in _units(assignments, code, "lead"):
        return False
    if actor.role == "dost":
        return True
    if actor.role != "unit" or not actor.unit_id:
        return False
    if actor.unit_id == unit_id:
        return True
    return unit_id == EVERY_DEPARTMENT and unit_kinds.get(actor.unit_id) == "department"


def may_comment(actor: Actor, code: str, assignments: pd.DataFrame, unit_kinds: dict[str, str]) -> bool:
    """Leads, partners and the Department comment on a code's reports."""
    if actor.role == "dost":
        return True
    if actor.role != "unit" or not actor.unit_id:
        return False
    mine = _units(assignments, code, "lead") | _units(assignments, code, "partner")
    return actor.unit_id in mine or (EVERY_DEPARTMENT in mine and unit_kinds.get(actor.unit_id) == "department")


def may_see_unit(actor: Actor | None, unit_id: str) -> bool:
    """Evidence of a unit: its own accounts, the Department and the leadership (signed in)."""
    if actor is None:
        return False
    if actor.role in ("dost", "leadership"):
        return True
    return actor.role == "unit" and actor.unit_id is not None and (
        actor.unit_id == unit_id or unit_id == EVERY_DEPARTMENT)


def require(allowed: bool, key: str, **params: object) -> None:
    if not allowed:
        raise Refused(key, **params)


def main_role(argv: list[str] | None = None) -> int:
    """``python -m pii role NAME ROLE [UNIT]``: give an account its progress role (``none`` removes it)."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m pii role", description="the progress role of an account")
    ap.add_argument("name")
    ap.add_argument("role", choices=[*ROLES, "none"])
    ap.add_argument("unit", nargs="?", help="the unit id (role unit only), as in pii_data/sources/units.csv")
    args = ap.parse_args(argv)
    if args.role == "unit" and not args.unit:
        print("refused: the role 'unit' needs the unit id (see pii_data/sources/units.csv)", file=sys.stderr)
        return 1
    role = None if args.role == "none" else args.role
    unit = args.unit if role == "unit" else None
    if not accounts.set_fields(args.name, role=role, unit=unit):
        print(f"no account {args.name} (python -m pii user add {args.name})", file=sys.stderr)
        return 1
    print(f"{args.name}: role {args.role}" + (f", unit {unit}" if unit else ""))
    return 0
