"""The data build: shipped CSVs build cleanly and match the committed parquet;
every kind of bad row is refused with file, row and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pii.pipeline import build
from pii.pipeline.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "pii_data" / "sources"
PARQUET = ROOT / "pii_data" / "parquet"


@pytest.fixture(scope="module")
def tables():
    return build.build_tables(SOURCES)


def test_shipped_sources_build_and_match_committed_parquet(tables):
    for name, df in tables.items():
        committed = pd.read_parquet(PARQUET / f"{name}.parquet")
        df = _roundtrip(df)
        assert len(committed) == len(df), name
        pd.testing.assert_frame_equal(committed.reset_index(drop=True), df.reset_index(drop=True),
                                      check_dtype=False, obj=name)


def _roundtrip(df: pd.DataFrame) -> pd.DataFrame:
    import io

    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return pd.read_parquet(buf)


def test_row_counts(tables):
    fw = tables["framework"]
    f23 = fw[fw["edition"] == 2023]
    assert f23["level"].value_counts().to_dict() == {"indicator": 52, "index": 16, "pillar": 7, "subindex": 2, "pii": 1}
    assert len(tables["provinces"]) == 87  # 63 + 24 new post-merger units
    s = tables["scores"]
    tn = s[(s["edition"] == 2023) & (s["province_id"] == "thai_nguyen")]
    assert len(tn) == 76  # PII + 7 pillars + 16 indices + 52 indicators
    assert tn["rank_of"].eq(63).all()
    assert s["score_source_id"].notna().sum() == s["score"].notna().sum()
    assert s["rank_source_id"].notna().sum() == s["rank"].notna().sum()


def test_thai_nguyen_key_figures(tables):
    s = tables["scores"].set_index(["edition", "province_id", "code"])
    assert s.loc[(2023, "thai_nguyen", "PII"), "score"] == 47.75
    assert s.loc[(2023, "thai_nguyen", "PII"), "rank"] == 10
    assert s.loc[(2023, "thai_nguyen", "III.2.3"), "rank"] == 55
    assert s.loc[(2023, "thai_nguyen", "VII.2.2"), "rank"] == 56
    assert s.loc[(2023, "thai_nguyen", "I.1.3"), "rank"] == 52
    for code in ("V.3.1", "VII.1.3", "IV.1.3"):
        assert s.loc[(2023, "thai_nguyen", code), "rank"] == 1
    assert s.loc[(2024, "thai_nguyen", "PII"), "score"] == 44.23


def test_addendum_2_figures_are_published_each_with_its_quoted_source(tables):
    """The third search's 12 figures (issue 19): 10 scores/ranks and 2 regional ranks, each with its source."""
    s = tables["scores"].set_index(["edition", "province_id", "code"])
    want = {(2023, "ca_mau", "PII"): (30.52, 50), (2023, "khanh_hoa", "PII"): (None, 31),
            (2025, "dak_lak_2025", "PII"): (34.80, 24), (2023, "ben_tre", "PII"): (37.65, 28),
            (2023, "ben_tre", "VI.3.3"): (100.0, None), (2023, "ben_tre", "II.1.2"): (92.35, None),
            (2023, "ben_tre", "VII.2.2"): (84.14, None)}
    src = tables["sources"].set_index("source_id")["url"]
    for key, (score, rank) in want.items():
        row = s.loc[key]
        assert (None if pd.isna(row["score"]) else row["score"]) == score, key
        assert (None if pd.isna(row["rank"]) else int(row["rank"])) == rank, key
        sid = row["score_source_id"] if score is not None else row["rank_source_id"]
        assert src[sid].startswith("https://"), key
    rr = tables["region_ranks"]
    got = {(int(e), p): int(r) for e, p, r in zip(rr["edition"], rr["province_id"], rr["region_rank"])}
    assert got[(2023, "ca_mau")] == 12 and got[(2023, "ben_tre")] == 5
    notes = pd.read_csv(SOURCES / "published_scores_addendum_2.csv")["note"]
    assert notes.str.startswith("Quote: ").all()  # each figure quoted


def test_missing_is_null_not_zero(tables):
    s = tables["scores"]
    # Thái Nguyên has no published INPUT/OUTPUT in 2023: absent, not 0
    assert not ((s["province_id"] == "thai_nguyen") & (s["code"] == "INPUT") & (s["edition"] == 2023)).any()
    # the only 0 is a printed one: Quảng Trị 2023 VI.1 "Sáng tạo tri thức (0,00)" (addendum, with its quote)
    zeros = s[s["score"] == 0]
    assert zeros[["edition", "province_id", "code"]].values.tolist() == [[2023, "quang_tri", "VI.1"]]
    assert zeros["score_source_id"].notna().all()


