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


def demo_installed() -> bool:
    """True when the demo dataset was written (at server start or ``python -m pii demo --install``): a
    visitor's ``?demo=1`` only reads it, never writes it (issue 22)."""
    from pii.pipeline import demo  # imported lazily: only demo mode needs it

    return demo.installed_demo(settings.demo_dir()) is not None


def get_db(demo: bool = False) -> PiiDB:
    base = settings.demo_dir() if demo else settings.data_dir()
    pq = base / "parquet"
    return _db(str(pq), _data_version(pq))
