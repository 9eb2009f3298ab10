"""Server-side images with Kaleido driving Debian's Chromium: pixel sizes of
every preset, SVG and PDF that parse and carry the source line."""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from pii.export import PRESETS, decorate, source_line, to_image
from pii.export.image import png_size
from pii.panels.registry import build_view
from pii.settings import chromium_path
from queries import PiiDB

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def overview():
    db = PiiDB()
    out = {}
    for lang in ("vi", "en"):
        r = build_view("overview", db, 2023, "thai_nguyen", "tdmnpb", lang)
        out[lang] = (r, source_line(2023, db.sources(r.sources), lang, r.sources))
    return out


def _decorated(overview, lang: str, preset: str):
    r, line = overview[lang]
    return decorate(r.fig, r.title, r.subtitle, line, None, lang, width=PRESETS[preset].width,
                    height=PRESETS[preset].height)


def test_uses_debian_chromium() -> None:
    # Kaleido and the browser tests use Debian's Chromium, never a downloaded browser
    assert chromium_path() == os.environ.get("PII_CHROMIUM", "/usr/bin/chromium")
    assert Path(chromium_path()).is_file()


@pytest.mark.parametrize("preset", list(PRESETS))
def test_png_has_the_asked_pixel_size(overview, preset: str) -> None:
    data = to_image(_decorated(overview, "vi", preset), "png", preset)
    assert png_size(data) == PRESETS[preset].pixels


def _svg_text(data: bytes) -> str:
    root = ET.fromstring(data)  # parses: well-formed XML
    return "\n".join(t for t in root.itertext())


def test_svg_parses_and_carries_source_line_and_vietnamese_numbers(overview) -> None:
    data = to_image(_decorated(overview, "vi", "slide"), "svg", "slide")
    text = _svg_text(data)
    assert "Nguồn: Bộ KH&CN, Chỉ số PII 2023" in text
    assert "Xuất ngày" in text
    assert "51,90 · 26/63" in text  # pillar I, Vietnamese decimal comma
    assert "Thái Nguyên xếp thứ 10/63, dẫn đầu vùng; yếu nhất ở Thể chế (26/63)" in text  # the finding title


def test_svg_in_english_uses_english_numbers(overview) -> None:
    text = _svg_text(to_image(_decorated(overview, "en", "social"), "svg", "social"))
    assert "Source: Ministry of Science and Technology, PII 2023" in text
    assert "51.90 · 26 of 63" in text


def test_pdf_parses_one_page_with_source(overview) -> None:
    reader = PdfReader(io.BytesIO(to_image(_decorated(overview, "vi", "a4"), "pdf", "a4")))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) / float(box.height) == pytest.approx(877 / 620, rel=0.01)
    assert "PII 2023" in reader.pages[0].extract_text()


def test_unknown_format_is_refused(overview) -> None:
    with pytest.raises(ValueError, match="unknown image format"):
        to_image(overview["vi"][0].fig, "gif")


def test_map_export_uses_the_offline_topojson() -> None:
    """Kaleido would fetch base-map topojson from a CDN; the export passes the
    offline location plotly.io is set to (pii.analysis.map), so a map renders offline."""
    import plotly.graph_objects as go
    import plotly.io as pio

    from pii.analysis import map as geo

    before = pio.defaults.topojson
    try:
        geo.use_offline_topojson_for_images()
        square = {"type": "FeatureCollection", "features": [{
            "type": "Feature", "properties": {"id": "19"},
            "geometry": {"type": "Polygon", "coordinates": [[[105, 21], [106, 21], [106, 22], [105, 22], [105, 21]]]}}]}
        fig = go.Figure(go.Choropleth(geojson=square, featureidkey="properties.id", locations=["19"], z=[47.75]))
        fig.update_geos(visible=False, fitbounds="locations")
        assert png_size(to_image(fig, "png", "link")) == (1200, 630)
    finally:
        pio.defaults.topojson = before


def test_reused_tab_does_not_leak_one_chart_into_the_next(overview) -> None:
    """The warm tab is reused between images (no reload); each image shows only its own figure."""
    import plotly.graph_objects as go

    first = go.Figure(go.Bar(x=[1, 2], y=["Cao Bằng", "Lai Châu"], orientation="h"))
    to_image(first, "svg", "social")
    text = _svg_text(to_image(_decorated(overview, "vi", "social"), "svg", "social"))
    assert "Cao Bằng" not in text and "Lai Châu" not in text
    assert "51,90 · 26/63" in text


def test_failed_export_restarts_the_engine_and_the_next_one_works(overview) -> None:
    from pii.export import image

    with pytest.raises(Exception, match="non-array figure data"):
        to_image({"data": 5}, "png", "link")  # type: ignore[arg-type]  # malformed: the browser refuses it
    assert not image._started  # stopped, so the next export starts a clean browser
    assert png_size(to_image(_decorated(overview, "vi", "link"), "png", "link")) == (1200, 630)
