"""The display formatters that are rules of their own (issue 20): the rank, the rank column, the export date."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pii import fmt


def test_rank_in_each_language_and_compact() -> None:
    assert fmt.rank(10, 63, "vi") == "10/63"
    assert fmt.rank(10, 63, "en") == "10 of 63"
    assert fmt.rank(10, 63, "en", compact=True) == "10/63"  # a bar label or a cell: no room for words
    assert fmt.rank(10, None, "en", compact=True) == "10"
    assert fmt.rank(None, 63, "vi", missing="—") == "—"


def test_rank_column_reads_rank_and_rank_of_row_by_row() -> None:
    df = pd.DataFrame({"rank": [1, None, 56], "rank_of": [63, 63, 63]})
    assert fmt.rank_column(df, "vi", missing="—") == ["1/63", "—", "56/63"]
    assert fmt.rank_column(df, "en", missing="—") == ["1 of 63", "—", "56 of 63"]
    assert fmt.rank_column(pd.DataFrame({"rank": [3]}), "vi") == ["3"]  # without rank_of: the rank alone


def test_export_date_is_one_formatter() -> None:
    day = dt.date(2026, 12, 7)
    assert fmt.day(day, "vi") == "07/12/2026"
    assert fmt.day(day, "en") == "7 Dec 2026"
