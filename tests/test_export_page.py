"""AppTest of the briefing page: the leadership pack, building and reordering
a pack, the preview with its export popover."""

from __future__ import annotations

from tests.apptest_helpers import run_page, texts


def _items(at) -> list[str]:
    return [m.value for m in at.markdown if m.value[:2] in {f"{i}." for i in range(1, 10)}]


def test_briefing_page_leadership_and_reorder() -> None:
    at = run_page("pages/briefing.py")
    assert not at.exception
    shown = texts(at)
    assert "Bộ tài liệu báo cáo (PPTX/PDF)" in shown
    assert "Thái Nguyên · PII 2023" in shown and "7 trang chiếu (gồm trang bìa)" in shown
    assert "Bộ tài liệu đang trống" in shown

    at.button(key="br_use_lead").click().run()
    assert not at.exception
    items = _items(at)
    assert len(items) == 5
    assert items[0].startswith("1. Tổng quan") and items[4].startswith("5. Đơn vị chủ trì 10 chỉ số yếu nhất")

    at.button(key="br_down_0").click().run()
    items = _items(at)
    assert items[0].startswith("1. Điểm mạnh và điểm yếu") and items[1].startswith("2. Tổng quan")

    at.button(key="br_rm_4").click().run()
    assert len(_items(at)) == 4
    cli = [c.value for c in at.code]
    assert cli and "--views strengths,overview,heatmap_region,targets" in cli[0] and "--edition 2023" in cli[0]


def test_briefing_page_add_view_and_preview_in_english() -> None:
    at = run_page("pages/briefing.py", {"lang": "en"})
    at.selectbox(key="br_view").set_value("targets").run()
    at.button(key="br_add_btn").click().run()
    assert _items(at) == ["1. Target tracker (top 10, first in region) — Thai Nguyen, PII 2023"]
    at.toggle(key="br_preview").set_value(True).run()
    assert not at.exception
    shown = texts(at)
    assert "In the national top 10 (rank 10 of 63); 1.24 points ahead of the 11th" in shown
    # the preview chart has the export popover; its pickers and alt text are sent once it is opened
    assert not any(s.key == "_ex_fmt_br_prev_0" for s in at.selectbox)
    at.session_state["_ex_pop_br_prev_0"] = True
    at.run()
    shown = texts(at)
    assert at.selectbox(key="_ex_fmt_br_prev_0").options == ["PNG", "SVG", "PDF"]
    assert "Alt text" in shown and "47.75" in shown
