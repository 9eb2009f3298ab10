"""Export machinery without a browser: theme, decorate, source line, alt text,
CSV/XLSX tables, briefing views (real data from the shipped parquet)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from openpyxl import load_workbook

from pii.charts.theme import FOCUS, apply_theme
from pii.export import alt_text, decorate, export_date_text, source_line
from pii.export.image import PRESETS, png_size
from pii.export.tables import sheet_title, to_csv_bytes, to_xlsx_bytes
from pii.panels.registry import PACKS, VIEWS, build_view
from queries import PiiDB


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


def test_template_registered_once_and_used() -> None:
    assert "pii" in pio.templates
    fig = apply_theme(go.Figure(go.Bar(x=[1], y=["a"])), "vi")
    assert fig.layout.template.layout.font.family.startswith("'Noto Sans'")
    assert "DejaVu Sans" in fig.layout.font.family  # Debian fallback with Vietnamese glyphs
    assert fig.layout.separators == ",."
    assert apply_theme(go.Figure(), "en").layout.separators == ".,"


def test_presets_hit_the_asked_pixel_sizes() -> None:
    assert PRESETS["slide"].pixels == (1920, 1080)
    assert PRESETS["social"].pixels == (1080, 1080)
    assert PRESETS["link"].pixels == (1200, 630)
    assert PRESETS["a4"].pixels == (3508, 2480)  # A4 landscape at 300 dpi


def test_png_size_reads_the_header() -> None:
    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (1920).to_bytes(4, "big") + (1080).to_bytes(4, "big")
    assert png_size(header) == (1920, 1080)
    with pytest.raises(ValueError):
        png_size(b"GIF89a" + b"\x00" * 30)


def test_export_date_by_language() -> None:
    day = dt.date(2026, 3, 5)
    assert export_date_text(day, "vi") == "Xuất ngày 05/03/2026"
    assert export_date_text(day, "en") == "Exported 5 Mar 2026"


def test_source_line_names_ministry_and_publishers(db: PiiDB) -> None:
    ids = ["kh152", "web_8a0bbc1a"]
    vi = source_line(2023, db.sources(ids), "vi", ids)
    assert vi.startswith("Nguồn: Bộ KH&CN, Chỉ số PII 2023")
    assert "UBND tỉnh Thái Nguyên" in vi and "diendandoanhnghiep.vn" in vi
    en = source_line(2023, db.sources(ids), "en", ids)
    assert en.startswith("Source: Ministry of Science and Technology, PII 2023")
    assert source_line(2024, None, "vi") == "Nguồn: Bộ KH&CN, Chỉ số PII 2024"


def test_decorate_puts_title_subtitle_source_and_date_on_a_copy() -> None:
    fig = apply_theme(go.Figure(go.Bar(x=[47.75, 46.51], y=["Thái Nguyên", "Bắc Giang"], orientation="h")), "vi")
    out = decorate(fig, "PII 2023", "PII 2023 · Thái Nguyên", "Nguồn: Bộ KH&CN, Chỉ số PII 2023",
                   dt.date(2026, 11, 26), "vi", width=960)
    assert "PII 2023" in out.layout.title.text
    assert out.layout.title.subtitle.text == "PII 2023 · Thái Nguyên"
    footer = [a.text for a in out.layout.annotations if a.name == "pii_footer"]
    assert footer and "Nguồn: Bộ KH&CN, Chỉ số PII 2023" in footer[0] and "Xuất ngày 26/11/2026" in footer[0]
    assert not fig.layout.annotations  # the original is untouched
    # the left margin makes room for the longest label, the bottom for axis + footer
    assert out.layout.margin.l >= 60 and out.layout.margin.b >= 60


def test_decorate_wraps_long_titles_for_narrow_presets() -> None:
    title = "Thái Nguyên: khoảng cách tới mục tiêu top 10 và dẫn đầu vùng, PII 2023"
    narrow = decorate(go.Figure(), title, None, "Nguồn: x", None, "vi", width=500)
    wide = decorate(go.Figure(), title, None, "Nguồn: x", None, "vi", width=1400)
    assert narrow.layout.title.text.count("<br>") >= 1
    assert wide.layout.title.text.count("<br>") == 0
    assert narrow.layout.margin.t > wide.layout.margin.t


def test_alt_text_has_key_numbers_in_the_language() -> None:
    fig = go.Figure(go.Bar(x=[64.97, 27.65, 51.9, 41.84], y=["VII", "VI", "I", "II"], orientation="h"))
    vi = alt_text(fig, "Trụ cột", "vi")
    assert vi.startswith("Biểu đồ cột: Trụ cột.")
    assert "VII 64,97" in vi and "VI 27,65" in vi
    en = alt_text(fig, "Pillars", "en")
    assert "VII 64.97" in en
    assert alt_text(fig, "X", "vi", key_numbers=["PII 47,75."]).endswith("PII 47,75.")


def test_csv_has_bom_and_vietnamese_intact() -> None:
    df = pd.DataFrame({"Tỉnh/thành": ["Thái Nguyên", "Bắc Kạn"], "Điểm": [47.75, None]})
    data = to_csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "Thái Nguyên,47.75" in text and "Bắc Kạn," in text


def test_xlsx_rows_frozen_header_and_sources_sheet(db: PiiDB) -> None:
    df = pd.DataFrame({"Mã": ["III.2.3", "VII.2.2", "IV.1.2"], "Tên": ["Quản trị môi trường", "Tỷ lệ lao động", "x"],
                       "Điểm": [12.34, 29.98, None], "Hạng": [55, 56, None]})
    data = to_xlsx_bytes(df, "vi", sources=db.sources(["kh152"]), title="test")
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Dữ liệu", "Nguồn"]
    ws = wb["Dữ liệu"]
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["Mã", "Tên", "Điểm", "Hạng"]
    assert ws["A1"].font.bold
    assert ws.max_row == 4  # header + 3 rows
    assert ws["C2"].value == pytest.approx(12.34) and ws["B2"].value == "Quản trị môi trường"
    assert ws["C4"].value is None and ws["D4"].value is None  # missing stays empty, never 0
    src = wb["Nguồn"]
    assert src.freeze_panes == "A2"
    # readable columns first (publisher, title), the id last
    assert [c.value for c in src[1]][:2] == ["Đơn vị công bố", "Tiêu đề"]
    assert src["A2"].value == "UBND tỉnh Thái Nguyên" and src["B2"].value.startswith("Kế hoạch 152/KH-UBND")
    assert src["E2"].value == "kh152" and src["F2"].value is None  # the maintainers' note is not published
    en = load_workbook(io.BytesIO(to_xlsx_bytes(df, "en")))
    assert en.sheetnames == ["Data", "Sources"]
    assert "no source ids" in en["Sources"]["A2"].value


def test_sheet_titles_are_excel_safe() -> None:
    assert sheet_title("Nguồn / Sources") == "Nguồn - Sources"
    assert len(sheet_title("x" * 40)) == 31


def test_leadership_pack_views() -> None:
    assert PACKS["leadership"] == ["overview", "strengths", "heatmap_region", "targets", "lead_units"]
    assert set(PACKS["leadership"]) <= set(VIEWS)


def test_overview_view_numbers(db: PiiDB) -> None:
    r = build_view("overview", db, 2023, "thai_nguyen", "tdmnpb", "vi")
    assert "47,75" in r.finding and "10/63" in r.finding
    assert "VII (hạng 2)" in r.finding and "I (hạng 26)" in r.finding
    assert "PII: 47,75 điểm, hạng 10/63" in r.notes
    assert any(n.startswith("III.") and "58,76" in n and "13/63" in n for n in r.notes)
    assert r.fig.data[0].marker.color[0] == FOCUS
    assert "kh152" in r.sources
    en = build_view("overview", db, 2023, "thai_nguyen", "tdmnpb", "en")
    assert "47.75" in en.finding and "10 of 63" in en.finding


def test_strengths_view_numbers(db: PiiDB) -> None:
    r = build_view("strengths", db, 2023, "thai_nguyen", "tdmnpb", "vi")
    joined = "\n".join(r.notes)
    assert "III.2.3" in joined and "12,34 (55/63)" in joined
    assert "VII.2.2" in joined and "29,98 (56/63)" in joined
    assert "V.3.1" in joined and "100,00 (1/63)" in joined
    assert "52 chỉ số" in r.title
    # the slide's second line says what · where · when; it repeated the title word for word (issue 20)
    assert r.finding == r.subtitle == "Thứ hạng chỉ số thành phần: 10 tốt nhất và 10 thấp nhất · Thái Nguyên · PII 2023"


def test_heatmap_view_missing_is_a_dash_never_zero(db: PiiDB) -> None:
    r = build_view("heatmap_region", db, 2023, "thai_nguyen", "tdmnpb", "vi")
    hm = [tr for tr in r.fig.data if tr.type == "heatmap"][1]
    rows = list(hm.y)
    tn = rows.index("<b>Thái Nguyên</b>")
    assert list(hm.text[tn]) == ["10", "26", "12", "13", "10", "5", "24", "2"]
    assert len(rows) == 14
    hb = rows.index("Hòa Bình")
    assert set(hm.text[hb]) == {"—"} and all(z is None for z in hm.z[hb])
    assert "xếp hạng 1/14 trong" in r.title  # the published regional rank (rules.regional_rank), not 1/11
    # the second line no longer repeats the title (issue 20): what · where · when
    assert r.finding == "Thứ hạng cả nước của PII và 7 trụ cột · Vùng Trung du và miền núi phía Bắc · PII 2023"


def test_targets_view_numbers(db: PiiDB) -> None:
    r = build_view("targets", db, 2023, "thai_nguyen", "tdmnpb", "vi")
    assert "hạng 10/63" in r.title and "1,24" in r.title
    assert r.finding == "Khoảng cách tới mục tiêu top 10 cả nước và dẫn đầu vùng · Thái Nguyên · PII 2023"
    # a dot chart, bottom-up: region average, 11th, focus; each other row prints its gap to the focus
    assert list(r.fig.data[0].text) == ["32,19 (−15,56)", "46,51 (−1,24)", "47,75"]
    assert list(r.fig.data[0].x) == [32.19, 46.51, 47.75]
    assert r.fig.layout.xaxis.range[0] > 0  # the 1,24-point lead is visible: the axis does not start at 0
    assert "không bắt đầu từ 0" in r.fig.layout.xaxis.title.text


def test_lead_units_view_table(db: PiiDB) -> None:
    r = build_view("lead_units", db, 2023, "thai_nguyen", "tdmnpb", "vi")
    assert r.table is not None and len(r.table) == 10
    first = r.table.iloc[0]
    assert first["Mã"] == "VII.2.2" and first["Xếp hạng"] == "56/63" and first["Điểm"] == "29,98"
    assert first["Đơn vị chủ trì"] == "Sở Nội vụ (từ 2025)"  # today's unit; the notes keep the plan's own name
    assert "Sở Lao động - Thương binh và Xã hội (2024) → Sở Nội vụ" in r.notes[1]  # notes[0]: the finding
    assert r.table.iloc[1]["Mã"] == "III.2.3"
    assert r.table.iloc[1]["Đơn vị chủ trì"] == "Sở Nông nghiệp và Môi trường (từ 2025)"
    assert "kh152" in r.sources


def test_unknown_view_is_a_clear_error(db: PiiDB) -> None:
    with pytest.raises(KeyError, match="unknown view 'nope'"):
        build_view("nope", db, 2023, "thai_nguyen")


def test_views_without_published_figures_say_so(db: PiiDB) -> None:
    r = build_view("overview", db, 2025, "thai_nguyen_2025", "tdmnpb", "vi")
    assert r.finding == "Chưa có điểm PII công bố của Thái Nguyên trong PII 2025."
    s = build_view("strengths", db, 2024, "thai_nguyen", "tdmnpb", "vi")
    assert s.empty == s.finding == "Chưa có số liệu công bố ở cấp chỉ số thành phần cho Thái Nguyên."


def test_targets_region_is_the_provinces_own_and_claims_only_what_is_known(db: PiiDB) -> None:
    hn = build_view("targets", db, 2023, "ha_noi", "tdmnpb", "vi")
    # Hà Nội is in the Red River Delta: second there is Hải Phòng (52,32): 62,86 − 52,32 = 10,54
    assert "10,54" in hn.title and "có số liệu công bố" in hn.title
    tn24 = build_view("targets", db, 2024, "thai_nguyen", "tdmnpb", "vi")
    assert "hạng 9/63" in tn24.title and "/14 tỉnh của vùng có số liệu công bố" in tn24.title


def test_bottom_legend_is_pinned_above_the_footer() -> None:
    fig = apply_theme(go.Figure(go.Bar(x=[47.75], y=["Thái Nguyên"], orientation="h", showlegend=False)), "vi")
    fig.add_vline(x=32.19, line_dash="dash", showlegend=True, name="TB vùng (công bố): 32,19")
    fig.update_layout(legend=dict(y=-0.1, yanchor="top"))
    plain = decorate(go.Figure(fig.data), "T", None, "Nguồn: x", None, "vi", width=960, height=540)
    out = decorate(fig, "T", None, "Nguồn: x", None, "vi", width=960, height=540)
    assert out.layout.legend.yref == "container" and out.layout.legend.yanchor == "bottom"
    assert 0 < out.layout.legend.y < 0.2
    assert out.layout.margin.b > plain.layout.margin.b  # room for the legend row
