"""Hostile URL parameters on every page (issue 6).

Pages come from pages/nav.py's PAGES; the parameters of each page from the registry
pages/common.py fills as a page runs (REGISTERED_PARAMS), so pages added later
are covered without editing this file. For every page and every parameter an
invalid value must not raise, and must fall back to the default with a notice
that names the parameter. Hypothesis then throws random and hostile
combinations at each page.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pages import common
from tests.apptest_helpers import run_page, texts

ROOT = Path(__file__).resolve().parent.parent


def _pages() -> list[str]:
    tree = ast.parse((ROOT / "pages" / "nav.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets):
            return [row[0] for row in ast.literal_eval(node.value) if (ROOT / row[0]).exists()]
    raise AssertionError("PAGES not found in pages/nav.py")


PAGES = _pages()
HOSTILE = [
    "x'); DROP TABLE scores; --",
    "<script>alert('pii')</script>",
    "../../../../etc/passwd",
    "§" * 500,
    "1e309",
    "-1",
    "Hà Nội\u202e\u200b",
    "' OR '1'='1",
    "%00%0d%0a",
    "{{7*7}}",
    # issue 12: Markdown/HTML injection through a notice that echoes the value
    "[Đăng nhập lại](https://evil.example/x)",
    "![x](https://evil.example/p.png)",
    "<img src=https://evil.example/p.png onerror=alert(1)>",
    "https://evil.example/login",
    "[x][1]\n\n[1]: https://evil.example/ref",
    ":red[**evil**] :material/warning:",
]
# A link or image the app did not create: evil.example appears only in what the tests inject.
_ESCAPED = re.compile(r"\\.")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_FOREIGN = re.compile(r"\]\([^)]*evil|!\[|<\s*(?:img|a|script|iframe)\b|https?://[^\s)]*evil|www\.evil|\]:\s*\S*evil"
                      r"|:red\[", re.IGNORECASE)
# Never a valid value of any parameter (ids, codes, numbers, language tags have no "§").
hostile_text = st.one_of(st.sampled_from(HOSTILE),
                         st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40).map(lambda s: "§" + s),
                         st.builds(lambda a, b: f"[{a}](https://evil.example/{b})", st.text(max_size=8),
                                   st.text("abc/?=&", max_size=8)),
                         st.builds(lambda a: f"![{a}](https://evil.example/p.png)", st.text(max_size=8)))


def _params(page: str) -> list[str]:
    key = Path(page).stem
    # the parameters of the page's default view: other tests in this process may have opened other views of
    # it (e.g. the heatmap's focus view) and registered parameters that view alone reads
    common.REGISTERED_PARAMS.pop(key, None)
    at = run_page(page)
    assert not at.exception, [e.value for e in at.exception]
    return sorted(common.REGISTERED_PARAMS[key])


def _infos(at) -> str:
    return "\n".join(str(e.value) for e in at.info)


def _inert(text: str) -> str:
    """The Markdown source without what renders as literal text: code spans and backslash escapes."""
    return _ESCAPED.sub("·", _CODE_SPAN.sub("·", text))


def _foreign_links(at) -> list[str]:
    """Markdown sources on the page that would render a link or image to the injected host
    (code spans and backslash-escaped characters are removed first: they render as plain text)."""
    found = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader"):
        for e in getattr(at, kind):
            if _FOREIGN.search(_inert(str(e.value))):
                found.append(str(e.value))
    return found


def test_pages_are_found():
    assert "pages/overview.py" in PAGES and "pages/import_data.py" in PAGES and len(PAGES) >= 3


@pytest.mark.parametrize("page", PAGES)
def test_each_param_falls_back_with_a_notice(page):
    params = _params(page)
    assert set(common.GLOBAL_PARAMS) <= set(params)
    for i, param in enumerate(params):
        value = HOSTILE[i % len(HOSTILE)]
        at = run_page(page, {param: value})
        assert not at.exception, (page, param, value, [e.value for e in at.exception])
        assert f"'{param}'" in _infos(at), (page, param, value, _infos(at))
        assert not _foreign_links(at), (page, param, value, _foreign_links(at))


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_hostile_combinations_never_raise(page, data):
    params = _params(page)
    chosen = data.draw(st.lists(st.sampled_from(params), min_size=1, max_size=len(params), unique=True))
    query = {p: data.draw(hostile_text) for p in chosen}
    at = run_page(page, query)
    assert not at.exception, (page, query, [e.value for e in at.exception])
    assert _infos(at), (page, query)  # at least one fallback notice
    assert not _foreign_links(at), (page, query, _foreign_links(at))


@pytest.mark.parametrize("value", [v for v in HOSTILE if "evil" in v or ":red" in v])
def test_markdown_in_a_param_is_shown_as_text(value):
    """?province=[Đăng nhập lại](https://evil.example/x) must not render a link inside the app's notice."""
    at = run_page("pages/overview.py", {"province": value, "lang": "vi"})
    assert not at.exception
    notice = next(str(e.value) for e in at.info if "'province'" in str(e.value))
    assert not _FOREIGN.search(_inert(notice)), notice
    assert "evil" in notice or ":red" in notice.replace("\\", "")  # still shown (as text), not dropped


def test_each_page_is_named_by_its_own_title_key() -> None:
    """The print header, export titles and file names name a page by ``page_<url path>`` (Context.page_title):
    the menu's title key must be that one (the plan tracker's printed header said "PII Thái Nguyên")."""
    from pages.url_state import Context
    from pii.viewstate import DEFAULT_PROVINCE

    tree = ast.parse((ROOT / "pages" / "nav.py").read_text(encoding="utf-8"))
    rows = next(ast.literal_eval(n.value) for n in ast.walk(tree)
                if isinstance(n, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in n.targets))
    assert [title for _, title, _, _, path in rows if title != f"page_{path}"] == []
    ctx = Context(db=None, edition=2023, province_id=DEFAULT_PROVINCE, group="", lang="vi", peers=[], demo=False,
                  page="plan_tracker", notices=[])
    assert ctx.page_title() == "Theo dõi kế hoạch"


def test_notices_name_defaults_by_display_name_and_a_bad_set_is_short():
    """Issue 21: a bad ?province= / ?group= notice named the default by its id ("thai_nguyen", "tdmnpb"); a bad
    ?set= echoed every one of its 400 codes."""
    text = texts(run_page("pages/overview.py", {"province": "atlantis", "group": "g7"}))
    assert "dùng mặc định: Thái Nguyên." in text and "dùng mặc định: Vùng Trung du và miền núi phía Bắc." in text
    assert "thai_nguyen" not in text and "tdmnpb" not in text
    bad = ",".join(f"X.{i}:5" for i in range(400))
    text = texts(run_page("pages/what_if.py", {"set": bad}))
    assert "Đã bỏ qua 400 mục" in text and "X.0:5, X.1:5, X.2:5 và 397 mục khác" in text
    assert "X.3:5" not in text
