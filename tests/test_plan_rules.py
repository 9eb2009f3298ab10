"""Which plan applies and who leads, the same on every slide as on the pages (issue 20's disagreements):
the merged Thái Nguyên of PII 2025 follows plan 152, and lead units are shown as today's units."""

from __future__ import annotations

from pathlib import Path

from pii.analysis.rules import plan_id_of
from pii.panels.registry import build_view
from queries import PiiDB


def _tn_2025(db: PiiDB) -> str:
    units = db.units(2025)
    return str(units[units["name_vi"].str.startswith("Thái Nguyên")]["province_id"].iat[0])


def test_the_2025_lead_units_slide_uses_plan_152_and_todays_units(demo_dir: Path) -> None:
    db = PiiDB(demo_dir / "parquet")
    tn = _tn_2025(db)
    assert plan_id_of(db, tn) == "152/KH-UBND-2024"
    r = build_view("lead_units", db, 2025, tn, "tdmnpb", "vi")
    # the finding is the title (the second line says what · where · when, issue 20)
    assert "chưa có kế hoạch" not in r.title and r.title.startswith("Thái Nguyên: 10 chỉ số yếu nhất do ")
    leads = r.table["Đơn vị chủ trì"].tolist()
    assert not any(x == "—" or "chưa" in x.lower() for x in leads), leads
    assert "152" in " ".join(r.sources) or any(s.startswith("kh152") for s in r.sources)


def test_lead_units_name_the_successor_as_the_pages_do() -> None:
    db = PiiDB()
    r = build_view("lead_units", db, 2023, "thai_nguyen", "tdmnpb", "vi")
    leads = dict(zip(r.table["Mã"], r.table["Đơn vị chủ trì"]))
    assert leads["VII.2.2"] == "Sở Nội vụ (từ 2025)"  # today's unit in the cell
    vii22 = next(n for n in r.notes if n.startswith("VII.2.2:"))  # the whole label in the slide's notes
    assert vii22.endswith("Sở Lao động - Thương binh và Xã hội (2024) → Sở Nội vụ (từ 2025, một phần chức năng)")


def test_the_plan_units_slide_counts_todays_units_like_the_tracker() -> None:
    from pii.analysis import plan_tracker as pt

    db = PiiDB()
    r = build_view("plan_units", db, 2023, "thai_nguyen", "tdmnpb", "vi")
    names = set(r.fig.data[0].y) | {y for tr in r.fig.data for y in (tr.y or ())}
    assert "Sở Kế hoạch và Đầu tư" not in names and "Sở Tài chính" in names
    page = pt.tracker(db, 2023, "thai_nguyen", "152/KH-UBND-2024").summary
    assert len(names) == len(page)
