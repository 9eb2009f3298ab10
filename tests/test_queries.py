"""The query layer: bound parameters, read-only, right rows."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from queries import MEMO_SIZE, SQL_DIR, PiiDB


@pytest.fixture(scope="module")
def db():
    return PiiDB()


def test_editions(db):
    eds = db.editions()
    assert eds["edition"].tolist() == [2023, 2024, 2025]
    assert eds["units_ranked"].tolist() == [63, 63, 34]


def test_units_per_edition(db):
    assert len(db.units(2023)) == 63
    u25 = db.units(2025)
    assert len(u25) == 34
    assert "thai_nguyen_2025" in set(u25["province_id"]) and "bac_kan" not in set(u25["province_id"])
    assert "ha_noi" in set(u25["province_id"])  # unchanged unit keeps its id


def test_members_of_merged_unit(db):
    m = db.members("thai_nguyen_2025")
    assert m["name_vi"].tolist() == ["Thái Nguyên", "Bắc Kạn"]


def test_scores_filters(db):
    s = db.scores(2023, provinces=["thai_nguyen"], levels=["pillar"])
    assert s["code"].tolist() == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert s.set_index("code").loc["VII", "rank"] == 2
    assert len(db.scores(2023, codes=["PII"])) == 35  # units with a published PII score or rank (28 scores, 34 ranks)


def test_missing_scores_are_null(db):
    pii = db.scores(2023, codes=["PII"]).set_index("province_id")
    # Bắc Kạn: rank 56 of 63 published, score not published -> NULL, never 0
    assert pd.isna(pii.loc["bac_kan", "score"])
    assert (pii.loc["bac_kan", "rank"], pii.loc["bac_kan", "rank_of"]) == (56, 63)
    no_score = pii[pii["score"].isna()]
    assert sorted(no_score.index) == ["bac_kan", "dak_nong", "dien_bien", "khanh_hoa", "tay_ninh", "thanh_hoa",
                                      "yen_bai"]  # Khánh Hòa: rank 31 from addendum 2, no score
    assert sorted(no_score["rank"].astype(int)) == [30, 31, 38, 54, 56, 58, 59]
    assert not (pii["score"] == 0).any()
    assert db.scores(2023, provinces=["an_giang"]).empty  # nothing published: no row, not a row of zeros
    assert pii["score"].isna().sum() == 7  # rank published, score not (Thanh Hóa: score rejected, issue 11)


def test_score_history(db):
    h = db.score_history(["thai_nguyen", "thai_nguyen_2025"], ["PII"])
    assert h[["edition", "score"]].values.tolist()[:2] == [[2023, 47.75], [2024, 44.23]]


def test_plan_queries(db):
    a = db.plan_assignments("152/KH-UBND-2024", code="III.2.3")
    lead = a[a["role"] == "lead"]["unit_vi"].tolist()
    assert lead == ["Sở Tài nguyên và Môi trường"]
    by_unit = db.plan_assignments("152/KH-UBND-2024", unit_id=a[a["role"] == "lead"]["unit_id"].iat[0])
    assert "III.2.3" in set(by_unit["code"])
    assert len(db.plan_actions("152/KH-UBND-2024", code="III.2.3")) >= 1


def test_hostile_text_is_data_not_sql(db):
    evil = "x'); DROP TABLE scores; --"
    assert db.scores(2023, provinces=[evil]).empty
    assert db.members(evil).empty
    assert len(db.scores(2023, codes=["PII"])) == 35  # table still there


def test_sql_files_have_no_string_formatting():
    for path in SQL_DIR.glob("*.sql"):
        text = path.read_text(encoding="utf-8")
        assert "{" not in text and "%s" not in text, path.name


def test_cursor_per_call_is_thread_safe():
    """Eight threads run distinct queries on one fresh PiiDB, so each call
    misses the memo and runs in DuckDB on its own cursor at the same time."""
    shared = PiiDB()
    units = shared.units(2023)["province_id"].tolist()  # the only memo entry before the threads start
    pairs = [(units[k % 63], units[(k + k // 63 + 1) % 63]) for k in range(160)]  # 160 distinct pairs
    jobs = [pairs[i::8] for i in range(8)]
    reference = PiiDB()  # expected rows from another instance, so the shared memo stays empty
    expected = {pair: len(reference.scores(2023, provinces=list(pair))) for job in jobs for pair in job}
    errors: list[Exception] = []
    got: dict[tuple[str, str], int] = {}

    def work(job: list[tuple[str, str]]) -> None:
        try:
            for pair in job:
                got[pair] = len(shared.scores(2023, provinces=list(pair)))
        except Exception as err:  # collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(job,)) for job in jobs]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert got == expected and sum(expected.values()) > 0
    assert len(expected) == 160 and len(shared._memo) == min(161, MEMO_SIZE)  # every call reached DuckDB


def test_unknown_parameter_is_rejected(db):
    with pytest.raises(TypeError):
        db.query("editions", edition=2023)
