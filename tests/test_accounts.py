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
