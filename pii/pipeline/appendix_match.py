"""Match an appendix row to a framework code by the indicator's name.

Used when a row has no usable number (a Word or PDF appendix without the STT
column, or a row whose number was lost): the name is compared without
diacritics, case or spacing (:func:`pii.pipeline.names.name_key`). The printed name
may run on into a description in the same cell ("Thiết chế pháp lý và an ninh
trật tự Là chỉ số thành phần…"), so a framework name that starts the cell also
counts. Within the current pillar first; more than one candidate is a question
for the user (a problem naming the candidates), never a guess.
"""

from __future__ import annotations

import pandas as pd

from pii.pipeline.names import name_key

MIN_NAME = 6  # a folded name shorter than this ("ict") is not matched by prefix


def candidates(name: str, framework: pd.DataFrame, edition: int, pillar: str | None = None) -> list[str]:
    """Codes whose name equals the row's name, else whose name starts it, else that it starts (a name cut
    short); within ``pillar`` if any match there. Several codes = ambiguous: the caller asks."""
    text = name_key(name)
    if not text:
        return []
    fw = framework[framework["edition"].astype(int) == int(edition)]
    folded = [(c, name_key(n)) for c, n in zip(fw["code"], fw["name_vi"])]
    exact = [c for c, n in folded if n == text]
    if exact:
        return exact
    # names that start the cell (the cell runs on into a description): the longest one
    starting = [(c, n) for c, n in folded if len(n) >= MIN_NAME and text.startswith(n)]
    longest = max((len(n) for _, n in starting), default=0)
    found = [c for c, n in starting if len(n) == longest]
    if len(text) >= 2 * MIN_NAME:  # a name cut short by the clerk: every name it starts is a candidate too
        found += [c for c, n in folded if n.startswith(text) and c not in found]
    if pillar and len(found) > 1:
        inside = [c for c in found if c == pillar or c.startswith(pillar + ".")]
        found = inside or found
    return found
