"""Output safety for values that came from users or files (issue 12).

- :func:`csv_cell` applies the OWASP rule for CSV injection: a text cell that
  begins with ``= + - @``, a tab or a carriage return is prefixed with ``'`` so
  a spreadsheet shows it as text instead of running it. Numbers are never
  touched (``-3.5`` stays a number).
- :func:`is_http_url` accepts only absolute ``http``/``https`` URLs with a
  plain host name: ``http://=HYPERLINK(...)``, ``javascript:`` and ``file:``
  are refused.
- :func:`md_escape` makes a value inert in Streamlit Markdown (a code span: no
  links, autolinks, images, HTML, emphasis), so a URL parameter echoed in a
  notice stays text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$|^localhost$")
_URL_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+$")  # RFC 3986 characters, no quotes/brackets/spaces


def csv_cell(value: object) -> object:
    """One CSV cell made inert: text starting with a formula character gets a leading quote."""
    if isinstance(value, str):
        # a lone CR is not quoted by Python's csv writer with "\n" line ends: it would split the row
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        return "'" + text if value.startswith(FORMULA_PREFIXES) else text
    return value


def csv_safe_frame(df):  # type: ignore[no-untyped-def]
    """A copy of ``df`` with every text cell passed through :func:`csv_cell` (numeric columns untouched)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith(("string", "str")):
            out[col] = out[col].map(csv_cell)
    out.columns = [csv_cell(str(c)) for c in out.columns]
    return out


def starts_like_formula(text: str) -> bool:
    return str(text).startswith(FORMULA_PREFIXES)


def is_http_url(text: str) -> bool:
    """True for an absolute http(s) URL with a real host name and only URL characters."""
    text = str(text or "").strip()
    if not _URL_CHARS.match(text):
        return False
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(_HOST.match(host)) and not parts.username


def md_escape(text: object) -> str:
    """``text`` as an inline code span: Markdown shows it literally — no link, autolink (GFM turns a bare
    ``https://…`` into a link even when its characters are backslash-escaped), image, HTML, emphasis or
    Streamlit directive (``:red[…]``, ``:material/…:``). One line; the fence is longer than any backtick run
    inside, as CommonMark requires."""
    s = re.sub(r"[\x00-\x1f\x7f]", " ", str(text))
    if not s.strip():
        return s
    fence = "`" * (max((len(m) for m in re.findall(r"`+", s)), default=0) + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"
