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
- Failed sign-ins are counted in ``<users file>.state.json`` (not per browser
  session, so a new tab or a restart does not reset them), per client AND
  account (issue 22): from the 3rd failure each attempt from that client must
  wait ``2 ** (n - 2)`` seconds (2, 4, 8 … 60 s), and after ``LOCK_AFTER``
  failures that client is locked out of that account for ``LOCK_MINUTES``. The
  count is forgotten after ``FORGET_MINUTES`` without a failure and when a lock
  lapses, so one wrong try every 15 minutes does not keep anyone locked.
- Every client's failures also count for the account: after
  ``ACCOUNT_LOCK_AFTER`` of them the account is locked for ``LOCK_MINUTES`` for
  clients that never signed in to it (a client that signed in successfully
  within ``KNOWN_DAYS`` keeps working: anonymous tries cannot lock the owner
  out); the lock lapses and the count starts again. ``user unlock`` ends any
  lock early. A success resets that client's count.
- An unknown name costs the same hash time as a known one, says the same thing
  and is counted for the client only (state does not grow with attacker-chosen
  names); the state keeps at most ``MAX_ENTRIES`` entries of each kind (the
  oldest go). The password is checked outside the file lock: sign-ins do not
  wait for each other's Argon2 hash.
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
FORGET_MINUTES = 60
ACCOUNT_LOCK_AFTER = 3 * LOCK_AFTER
KNOWN_DAYS = 90
MAX_ENTRIES = 5_000
MAX_DELAY = 60.0
STATE_VERSION = 2
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


_HOLDERS = 0


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    """One writer at a time for the users and state files (several server processes share them)."""
    path = users_path().with_name(users_path().name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    global _HOLDERS
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        _HOLDERS += 1
        try:
            yield
        finally:
            _HOLDERS -= 1
            fcntl.flock(fh, fcntl.LOCK_UN)


def _state_lock_held() -> bool:
    """True while some thread of this process holds the file lock (tests: the hash runs outside it)."""
    return _HOLDERS > 0


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
        state = json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    if not isinstance(state, dict) or state.get("v") != STATE_VERSION:
        state = {}  # the old per-name counts: started afresh
    state["v"] = STATE_VERSION
    for kind in ("clients", "accounts", "known"):
        state.setdefault(kind, {})
    return state


def _age(value: object) -> float:
    return float(value.get("last", 0.0)) if isinstance(value, dict) else float(value)  # type: ignore[arg-type]


def _save_state(state: dict) -> None:
    for kind in ("clients", "accounts", "known"):  # bounded: the oldest entries go first
        table = state.get(kind, {})
        if len(table) > MAX_ENTRIES:
            for key in sorted(table, key=lambda k, t=table: _age(t[k]))[:len(table) - MAX_ENTRIES]:
                table.pop(key)
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
        state["accounts"].pop(name, None)
        _save_state(state)


def remove_user(name: str) -> bool:
    with _locked():
        users = load_users()
        found = users.pop(name.strip().lower(), None) is not None
        _save_users(users)
        return found


def unlock(name: str) -> None:
    name = name.strip().lower()
    with _locked():
        state = _load_state()
        state["accounts"].pop(name, None)
        for key in [k for k in state["clients"] if k.endswith("|" + name)]:
            state["clients"].pop(key)
        _save_state(state)


def _delay(failures: int) -> float:
    return 0.0 if failures < 3 else min(MAX_DELAY, 2.0 ** (failures - 2))


def _current(entry: dict | None, now: float) -> dict:
    """A failure count as it stands at ``now``: forgotten after FORGET_MINUTES quiet, and once its lock lapsed."""
    entry = dict(entry or {})
    locked_until = float(entry.get("locked_until", 0.0))
    if (locked_until and locked_until <= now) or now - float(entry.get("last", 0.0)) > FORGET_MINUTES * 60:
        return {"failures": 0, "last": 0.0, "locked_until": 0.0}
    return {"failures": int(entry.get("failures", 0)), "last": float(entry.get("last", 0.0)),
            "locked_until": locked_until}


def sign_in(name: str, password: str, now: float | None = None, client: str = "") -> SignIn:
    """Check a name and password from ``client`` (its address), applying the growing delay and the lockouts."""
    name = str(name or "").strip().lower()
    now = time.time() if now is None else now
    client = str(client or "")[:64]
    with _locked():  # short: read the counts; the password is checked outside the lock
        state = _load_state()
        users = load_users()
        known_name = NAME.match(name) is not None and name in users
        key = f"{client}|{name if known_name else '?'}"  # unknown names: counted per client only
        entry = _current(state["clients"].get(key), now)
        account = _current(state["accounts"].get(name), now) if known_name else _current(None, now)
        seen = state["known"].get(f"{client}|{name}")
        trusted = seen is not None and now - float(seen) < KNOWN_DAYS * 86400
    if entry["locked_until"] > now:
        return SignIn(False, locked_minutes=(entry["locked_until"] - now) / 60)
    if account["locked_until"] > now and not trusted:
        return SignIn(False, locked_minutes=(account["locked_until"] - now) / 60)
    wait = entry["last"] + _delay(entry["failures"]) - now
    if wait > 0:
        return SignIn(False, wait_seconds=wait, too_early=True)
    stored = users.get(name, {}).get("hash") if known_name else None
    try:
        ok = _HASHER.verify(stored or _DUMMY, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    with _locked():
        state = _load_state()
        if ok:
            state["clients"].pop(key, None)
            state["known"][f"{client}|{name}"] = now
            if _HASHER.check_needs_rehash(stored):  # type: ignore[arg-type]
                users = load_users()
                users[name]["hash"] = _HASHER.hash(password)
                _save_users(users)
            _save_state(state)
            return SignIn(True, user=name)
        if not NAME.match(name):
            return SignIn(False)  # not a possible account: nothing to count
        entry = _current(state["clients"].get(key), now)
        failures = entry["failures"] + 1
        entry = {"failures": failures, "last": now,
                 "locked_until": now + LOCK_MINUTES * 60 if failures >= LOCK_AFTER else 0.0}
        state["clients"][key] = entry
        if known_name:
            acc = _current(state["accounts"].get(name), now)
            n = acc["failures"] + 1
            state["accounts"][name] = {"failures": n, "last": now, "locked_until": acc["locked_until"] or (
                now + LOCK_MINUTES * 60 if n >= ACCOUNT_LOCK_AFTER else 0.0)}
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
        state, now = _load_state(), time.time()
        for name, info in sorted(load_users().items()):
            acc = _current(state["accounts"].get(name), now)
            clients = [_current(v, now) for k, v in state["clients"].items() if k.endswith("|" + name)]
            locked = " LOCKED" if acc["locked_until"] > now else (
                " LOCKED for some clients" if any(c["locked_until"] > now for c in clients) else "")
            print(f"{name}\tcreated {info.get('created', '?')}\tfailed sign-ins {acc['failures']}{locked}")
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
