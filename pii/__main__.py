"""Command line: ``python -m pii <command> ...``.

Commands: build (CSV → parquet), import, rollback, demo, export.
Each command lives in its own module; this file only dispatches.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "build": ("pii.pipeline.build", "build the parquet tables from pii_data/sources (refuses on any problem)"),
    "import": ("pii.pipeline.import_cli", "check and publish an official data file (CSV/XLSX)"),
    "rollback": ("pii.pipeline.import_cli", "restore the previous published data version"),
    "request": ("pii.pipeline.data_request", "write the data-request workbook for a peer province (XLSX)"),
    "user": ("pii.accounts", "add/list/remove/unlock the accounts that may import data (Argon2 hashes)"),
    "role": ("pii.progress.roles", "give an account its plan-progress role: unit (with its unit id), dost, leadership"),
    "demo-progress": ("pii.progress.demo", "fill the progress store with watermarked demo reports"),
    "demo": ("pii.pipeline.demo", "write the synthetic demo dataset (watermarked in the app)"),
    "export": ("pii.export.cli", "export charts and briefing packs (PNG/SVG/PDF/PPTX)"),
}


class TerminalSafe:
    """A text stream that writes control characters as visible escapes (issue 22): a file name or cell
    carrying ESC sequences (colours, cursor moves, a retitled terminal) is shown, never run by the terminal."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from pii.safety import terminal_text

        return self._stream.write(terminal_text(text))  # type: ignore[attr-defined, no-any-return]

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    """Every command: output made terminal-safe, and an unexpected error is one line with an incident id and
    exit code 3, never a traceback (issue 22; the trace goes to a log file the line names)."""
    if not isinstance(sys.stdout, TerminalSafe):
        sys.stdout, sys.stderr = TerminalSafe(sys.stdout), TerminalSafe(sys.stderr)  # type: ignore[assignment]
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("interrupted / đã dừng", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the one place a CLI error is turned into a plain line
        import logging
        import tempfile
        import uuid
        from pathlib import Path

        incident = uuid.uuid4().hex[:8]
        log = Path(tempfile.gettempdir()) / "pii-cli-errors.log"
        try:
            with open(log, "a", encoding="utf-8") as fh:
                logging.basicConfig(stream=fh, force=True)
                logging.getLogger("pii.cli").exception("incident %s: python -m pii %s", incident,
                                                       " ".join(sys.argv[1:] if argv is None else argv))
        except OSError:
            log = Path("(not written)")
        print(f"lỗi không mong muốn (mã sự cố {incident}); chưa có gì bị thay đổi dở dang. "
              f"/ unexpected error (incident {incident}); details for the administrator in {log}",
              file=sys.stderr)
        return 3


def _main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        print("usage: python -m pii <command> [args]\n")
        for name, (_, doc) in COMMANDS.items():
            print(f"  {name:<9} {doc}")
        return 2
    if argv[0] in ("import", "rollback", "export"):
        # a publish killed half-way is finished or undone when the CLI starts (issue 22), not only at the next
        # publish; import and rollback also recover under the lock (build does too, for the folder it is given)
        from pii.pipeline import import_lock, paths

        done = import_lock.recover_at_start(paths.data_dir())
        if done:
            print(f"recovered an interrupted publish: {done}", file=sys.stderr)
    module = importlib.import_module(COMMANDS[argv[0]][0])
    entry = getattr(module, f"main_{argv[0].replace('-', '_')}", None) or module.main
    return int(entry(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
