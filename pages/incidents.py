"""No traceback ever reaches a page (issue 12).

:func:`install` registers a handler on the current script run (Streamlit's
``on_script_error`` hook of the ScriptRunContext): an uncaught exception in a
page is logged with its trace under a short incident id (logger ``pii.app``)
and the page shows only a plain VI/EN message with that id. Together with
``client.showErrorDetails = "none"`` (config.toml) no exception type, message,
server path or SQL reaches the browser. app.py installs it before running the
page; ``pages.common.setup_page`` installs it too, for a page run directly
(Streamlit's legacy pages/ mode, AppTest).
"""

from __future__ import annotations

import logging
import uuid

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from pii.i18n import t

log = logging.getLogger("pii.app")


def _lang() -> str:
    try:
        lang = st.session_state.get("lang") or st.query_params.get("lang", "vi")
    except Exception:  # noqa: BLE001 - the message must show even if the state itself is broken
        lang = "vi"
    return lang if lang in ("vi", "en") else "vi"


def _on_error(ex: Exception) -> bool:
    incident = uuid.uuid4().hex[:8]
    log.error("incident %s: uncaught exception in a page run", incident, exc_info=ex)
    st.error(t("sec_incident", _lang(), incident=incident), icon=":material/error:")
    return True  # handled: Streamlit shows nothing else


def install() -> None:
    ctx = get_script_run_ctx()
    if ctx is not None:
        ctx.on_script_error = _on_error
