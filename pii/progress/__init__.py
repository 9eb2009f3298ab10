"""Plan progress through the year (issue 23): what the units write.

The analysis data stays DuckDB over parquet (``queries/``); reports, comments,
evidence and checklist entries go to a transactional store made for several
writers: SQLite in WAL mode by default, PostgreSQL through ``PII_PROGRESS_DB``.

Along the way data flows: ``store`` (engine, migrations, named SQL) →
``roles`` (who may write what) → ``reports`` / ``evidence`` / ``checklists``
(the writes, each checked and audited) → ``board`` (the Department's and the
leadership's views, as DataFrames) → ``demo`` (the watermarked demo store).
"""
