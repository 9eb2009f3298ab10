"""Shared helpers for browser tests and benchmarks: start the app the way the
README does, launch Debian's Chromium, wait until a Streamlit page is drawn."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pii import settings

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = settings.chromium_path()
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

# A page is drawn when Streamlit is idle, no lazy-load skeleton is left and
# every Plotly chart has its SVG root (the chart itself is drawn then).
_READY_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  // every page starts with st.title: no heading yet means the run has not drawn
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  if (status && /running|đang chạy/i.test(status.innerText || '')) return false;
  if (app.getAttribute('data-test-script-state') === 'running') return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.every(c => c.querySelector('.main-svg'));
}"""


def free_port() -> int:
    """A port nobody listens on now: several engineers and CI workers run the
    browser tests on one machine at once, so fixed ports collide."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def streamlit_cmd(port: int) -> list[str]:
    """The command scripts/start.sh ends with (README command 1), on ``port``."""
    start = (ROOT / "scripts" / "start.sh").read_text(encoding="utf-8")
    python = str(ROOT / ".venv" / "bin" / "python")
    if "scripts/serve.py" in start:
        cmd = [python, str(ROOT / "scripts" / "serve.py")]
    else:
        cmd = [str(ROOT / ".venv" / "bin" / "streamlit"), "run", "app.py"]
    return cmd + ["--server.headless", "true", "--server.port", str(port), "--browser.gatherUsageStats", "false"]


def start_server(port: int, env: dict[str, str] | None = None, timeout: float = 90,
                 log: Path | None = None) -> subprocess.Popen:
    """Start the app on 127.0.0.1:``port`` and wait for /_stcore/health.
    ``env`` is the server's whole environment (default: this process's);
    ``log`` receives the server's output (to explain a crash)."""
    out = open(log, "wb") if log else subprocess.DEVNULL  # the server keeps it open until it exits
    proc = subprocess.Popen(streamlit_cmd(port) + ["--server.address", "127.0.0.1"], cwd=ROOT, env=env,
                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    wait_health(f"http://127.0.0.1:{port}", proc, timeout)
    return proc


@contextmanager
def running_app(port: int, log: Path | None = None) -> Iterator[str]:
    """The app on the shipped data (PII_DATA_DIR unset) at 127.0.0.1:``port``,
    started as README command 1 does; stopped on exit. Yields the base URL."""
    env = {k: v for k, v in os.environ.items() if k != "PII_DATA_DIR"}
    proc = start_server(port, env=env, log=log)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(proc)


def wait_health(base: str, proc: subprocess.Popen | None = None, timeout: float = 90) -> float:
    """Poll /_stcore/health until it answers ok; returns the seconds waited."""
    t0 = time.perf_counter()
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return time.perf_counter() - t0
        except OSError:
            pass
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode} before {base} was healthy")
        if time.perf_counter() - t0 > timeout:
            raise RuntimeError(f"streamlit at {base} not healthy after {timeout} s")
        time.sleep(0.2)


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


def launch_browser(p: Any) -> Any:
    """Headless Debian Chromium through Playwright (never a downloaded browser)."""
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_ready(page: Any, timeout: float = 120_000, settle_ms: int = 300) -> None:
    """Wait until the page has run and every chart is drawn. Streamlit may
    start a rerun right after the first one (URL sync), so the ready state
    must hold twice ``settle_ms`` apart."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    for _ in range(2):
        page.wait_for_function(_READY_JS, timeout=timeout)
        page.wait_for_timeout(settle_ms)
    page.wait_for_function(_READY_JS, timeout=timeout)


def is_ready(page: Any) -> bool:
    return bool(page.evaluate(_READY_JS))


def exceptions_on(page: Any) -> list[str]:
    """Text of any Streamlit exception boxes (a traceback the user would see)."""
    return [e.inner_text() for e in page.locator('[data-testid="stException"]').all()]
