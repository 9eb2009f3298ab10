"""Named accounts for publishing (issue 12): Argon2 hashes in a users file outside
the repository, a growing delay then a lockout persisted per user, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pii import accounts, settings

ROOT = Path(__file__).resolve().parent.parent


def test_users_file_is_outside_the_repo_and_holds_only_hashes(monkeypatch):
    monkeypatch.delenv("PII_USERS_FILE")
    assert settings.users_file() == Path.home() / ".config" / "pii" / "users.toml"
    assert ROOT not in settings.users_file().parents
    monkeypatch.setenv("PII_USERS_FILE", str(Path(os.environ.get("TMPDIR", "/tmp")) / f"u{os.getpid()}.toml"))
    try:
        accounts.add_user("Lan", "một-mật-khẩu-dài")
        text = settings.users_file().read_text(encoding="utf-8")
        assert "một-mật-khẩu-dài" not in text and "$argon2id$" in text and '[users."lan"]' in text
        assert oct(settings.users_file().stat().st_mode & 0o777) == "0o600"
        assert accounts.sign_in("LAN", "một-mật-khẩu-dài").user == "lan"
    finally:
        settings.users_file().unlink(missing_ok=True)


def test_weak_names_and_passwords_are_refused():
    with pytest.raises(ValueError, match="at least 10"):
        accounts.add_user("lan", "short")
    with pytest.raises(ValueError, match="name"):
        accounts.add_user("[x](http://e)", "long-enough-password")


def test_growing_delay_then_lockout_then_unlock():
    accounts.add_user("minh", "mật-khẩu-đúng-1")
    t = time.time() - 10_000
    assert accounts.sign_in("minh", "sai", now=t) == accounts.SignIn(False)  # 1st failure: no delay yet
    assert accounts.sign_in("minh", "sai", now=t + 1).wait_seconds == 0  # 2nd
    third = accounts.sign_in("minh", "sai", now=t + 2)
    assert third.wait_seconds == 2  # 3rd: 2 s, then 4, 8, ...
    early = accounts.sign_in("minh", "mật-khẩu-đúng-1", now=t + 3)  # inside the delay: not even checked
    assert not early.ok and early.too_early and early.wait_seconds == pytest.approx(1)
    now, waits = t + 10, []
    for _ in range(accounts.LOCK_AFTER - 3):
        r = accounts.sign_in("minh", "sai", now=now)
        waits.append(r.wait_seconds)
        now += 100
    assert waits[:5] == [4, 8, 16, 32, 60]
    assert r.locked_minutes == accounts.LOCK_MINUTES
    locked = accounts.sign_in("minh", "mật-khẩu-đúng-1", now=now)  # right password, still locked
    assert not locked.ok and locked.locked_minutes > 0
    accounts.unlock("minh")
    assert accounts.sign_in("minh", "mật-khẩu-đúng-1", now=now).ok


def test_unknown_user_is_told_the_same_as_a_wrong_password():
    accounts.add_user("lan", "mật-khẩu-đúng-1")
    assert accounts.sign_in("nobody", "x") == accounts.sign_in("lan", "x")


def test_cli_adds_a_user_from_stdin():
    res = subprocess.run([sys.executable, "-m", "pii", "user", "add", "hoa"], input="mật-khẩu-cli-dài\n",
                         capture_output=True, text=True, cwd=ROOT, env=os.environ, timeout=120)
    assert res.returncode == 0, res.stderr
    assert accounts.sign_in("hoa", "mật-khẩu-cli-dài").ok
    listed = subprocess.run([sys.executable, "-m", "pii", "user", "list"], capture_output=True, text=True,
                            cwd=ROOT, env=os.environ, timeout=120)
    assert listed.stdout.startswith("hoa\t")


def test_lockout_lapses_and_one_try_per_lapse_does_not_renew_it():
    """Issue 22: after a lockout, one wrong password every 15 minutes locked the account again for ever (the
    count never decayed). Now the count starts again when the lock lapses; the owner signs in."""
    accounts.add_user("lan", "mật-khẩu-đúng-1")
    t = 1_000_000.0
    for i in range(accounts.LOCK_AFTER):
        r = accounts.sign_in("lan", "sai", now=t + i * 100, client="203.0.113.9")
    assert r.locked_minutes == accounts.LOCK_MINUTES
    now = t + accounts.LOCK_AFTER * 100
    for _ in range(8):  # an attacker's one try per lapse, for two hours
        now += accounts.LOCK_MINUTES * 60 + 1
        r = accounts.sign_in("lan", "sai", now=now, client="203.0.113.9")
        assert not r.locked_minutes, "one wrong try after the lapse renewed the lock"
    assert accounts.sign_in("lan", "mật-khẩu-đúng-1", now=now + 120, client="203.0.113.9").ok
    # the count is forgotten after FORGET_MINUTES without a failure
    accounts.sign_in("lan", "sai", now=now + 200, client="198.51.100.7")
    accounts.sign_in("lan", "sai", now=now + 201, client="198.51.100.7")
    third = accounts.sign_in("lan", "sai", now=now + 202, client="198.51.100.7")
    assert third.wait_seconds == 2
    later = now + 202 + accounts.FORGET_MINUTES * 60 + 1
    assert accounts.sign_in("lan", "sai", now=later, client="198.51.100.7").wait_seconds == 0  # forgotten


def test_throttle_is_per_client_the_owner_elsewhere_still_signs_in():
    accounts.add_user("lan", "mật-khẩu-đúng-1")
    t = 2_000_000.0
    assert accounts.sign_in("lan", "mật-khẩu-đúng-1", now=t, client="10.0.0.5").ok  # the owner's usual machine
    for i in range(accounts.LOCK_AFTER):
        r = accounts.sign_in("lan", "sai", now=t + 10 + i * 100, client="203.0.113.9")
    assert r.locked_minutes  # the attacker's client is locked out ...
    now = t + 10 + accounts.LOCK_AFTER * 100
    assert accounts.sign_in("lan", "mật-khẩu-đúng-1", now=now, client="10.0.0.5").ok  # ... the owner is not
    assert accounts.sign_in("lan", "mật-khẩu-đúng-1", now=now, client="192.0.2.44").ok  # nor a clean new client


def test_many_clients_lock_the_account_for_new_clients_only_and_the_lock_lapses():
    accounts.add_user("lan", "mật-khẩu-đúng-1")
    t = 3_000_000.0
    assert accounts.sign_in("lan", "mật-khẩu-đúng-1", now=t, client="10.0.0.5").ok
    now = t + 1
    for i in range(accounts.ACCOUNT_LOCK_AFTER):  # a botnet: two tries from each of many addresses
        accounts.sign_in("lan", "sai", now=now, client=f"203.0.113.{i // 2}")
        now += 1
    new = accounts.sign_in("lan", "mật-khẩu-đúng-1", now=now, client="192.0.2.44")
    assert not new.ok and new.locked_minutes > 0  # a client that never signed in waits ...
    assert accounts.sign_in("lan", "mật-khẩu-đúng-1", now=now, client="10.0.0.5").ok  # ... the owner's does not
    after = now + accounts.LOCK_MINUTES * 60 + 1
    assert accounts.sign_in("lan", "mật-khẩu-đúng-1", now=after, client="192.0.2.44").ok  # the lock lapsed


def test_throttle_state_is_bounded_and_unknown_names_are_not_kept(monkeypatch):
    import json

    monkeypatch.setattr(accounts, "MAX_ENTRIES", 50)
    monkeypatch.setattr(accounts, "_HASHER", accounts.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(accounts, "_DUMMY", accounts._HASHER.hash("x"))
    accounts.add_user("lan", "mật-khẩu-đúng-1")
    for i in range(120):
        accounts.sign_in(f"attacker-name-{i}", "x", now=4_000_000.0 + i, client=f"203.0.113.{i % 200}")
    state = json.loads(accounts._state_path().read_text(encoding="utf-8"))
    assert len(state["clients"]) <= 50 and not state["accounts"]
    assert not any("attacker-name" in k for k in state["clients"])


def test_sign_ins_do_not_wait_for_each_other_s_password_hash():
    """The Argon2 check runs outside the state file's lock: while one sign-in holds it, another is not blocked
    in the hash (the lock is held only to read and write the counts)."""
    import threading

    accounts.add_user("lan", "mật-khẩu-đúng-1")
    seen = []
    real_verify = accounts._HASHER.verify

    def verify(h, p):
        seen.append(accounts._state_lock_held())
        return real_verify(h, p)

    threads = [threading.Thread(target=accounts.sign_in, args=("lan", "sai"), kwargs={"client": f"c{i}"})
               for i in range(3)]
    orig = accounts._HASHER
    try:
        accounts._HASHER = type("H", (), {"verify": staticmethod(verify), "hash": orig.hash,
                                          "check_needs_rehash": orig.check_needs_rehash})()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    finally:
        accounts._HASHER = orig
    assert seen == [False, False, False]
