"""Sign-in for the import page (issue 12): named accounts (pii.accounts), growing
delay and lockout per user, idle timeout, sign-out. Returns the signed-in user."""

from __future__ import annotations

import math
import time

import streamlit as st

from pii import accounts, settings

_USER, _SEEN = "_imp_user_signed_in", "_imp_last_seen"


def _client() -> str:
    """The browser's address (the throttle's client key, issue 22). Behind the app's own HAProxy
    (scripts/serve_cluster.py, ``option forwardfor``) the server sees 127.0.0.1: the proxy's last
    X-Forwarded-For entry is then the client."""
    ip = getattr(st.context, "ip_address", None)
    ip = ip if isinstance(ip, str) else ""  # no address (a test run): one client
    if ip in ("127.0.0.1", "::1"):
        forwarded = str(st.context.headers.get("X-Forwarded-For") or "")
        ip = forwarded.split(",")[-1].strip() or ip
    return ip


def signed_in_user(ctx: object) -> str | None:
    """The signed-in user, or None after showing why not (no accounts, the form, a lockout)."""
    t = ctx.t  # type: ignore[attr-defined]
    if not accounts.configured():
        st.info(t("sec_no_accounts"))
        return None
    minutes = settings.session_minutes()
    user = st.session_state.get(_USER)
    now = time.time()
    if user and now - float(st.session_state.get(_SEEN, 0.0)) > minutes * 60:
        st.session_state.pop(_USER, None)
        st.warning(t("sec_timed_out"))
        user = None
    if user:
        st.session_state[_SEEN] = now
        with st.container(horizontal=True):
            st.caption(t("sec_signed_in", user=user, minutes=int(minutes)))
            if st.button(t("sec_sign_out"), key="_imp_sign_out", icon=":material/logout:"):
                st.session_state.pop(_USER, None)
                st.rerun()
        return user
    with st.form("imp_login"):
        name = st.text_input(t("sec_user"), key="_imp_login_name")
        given = st.text_input(t("sec_password"), type="password", key="_imp_login_password")
        if st.form_submit_button(t("sec_sign_in")):
            result = accounts.sign_in(name, given, client=_client())
            if result.ok:
                st.session_state[_USER] = result.user
                st.session_state[_SEEN] = time.time()
                st.rerun()
            elif result.locked_minutes:
                st.error(t("sec_locked", minutes=math.ceil(result.locked_minutes)))
            elif result.wait_seconds:
                wait = t("sec_wait", seconds=math.ceil(result.wait_seconds))
                st.error(wait if result.too_early else t("sec_wrong") + " " + wait)
            else:
                st.error(t("sec_wrong"))
    return None
