"""URL state: the view state bound to the address bar.

``Context`` is the Streamlit-free ``ViewState`` plus the page's URL
parameters and the notices collected during a run. A value comes from the URL
on a session's first run and is written back on every run (``sync_url``), so a
copied link reproduces the view; a bad value falls back to the default and says
so, never raises.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import streamlit as st

from pii.i18n import catalog, t
from pii.safety import md_escape
from pii.viewstate import ViewState

GLOBAL_PARAMS = ("lang", "edition", "province", "group", "peers", "demo")
# page key -> URL parameter names it declares (filled at run time; read by tests)
REGISTERED_PARAMS: dict[str, set[str]] = {}


@dataclass(kw_only=True)
class Context(ViewState):
    """The view state plus what Streamlit adds: the page's URL parameters and notices."""

    page: str
    notices: list[str] = field(default_factory=list)
    shown: set[str] = field(default_factory=set)

    def page_title(self) -> str:
        """The page's name in the menu (the app's short name for a page without one)."""
        key = f"page_{self.page}"
        return t(key, self.lang) if key in catalog() else t("app_short", self.lang)

    def param(self, key: str, options: Sequence[str], default: str,
              label: Callable[[str], str] | None = None) -> str:
        """A page-level URL parameter with a fixed set of valid values."""
        REGISTERED_PARAMS.setdefault(self.page, set()).add(key)
        return bind_choice(key, list(options), default, self.lang, self.notices, label)

    def select(self, where: object, key: str, options: Sequence[str], default: str, text: str,
               label: Callable[[str], str] | None = None, **widget: object) -> str:
        """One control, one call: the URL parameter ``key``, its session state and the selectbox (in ``where``:
        ``st``, a column, the sidebar) bound together; returns the chosen value."""
        REGISTERED_PARAMS.setdefault(self.page, set()).add(key)
        return bound_select(where, key, list(options), default, text, self.lang, self.notices, label, **widget)

    def radio(self, where: object, key: str, options: Sequence[str], default: str, text: str,
              label: Callable[[str], str] | None = None, **widget: object) -> str:
        """:meth:`select` drawn as radio buttons."""
        REGISTERED_PARAMS.setdefault(self.page, set()).add(key)
        return bound_select(where, key, list(options), default, text, self.lang, self.notices, label,
                            draw="radio", **widget)

    def multiselect(self, key: str, options: Sequence[str], default: Sequence[str], text: str,
                    label: Callable[[str], str] | None = None, where: object = None, **widget: object) -> list[str]:
        """:meth:`select` for a list (``?key=a,b``): unknown items are dropped with a notice."""
        self.param_list(key, options, default)
        (where or st).multiselect(text, list(options), key=key, format_func=label or str,  # type: ignore[attr-defined]
                                  **widget)
        return list(st.session_state[key])

    def section_tabs(self, sections: dict[str, str], default: str) -> dict:
        """Lazy ``st.tabs`` for a page's sections (id -> catalogue key of its label): only the open tab's
        content runs and is sent (pages use ``if tabs[id].open:``), and ``?section=`` reproduces the open one."""
        section = self.param("section", list(sections), default)
        labels = {s: self.t(k) for s, k in sections.items()}
        key = f"_section_tab_{self.page}_{self.lang}"  # labels change with the language: one widget each

        def _opened() -> None:
            st.session_state["section"] = next(s for s, lb in labels.items() if lb == st.session_state[key])

        if st.session_state.get(key) != labels[section]:
            st.session_state[key] = labels[section]  # the URL (or the other language's tabs) decides
        return dict(zip(sections, st.tabs(list(labels.values()), key=key, on_change=_opened)))

    def param_list(self, key: str, options: Sequence[str], default: Sequence[str]) -> list[str]:
        """A comma-separated list URL parameter; unknown items are dropped with a notice."""
        REGISTERED_PARAMS.setdefault(self.page, set()).add(key)
        return bind_list(key, list(options), list(default), self.lang, self.notices)

    def param_number(self, key: str, default: float, lo: float, hi: float) -> float:
        REGISTERED_PARAMS.setdefault(self.page, set()).add(key)
        state_key = f"_url_{key}"
        if state_key not in st.session_state:
            raw = st.query_params.get(key)
            value = default
            if raw is not None:
                try:
                    value = float(raw)
                    if not lo <= value <= hi:
                        raise ValueError
                except ValueError:
                    self.notices.append(t("invalid_param", self.lang, value=_short(raw), param=key, default=default))
                    value = default
            st.session_state[state_key] = value
        return st.session_state[state_key]


def _short(raw: object) -> str:
    """A URL value as it may be echoed in a Markdown notice: cut, then escaped, so
    ``[Đăng nhập lại](https://evil.example)`` or ``![x](…)`` stay text (issue 12)."""
    text = str(raw)
    return md_escape(text if len(text) <= 40 else text[:37] + "…")


def bind_choice(key: str, options: list[str], default: str, lang: str, notices: list[str],
                 label: Callable[[str], str] | None = None) -> str:
    """Seed ``st.session_state[key]`` from the URL once; keep it valid."""
    if default not in options and options:
        default = options[0]
    if key not in st.session_state:
        raw = st.query_params.get(key)
        if raw is not None and raw not in options:
            notices.append(t("invalid_param", lang, value=_short(raw), param=key,
                             default=label(default) if label else default))
            raw = None
        st.session_state[key] = raw if raw is not None else default
    elif st.session_state[key] not in options:
        st.session_state[key] = default
    else:
        # re-assigned so the widget shows the value with this run's labels
        # (after a language switch it kept the old language's text)
        st.session_state[key] = st.session_state[key]
    return st.session_state[key]


def bound_select(where: object, key: str, options: list[str], default: str, text: str, lang: str,
                 notices: list[str], label: Callable[[str], str] | None = None, draw: str = "selectbox",
                 **widget: object) -> str:
    """One control, one call: the URL parameter ``key`` (:func:`bind_choice`), its session state and the
    widget in ``where`` (``st``, a column, the sidebar; ``draw``: "selectbox" or "radio"); returns the chosen
    value."""
    bind_choice(key, options, default, lang, notices, label)
    getattr(where, draw)(text, options, key=key, format_func=label or str, **widget)
    return st.session_state[key]


def bind_list(key: str, options: list[str], default: list[str], lang: str, notices: list[str]) -> list[str]:
    if key not in st.session_state:
        raw = st.query_params.get(key)
        if raw is None:
            value = [d for d in default if d in options]
        else:
            items = [x for x in str(raw).split(",") if x]
            value = [x for x in items if x in options]
            if len(value) != len(items):
                bad = ",".join(x for x in items if x not in options)
                notices.append(t("invalid_param", lang, value=_short(bad), param=key, default=",".join(value) or "—"))
        st.session_state[key] = list(dict.fromkeys(value))
    else:
        st.session_state[key] = [x for x in st.session_state[key] if x in options]
    return st.session_state[key]


def sync_url(keys: list[str]) -> None:
    """Write the view state into the URL (only the keys of this page)."""
    wanted: dict[str, str] = {}
    for key in keys:
        value = st.session_state.get(key)
        if value is None:
            continue
        wanted[key] = ",".join(value) if isinstance(value, list) else str(value)
    if {k: st.query_params.get(k) for k in st.query_params} != wanted:
        st.query_params.from_dict(wanted)
