"""Shared pieces of the progress-store tests: a fresh store per test (SQLite file or a PostgreSQL schema)."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

PLAN = "152/KH-UBND-2024"


def postgres_url() -> str | None:
    return os.environ.get("PII_TEST_POSTGRES_URL") or None


def fresh_postgres_db() -> str:
    """A new empty database on the test server (dropped by nobody: the server is the test run's own)."""
    base = postgres_url()
    if not base:
        pytest.skip("PII_TEST_POSTGRES_URL is not set (scripts/test.sh starts PostgreSQL and sets it)")
    name = f"pii_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.rsplit("/", 1)[0] + "/" + name
