"""Named accounts for the import page (issue 12): who may publish.

- Users live in a TOML file OUTSIDE the repository (``settings.users_file()``:
  ``PII_USERS_FILE``, default ``~/.config/pii/users.toml``), one table per user
  with an Argon2id hash (argon2-cffi, the maintained reference binding)::

      [users.lan]
      hash = "$argon2id$v=19$m=65536,t=3,p=4$..."
      created = "2026-11-30T07:30:00+00:00"

- ``python -m pii user add NAME`` asks for the password (or reads one line of
  stdin when it is not a terminal); ``user list``, ``user remove NAME``,
  ``user unlock NAME``.
- Failed sign-ins are counted per user in ``<users file>.state.json`` (not per
  browser session, so a new tab or a restart does not reset them): from the
  3rd failure each attempt must wait ``2 ** (n - 2)`` seconds (2, 4, 8 … 60 s),
  and after ``LOCK_AFTER`` failures the account is locked for ``LOCK_MINUTES``
  (``user unlock`` ends it early). A success resets the count. An unknown name
  costs the same hash time as a known one and says the same thing.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import getpass
import json
import os
import re
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from pii import settings

NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")
MIN_PASSWORD = 10
LOCK_AFTER = 10
LOCK_MINUTES = 15
MAX_DELAY = 60.0
_HASHER = PasswordHasher()  # Argon2id, the library's current defaults
_DUMMY = _HASHER.hash("not a password of anyone")  # same verify cost for unknown names


@dataclass(frozen=True)
class SignIn:
    ok: bool
    user: str | None = None
    wait_seconds: float = 0.0  # > 0: too early after failures; try again then
    locked_minutes: float = 0.0  # > 0: locked out
    too_early: bool = False  # refused without checking the password (inside the delay)


def users_path() -> Path:
    return settings.users_file()


def _state_path() -> Path:
    return users_path().with_name(users_path().name + ".state.json")


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    """One writer at a time for the users and state files (several server processes share them)."""
    path = users_path().with_name(users_path().name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def load_users() -> dict[str, dict]:
    path = users_path()
    if not path.exists():
        return {}
    with open(path, "rb") as fh:
        return dict(tomllib.load(fh).get("users", {}))


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _save_users(users: dict[str, dict]) -> None:
    lines = ["# PII dashboard import accounts (python -m pii user add NAME). Argon2id hashes only.\n"]
    for name in sorted(users):
        lines.append(f"\n[users.{json.dumps(name)}]\n")
        for key, value in users[name].items():
            lines.append(f"{key} = {json.dumps(str(value), ensure_ascii=False)}\n")
    _write_atomic(users_path(), "".join(lines))


def _load_state() -> dict[str, dict]:
    try:
        return json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save_state(state: dict[str, dict]) -> None:
    _write_atomic(_state_path(), json.dumps(state, indent=1))


def configured() -> bool:
    """True when at least one account exists (otherwise the import page is off)."""
    try:
        return bool(load_users())
    except (OSError, tomllib.TOMLDecodeError):
        return False


def add_user(name: str, password: str) -> None:
    name = name.strip().lower()
    if not NAME.match(name):
        raise ValueError("name: 1-40 characters a-z 0-9 . _ - (starting with a letter or digit)")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"password: at least {MIN_PASSWORD} characters")
    with _locked():
        users = load_users()
        users[name] = {"hash": _HASHER.hash(password), "created": datetime.now(UTC).isoformat(timespec="seconds")}
        _save_users(users)
        state = _load_state()
        state.pop(name, None)
        _save_state(state)


def remove_user(name: str) -> bool:
    with _locked():
        users = load_users()
        found = users.pop(name.strip().lower(), None) is not None
        _save_users(users)
        return found


def unlock(name: str) -> None:
    with _locked():
        state = _load_state()
        state.pop(name.strip().lower(), None)
        _save_state(state)


def _delay(failures: int) -> float:
    return 0.0 if failures < 3 else min(MAX_DELAY, 2.0 ** (failures - 2))


def sign_in(name: str, password: str, now: float | None = None) -> SignIn:
    """Check a name and password, applying the growing delay and the lockout."""
    name = str(name or "").strip().lower()
    now = time.time() if now is None else now
    with _locked():
        state = _load_state()
        entry = state.get(name, {"failures": 0, "last": 0.0, "locked_until": 0.0})
        if entry.get("locked_until", 0.0) > now:
            return SignIn(False, locked_minutes=(entry["locked_until"] - now) / 60)
        wait = entry.get("last", 0.0) + _delay(int(entry.get("failures", 0))) - now
        if wait > 0:
            return SignIn(False, wait_seconds=wait, too_early=True)
        users = load_users()
        stored = users.get(name, {}).get("hash") if NAME.match(name) else None
        try:
            ok = _HASHER.verify(stored or _DUMMY, password) and stored is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if ok:
            state.pop(name, None)
            if _HASHER.check_needs_rehash(stored):  # type: ignore[arg-type]
                users[name]["hash"] = _HASHER.hash(password)
                _save_users(users)
            _save_state(state)
            return SignIn(True, user=name)
        if not NAME.match(name):
            return SignIn(False)  # not a possible account: nothing to count
        failures = int(entry.get("failures", 0)) + 1
        entry = {"failures": failures, "last": now,
                 "locked_until": now + LOCK_MINUTES * 60 if failures >= LOCK_AFTER else 0.0}
        state[name] = entry
        _save_state(state)
        if entry["locked_until"]:
            return SignIn(False, locked_minutes=LOCK_MINUTES)
        return SignIn(False, wait_seconds=_delay(failures))


def set_fields(name: str, **fields: str | None) -> bool:
    """Set (or, with None, remove) fields of an existing account, such as its progress ``role``/``unit``
    (pii.progress.roles); False when there is no such account."""
    with _locked():
        users = load_users()
        if name not in users:
            return False
        for key, value in fields.items():
            if value is None:
                users[name].pop(key, None)
            else:
                users[name][key] = value
        _save_users(users)
    return True


def main_user(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pii user", description="accounts that may import data")
    sub = ap.add_subparsers(dest="cmd", required=True)
    add = sub.add_parser("add", help="add a user or set a new password (asked for; or one line on stdin)")
    add.add_argument("name")
    sub.add_parser("list", help="list the users")
    rm = sub.add_parser("remove", help="remove a user")
    rm.add_argument("name")
    un = sub.add_parser("unlock", help="clear a user's failed sign-ins and lockout")
    un.add_argument("name")
    args = ap.parse_args(argv)
    if args.cmd == "add":
        if sys.stdin.isatty():
            pw = getpass.getpass(f"password for {args.name}: ")
            if getpass.getpass("again: ") != pw:
                print("the passwords differ; nothing changed", file=sys.stderr)
                return 1
        else:
            pw = sys.stdin.readline().rstrip("\r\n")
        try:
            add_user(args.name, pw)
        except ValueError as err:
            print(f"refused: {err}", file=sys.stderr)
            return 1
        print(f"user {args.name.strip().lower()} saved in {users_path()}")
    elif args.cmd == "list":
        state = _load_state()
        for name, info in sorted(load_users().items()):
            s = state.get(name, {})
            locked = " LOCKED" if s.get("locked_until", 0) > time.time() else ""
            print(f"{name}\tcreated {info.get('created', '?')}\tfailed sign-ins {s.get('failures', 0)}{locked}")
    elif args.cmd == "remove":
        if not remove_user(args.name):
            print(f"no user {args.name}", file=sys.stderr)
            return 1
        print(f"removed {args.name}")
    else:
        unlock(args.name)
        print(f"unlocked {args.name}")
    return 0


main = main_user
