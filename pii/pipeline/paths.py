"""Where the data lives (the folder itself is a setting: :mod:`pii.settings`)."""

from __future__ import annotations

from pathlib import Path

from pii.settings import REPO_ROOT, SHIPPED_DATA_DIR, data_dir

__all__ = ["REPO_ROOT", "SHIPPED_DATA_DIR", "data_dir", "sources_dir"]


def sources_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "sources"
