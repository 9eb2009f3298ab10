"""Publishing survives faults (issue 12): a publish or rollback killed at any step
leaves the previous version or the new one, never a mix; two publishes at once
are serialised; a full disk is refused cleanly with the data unchanged."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pii.pipeline import import_publish, importer, publish_txn
from queries import PiiDB
from tests import test_bad_inputs as corpus
from tests.test_bad_inputs import tree_hash

pristine, data = corpus.pristine, corpus.data  # the corpus tests' fixtures: a private copy of the data
ROOT = Path(__file__).resolve().parent.parent
GOOD = ("edition,province,code,score,rank,source\n"
        "2024,Hà Giang,I.1.1,41.5,12,https://example.org/pii-2024\n").encode()
OTHER = ("edition,province,code,score,rank,source\n"
         "2024,Cao Bằng,I.1.1,38.25,20,https://example.org/pii-2024\n").encode()


def _state(base: Path) -> tuple:
    """What a reader sees: import files in effect, the figure in parquet, the log entries."""
    imp = base / "sources" / "imports"
    files = sorted(p.name.split("__")[0] for p in imp.glob("*.csv")) if imp.exists() else []
    got = PiiDB(base / "parquet").scores(2024, provinces=["ha_giang"], codes=["I.1.1"])
    score = None if got.empty else float(got["score"].iloc[0])
    actions = [e["action"] for e in importer.read_log(base)]
    leftovers = sorted(p.name for p in base.iterdir() if p.name.startswith((".parquet-staging", "parquet.next",
                                                                              publish_txn.JOURNAL)))
    return files, score, actions, leftovers


def _child(base: Path, code: str, step: str | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PII_DATA_DIR": str(base)}
    env.pop(publish_txn.FAULT_ENV, None)
    if step:
        env[publish_txn.FAULT_ENV] = step
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


PUBLISH = (f"from pii.pipeline import importer; r = importer.publish({GOOD!r}, 'hg.csv', user='t'); "
           "assert r.ok, [p.text() for p in r.problems]")


@pytest.mark.parametrize("step", publish_txn.STEPS)
def test_publish_killed_at_each_step_leaves_old_or_new(step, data):
    old = _state(data)
    res = _child(data, PUBLISH, step)
    assert res.returncode == 137, (step, res.stderr[-2000:])  # it really died at that step
    importer.recover(data)  # what the next publish, rollback or build does first
    now = _state(data)
    new = (["scores", "sources"], 41.5, ["import"], [])
    assert now in (old, new), (step, now)
    committed = publish_txn.STEPS.index(step) >= publish_txn.STEPS.index("logged")
    assert now == (new if committed else old), (step, now)


@pytest.mark.parametrize("step", publish_txn.STEPS)
def test_rollback_killed_at_each_step_leaves_old_or_new(step, data):
    assert _child(data, PUBLISH, None).returncode == 0
    published = _state(data)
    res = _child(data, "from pii.pipeline import importer; importer.rollback('t')", step)
    assert res.returncode == 137, (step, res.stderr[-2000:])
    importer.recover(data)
    now = _state(data)
    rolled = ([], None, ["import", "rollback"], [])
    committed = publish_txn.STEPS.index(step) >= publish_txn.STEPS.index("logged")
    assert now == (rolled if committed else published), (step, now)


def test_two_publishes_at_once_are_serialised(data):
    env = {**os.environ, "PII_DATA_DIR": str(data)}
    env.pop(publish_txn.FAULT_ENV, None)
    procs = [subprocess.Popen([sys.executable, "-c", f"from pii.pipeline import importer; "
                               f"r = importer.publish({payload!r}, {name!r}, user='t'); assert r.ok, r.problems"],
                              cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
             for payload, name in ((GOOD, "hg.csv"), (OTHER, "cb.csv"))]
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read()[-2000:]
    log = importer.read_log(data)
    assert sorted(e["file"] for e in log) == ["cb.csv", "hg.csv"]
    got = PiiDB(data / "parquet").scores(2024, provinces=["ha_giang", "cao_bang"], codes=["I.1.1"])
    assert sorted(got["score"].tolist()) == [38.25, 41.5]  # the second saw the first: both are in
    assert not (data / publish_txn.JOURNAL).exists()


@pytest.mark.parametrize("where", ["csv", "parquet", "log"])
def test_full_disk_is_refused_cleanly(where, data, monkeypatch):
    before = tree_hash(data)

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "csv":
        real = publish_txn.write_atomic
        monkeypatch.setattr(publish_txn, "write_atomic", lambda path, payload: full() if "imports" in str(path)
                            else real(path, payload))  # the journal is written, the first CSV is not
    elif where == "parquet":
        monkeypatch.setattr("pandas.DataFrame.to_parquet", full)
    else:
        monkeypatch.setattr(import_publish, "write_log", full)
    report = importer.publish(GOOD, "hg.csv", user="t", base=data)
    assert not report.ok
    assert report.problems[-1].message_en == ("the server's disk is full: nothing was published, "
                                              "the data is unchanged")
    assert "không đủ chỗ trên đĩa" in report.problems[-1].message_vi
    after = tree_hash(data)
    after.pop(f"{importer.LOG_NAME}.lock")  # the (empty) lock file the publish took is the only new file
    assert after == before
    assert not (data / importer.LOG_NAME).exists()


def test_torn_log_line_is_not_a_commit(data):
    assert _child(data, PUBLISH, None).returncode == 0
    with open(data / importer.LOG_NAME, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"action": "import", "txn": "x"})[:20])  # a kill in the middle of a write
    assert [e["action"] for e in importer.read_log(data)] == ["import"]
    importer.recover(data)
    assert (data / importer.LOG_NAME).read_text(encoding="utf-8").endswith("\n")
