"""Staging: build every table from a copy of the sources plus the checked import."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pii.pipeline.import_context import Current
from pii.pipeline.import_lock import ROLLED_BACK_DIR
from pii.pipeline.import_report import ImportReport
from pii.pipeline.import_store import IMPORTS_DIR
from pii.pipeline.problems import DataError, Problem


def staging_build(report: ImportReport, cur: Current) -> None:
    """Build every table from a staging copy of the sources plus this import:
    the same code path as ``python -m pii build``, so what passes here builds later."""
    from pii.pipeline.build import build_tables

    with tempfile.TemporaryDirectory(prefix="pii-import-check-") as tmp:
        src = Path(tmp) / "sources"
        shutil.copytree(cur.src, src, ignore=shutil.ignore_patterns(ROLLED_BACK_DIR))
        (src / IMPORTS_DIR).mkdir(exist_ok=True)
        for fname, df in report.outputs.items():
            df.to_csv(src / IMPORTS_DIR / fname, index=False, encoding="utf-8")
        try:
            report.tables = build_tables(src)
        except DataError as err:
            report.problems += [Problem(report.file if p.file.startswith(IMPORTS_DIR) else p.file, p.row, p.column,
                                        p.message_vi, p.message_en, p.value) for p in err.problems]
