"""Import official PII data: check everything, then publish atomically, or refuse.

This module is the importer's public face (pages, tests, scripts and older branches import it);
the work is split along the path a file takes:

- reading: :mod:`pii.pipeline.import_formats` (CSV, XLSX, PDF, Word → a raw table);
- layout: :mod:`pii.pipeline.import_layout` (which kind of file, which column holds what);
- rows: :mod:`pii.pipeline.import_rows` (one row per figure);
- checks: :mod:`pii.pipeline.import_checks` and :mod:`pii.pipeline.import_reference`;
- staging: :mod:`pii.pipeline.import_staging` (every table built from a copy of the sources);
- the whole check: :mod:`pii.pipeline.import_check` (:func:`check_file`, writes nothing);
- publishing: :mod:`pii.pipeline.import_publish` and :mod:`pii.pipeline.import_lock`;
- the command line: :mod:`pii.pipeline.import_cli`;
- the result: :class:`pii.pipeline.import_report.ImportReport`.

Formats (CSV UTF-8 or XLSX; see ``assets/templates/``):

- ``long``: one row per province and code: edition, province, code, score, rank, source.
- ``appendix``: a provincial plan appendix (code / name / score / rank rows, local
  codes ``I``, ``1``, ``1.1`` or full codes ``I.1.1``; or the plan's own text
  layout), with ``edition``, ``province`` and ``source`` given on import.
- ``framework``: a framework edition (edition, code, level, parent_code, name_vi, name_en).
- ``crosswalk``: codes mapped between editions (from_edition, from_code, to_edition, to_code, note).
"""

from __future__ import annotations

from pii.pipeline.import_check import check_file
from pii.pipeline.import_checks import text_cell_problems
from pii.pipeline.import_cli import main, main_import, main_rollback
from pii.pipeline.import_layout import ALIASES, KINDS, LEVELS, REQUIRED, guess_kind
from pii.pipeline.import_lock import LOG_NAME, ROLLED_BACK_DIR, read_log, recover
from pii.pipeline.import_publish import publish, rollback
from pii.pipeline.import_report import ImportReport
from pii.pipeline.import_rows import expand_code

__all__ = ["ALIASES", "KINDS", "LEVELS", "LOG_NAME", "REQUIRED", "ROLLED_BACK_DIR", "ImportReport", "check_file",
           "expand_code", "guess_kind", "main", "main_import", "main_rollback", "publish", "read_log", "recover",
           "rollback", "text_cell_problems"]
