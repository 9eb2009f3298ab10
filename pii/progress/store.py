"""The progress store: one SQLAlchemy engine per URL, versioned migrations,
named SQL files with bound parameters.

- ``PII_PROGRESS_DB`` (a SQLAlchemy URL) selects PostgreSQL when several
  machines serve (``postgresql+psycopg://user:pass@host/db``); the default is
  an embedded SQLite file beside the accounts (``settings.progress_db_url``).
- SQLite runs in WAL mode (readers never wait for the writer) with
  ``synchronous=FULL`` (a committed report survives a kill -9 and a power cut),
  a 30 s busy timeout and ``BEGIN IMMEDIATE`` for every transaction, so two
  writers queue instead of failing on a lock upgrade (SQLAlchemy's documented
  pysqlite recipe).
- Migrations are the numbered files in ``migrations/``; ``schema_migrations``
  records each applied one. Every engine migrates on first use, under a lock
  (SQLite's write lock, PostgreSQL's advisory lock), so two processes starting
  at once apply each step once.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text

from pii import settings

HERE = Path(__file__).parent
MIGRATIONS = HERE / "migrations"
SQL_DIR = HERE / "sql"
_MIGRATION = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@cache
def sql(name: str) -> str:
    """A named query of ``sql/`` (``:name`` parameters, bound by SQLAlchemy)."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"bad query name {name!r}")
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: the configured store), migrated."""
    url = url or settings.progress_db_url()
    with _LOCK:
        eng = _ENGINES.get(url)
        if eng is None:
            if url.startswith("sqlite"):
                path = url.split("///", 1)[-1]
                if path and path != ":memory:":
                    Path(path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                eng = create_engine(url, connect_args={"timeout": 30})
                _sqlite_setup(eng)
            else:
                eng = create_engine(url, pool_pre_ping=True)
            migrate(eng)
            _ENGINES[url] = eng
    return eng


def dispose_all() -> None:
    """Close every pooled connection (tests, and a forked process before it writes)."""
    with _LOCK:
        for eng in _ENGINES.values():
            eng.dispose()
        _ENGINES.clear()


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every migration, in order."""
    out = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        m = _MIGRATION.match(path.name)
        if m:
            out.append((int(m.group(1)), path.name, path.read_text(encoding="utf-8")))
    return out


def _statements(script: str) -> list[str]:
    body = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]


def migrate(eng: Engine) -> list[int]:
    """Apply the migrations not yet applied; returns the versions applied now."""
    applied_now: list[int] = []
    with eng.begin() as conn:
        if eng.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(152023)"))
        conn.execute(text("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                          "name TEXT NOT NULL, applied_at TEXT NOT NULL)"))
        done = {row[0] for row in conn.execute(text("SELECT version FROM schema_migrations"))}
        for version, name, script in migrations():
            if version in done:
                continue
            for stmt in _statements(script):
                conn.execute(text(stmt))
            conn.execute(text("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :at)"),
                         {"v": version, "n": name, "at": now_iso()})
            applied_now.append(version)
    return applied_now


@contextmanager
def transaction(url: str | None = None) -> Iterator[Connection]:
    """One transaction: committed when the block ends, rolled back on an error."""
    with engine(url).begin() as conn:
        yield conn


def rows(name: str, params: dict | None = None, url: str | None = None) -> list[dict]:
    """A named read query's rows as dicts."""
    with engine(url).connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql(name)), params or {})]
