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


# Bidi controls and marks (they reorder what is shown around them) and line/paragraph separators: dropped
# from shown text. C0/C1 controls become a space.
_SHOWN_DROP = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_SHOWN_SPACE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Characters Markdown acts on anywhere in a line (CommonMark + GFM + KaTeX): escaped with a backslash. Others
# matter only at the start of a line ("- ", "1. ") and are escaped there only, so "(%)", "47,75" and "-3"
# stay as they are in the Markdown source too.
_MD_ANYWHERE = re.compile(r"([\\`*_\[\]<>#|~$&])")
_MD_LINE_START = re.compile(r"^(\s*\d*)([-+=]|(?<=\d)[.)])(?=\s|$)")
_WJ = "\u2060"  # WORD JOINER: zero width, no break; splits patterns that Markdown plugins find in plain text
# Patterns matched in the already-parsed text (so a backslash does not stop them): GFM's autolinks
# (https://, www., user@host), Streamlit's :red[...] / :material/x: / :emoji: directives and its typographic
# replacements (-> <- -- >= <= ~=).
_TEXT_PATTERNS = re.compile(r"(?<=:)(?=[A-Za-z/])|(?<=@)|(?<=[wW]{3})(?=\.)|(?<=[-<>~])(?=[-=>])")


def shown_text(text: object) -> str:
    """``text`` as one line a person reads: controls become spaces, bidi marks are dropped."""
    return _SHOWN_DROP.sub("", _SHOWN_SPACE.sub(" ", str(text if text is not None else "")))


def md_text(text: object) -> str:
    """Markdown source that Streamlit shows as exactly ``text`` (issue 22), in its own font (not a code span).

    The one escape for a name, title or file name from data shown by any Streamlit element that renders
    Markdown (st.markdown, titles, captions, notices, metric/tab/expander/widget labels): the characters
    Markdown acts on are backslash-escaped (no link, image, HTML, emphasis, ``~~``, heading, list, table,
    KaTeX ``$``, code span, entity), and a zero-width word joiner is put where a pattern is found in the
    parsed text (autolinks, Streamlit's directives and arrows). Controls and bidi marks: see
    :func:`shown_text`."""
    s = _TEXT_PATTERNS.sub(_WJ, shown_text(text))
    s = _MD_ANYWHERE.sub(r"\\\1", s)
    return _MD_LINE_START.sub(r"\1\\\2", s)


# Markup in a name, title or code from an import (issue 22: GFM and Streamlit's dialect, not only links and tags):
# links/images/tags/headings, bare URLs and www. (autolinks), Streamlit's :color[...] / :material/x: / :emoji:,
# emphasis and strike (** __ ~~), KaTeX ($x$, $$), code spans (`), javascript:. The source and note columns hold
# URLs and free text and are shown escaped (md_text), never refused for this.
MARKUP = re.compile(r"<[A-Za-z/!?]|\]\(|!\[|^\s*#|javascript:|\bhttps?:/|\bwww\.|:[A-Za-z]+(?:-background)?\["
                    r"|:material/|:[a-z0-9_+\-]{2,}:|\*\*|__|~~|\$\S|\S\$|`", re.IGNORECASE)


def has_markup(text: object) -> bool:
    """True when ``text`` carries Markdown/HTML that a page would render (see :data:`MARKUP`)."""
    return bool(MARKUP.search(str(text)))


_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def terminal_text(text: str) -> str:
    """``text`` for a terminal: control characters (ESC sequences, CR, backspace) and bidi controls written as
    visible escapes (``\\x1b``, ``\\u202e``), newlines and tabs kept (issue 22)."""
    return _TERMINAL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                         else f"\\u{ord(m.group()):04x}", text)