def test_peer_groups_are_data(tables):
    m = tables["peer_group_members"]
    region23 = m[(m["peer_group_id"] == "tdmnpb") & (m["edition"] == 2023)]
    assert len(region23) == 14 and "thai_nguyen" in set(region23["province_id"])
    region25 = m[(m["peer_group_id"] == "tdmnpb") & (m["edition"] == 2025)]
    assert len(region25) == 10 and "thai_nguyen_2025" in set(region25["province_id"])
    top23 = m[(m["peer_group_id"] == "top10") & (m["edition"] == 2023)]
    assert len(top23) == 10


def _copy_sources(tmp_path: Path) -> Path:
    dst = tmp_path / "sources"
    shutil.copytree(SOURCES, dst)
    return dst


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1  # line number of the appended row


URL = "https://vnexpress.net/16-tinh-thanh-dung-dau-cac-vung-kinh-te-ve-doi-moi-sang-tao-4721102.html"


@pytest.mark.parametrize(
    ("line", "column", "needle"),
    [
        (f"2023,Hà Giang,PII,score,140,63,{URL},single,", "value", "between 0 and 100"),
        (f"2023,Hà Giang,PII,score,-3,63,{URL},single,", "value", "between 0 and 100"),
        (f"2023,Hà Giang,PII,rank,64,63,{URL},single,", "value", "rank must be a whole number from 1 to 63"),
        (f"2023,Hà Giang,PII,rank,0,63,{URL},single,", "value", "rank must be a whole number"),
        (f"2023,Hà Giang,X.9.9,score,40,63,{URL},single,", "code", "not in the 2023 framework"),
        (f"2023,Atlantis,PII,score,40,63,{URL},single,", "province", "not a unit of edition 2023"),
        (f"2025,Bắc Kạn,PII,score,40,34,{URL},single,", "province", "not a unit of edition 2025"),
        ("2023,Hà Giang,PII,score,40,63,,single,", "source", "no source"),
        (f"2023,Hà Nội,PII,score,62.86,63,{URL},single,", "code", "duplicate key"),
    ],
)
def test_build_refuses_bad_rows(tmp_path, line, column, needle):
    src = _copy_sources(tmp_path)
    row = _append(src / "published_scores.csv", line)
    with pytest.raises(DataError) as err:
        build.build_tables(src)
    hits = [p for p in err.value.problems if needle in p.message_en]
    assert hits, [p.text() for p in err.value.problems]
    assert hits[0].file == "published_scores.csv"
    assert hits[0].row == row
    assert hits[0].column == column
    assert hits[0].message_vi  # every problem is also explained in Vietnamese


def test_build_refuses_aggregate_mismatch(tmp_path):
    src = _copy_sources(tmp_path)
    path = src / "scores_plan152.csv"
    text = path.read_text(encoding="utf-8").replace("2023,Thái Nguyên,III.2.3,score,12.34,",
                                                    "2023,Thái Nguyên,III.2.3,score,22.34,")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        build.build_tables(src)
    msgs = [p for p in err.value.problems if "mean of its children" in p.message_en]
    assert msgs and msgs[0].file == "scores_plan152.csv"
    assert "III.2" in msgs[0].message_en


def test_failed_build_writes_nothing(tmp_path):
    base = tmp_path / "data"
    shutil.copytree(ROOT / "pii_data", base, ignore=shutil.ignore_patterns("parquet.previous"))
    before = {p.name: p.read_bytes() for p in (base / "parquet").glob("*.parquet")}
    _append(base / "sources" / "published_scores.csv", f"2023,Hà Giang,PII,score,140,63,{URL},single,")
    assert build.main([str(base)]) == 1
    after = {p.name: p.read_bytes() for p in (base / "parquet").glob("*.parquet")}
    assert before == after


def test_publish_keeps_previous_version(tmp_path, tables):
    out = tmp_path / "parquet"
    build.write_tables(tables, out)
    first = (out / "scores.parquet").read_bytes()
    build.write_tables(tables, out)
    assert (tmp_path / "parquet.previous" / "scores.parquet").read_bytes() == first
    assert not list(tmp_path.glob(".parquet-staging-*"))
