"""A whole edition in one step (issue 19): the Ministry's ranking table, a data workbook and the transposed
workbook, 63 units × 78 measures, generated at test time (tests/fixtures/edition.py), each read into the
published tables figure for figure; the bad variants refused naming the unit, the measure and the place."""

from __future__ import annotations

import pytest

from pii.pipeline import importer
from pii.pipeline.preview import how_lines
from queries import PiiDB
from tests.fixtures import edition as E

FW = E.framework(2023)
UNITS = E.units("63")
IDS = [u["province_id"] for u in UNITS]
FIGS = E.figures(FW, IDS)
NAME = {u["province_id"]: u["name_vi"] for u in UNITS}


def _texts(report) -> list[str]:
    return [p.text("en") for p in report.problems]


def _published(base) -> dict[tuple[str, str], tuple[float, int]]:
    s = PiiDB(base / "parquet").scores(2023, provinces=IDS)
    return {(p, c): (float(v), int(r)) for p, c, v, r in zip(s["province_id"], s["code"], s["score"], s["rank"])}


def test_ranking_table_with_all_78_measures_round_trips(data_copy):
    data = E.ranking_xlsx(FW, UNITS, FIGS)
    report = importer.publish(data, "xep_hang_pii_2023.xlsx", source=E.URL, base=data_copy)
    assert report.ok, _texts(report)[:5]
    assert report.kind == "wide"
    assert report.rows_in_file == 63
    assert report.added + report.changed + report.unchanged == 63 * 78 * 2
    assert _published(data_copy) == FIGS  # every figure exactly, scores and ranks
    lines = how_lines(report.how, "en")
    assert any(s.startswith("Layout: wide table: a unit column 'Tỉnh/thành phố' and 78 measure columns")
               and "78 measures as a Score/Rank pair" in s for s in lines), lines
    assert "Edition read from the header: 2023" in lines
    # the same figures as a data workbook (one score column per measure, CSV from Excel in a VN locale)
    again = importer.check_file(E.data_csv(FW, UNITS, FIGS), "so_lieu_2023.csv", source=E.URL, base=data_copy)
    assert again.ok, _texts(again)[:5]
    assert (again.kind, again.added, again.changed, again.unchanged) == ("wide", 0, 0, 63 * 78)


def test_headers_by_name_pillar_words_and_text_numbers(data_copy):
    data = E.ranking_xlsx(FW, UNITS, FIGS, head_by="mixed", text_numbers=True)
    report = importer.check_file(data, "xep_hang_ten.xlsx", source=E.URL, base=data_copy)
    assert report.ok, _texts(report)[:5]
    got = {(f.province_id, f.code, f.measure): f.value for f in report.figures.itertuples()}
    assert len(got) == 63 * 78 * 2
    assert all(got[(u, c, "score")] == s and got[(u, c, "rank")] == k for (u, c), (s, k) in FIGS.items())


def test_transposed_workbook(data_copy):
    report = importer.check_file(E.transposed_xlsx(FW, UNITS, FIGS), "xoay.xlsx", source=E.URL, base=data_copy)
    assert report.ok, _texts(report)[:5]
    assert report.kind == "transposed"
    got = {(f.province_id, f.code, f.measure): f.value for f in report.figures.itertuples()}
    assert all(got[(u, c, "score")] == s and got[(u, c, "rank")] == k for (u, c), (s, k) in FIGS.items())
    assert any("transposed table: 63 units as columns" in s for s in how_lines(report.how, "en"))


def test_format_forces_a_layout(data_copy):
    report = importer.check_file(E.transposed_xlsx(FW, UNITS, FIGS), "xoay.xlsx", kind="wide", source=E.URL,
                                 base=data_copy)
    assert not report.ok
    assert any("no wide table found" in s for s in _texts(report)), _texts(report)


