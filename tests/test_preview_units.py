"""The preview at edition scale and the progress line (issue 19), on small hand-made reports."""

from __future__ import annotations

import io

import pandas as pd

from pii.pipeline import progress
from pii.pipeline.preview_units import absent_measures, absent_units, problems_by_unit, unit_frame
from pii.pipeline.problems import Problem

FIG = pd.DataFrame({"edition": [2023] * 5, "province_id": ["a", "a", "a", "b", "b"],
                    "code": ["PII", "PII", "I", "PII", "PII"], "measure": ["score", "rank", "score", "score", "rank"],
                    "value": [50.0, 3, 40.0, 45.0, 5], "change": ["added", "changed", "unchanged", "source", "added"]})
HOW = {"scope": {2023: {"units": ["a", "b", "c"], "codes": ["PII", "I", "II"]}}}


def test_one_line_per_unit_and_what_is_absent():
    units = unit_frame(FIG).set_index("province_id")
    assert units.loc["a", ["figures", "added", "changed", "unchanged"]].tolist() == [3, 1, 1, 1]
    assert units.loc["b", ["figures", "added", "changed", "unchanged"]].tolist() == [2, 1, 1, 0]  # a new source
    assert absent_units(HOW, FIG) == [(2023, "c")]
    miss = absent_measures(HOW, FIG).set_index("province_id")
    assert miss.loc["a", "codes"] == "II" and miss.loc["b", "codes"] == "I, II"


def test_problems_grouped_by_unit_file_wide_first():
    ps = [Problem("f", 5, "x", "vi", "en1"), Problem("f", None, None, "vi", "whole"), Problem("f", 9, "y", "vi", "en2"),
          Problem("f", 6, "z", "vi", "en3")]
    groups = problems_by_unit(ps, {"problem_units": ["Hà Nội", "", "Huế", "Hà Nội"]})
    assert [(u, [p.message_en for p in g]) for u, g in groups] == [
        ("", ["whole"]), ("Hà Nội", ["en1", "en3"]), ("Huế", ["en2"])]


def test_progress_line_after_a_second(monkeypatch):
    out = io.StringIO()
    printer = progress.Printer("en", stream=out)
    printer(2, 5, "rows")
    assert out.getvalue() == ""  # under a second: nothing
    printer.t0 -= 2
    printer(2, 5, "rows")
    printer(10, 190, "pages")
    assert out.getvalue().splitlines() == ["Checking the file — step 3/5: reading the rows",
                                           "Reading the file — page 10/190"]


def test_worker_progress_file_round_trip(tmp_path, monkeypatch):
    path = tmp_path / "p"
    path.write_bytes(b"")
    monkeypatch.setenv(progress.ENV, str(path))
    progress.step("checks")
    assert progress.read(str(path)) == (3, 5, "checks")
    monkeypatch.delenv(progress.ENV)
    progress.step("staging")  # outside the worker: nothing written
    assert progress.read(str(path)) == (3, 5, "checks")
