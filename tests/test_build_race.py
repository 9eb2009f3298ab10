"""``python -m pii build`` racing a publish (issue 22): both take the data folder's lock, so a build never
drops figures just published, nor crashes because the publish's recovery removed its staging folder.

Each of ``PII_RACE_RUNS`` (default 30) rounds starts a publish of a new figure and, a little later (0 to
1.5 s, so the build starts during each step of the publish), ``python -m pii build`` on the same folder, two
processes. Afterwards the published figure must be in the data, both processes must have succeeded, and
neither printed a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from pii.pipeline import import_lock, importer, publish_txn
from queries import PiiDB

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("PII_RACE_RUNS", "30"))
PUBLISH = ("import sys; from pathlib import Path; from pii.pipeline import importer; "
           "p = Path(sys.argv[1]); r = importer.publish(p.read_bytes(), p.name, user='race', base=Path(sys.argv[2]));"
           " sys.exit(0 if r.ok else 3)")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_build_racing_publish_loses_nothing(data_copy, tmp_path):
    lost, failures = [], []
    for i in range(RUNS):
        score = round(30 + i * 0.5, 1)
        csv = tmp_path / f"race_{i:02d}.csv"
        csv.write_text("edition,province,code,score,rank,source\n"
                       f"2024,Ha Giang,I.1.1,{score},,https://example.org/race-{i}\n", encoding="utf-8")
        pub = subprocess.Popen([sys.executable, "-c", PUBLISH, str(csv), str(data_copy)], cwd=ROOT, env=_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep((i % 6) * 0.3)
        build = subprocess.Popen([sys.executable, "-m", "pii", "build", str(data_copy)], cwd=ROOT, env=_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        p_out, p_err = pub.communicate(timeout=300)
        b_out, b_err = build.communicate(timeout=300)
        for what, proc, err in (("publish", pub, p_err), ("build", build, b_err)):
            if proc.returncode != 0 or b"Traceback" in err:
                failures.append(f"round {i} {what}: rc {proc.returncode}: {err.decode(errors='replace')[-400:]}")
        got = PiiDB(data_copy / "parquet").scores(2024, provinces=["ha_giang"], codes=["I.1.1"])
        if got["score"].tolist() != [score]:
            lost.append((i, score, got["score"].tolist()))
    print(f"lost publishes: {len(lost)} of {RUNS}; failed processes: {len(failures)}")
    assert not failures, failures
    assert not lost, f"{len(lost)} of {RUNS} published figures lost: {lost}"
    entries = [e for e in importer.read_log(data_copy) if e["action"] == "import"]
    assert len(entries) == RUNS


def test_build_waits_for_the_publish_lock(data_copy):
    """While a publish holds the data folder's lock, ``python -m pii build`` waits: it neither reads the
    sources nor swaps the tables until the lock is free."""
    before = (data_copy / "parquet" / "scores.parquet").stat().st_mtime_ns
    with import_lock.lock(data_copy):
        build = subprocess.Popen([sys.executable, "-m", "pii", "build", str(data_copy)], cwd=ROOT, env=_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(15)  # a build takes ~2 s of CPU: long finished if it did not wait
        assert build.poll() is None, "the build ran while a publish held the lock"
        assert (data_copy / "parquet" / "scores.parquet").stat().st_mtime_ns == before
        with import_lock.lock(data_copy, wait=False) as got:
            assert got is False
    out, err = build.communicate(timeout=300)
    assert build.returncode == 0, err
    assert (data_copy / "parquet" / "scores.parquet").stat().st_mtime_ns != before


def test_killed_publish_is_recovered_when_the_cli_starts(data_copy, tmp_path):
    """A publish killed after writing its CSV (before the commit) leaves nothing once any CLI command starts."""
    csv = tmp_path / "killed.csv"
    csv.write_text("edition,province,code,score,rank,source\n2024,Ha Giang,I.1.1,33.3,,https://example.org/k\n",
                   encoding="utf-8")
    env = {**_env(), publish_txn.FAULT_ENV: "csv", "PII_DATA_DIR": str(data_copy)}
    r = subprocess.run([sys.executable, "-c", PUBLISH, str(csv), str(data_copy)], cwd=ROOT, env=env,
                       capture_output=True)
    assert r.returncode == 137
    imports = data_copy / "sources" / "imports"
    assert list(imports.glob("scores__*.csv")) and (data_copy / publish_txn.JOURNAL).exists()
    env.pop(publish_txn.FAULT_ENV)
    r = subprocess.run([sys.executable, "-m", "pii", "import", "--dry-run", str(csv)], cwd=ROOT, env=env,
                       capture_output=True)
    assert not list(imports.glob("scores__*.csv")), "the killed publish's CSV is still in sources/imports"
    assert not (data_copy / publish_txn.JOURNAL).exists()
    assert b"recovered an interrupted publish" in r.stderr
