"""The what-if scenario as a URL parameter (``?set=III.2.3:60,I.1.1:45``): one binder call, like ``ctx.param``
for a choice, that binds the URL parameter, its session state and the page's scenario (issue 20).

A new binder beside ``pages/url_state.py`` (which the lead owns): a candidate for ``Context.param_scenario``."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from pages.url_state import REGISTERED_PARAMS, Context
from pii.analysis import what_if as wi


def param_scenario(ctx: Context, key: str, codes: list[str], clean: Callable[[dict[str, float]], dict[str, float]],
                   state_key: str) -> dict[str, float]:
    """The scenario of ``state_key`` (one per edition and province), seeded once per session from ``?key=``;
    items that are no indicator of the edition or no score are dropped with a notice (the first few named).
    The page writes the scenario back with :func:`write_scenario`; ``sync_url`` puts it in the address."""
    REGISTERED_PARAMS.setdefault(ctx.page, set()).add(key)
    if state_key not in st.session_state:
        decoded = wi.DecodedScenario({})
        if not st.session_state.get(f"_{key}_url_read"):
            decoded = wi.decode_scenario(st.query_params.get(key), codes)
            if decoded.rejected:
                # the first few only: a hostile link echoed 400 codes into the notice (issue 21)
                shown = ", ".join(decoded.rejected[:3]) + (ctx.t("wi_bad_set_more", n=len(decoded.rejected) - 3)
                                                          if len(decoded.rejected) > 3 else "")
                ctx.notices.append(ctx.tm("wi_bad_set", n=len(decoded.rejected), edition=ctx.edition, items=shown))
        st.session_state[f"_{key}_url_read"] = True
        st.session_state[state_key] = clean(decoded.changes)
    return st.session_state[state_key]


def write_scenario(key: str, state_key: str, changes: dict[str, float], codes: list[str]) -> None:
    """The scenario as the page's state and its URL parameter (None: no ``?key=`` in the address)."""
    st.session_state[state_key] = changes
    st.session_state[key] = wi.encode_scenario(changes, codes) or None
