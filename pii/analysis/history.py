"""How many editions the multi-edition views draw.

A page that draws every edition grows with the archive (heatmap focus view 195 ms → 3.4 s from 3 to 300
editions). The history views draw the last ``HISTORY_EDITIONS`` editions and say so; the selected edition is
always among them.
"""

from __future__ import annotations

HISTORY_EDITIONS = 10


def recent_editions(editions: list[int], selected: int | None = None, n: int = HISTORY_EDITIONS) -> list[int]:
    """The last ``n`` editions (ascending); the selected one replaces the oldest if it is older."""
    eds = sorted(set(int(e) for e in editions))
    out = eds[-n:]
    if selected is not None and selected in eds and selected not in out:
        out = sorted([int(selected), *out[1:]])
    return out
