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


def test_a_score_typed_with_a_percent_sign_says_what_to_write(data_copy):
    """'51,90%' typed as text (not a percent-formatted cell, which is read as shown) is refused with what to write,
    not 'not a number'."""
    csv = ("edition;province;code;score;rank;source\n"
           "2023;Thái Nguyên;I;51,90%;26;https://example.org/r\n").encode()
    report = importer.check_file(csv, "percent.csv", base=data_copy)
    assert not report.ok
    p = next(p for p in report.problems if p.column == "score")
    assert p.row == 2 and p.value == "51,90%"
    assert p.message_en.endswith("write 51,90 (without the %)")
    assert "hãy ghi 51,90 (bỏ dấu %)" in p.message_vi
