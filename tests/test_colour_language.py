"""One colour language (issue 15): the rank-band palette stays distinguishable
for colour-blind readers, missing is a grey no scale uses, context is grey,
and the charts use the theme's scales on fixed ranges."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from pii.charts import theme
from pii.charts.theme import BAND_COLOURS, CONTEXT, FOCUS, MISSING, REF_LABEL_CHARS, SCORE_SCALE, TEXT
from queries import PiiDB
from tests.colour_vision import delta_e, hex_rgb, lab, simulate, to_linear

# (kind, model): Machado 2009 at severity 1 for all three dichromacies, Viénot 1999 as a second model
VISIONS = [("normal", "machado"), ("deuteranopia", "machado"), ("protanopia", "machado"),
           ("tritanopia", "machado"), ("deuteranopia", "vienot"), ("protanopia", "vienot")]
MIN_BAND_DE = 15.0  # CIEDE2000 between neighbouring bands (≈ "clearly different" at a glance)
MIN_MISSING_DE = 10.0  # missing grey vs every band colour
MIN_FOCUS_CONTEXT_DE = 25.0


@pytest.mark.parametrize(("kind", "model"), VISIONS)
def test_neighbouring_rank_bands_differ_under_colour_blindness(kind: str, model: str) -> None:
    gaps = [delta_e(a, b, kind, model) for a, b in itertools.pairwise(BAND_COLOURS)]
    assert min(gaps) >= MIN_BAND_DE, (kind, model, [round(g, 1) for g in gaps])


def test_the_old_traffic_light_bands_would_fail() -> None:
    """The check can fail: the palette this replaced collapses under deuteranopia."""
    old = ["#1A9850", "#A6D96A", "#FEE08B", "#F46D43"]
    assert min(delta_e(a, b, "deuteranopia") for a, b in itertools.pairwise(old)) < MIN_BAND_DE


@pytest.mark.parametrize(("kind", "model"), VISIONS)
def test_bands_are_ordered_by_lightness_from_the_middle(kind: str, model: str) -> None:
    """Strong and weak ends are darker than the middle bands, so the order reads in greyscale too."""
    L = [lab(simulate(c, kind, model))[0] for c in BAND_COLOURS]
    assert L[0] < L[1] and L[3] < L[2]


@pytest.mark.parametrize(("kind", "model"), VISIONS)
def test_missing_grey_is_not_a_band_nor_a_score_colour(kind: str, model: str) -> None:
    assert min(delta_e(MISSING, c, kind, model) for c in BAND_COLOURS) >= MIN_MISSING_DE
    stops = [c for _, c in SCORE_SCALE]
    assert MISSING not in stops and MISSING not in BAND_COLOURS
    assert min(delta_e(MISSING, c, kind, model) for c in stops) >= 5.0


@pytest.mark.parametrize(("kind", "model"), VISIONS)
def test_focus_stands_out_from_context(kind: str, model: str) -> None:
    assert delta_e(FOCUS, CONTEXT, kind, model) >= MIN_FOCUS_CONTEXT_DE


@pytest.mark.parametrize(("kind", "model"), VISIONS)
def test_score_scale_gets_darker_monotonically(kind: str, model: str) -> None:
    L = [lab(simulate(c, kind, model))[0] for _, c in SCORE_SCALE]
    assert all(b < a for a, b in itertools.pairwise(L)), [round(x, 1) for x in L]


def _luminance(colour: str) -> float:
    return float(np.array([0.2126, 0.7152, 0.0722]) @ to_linear(hex_rgb(colour)))


def test_cell_numbers_are_readable_on_every_band() -> None:
    for c in BAND_COLOURS:
        hi, lo = sorted([_luminance(c), _luminance(TEXT)], reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, c


def test_cross_check_with_colorspacious() -> None:
    """An independent implementation (colorspacious: Machado 2009 simulation, CAM02-UCS ΔE)."""
    from colorspacious import cspace_convert, deltaE

    for cvd in ("deuteranomaly", "protanomaly"):
        space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
        seen = [np.clip(cspace_convert(hex_rgb(c), space, "sRGB1"), 0, 1) for c in BAND_COLOURS]
        gaps = [float(deltaE(a, b, input_space="sRGB1")) for a, b in itertools.pairwise(seen)]
        assert min(gaps) >= 12.0, (cvd, gaps)


def test_simulation_matches_published_values() -> None:
    """Pure red seen by a protanope (Machado, severity 1) is a dark olive: R and G close, B ≈ 0."""
    r, g, b = simulate("#FF0000", "protanopia")
    assert r == pytest.approx(0.152286) and g == pytest.approx(0.114503) and b == pytest.approx(0.0, abs=1e-6)


# -- the charts use the language ------------------------------------------------------
@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


def test_compare_bar_context_is_grey_and_at_most_two_labelled_reference_lines(db: PiiDB) -> None:
    from pii.panels import compare as compare_panels
    from pii.viewstate import ViewState

    fig = compare_panels.bar(ViewState(db, 2023, "thai_nguyen", "tdmnpb", "vi")).fig
    bar = fig.data[0]
    colours = dict(zip(bar.y, bar.marker.color))
    assert colours.pop("Thái Nguyên") == FOCUS and set(colours.values()) == {CONTEXT}
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    labels = [a for a in fig.layout.annotations if a.name == "pii_ref_label"]
    assert len(lines) == 2 == len(labels) and not fig.layout.showlegend
    # each line labelled at its end, wrapped to fit a phone (the text is the same)
    # each line labelled at its end in one short line; the shape keeps the full name (alt text, hover)
    assert {a.text for a in labels} == {"TB vùng (công bố): 32,19", "TB nhóm (tính toán): 33,53"}
    assert {s.name for s in lines} == {"Trung bình vùng Trung du và miền núi phía Bắc (công bố): 32,19",
                                       "Trung bình nhóm, tính toán trên 8 đơn vị có số liệu: 33,53"}
    assert all(len(part) <= REF_LABEL_CHARS for a in labels for part in a.text.split("<br>"))


def test_trends_focus_colour_grey_context_direct_labels(db: PiiDB) -> None:
    from pii.panels import trends as trend_panels
    from pii.viewstate import ViewState

    peers = ["thai_nguyen", "bac_giang", "phu_tho"]
    fig = trend_panels.chart(ViewState(db, 2023, "thai_nguyen", "custom", "vi", peers)).fig
    colours = {tr.line.color for tr in fig.data if tr.name != "Thái Nguyên"}
    assert colours == {CONTEXT}
    assert {tr.line.color for tr in fig.data if tr.name == "Thái Nguyên"} == {FOCUS}
    assert not any(tr.showlegend for tr in fig.data)  # few series: named at the line ends instead
    direct = {a.text for a in fig.layout.annotations if a.name == "pii_direct_label"}
    assert {"Thái Nguyên", "Bắc Giang", "Phú Thọ"} <= direct
    assert "#F0E442" not in {tr.line.color for tr in fig.data}  # no pale yellow


def test_map_uses_the_score_scale_on_a_fixed_range_in_every_edition(db: PiiDB) -> None:
    from pii.panels import map as map_panels
    from pii.viewstate import ViewState

    for ed, pid in ((2023, "thai_nguyen"), (2024, "thai_nguyen")):
        have = map_panels.choropleth(ViewState(db, ed, pid)).fig.data[1]
        assert (have.zmin, have.zmax) == (0.0, 100.0)
        assert [c for _, c in have.colorscale] == [c for _, c in SCORE_SCALE]


def test_target_chart_is_a_dot_chart_not_from_zero(db: PiiDB) -> None:
    from pii.panels.registry import build_view

    fig = build_view("targets", db, 2023, "thai_nguyen", "tdmnpb", "en").fig
    dots = fig.data[0]
    assert dots.type == "scatter" and dots.mode == "markers+text"
    x0, x1 = fig.layout.xaxis.range
    # the 1.24-point lead takes at least 3 % of the axis (it was 1 % on bars from 0)
    assert 1.24 / (x1 - x0) > 0.03 and x0 > 0
    assert "does not start at 0" in fig.layout.xaxis.title.text


def test_strengths_bars_are_one_colour() -> None:
    """Bars sized by score are coloured as the focus province's scores, not by rank band."""
    import pandas as pd

    from pii.charts.briefing import strengths_weaknesses

    df = pd.DataFrame({"code": ["A", "B"], "name": ["a", "b"], "score": [90.0, 20.0], "rank": [1, 60],
                       "rank_of": [63, 63]})
    fig = strengths_weaknesses(df.head(1), df.tail(1), "vi")
    assert {tr.marker.color for tr in fig.data} == {FOCUS}


def test_theme_reference_lines_are_capped() -> None:
    import plotly.graph_objects as go

    fig = go.Figure()
    theme.reference_line(fig, 1, "a")
    theme.reference_line(fig, 2, "b")
    with pytest.raises(ValueError):
        theme.reference_line(fig, 3, "c")
