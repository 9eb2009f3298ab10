"""Exports never break (issue 15): for every view × preset, the SVG Kaleido
renders (the image a press officer downloads) has no two text boxes
overlapping and no text outside the canvas — title, rotated headers, tick
labels, bar labels, legends, reference labels, notes and the source footer.
One test per view (its four presets inside), Vietnamese; English on the slide
preset; both through the same decorate() the page, CLI and packs use."""

from __future__ import annotations

import pytest

from pii.export import PRESETS, decorate, source_line, to_image
from pii.panels.registry import VIEWS, build_view
from queries import PiiDB
from tests.svg_layout import problems, text_boxes


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


def _svg(db: PiiDB, view: str, lang: str, preset: str) -> bytes:
    r = build_view(view, db, 2023, "thai_nguyen", "tdmnpb", lang)
    line = source_line(2023, db.sources(r.sources) if r.sources else None, lang, r.sources)
    p = PRESETS[preset]
    fig = decorate(r.fig, r.title, r.subtitle, line, "30/11/2026", lang, width=p.width, height=p.height, note=r.note)
    return to_image(fig, "svg", preset)


@pytest.mark.parametrize("view", list(VIEWS))
def test_no_overlap_nothing_outside_every_preset(db: PiiDB, view: str) -> None:
    found = {preset: problems(_svg(db, view, "vi", preset)) for preset in PRESETS}
    assert found == {preset: [] for preset in PRESETS}


def test_english_slides_have_no_overlap(db: PiiDB) -> None:
    found = {view: problems(_svg(db, view, "en", "slide")) for view in VIEWS}
    assert {v: p for v, p in found.items() if p} == {}


def test_the_check_can_fail() -> None:
    """Two texts drawn on the same spot, and one past the right edge, are reported."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
           '<g transform="translate(10,0)"><text x="10" y="40" style="font-size: 14px">Thái Nguyên</text>'
           '<text x="20" y="45" style="font-size: 14px">Bắc Giang</text></g>'
           '<text x="180" y="80" style="font-size: 14px">ngoài khung</text></svg>')
    found = problems(svg)
    assert any(p.startswith("overlap: 'Thái Nguyên'") for p in found)
    assert any(p.startswith("outside the 200×100 canvas: 'ngoài khung'") for p in found)
    boxes, _, _ = text_boxes(svg)
    assert boxes[0].bounds[0] == pytest.approx(20)  # the group's translate is applied


def test_region_heatmap_social_rotated_headers_stay_below_the_title(db: PiiDB) -> None:
    """The reported case: province names printed over the subtitle at social size."""
    boxes, _, _ = text_boxes(_svg(db, "heatmap_region", "vi", "social"))
    # the subtitle says what · where · when (issue 20; it was "PII 2023 · Thái Nguyên · nhóm so sánh: …")
    subtitle = next(b for b in boxes if b.text.startswith("Thứ hạng cả nước của PII"))
    headers = [b for b in boxes if b.text in {"PII", "I", "II", "VII"}]
    assert headers and all(h.bounds[1] >= subtitle.bounds[3] for h in headers)


def test_crowded_rows_keep_every_label(db: PiiDB) -> None:
    """On the short link preset plotly thinned the row labels, which put a province's
    name beside another province's bar; every row must keep its own label."""
    boxes, _, _ = text_boxes(_svg(db, "indicator", "vi", "link"))
    texts = {b.text for b in boxes}
    members = db.peer_group_members("tdmnpb", 2023)
    from pii.i18n import name_col

    assert set(members[name_col("vi")]) <= texts
