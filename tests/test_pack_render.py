"""Packs as an office suite shows them (issue 20): every view's slide rendered through LibreOffice
(``soffice --headless --convert-to pdf``) and read back: each slide carries its panel's title, the line under
it stays above the chart, nothing runs off the slide, and the slide's figures are the panel's."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from pii.export.packs import PackItem, build_pack
from pii.export.pptx_pack import pptx_bytes, second_line
from pii.panels.registry import VIEWS, run_view
from pii.viewstate import ViewState
from queries import PiiDB

pytestmark = pytest.mark.slow
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                   "scripts/install.sh installs it with the dev requirements")


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


def _to_pdf(pptx: bytes, tmp: Path) -> Path:
    src = tmp / "pack.pptx"
    src.write_bytes(pptx)
    profile = tmp / "lo-profile"  # a private profile: two test workers never share LibreOffice's
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(src)], check=True, capture_output=True, timeout=240,
                   env={**os.environ, "HOME": str(tmp)})
    return tmp / "pack.pdf"


@pytest.fixture(scope="module", params=["vi", "en"])
def rendered(request, db: PiiDB, tmp_path_factory) -> tuple[str, Presentation, Path]:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    lang = request.param
    items = [PackItem(v, 2023, "thai_nguyen") for v in VIEWS]
    data = pptx_bytes(build_pack(items, db, lang))
    return lang, Presentation(io.BytesIO(data)), _to_pdf(data, tmp_path_factory.mktemp(f"pack-{lang}"))


def _words(text: str) -> list[str]:
    return [w for w in text.replace("\n", " ").split() if w]


@needs_soffice
def test_every_view_slide_carries_its_panels_title_and_second_line(rendered, db: PiiDB) -> None:
    lang, prs, pdf = rendered
    slides = list(prs.slides)[1:1 + len(VIEWS)]
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == len(prs.slides)
        for view_id, slide, page in zip(VIEWS, slides, doc.pages[1:]):
            panel = run_view(view_id, ViewState(db, 2023, "thai_nguyen", "tdmnpb", lang))
            assert slide.shapes.title.text == panel.title, view_id
            line = second_line(panel)
            assert line and line.rstrip(".") != panel.title.rstrip("."), view_id  # never the title twice
            shown = " ".join(_words(page.extract_text() or ""))
            for w in _words(panel.title)[:6] + _words(line)[:6]:
                assert w in shown, (view_id, w)


@needs_soffice
def test_nothing_runs_off_a_slide_and_the_second_line_stays_above_the_chart(rendered) -> None:
    lang, prs, pdf = rendered
    with pdfplumber.open(pdf) as doc:
        for i, page in enumerate(doc.pages[1:1 + len(VIEWS)], start=1):
            words = page.extract_words()
            assert all(w["x1"] <= page.width + 0.5 and w["bottom"] <= page.height + 0.5 for w in words), i
            if not page.images:
                continue  # a native table or an empty panel
            chart_top = min(im["top"] for im in page.images)
            title_and_line = [w for w in words if w["top"] < chart_top]
            assert title_and_line, i
            # no text box above the chart reaches into it (a two-line finding ran under the picture)
            assert max(w["bottom"] for w in title_and_line) <= chart_top + 1, i
            footer = [w for w in words if w["top"] > max(im["bottom"] for im in page.images)]
            assert footer, i  # the source line is below the chart, on the slide


@needs_soffice
def test_lead_units_slide_shows_the_panels_table(rendered, db: PiiDB) -> None:
    lang, prs, _ = rendered
    panel = run_view("lead_units", ViewState(db, 2023, "thai_nguyen", "tdmnpb", lang))
    slide = list(prs.slides)[1 + list(VIEWS).index("lead_units")]
    table = next(sh.table for sh in slide.shapes if sh.has_table)
    cells = [[table.cell(i, j).text for j in range(len(panel.table.columns))] for i in range(len(panel.table) + 1)]
    assert cells[0] == [str(c) for c in panel.table.columns]
    assert cells[1:] == [[str(v) for v in row] for row in panel.table.itertuples(index=False)]
