"""Session fixtures with the synthetic demo dataset (pii.pipeline.demo), written once
into a temporary folder; tests never touch the shipped pii_data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pii.pipeline import demo, paths


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder (sources/ + parquet/) holding the demo dataset, seed 2023."""
    base = tmp_path_factory.mktemp("demo_data")
    demo.write_demo(base, seed=2023)
    return base


@pytest.fixture()
def demo_env(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's demo mode (URL demo=1) reads this test's demo dataset."""
    monkeypatch.setenv("PII_DEMO_DIR", str(demo_dir))
    return demo_dir


@pytest.fixture(scope="session")
def _built_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped sources and their built parquet, once per test worker (a build costs ~1.1 s and about 60
    tests publish into a copy of their own)."""
    from pii.pipeline.build import build_tables, write_tables

    base = tmp_path_factory.mktemp("built_data") / "pii_data"
    shutil.copytree(paths.sources_dir(paths.SHIPPED_DATA_DIR), base / "sources",
                    ignore=shutil.ignore_patterns("imports"))
    write_tables(build_tables(base / "sources"), base / "parquet", keep_previous=False)
    return base


@pytest.fixture()
def data_copy(tmp_path: Path, _built_data: Path) -> Path:
    """A private copy of the shipped data folder (sources + built parquet) for
    tests that publish or roll back; point the code at it with PII_DATA_DIR."""
    base = tmp_path / "pii_data"
    shutil.copytree(_built_data, base)  # a copy of the one build: the same bytes a build of these sources writes
    return base
