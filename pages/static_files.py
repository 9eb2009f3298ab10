"""Files app.py reads on every run (stylesheet, print script, which page files exist), read once per change.

app.py runs at the start of every script run of every session; re-reading and stat-ing a dozen files each time
is work the framework floor does not pay. Text is keyed on the file's mtime (an edited stylesheet still shows
on the next run); which page files exist is read once per process (a new page needs a restart).
"""

from __future__ import annotations

import functools
from pathlib import Path


@functools.lru_cache(maxsize=16)
def _read(path: str, mtime_ns: int) -> str:
    return Path(path).read_text(encoding="utf-8")


def text(path: Path) -> str | None:
    """The file's text, or None if it does not exist."""
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    return _read(str(path), mtime)


@functools.cache
def existing(root: str, files: tuple[str, ...]) -> frozenset[str]:
    """Which of ``files`` (relative to ``root``) exist."""
    return frozenset(f for f in files if (Path(root) / f).exists())
