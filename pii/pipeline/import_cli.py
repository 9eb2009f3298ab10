"""Command line: ``python -m pii import FILE [--format F] [--edition E --province P --source S] [--dry-run]``
and ``python -m pii rollback``. The check runs in the limited worker (pii.pipeline.sandbox)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pii.pipeline.import_layout import KINDS
from pii.pipeline.import_publish import publish, rollback, whoami
from pii.pipeline.import_report import ImportReport
from pii.pipeline.problems import DataError, ProblemList


def _print_problems(report: ImportReport) -> None:
    for p in report.problems.summary() if isinstance(report.problems, ProblemList) else report.problems:
        print("  " + p.text("vi"), file=sys.stderr)
        print("  " + p.text("en"), file=sys.stderr)


def main_import(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pii import", description="check and publish an official data file")
    ap.add_argument("file", type=Path)
    ap.add_argument("--format", choices=KINDS, help="default: guessed from the header")
    ap.add_argument("--edition", help="appendix: PII edition (e.g. 2024)")
    ap.add_argument("--province", help="appendix: province name or id")
    ap.add_argument("--source", help="appendix: source id or URL of the figures")
    ap.add_argument("--units", help="framework of a new edition: unit set ('63' or '34')")
    ap.add_argument("--sheet", help="XLSX: the sheet to read (default: the one with the data)")
    ap.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the preview")
    ap.add_argument("--dry-run", action="store_true", help="check only and show the preview; write nothing")
    ap.add_argument("--user", help="ignored (kept for old scripts): the log records the signed-in OS account")
    args = ap.parse_args(argv)
    from pii.pipeline import sandbox  # the check runs in a limited worker process (issue 12)

    try:
        data = args.file.read_bytes()
    except OSError as err:
        print(f"cannot read {args.file}: {err}", file=sys.stderr)
        return 2
    from pii.pipeline.progress import Printer

    shown = Printer(args.lang)  # the step the worker is at, once the check has run for a second
    kw = dict(kind=args.format, edition=args.edition, province=args.province, source=args.source,
              units=args.units, sheet=args.sheet, on_progress=shown)
    if args.dry_run:
        report = sandbox.check_in_worker(data, args.file.name, **kw)
        from pii.pipeline.preview import print_preview

        print_preview(report, args.lang)
    else:
        report = publish(data, args.file.name, user=f"cli:{whoami()}", checker=sandbox.check_in_worker, **kw)
    shown.close()
    if report.problems:
        print(f"IMPORT REFUSED: {report.problem_count} problem(s) in {report.file}; nothing was written.",
              file=sys.stderr)
        _print_problems(report)
        return 1
    verb = "checked (dry run, nothing written)" if args.dry_run else "published"
    print(f"{verb}: {report.file} [{report.kind}] rows in file={report.rows_in_file} added={report.added} "
          f"changed={report.changed} unchanged={report.unchanged} in {report.seconds:.2f}s")
    return 0


def main_rollback(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pii rollback", description="restore the previous data version")
    ap.add_argument("--user", help="ignored (kept for old scripts): the log records the signed-in OS account")
    ap.parse_args(argv)
    try:
        entry = rollback(f"cli:{whoami()}")
    except DataError as err:
        for p in err.problems:
            print(p.text("en"), file=sys.stderr)
        return 1
    print(f"rolled back the import of {entry['file']} (sha256 {str(entry['sha256'])[:12]}…)")
    return 0


def main(argv: list[str] | None = None) -> int:
    return main_import(argv)
