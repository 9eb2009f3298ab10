"""A complete install (issue 12): requirements.txt alone is enough to run the app.

A clean virtual environment (no --system-site-packages) gets ``pip install -r
requirements.txt`` with the machine's own pip configuration and cache, then
imports every module of pii/ and queries/, every module the pages import,
compiles app.py and each page, and exports a unit-sheet PDF (Playwright driving
Debian's Chromium — nothing downloads a browser). Slow (a few minutes), and run
in CI like every test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r'''
import ast, importlib, io, pathlib, pkgutil, py_compile, sys
root = pathlib.Path(sys.argv[1])
sys.path.insert(0, str(root))
import pii, queries
mods = sorted({m.name for m in pkgutil.walk_packages(pii.__path__, "pii.")} | {"queries"})
for name in mods:
    importlib.import_module(name)
used = set()
for f in [root / "app.py", *sorted((root / "pages").glob("*.py"))]:
    py_compile.compile(str(f), doraise=True)
    for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            used |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            used.add(node.module)
for name in sorted(used):
    if name.split(".")[0] != "pages":
        importlib.import_module(name)
from pypdf import PdfReader
from pii.analysis import plan_tracker as pt
from pii.export import unit_sheet as xs
from queries import PiiDB
db, plan = PiiDB(), "152/KH-UBND-2024"
table = pt.indicator_table(db.framework(2023), db.plan_assignments(plan), db.plan_actions(plan),
                           db.scores(2023, provinces=["thai_nguyen"], levels=["indicator"]))
pdf = xs.unit_sheet_pdf(pt.unit_sheet(table, "so_tnmt"), "Sở Tài nguyên và Môi trường", "Thái Nguyên", 2023,
                        "vi", db.sources(["kh152"]))
text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
assert "Sở Tài nguyên và Môi trường" in text and "55/63" in text, text[:300]
print(f"OK modules={len(mods)} page-imports={len(used)} pdf={len(pdf)}")
'''


@pytest.mark.slow
def test_requirements_txt_alone_runs_the_app(tmp_path):
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
    base_python = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base_python, "-m", "venv", str(venv)], check=True, env=env, timeout=300)
    assert "include-system-site-packages = false" in (venv / "pyvenv.cfg").read_text()
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-r",
                          str(ROOT / "requirements.txt")], env=env, capture_output=True, text=True, timeout=1800)
    assert pip.returncode == 0, pip.stderr[-3000:]
    run = subprocess.run([str(venv / "bin" / "python"), "-c", SCRIPT, str(ROOT)], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, (run.stdout[-2000:], run.stderr[-4000:])
    assert run.stdout.startswith("OK modules=")
