"""Safe CSV, safe URLs, escaped Markdown (issue 12)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pii.export.tables import to_csv_bytes
from pii.pipeline import importer, paths
from pii.pipeline.build import build_tables
from pii.pipeline.problems import DataError
from pii.safety import csv_cell, is_http_url, md_escape

CORPUS = Path(__file__).resolve().parent / "bad_inputs"


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_neutralises_formula_text_but_keeps_numbers():
    df = pd.DataFrame({"name": ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)",
                                "\t=1", "\r=1", "Hà Nội"],
                       "score": [-3.5, 1.0, 2.0, 3.0, 4.0, 5.0, 47.75]})
    rows = _rows(to_csv_bytes(df))
    assert rows[0] == ["name", "score"]
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"http://evil.example\",\"x\")", "'+cmd|' /C calc'!A0", "'-2+3",
                                        "'@SUM(1)", "'\t=1", "'\n=1", "Hà Nội"]
    assert [r[1] for r in rows[1:]] == ["-3.5", "1.0", "2.0", "3.0", "4.0", "5.0", "47.75"]  # numbers stay numbers


def test_import_problem_report_csv_is_safe(data_copy):
    report = importer.check_file((CORPUS / "formula_in_csv.csv").read_bytes(), "formula_in_csv.csv", base=data_copy)
    frame = report.problem_frame("en")
    assert frame["value"].str.startswith("=").any()  # the raw value is kept for the screen (a dataframe cell)
    cells = [c for r in _rows(to_csv_bytes(frame))[1:] for c in r]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))], cells
    assert any(c.startswith("'=HYPERLINK") for c in cells)


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/pii-2024-report", True), ("http://vnexpress.net/a-b.html?x=1#y", True),
    ('http://=HYPERLINK("http://evil.example","x")', False), ("javascript:alert(1)", False),
    ("file:///etc/passwd", False), ("data:text/html,x", False), ("https://kh152@evil.example/", False),
    ("http:///nohost", False), ("https://exa mple.org", False), ("ftp://example.org/x", False)])
def test_only_plain_http_urls_are_sources(url, ok):
    assert is_http_url(url) is ok
    assert csv_cell(url) == url if not url.startswith(("=", "+", "-", "@")) else "'" + url


def test_build_refuses_a_javascript_source_url(tmp_path):
    src = tmp_path / "sources"
    shutil.copytree(paths.sources_dir(paths.SHIPPED_DATA_DIR), src, ignore=shutil.ignore_patterns("imports"))
    sources = pd.read_csv(src / "sources.csv", dtype=str, keep_default_na=False)
    sources.loc[0, "url"] = "javascript:alert(document.cookie)"
    sources.to_csv(src / "sources.csv", index=False)
    with pytest.raises(DataError) as err:
        build_tables(src)
    hits = [p for p in err.value.problems if p.column == "url" and p.row == 2]
    assert hits and "http:// or https://" in hits[0].message_en


def test_markdown_escape_makes_links_images_and_html_text():
    """A code span: CommonMark renders its content literally (a GFM autolink of a bare https:// URL survives
    backslash escapes; it does not survive a code span)."""
    for raw in ("[Đăng nhập lại](https://evil.example/x)", "![x](https://evil.example/p.png)", "<img src=x>",
                "**bold** _it_ # h", ":red[x] :material/home:", "https://evil.example/x"):
        assert md_escape(raw) == f"`{raw}`"
    assert md_escape("a`b") == "``a`b``" and md_escape("`x") == "`` `x ``"  # fence longer than any inner run
    assert md_escape("line\nbreak\x1b") == "`line break `"


HOSTILE_NAME = ("[Bấm vào đây](https://evil.example/x) :red[CẢNH BÁO: số liệu sai, gọi 0912 345 678] "
                ":material/warning: **đậm** $x^2$ ~~gạch~~ https://evil.example")


def test_md_text_escapes_streamlit_markdown_dialect():
    import re

    from pii.safety import md_text

    s = md_text(HOSTILE_NAME + " \u202eiộN àH\u2066 a->b")
    bare = re.sub(r"\\.", "", s)  # the source without its backslash-escaped characters
    for markup in ("[", "]", "*", "~", "$", "<", "`", ":red", ":material/", "https://", "->"):
        assert markup not in bare, markup  # escaped, or broken by a word joiner
    assert "\\[" in s and "\\*\\*" in s and "\\$x" in s and ":\u2060red" in s and "https:\u2060//" in s
    assert md_text("- a") == "\\- a" and md_text("1. a") == "1\\. a"  # no list
    assert md_text("Tỷ lệ (%) 47,75 -3,5 10:30") == "Tỷ lệ (%) 47,75 -3,5 10:30"  # plain text stays as it is
    assert "\u202e" not in s and "\u2066" not in s
    # what it shows: the text as written (backslashes and word joiners are not shown)
    assert s.replace("\\", "").replace("\u2060", "") == HOSTILE_NAME + " iộN àH a->b"


def test_markup_check_knows_streamlit_dialect():
    from pii.safety import has_markup

    for bad in ["Xem https://evil.example", "www.evil.vn", ":red[CẢNH BÁO]", ":material/warning:", ":warning:",
                "**đậm**", "__x__", "~~g~~", "$x^2$", "`x`", "[a](b)", "<b>", "# h"]:
        assert has_markup(bad), bad
    for ok in ["Chỉ số đổi mới sáng tạo cấp địa phương", "Tỷ lệ doanh nghiệp có website (%)", "Chi tiêu R&D/GRDP",
               "Vốn đầu tư (tỷ đồng) - bình quân", "Tỷ lệ: 10:30 giờ"]:
        assert not has_markup(ok), ok


def test_hostile_framework_name_is_text_on_the_indicator_page(monkeypatch, tmp_path):
    """A framework name that got into the data (an old build, a hand-edited CSV) shows as text: the page's title,
    selectbox and captions carry it escaped (the browser check is tests/e2e/test_markdown_text.py)."""
    import re

    from pii.pipeline.build import write_tables
    from pii.safety import md_text
    from tests.apptest_helpers import run_page

    base = tmp_path / "pii_data"
    shutil.copytree(paths.sources_dir(paths.SHIPPED_DATA_DIR), base / "sources",
                    ignore=shutil.ignore_patterns("imports"))
    fw = pd.read_csv(base / "sources" / "framework.csv", dtype=str, keep_default_na=False)
    fw.loc[fw["code"] == "I.1.1", ["name_vi", "name_en"]] = HOSTILE_NAME
    fw.to_csv(base / "sources" / "framework.csv", index=False)
    write_tables(build_tables(base / "sources"), base / "parquet", keep_previous=False)
    monkeypatch.setenv("PII_DATA_DIR", str(base))
    at = run_page("pages/indicator.py", {"code": "I.1.1", "lang": "vi"})
    assert not at.exception
    assert at.title[0].value == "I.1.1 " + md_text(HOSTILE_NAME)
    shown = [m.value for m in [*at.markdown, *at.caption, *at.title, *at.subheader, *at.info, *at.warning]]
    bare = [re.sub(r"\\.", "", v) for v in shown]  # without the backslash-escaped characters
    assert not [v for v in bare if "](" in v or ":red[" in v or "**đậm" in v or "$x^2$" in v]
