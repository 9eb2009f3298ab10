"""Bad input never changes the data (issue 6).

Every file of the corpus in tests/bad_inputs/ (listed in MANIFEST.csv with the
row, column and message it must produce), plus files generated here (50 MB,
XLSX formulas), is *published* against a private copy of the data folder: the
import must be refused with a clear problem naming file, row and column, in VI
and EN, and every file of the data folder must be byte-identical afterwards.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from pii.pipeline import importer, paths
from pii.pipeline.build import build_tables, write_tables
from queries import PiiDB

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "bad_inputs"
ROOT = HERE.parent
# MANIFEST.csv: issue 6's corpus; MANIFEST_hostile.csv: issue 12's hostile files (tests/hostile_corpus.py)
MANIFEST_FILES = ("MANIFEST.csv", "MANIFEST_hostile.csv")
MANIFEST = [row for m in MANIFEST_FILES for row in csv.DictReader(open(CORPUS / m, encoding="utf-8"))]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("pristine") / "pii_data"
    shutil.copytree(paths.sources_dir(paths.SHIPPED_DATA_DIR), base / "sources",
                    ignore=shutil.ignore_patterns("imports"))
    write_tables(build_tables(base / "sources"), base / "parquet", keep_previous=False)
    return base


@pytest.fixture()
def data(pristine: Path, tmp_path: Path) -> Path:
    base = tmp_path / "pii_data"
    shutil.copytree(pristine, base)
    return base


def tree_hash(base: Path) -> dict[str, str]:
    return {str(p.relative_to(base)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(base.rglob("*")) if p.is_file()}


def _args(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in text.split(";") if part)


def _refused(data_dir: Path, payload: bytes, name: str, kind: str | None = None, **args: str):
    before = tree_hash(data_dir)
    report = importer.publish(payload, name, user="test", base=data_dir, kind=kind or None, **args)
    assert not report.ok
    assert report.problems
    for p in report.problems:
        assert p.message_vi and p.message_en and p.file
    assert tree_hash(data_dir) == before, "a refused import changed the data folder"
    assert not (data_dir / importer.LOG_NAME).exists()
    return report


def test_corpus_is_big_enough():
    from tests.hostile_corpus import GENERATED

    assert len(MANIFEST) + len(GENERATED) >= 60
    assert {m["file"] for m in MANIFEST} == {p.name for p in CORPUS.iterdir() if p.name not in MANIFEST_FILES}


@pytest.mark.parametrize("case", MANIFEST, ids=[m["file"] for m in MANIFEST])
def test_bad_file_is_refused_clearly_and_changes_nothing(case, data):
    report = _refused(data, (CORPUS / case["file"]).read_bytes(), case["file"], case["kind"], **_args(case["args"]))
    want_row = int(case["row"]) if case["row"] else None
    hits = [p for p in report.problems
            if case["message_en_contains"] in p.message_en
            and (not case["column"] or p.column == case["column"])
            and (want_row == 0 or p.row == want_row)
            and (want_row == 0 or p.file == case["file"])]
    assert hits, f"{case['file']}: expected {case} in {[p.text('en') for p in report.problems]}"
    # the Vietnamese text names the same place
    assert "dòng" in hits[0].text("vi") or hits[0].row is None


def test_fifty_megabyte_file_is_refused_by_our_limit(data, tmp_path):
    row = "2024,Hà Nội,I.1.1,55.5,,https://example.org/x\n".encode()
    payload = b"edition,province,code,score,rank,source\n" + row * (50 * 1024 * 1024 // len(row) + 1)
    assert len(payload) > 50 * 1024 * 1024
    report = _refused(data, payload, "big_50mb.csv")
    assert "file too large" in report.problems[0].message_en
    assert "20 MB" in report.problems[0].message_en and "tệp quá lớn" in report.problems[0].message_vi


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_formula_cells_are_refused(data):
    payload = _xlsx([["edition", "province", "code", "score", "rank", "source"],
                     [2024, '=HYPERLINK("http://evil.example","Hà Nội")', "I.1.1", 55.5, None, "kh152"],
                     [2024, "Hải Phòng", "I.1.1", "=40+5", None, "kh152"]])
    report = _refused(data, payload, "formulas.xlsx")
    where = {(p.row, p.column) for p in report.problems if "formula" in p.message_en}
    assert where == {(2, "province"), (3, "score")}


def test_xlsx_bad_values_are_located_by_row_and_column(data):
    payload = _xlsx([["edition", "province", "code", "score", "rank", "source"],
                     [2024, "Hà Nội", "I.1.1", 140, None, "kh152"],
                     [2024, "Atlantis", "I.1.1", 40, None, "kh152"]])
    report = _refused(data, payload, "values.xlsx")
    assert {(p.row, p.column) for p in report.problems} == {(2, "score"), (3, "province")}


def test_cli_refuses_and_exits_nonzero(data):
    env = {**os.environ, "PII_DATA_DIR": str(data)}
    before = tree_hash(data)
    res = subprocess.run([sys.executable, "-m", "pii", "import", str(CORPUS / "score_140.csv")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 1
    assert "IMPORT REFUSED" in res.stderr
    assert "row 2, column 'score'" in res.stderr and "dòng 2, cột 'score'" in res.stderr
    assert tree_hash(data) == before


def test_hostile_name_is_only_data_in_sql(data):
    db = PiiDB(data / "parquet")
    hostile = "x'); DROP TABLE scores; --"
    assert db.scores(2023, provinces=[hostile]).empty
    assert db.plans(hostile).empty
    assert len(db.scores(2023, codes=["PII"])) > 0  # the table is still there

