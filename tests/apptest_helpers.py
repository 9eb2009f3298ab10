"""Run one page of the app under streamlit.testing (AppTest)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def run_page(page: str, params: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    """``page`` is a file under pages/ (e.g. "pages/overview.py"); ``params``
    are URL query parameters as a user would put them in a link."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    return at


def texts(at: AppTest) -> str:
    """All visible text of a run, for assertions on what the user sees."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)


def open_tab(at: AppTest, key: str, prefix: str) -> AppTest:
    """Select the tab whose label starts with ``prefix`` in the lazy ``st.tabs`` bound to ``key`` (only the open
    tab's content runs) and rerun, as a click on the tab does."""
    labels = [t.label for t in at.tabs if t.label.startswith(prefix)]
    assert len(labels) == 1, f"no single tab starting with {prefix!r}: {[t.label for t in at.tabs]}"
    at.session_state[key] = labels[0]
    return at.run()


def open_tables(at: AppTest) -> AppTest:
    """Open every lazy data-table expander of the page (``common.data_table``) and rerun, as clicks on them do."""
    keys = [e.key for e in at.expander if (e.key or "").startswith("_table_")]
    for key in keys:
        at.session_state[key] = True
    return at.run() if keys else at
