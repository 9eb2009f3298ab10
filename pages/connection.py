"""The data connection of the app process: one read-only PiiDB per data
version (a publish swaps the folder; the next run opens the new data)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from pii import settings
from queries import PiiDB


def _data_version(parquet_dir: Path) -> float:
    """Changes when an import publishes (the folder is swapped by rename)."""
    try:
        return parquet_dir.stat().st_mtime
    except FileNotFoundError:
        return 0.0


@st.cache_resource(show_spinner=False)
def _db(parquet_dir: str, version: float) -> PiiDB:
    return PiiDB(Path(parquet_dir))


@st.cache_resource(show_spinner=False)
def _demo_dir() -> Path:
    """Folder of the synthetic demo dataset (written once per process)."""
    from pii.pipeline import demo  # imported lazily: only demo mode needs it

    return demo.ensure_demo(settings.demo_dir())  # rewrites a cache left by an older generator


def get_db(demo: bool = False) -> PiiDB:
    base = _demo_dir() if demo else settings.data_dir()
    pq = base / "parquet"
    return _db(str(pq), _data_version(pq))
