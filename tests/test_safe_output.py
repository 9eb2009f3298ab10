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
