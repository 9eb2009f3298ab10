"""Shared pytest setup. In CI (CI=true) a skipped test is a failure."""

from __future__ import annotations

import os

import pytest

pytest_plugins = ["tests.fixtures_data"]  # demo_dir, data_copy (issue 6)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    pass


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI (not allowed): {report.longrepr}"
