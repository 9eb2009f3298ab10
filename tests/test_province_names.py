"""One province matcher (issue 19) and names a reader cannot see (issue 22 item 11): the import, `python -m pii
request`, URL parameters and the map read a name with the same rules, and refuse an invisible or look-alike
character saying which and where."""

from __future__ import annotations

import pytest

from pii.pipeline import importer
from pii.pipeline.data_request import request_rows
from pii.pipeline.names import ProvinceMatcher, name_problem

SRC = "https://example.org/pii-report"
UNITS = [("ha_noi", "Hà Nội", "Ha Noi"), ("tp_ho_chi_minh", "TP. Hồ Chí Minh", "Ho Chi Minh City")]


@pytest.mark.parametrize("char", ["\u061c", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029", "\u3164", "\u200b",
                                  "\u200d", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u180e", "\u115f"])
def test_invisible_characters_never_match_and_are_named(char):
    m = ProvinceMatcher(UNITS, [("TP HCM", "tp_ho_chi_minh")])
    assert m.match("Hà Nội") == "ha_noi"
    assert m.match(f"Hà{char} Nội") is None
    key, fields = name_problem(f"Hà{char} Nội")
    assert key == "pb_hidden_char"
    assert fields["code"] == f"U+{ord(char):04X}" and fields["pos"] == "3"


def test_a_cyrillic_look_alike_does_not_match_hanoi():
    m = ProvinceMatcher(UNITS)
    assert m.match("Hà Nộiа") is None  # the last letter is U+0430 CYRILLIC SMALL LETTER A
    assert name_problem("Hà Nộiа") == ("pb_mixed_script", {"code": "U+0430", "uname": "CYRILLIC SMALL LETTER A",
                                                           "pos": "7", "script": "Cyrillic", "main": "Latin"})
    assert m.match("Ха Ной") is None  # a wholly Cyrillic name folds to nothing: no match


def test_import_names_the_character_and_where(data_copy):
    body = ("edition,province,code,score,rank,source\n"
            f"2024,Hà Giang,I.1.1,41.5,,{SRC}\n2024,Hà\u2060Giang,I.1.2,40,,{SRC}\n2024,Hà Giangа,I.1.3,40,,{SRC}\n")
    report = importer.check_file(body.encode(), "names.csv", base=data_copy)
    assert not report.ok
    texts = [p.text("en") for p in report.problems]
    assert any("row 3" in s and "U+2060 WORD JOINER, at position 3" in s for s in texts), texts
    assert any("row 4" in s and "U+0430 CYRILLIC SMALL LETTER A at position 9" in s for s in texts), texts
    assert not any("not a unit" in s for s in texts), texts  # the character is the reason, said once
    vi = [p.text("vi") for p in report.problems]
    assert any("dòng 3" in s and "ký tự điều khiển/định dạng ẩn U+2060" in s for s in vi), vi


def test_appendix_province_option_with_a_hidden_character_is_refused(data_copy):
    body = "STT,Chỉ số,Điểm,Hạng\nPII,Chỉ số PII,50,20\n".encode()
    report = importer.check_file(body, "a.csv", kind="appendix", edition="2024", province="Bắc\u200bKạn",
                                 source=SRC, base=data_copy)
    assert any("province given" in p.message_en and "U+200B ZERO WIDTH SPACE" in p.message_en
               for p in report.problems), [p.text("en") for p in report.problems]


def test_request_reads_an_alias_as_the_import_does(data_copy):
    rows, unit = request_rows("TP HCM", 2023, base=data_copy)
    assert unit["province_id"] == "tp_ho_chi_minh"
    assert len(rows) == 78
    with pytest.raises(ValueError, match="U\\+0430 CYRILLIC SMALL LETTER A at position 7"):
        request_rows("Hà Nộiа", 2023, base=data_copy)


def test_long_file_without_a_source_column_takes_the_source_option(data_copy):
    body = "edition,province,code,score,rank\n2024,Hà Giang,I.1.1,41.5,\n2024,Hà Giang,I.1.2,,17\n".encode()
    refused = importer.check_file(body, "nosrc.csv", base=data_copy)
    assert not refused.ok and any("source" in p.message_en for p in refused.problems)
    report = importer.check_file(body, "nosrc.csv", source=SRC, base=data_copy)
    assert report.ok, [p.text("en") for p in report.problems]
    stored = next(df for n, df in report.outputs.items() if n.startswith("scores__"))
    assert set(stored["source"]) == {next(df for n, df in report.outputs.items()
                                          if n.startswith("sources__"))["source_id"].iloc[0]}
    assert sorted(stored["value"]) == ["17", "41.5"]


def test_a_source_of_its_own_wins_over_the_option(data_copy):
    body = (f"edition,province,code,score,rank,source\n2024,Hà Giang,I.1.1,41.5,,{SRC}/own\n"
            "2024,Hà Giang,I.1.2,,17,\n").encode()
    report = importer.check_file(body, "mixed.csv", source=SRC, base=data_copy)
    assert report.ok, [p.text("en") for p in report.problems]
    new = next(df for n, df in report.outputs.items() if n.startswith("sources__"))
    assert set(new["url"]) == {SRC, SRC + "/own"}


def test_duplicate_header_names_the_files_own_columns(data_copy):
    body = f"Năm,Tỉnh,Mã chỉ số,Điểm số,Điểm,Xếp hạng,Nguồn\n2024,Hà Giang,I.1.1,41.5,41.5,,{SRC}\n".encode()
    report = importer.check_file(body, "dup.csv", base=data_copy)
    msg = [p.text("en") for p in report.problems]
    assert any("'Điểm số' (4), 'Điểm' (5)" in s for s in msg), msg
    assert not any("'score'" in s for s in msg), msg


@pytest.mark.parametrize(("raw", "expected"), [("TP HCM", "tp_ho_chi_minh"), ("Thua Thien Hue", "thua_thien_hue"),
                                               ("Hà Nộiа", "thai_nguyen")])
def test_url_province_is_read_by_the_same_matcher(raw, expected):
    from tests.apptest_helpers import run_page

    at = run_page("pages/overview.py", {"province": raw, "edition": "2023"})
    assert at.session_state["province"] == expected
    if expected == "thai_nguyen":  # the look-alike is refused: the default, with a notice naming the parameter
        assert any("province" in str(w.value) for w in [*at.warning, *at.info, *at.markdown, *at.caption])
