"""Shared pytest setup. In CI (CI=true) a skipped test is a failure."""

from __future__ import annotations

import os

import pytest

pytest_plugins = ["tests.fixtures_data"]  # demo_dir, data_copy (issue 6)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI (not allowed): {report.longrepr}"


@pytest.fixture(autouse=True)
def _private_users_file(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the machine's real import accounts (~/.config/pii/users.toml)."""
    if not os.environ.get("PII_USERS_FILE", "").startswith(str(tmp_path_factory.getbasetemp())):
        monkeypatch.setenv("PII_USERS_FILE", str(tmp_path_factory.mktemp("accounts") / "users.toml"))
