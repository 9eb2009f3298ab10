"""No traceback ever reaches a page (issue 12): every page, with a query forced to
fail, shows a plain VI/EN message with an incident id; the trace, with the same
id, goes to the server log; config.toml hides error details from the browser."""

from __future__ import annotations

import logging
import re
import tomllib
from pathlib import Path

import pytest
import streamlit as st

from queries import PiiDB
from tests.apptest_helpers import run_page, texts

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(set(re.findall(r'"pages/(\w+\.py)"', (ROOT / "pages" / "nav.py").read_text(encoding="utf-8"))))


def test_config_hides_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_forced_failure_shows_an_incident_id_only(page, lang, monkeypatch, caplog):
    secret = f"{ROOT}/queries/sql/boom.sql: SELECT secret_column"

    def fail(self, name, **params):
        raise RuntimeError(f"forced failure in {secret}")

    monkeypatch.setattr(PiiDB, "query", fail)
    st.cache_data.clear()
    st.cache_resource.clear()
    with caplog.at_level(logging.ERROR, logger="pii.app"):
        at = run_page(f"pages/{page}", {"lang": lang})
    shown = texts(at)
    assert not at.exception, "a raw exception element reached the page"
    errors = [e.value for e in at.error]
    word = "Mã sự cố" if lang == "vi" else "Incident id"
    hits = [re.search(rf"{word}: \*\*([0-9a-f]{{8}})\*\*", e) for e in errors]
    incident = next(m.group(1) for m in hits if m)
    for bad in ("Traceback", "RuntimeError", "forced failure", str(ROOT), "site-packages", "secret_column"):
        assert bad not in shown, f"{bad!r} reached the page"
    logged = [r for r in caplog.records if incident in r.getMessage()]
    assert logged and logged[0].exc_info and "forced failure" in str(logged[0].exc_info[1])
