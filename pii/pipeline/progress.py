"""Progress of a check, from the limited worker to whoever waits for it (issue 19).

The worker writes its latest step — ``done total what`` — at the start of a small file whose path the
caller puts in ``PII_PROGRESS_FILE``; the caller's wait loop (pii.pipeline.sandbox) reads it and hands it
to a callback: the page draws a progress bar once the check has run for a second, the CLI a line on stderr.
No file, no cost: outside the worker (tests, ``check_file`` called directly) :func:`step` does nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable

ENV = "PII_PROGRESS_FILE"
STEPS = ("read", "layout", "rows", "checks", "staging")  # the path a file takes, in order
Callback = Callable[[int, int, str], None]
STEP_KEYS = {"read": "impe_step_read", "layout": "impe_step_layout", "rows": "impe_step_rows",
             "checks": "impe_step_checks", "staging": "impe_step_staging"}


def step(what: str, done: int | None = None, total: int | None = None) -> None:
    """Say which step the check is at (``what`` one of :data:`STEPS`), or how far inside it."""
    path = os.environ.get(ENV)
    if not path:
        return
    i = STEPS.index(what) if what in STEPS else 0
    done = i if done is None else done
    total = len(STEPS) if total is None else total
    try:
        fd = os.open(path, os.O_WRONLY)
        try:
            os.pwrite(fd, f"{done} {total} {what}".ljust(64).encode("ascii", "replace"), 0)
        finally:
            os.close(fd)
    except OSError:
        pass  # progress is a courtesy: never a reason for a check to fail


def read(path: str) -> tuple[int, int, str] | None:
    try:
        with open(path, "rb") as fh:
            parts = fh.read(64).decode("ascii", "replace").split()
        return (int(parts[0]), int(parts[1]), parts[2]) if len(parts) == 3 else None
    except (OSError, ValueError):
        return None


def label(done: int, total: int, what: str, lang: str = "vi") -> str:
    """'Checking the file — step 3/5: reading the rows' (pii.i18n)."""
    from pii.i18n import catalog, t

    if what == "pages":  # inside the reading: pages of a PDF report
        return t("impe_progress_pages", lang, done=done, total=total)
    key = STEP_KEYS.get(what, "")
    return t("impe_progress", lang, done=min(done + 1, total), total=total,
             what=t(key, lang) if key in catalog() else what)


class Printer:
    """The CLI's progress: one line on stderr, redrawn on a terminal; on a pipe a line per step after 1 s."""

    def __init__(self, lang: str = "vi", stream: object = None) -> None:
        import sys
        import time

        self.lang, self.stream, self.t0 = lang, stream or sys.stderr, time.monotonic()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.shown = False

    def __call__(self, done: int, total: int, what: str) -> None:
        import time

        if time.monotonic() - self.t0 < 1.0:
            return  # a check that takes less than a second shows no progress
        text = label(done, total, what, self.lang)
        self.stream.write(("\r" + text.ljust(80)) if self.tty else text + "\n")  # type: ignore[attr-defined]
        self.stream.flush()  # type: ignore[attr-defined]
        self.shown = True

    def close(self) -> None:
        if self.shown and self.tty:
            self.stream.write("\n")  # type: ignore[attr-defined]
