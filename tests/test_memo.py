"""pii.memo (figures shared per data version) and pii.analysis.history (the capped history views)."""

from __future__ import annotations

import gc

from pii import memo as m
from pii.analysis.history import HISTORY_EDITIONS, recent_editions


class FakeDB:
    """Stands for one data version's PiiDB (the memo only needs a weak-referenceable key)."""


def test_built_once_per_key_and_data_version() -> None:
    m.clear()
    calls: list[str] = []

    def build(tag: str) -> dict:
        calls.append(tag)
        return {"tag": tag}

    db1 = FakeDB()
    a = m.memo(db1, ("fig", 2023, "vi"), lambda: build("a"))
    b = m.memo(db1, ("fig", 2023, "vi"), lambda: build("b"))
    c = m.memo(db1, ("fig", 2023, "en"), lambda: build("c"))
    assert a is b and a == {"tag": "a"} and c == {"tag": "c"}
    assert calls == ["a", "c"]
    # a publish opens a new PiiDB: the figure is built again from the new data
    db2 = FakeDB()
    assert m.memo(db2, ("fig", 2023, "vi"), lambda: build("d")) == {"tag": "d"}
    assert calls == ["a", "c", "d"]
    # the old version's memo goes with its PiiDB
    del db1
    gc.collect()
    assert len(m._MEMO) == 1


def test_memo_is_bounded_oldest_first() -> None:
    m.clear()
    db = FakeDB()
    for i in range(m.MAX_ENTRIES + 5):
        m.memo(db, i, lambda i=i: i)
    store = m._MEMO[db]
    assert len(store) == m.MAX_ENTRIES and 0 not in store and m.MAX_ENTRIES + 4 in store


def test_recent_editions_keeps_the_selected_one() -> None:
    eds = list(range(2000, 2030))
    assert HISTORY_EDITIONS == 10
    assert recent_editions(eds) == list(range(2020, 2030))
    assert recent_editions(eds, 2025) == list(range(2020, 2030))
    assert recent_editions(eds, 2003) == [2003, *range(2021, 2030)]
    assert recent_editions([2023, 2024, 2025], 2023) == [2023, 2024, 2025]
