"""Fixtures for the browser journeys: the app started the way the README
starts it (the streamlit command scripts/start.sh ends with) on its own port,
and one headless Debian Chromium per test session.

Other e2e test files start their own servers on their own ports; these
fixtures are only created when a test asks for them."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import free_port, launch_browser, running_app, start_server, stop_server

JOURNEY_PORT = int(os.environ.get("PII_E2E_JOURNEY_PORT") or 0) or free_port()
_SERVER: dict[str, Any] = {}


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Base URL of the app on the shipped data (PII_DATA_DIR unset)."""
    env = {k: v for k, v in os.environ.items() if k != "PII_DATA_DIR"}
    log = Path(tempfile.gettempdir()) / f"pii_e2e_journeys_{JOURNEY_PORT}.log"
    proc = start_server(JOURNEY_PORT, env=env, log=log)
    _SERVER.update(proc=proc, log=log)
    try:
        yield f"http://127.0.0.1:{JOURNEY_PORT}"
    finally:
        stop_server(proc)


def _check_server_alive() -> None:
    """A journey that finds the server gone says so, with the server's last
    output, instead of timing out on a disabled widget."""
    proc = _SERVER.get("proc")
    if proc is not None and proc.poll() is not None:
        tail = Path(_SERVER["log"]).read_text(encoding="utf-8", errors="replace")[-3000:]
        pytest.fail(f"the app server exited with code {proc.returncode}; its last output:\n{tail}")


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    """The app on the shipped data, on a port of the test module's own (started as README command 1 does)."""
    with running_app(free_port()) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Module scope: Playwright's sync API allows one running instance per
    process, and other e2e files start their own in the same xdist worker."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_browser(p)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def page(chromium: Any) -> Iterator[Any]:
    """A fresh browser context (own cookies, own Streamlit session) per test."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                   locale="vi-VN")
    pg = context.new_page()
    pg.set_default_timeout(120_000)  # the shared 2-core box runs at load ~20
    _check_server_alive()
    try:
        yield pg
    finally:
        context.close()
        _check_server_alive()
