"""Built figures (and other derived results) memoised per data version.

Building a Plotly figure with hover text for every cell costs tens to hundreds of ms and every session asks for
the same few (default edition, province and group). The memo lives on the ``PiiDB`` instance of one data
version (a weak reference), so a publish — which opens a new ``PiiDB`` — drops it with the old data.

Figures handed out are shared between sessions and threads: callers must not mutate them (Streamlit's
``st.plotly_chart`` serialises a copy; exports decorate a copy; the demo watermark is added once and only to
demo-data figures).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
MAX_ENTRIES = 256  # per data version: a few hundred figures of a few hundred kB at most
_LOCK = threading.Lock()
_MEMO: weakref.WeakKeyDictionary[object, OrderedDict[Hashable, object]] = weakref.WeakKeyDictionary()


def memo(db: object, key: Hashable, build: Callable[[], T]) -> T:
    """``build()`` once per ``(db, key)``; ``key`` must name every input of ``build`` but the data
    (page, edition, province, peers, level, mode, language, title…)."""
    with _LOCK:
        store = _MEMO.setdefault(db, OrderedDict())
        if key in store:
            store.move_to_end(key)
            return store[key]  # type: ignore[return-value]
    value = build()  # outside the lock: two sessions may build the same figure once each, never block
    with _LOCK:
        store[key] = value
        while len(store) > MAX_ENTRIES:
            store.popitem(last=False)
    return value


def clear() -> None:
    """Forget everything (tests)."""
    with _LOCK:
        _MEMO.clear()