def test_a_rank_contradicting_the_scores_is_refused_naming_unit_measure_and_cell(data_copy):
    unit, code = IDS[5], "II.1.2"
    data = E.ranking_xlsx(FW, UNITS, FIGS, rank_swap=(unit, code))
    report = importer.check_file(data, "bad_rank.xlsx", source=E.URL, base=data_copy)
    assert not report.ok
    hits = [p for p in report.problems if "rank contradicts" in p.message_en and code in str(p.value)]
    assert hits, _texts(report)[:5]
    assert all(p.column == f"{code} / Xếp hạng" for p in hits)  # the file's own header text
    assert {p.row for p in hits} >= {5 + IDS.index(unit)}  # the unit's Excel row (title 2 rows, header 2 rows)


def test_unknown_header_is_named_as_the_file_writes_it(data_copy):
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(E.ranking_xlsx(FW, UNITS, FIGS)))
    wb.active.cell(3, 9).value = "Chỉ số không có"
    buf = io.BytesIO()
    wb.save(buf)
    report = importer.check_file(buf.getvalue(), "typo.xlsx", source=E.URL, base=data_copy)
    msgs = _texts(report)
    assert any("column 'Chỉ số không có / Điểm số'" in s and "no measure of the 2023 framework" in s
               for s in msgs), msgs
    assert not any("'score'" in s or "'rank'" in s for s in msgs), msgs


@pytest.mark.parametrize("given", [None, "2024"])
def test_edition_comes_from_the_title_and_a_contradicting_option_is_refused(data_copy, given):
    data = E.ranking_xlsx(FW[:3], UNITS[:2], FIGS)
    report = importer.check_file(data, "t.xlsx", source=E.URL, edition=given, base=data_copy)
    if given is None:
        assert report.how.get("edition_from_header") == "2023"
    else:
        assert any("2023" in s and "2024" in s for s in _texts(report)), _texts(report)


def test_a_unit_listed_twice_is_refused_once_naming_the_unit_and_rows(data_copy):
    dup = IDS[10]
    data = E.ranking_xlsx(FW, UNITS, FIGS, duplicate=dup)
    report = importer.check_file(data, "twice.xlsx", source=E.URL, base=data_copy)
    assert not report.ok
    twice = [p for p in report.problems if "listed twice" in p.message_en]
    assert [p.message_en for p in twice] == [
        f"the unit {NAME[dup]} is listed twice in the file (rows {5 + 10}, {5 + 63}) — keep one row"]
    assert twice[0].row == 5 + 63 and twice[0].column == "Tỉnh/thành phố"
    assert not any("duplicate key" in p.message_en for p in report.problems)  # said once, not 156 times


def test_an_aggregate_off_its_children_is_refused_naming_unit_and_measure(data_copy):
    figs = dict(FIGS)
    unit = IDS[3]
    s, k = figs[(unit, "II")]
    figs[(unit, "II")] = (round(s + 10, 2), k)  # pillar II printed 10 points too high
    report = importer.check_file(E.ranking_xlsx(FW, UNITS, figs), "pillar_off.xlsx", source=E.URL, base=data_copy)
    off = [p for p in report.problems if "mean of its children" in p.message_en and p.message_en.startswith("II ")]
    assert off, _texts(report)[:5]
    assert NAME[unit] in off[0].message_en  # the unit by its name, not its id
    assert off[0].row == 5 + 3 and off[0].column == "Trụ cột 2 / Điểm số" or off[0].column == "II / Điểm số"


def test_a_rank_beyond_the_units_ranked_names_unit_measure_and_cell(data_copy):
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(E.ranking_xlsx(FW, UNITS, FIGS)))
    wb.active.cell(7, 4).value = 64  # third unit, PII rank
    buf = io.BytesIO()
    wb.save(buf)
    report = importer.check_file(buf.getvalue(), "rank64.xlsx", source=E.URL, base=data_copy)
    hits = [p for p in report.problems if "rank must be a whole number from 1 to 63" in p.message_en]
    assert hits and hits[0].row == 7 and hits[0].column == "PII / Xếp hạng", _texts(report)[:5]
    assert f"unit {NAME[IDS[2]]}, measure PII" in hits[0].message_en
