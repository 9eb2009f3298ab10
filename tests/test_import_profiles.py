"""Report profiles (issue 19): the Ministry's report with one profile per unit — 63 units, ~190 pages — as PDF
from two producers (fpdf2, and Chromium printing HTML) and as Word (python-docx), generated at test time;
checked in the limited worker (30 s CPU, 512 MB) and read figure for figure."""

from __future__ import annotations

import pytest

from pii.pipeline import importer, sandbox
from pii.pipeline.preview import how_lines
from tests.fixtures import edition as E

FW = E.framework(2023)
UNITS = E.units("63")
IDS = [u["province_id"] for u in UNITS]
FIGS = E.figures(FW, IDS)
NAME = {u["province_id"]: u["name_vi"] for u in UNITS}
MAKERS = {"fpdf2.pdf": E.profiles_fpdf, "chromium.pdf": E.profiles_chromium, "word.docx": E.profiles_docx}


@pytest.fixture(scope="module", params=list(MAKERS))
def report_file(request):
    return f"bao_cao_pii_2023_{request.param}", MAKERS[request.param](FW, UNITS, FIGS)


def test_full_report_is_read_in_the_worker_figure_for_figure(report_file, data_copy):
    name, data = report_file
    report = sandbox.check_in_worker(data, name, base=data_copy, source=E.URL)
    assert report.worker.outcome == "done", [p.text("en") for p in report.problems]
    assert report.ok, [p.text("en") for p in report.problems][:5]
    assert report.kind == "profiles"
    got = {(f.province_id, f.code, f.measure): f.value for f in report.figures.itertuples()}
    assert len(got) == 63 * 78 * 2
    assert all(got[(u, c, "score")] == s and got[(u, c, "rank")] == k for (u, c), (s, k) in FIGS.items())
    lines = how_lines(report.how, "en")
    assert any("report profiles: 63 sections, each headed by a unit's name" in s for s in lines), lines
    assert "Edition read from the header: 2023" in lines
    if name.endswith(".pdf"):
        assert report.how["pages"] >= 2 * 63  # two or three pages a unit (fpdf2: 190, Chromium: fewer)


def test_a_pillar_printed_10_points_too_high_names_unit_measure_and_page(data_copy):
    unit = IDS[7]
    data = E.profiles_fpdf(FW, UNITS[:12], FIGS, off=(unit, "II", 10.0))
    report = importer.check_file(data, "pillar_off.pdf", base=data_copy, source=E.URL)
    hits = [p for p in report.problems if "mean of its children" in p.message_en and p.message_en.startswith("II ")]
    assert len(hits) == 1, [p.text("en") for p in report.problems][:5]
    assert NAME[unit] in hits[0].message_en and "[page " in hits[0].message_en and "[trang " in hits[0].message_vi


def test_word_report_with_a_unit_twice_is_refused(data_copy):
    data = E.profiles_docx(FW, UNITS[:5] + UNITS[2:3], FIGS)
    report = importer.check_file(data, "twice.docx", base=data_copy, source=E.URL)
    assert not report.ok
    msgs = [p.message_en for p in report.problems]
    twice = [m for m in msgs if "has two profiles" in m]
    assert twice == [f"the unit {UNITS[2]['name_vi'].upper()} has two profiles in the file (starting on table 3 (3), "
                     "table 6 (6)) — keep one"] or len(twice) == 1 and NAME[IDS[2]].upper() in twice[0].upper(), msgs
    assert not any("duplicate key" in m for m in msgs), msgs[:5]
