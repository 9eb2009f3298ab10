"""Where the data lives. ``PII_DATA_DIR`` points the whole app at another data
folder (tests, benchmarks, demo data) without touching the shipped files."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_DATA_DIR = REPO_ROOT / "pii_data"


def data_dir() -> Path:
    return Path(os.environ.get("PII_DATA_DIR", SHIPPED_DATA_DIR))


def sources_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "sources"
