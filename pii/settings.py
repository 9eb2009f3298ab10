"""Every environment and configuration read of the app, in one place.

- ``PII_DATA_DIR``: the data folder (default: the shipped ``pii_data/``); tests,
  benchmarks and demo data point the whole app elsewhere with it.
- ``PII_DEMO_DIR``: where demo mode writes its synthetic dataset.
- ``PII_CHROMIUM``: the one Chromium binary for Kaleido exports, PDF unit
  sheets and browser tests (default Debian's ``/usr/bin/chromium``; nothing
  ever downloads a browser).
- ``PII_USERS_FILE``: the import accounts (Argon2 hashes, outside the repo;
  ``python -m pii user add NAME``), ``PII_SESSION_MINUTES``: idle sign-out.
  The old shared ``PII_IMPORT_PASSWORD`` is gone (issue 12).
- ``PII_CHECK_SECONDS`` / ``PII_CHECK_MEMORY_MB`` / ``PII_CHECK_WORKERS``: the
  budget of the import-check worker process (pii.pipeline.sandbox).
- ``PII_WORKERS``: how many Streamlit processes ``scripts/start.sh`` runs behind
  the proxy (default: the number of cores; 1 = single-process development mode).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_DATA_DIR = REPO_ROOT / "pii_data"
DEFAULT_CHROMIUM = "/usr/bin/chromium"


def data_dir() -> Path:
    return Path(os.environ.get("PII_DATA_DIR") or SHIPPED_DATA_DIR)


def demo_dir() -> Path:
    return Path(os.environ.get("PII_DEMO_DIR") or Path.home() / ".cache" / "pii_demo")


def chromium_path() -> str:
    return os.environ.get("PII_CHROMIUM") or DEFAULT_CHROMIUM


def users_file() -> Path:
    """The import accounts (Argon2 hashes), outside the repository: ``PII_USERS_FILE``,
    default ``~/.config/pii/users.toml`` (see pii.accounts; ``python -m pii user add NAME``)."""
    return Path(os.environ.get("PII_USERS_FILE") or Path.home() / ".config" / "pii" / "users.toml")


def progress_db_url() -> str:
    """The progress store (issue 23): ``PII_PROGRESS_DB``, a SQLAlchemy URL (PostgreSQL when several machines
    serve: ``postgresql+psycopg://user:password@host/db``); default an embedded SQLite file beside the accounts."""
    return os.environ.get("PII_PROGRESS_DB") or f"sqlite:///{users_file().parent / 'progress.sqlite'}"


def evidence_dir() -> Path:
    """Evidence files, stored by their SHA-256 outside anything served (``PII_EVIDENCE_DIR``, default beside the
    accounts)."""
    return Path(os.environ.get("PII_EVIDENCE_DIR") or users_file().parent / "evidence")


def session_minutes() -> float:
    """Idle minutes before the import page signs a user out (``PII_SESSION_MINUTES``, default 30)."""
    return _number("PII_SESSION_MINUTES", 30.0)


def _number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name) or default)
    except ValueError:
        return default


def check_seconds() -> float:
    """CPU budget of one import check in the worker (``PII_CHECK_SECONDS``, default 30 s of computing)."""
    return _number("PII_CHECK_SECONDS", 30.0)


def check_wall_seconds() -> float:
    """Wall-clock backstop of one import check (``PII_CHECK_WALL_SECONDS``, default 3 x the CPU budget): on a
    server busy with a meeting a legitimate file gets the computing time it needs, and no check waits longer."""
    return _number("PII_CHECK_WALL_SECONDS", 3 * check_seconds())


def check_memory_mb() -> int:
    """Address-space limit of the import-check worker (``PII_CHECK_MEMORY_MB``, default 512)."""
    return int(_number("PII_CHECK_MEMORY_MB", 512))


def check_workers() -> int:
    """How many import checks may run at once (``PII_CHECK_WORKERS``, default 2)."""
    return max(1, int(_number("PII_CHECK_WORKERS", 2)))


def workers() -> int:
    """Streamlit processes for scripts/serve_cluster.py (at least 1)."""
    raw = os.environ.get("PII_WORKERS", "").strip()
    try:
        n = int(raw) if raw else (os.cpu_count() or 1)
    except ValueError:
        n = os.cpu_count() or 1
    return max(1, n)
