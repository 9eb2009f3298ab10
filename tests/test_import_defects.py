"""Smaller import defects of issue 12, each with the file that showed it."""

from __future__ import annotations

from pii.pipeline import importer

HEAD = "edition,province,code,score,rank,source\n"


def _check(body: str, base):
    return importer.check_file((HEAD + body).encode(), "x.csv", base=base)


def test_a_failing_row_does_not_make_valid_rows_duplicates(data_copy):
    # row 2 replaces a published figure with itself; row 3 fails: only row 3 may be reported
    report = _check("2023,Thái Nguyên,PII,47.75,10,web_8a0bbc1a\n2023,Atlantis,PII,40,,web_8a0bbc1a\n", data_copy)
    assert [(p.row, p.column) for p in report.problems] == [(3, "province")], [p.text() for p in report.problems]
    assert not [p for p in report.problems if "duplicate key" in p.message_en]


def test_rank_of_an_unknown_edition_never_says_none(data_copy):
    report = _check("2031,Hà Nội,I.1.1,,5,https://example.org/pii-2031\n", data_copy)
    texts = [p.text("en") + p.text("vi") for p in report.problems]
    assert any("unknown edition" in t for t in texts), texts
    assert not [t for t in texts if "None" in t], texts


def test_same_figures_under_a_new_source_count_as_changed(data_copy):
    same = _check("2023,Thái Nguyên,PII,47.75,10,web_8a0bbc1a\n", data_copy)
    assert (same.added, same.changed, same.unchanged, same.sources_changed) == (0, 0, 2, 0)
    moved = _check("2023,Thái Nguyên,PII,47.75,10,https://example.org/official-pii-2023-report\n", data_copy)
    assert moved.ok, [p.text() for p in moved.problems]
    assert (moved.added, moved.changed, moved.unchanged, moved.sources_changed) == (0, 2, 0, 2)
