"""Issue 14: one number per fact on screen — the same regional rank and the
same "weakest" on every page that shows them (AppTest, shipped data)."""

from __future__ import annotations

import re

from tests.apptest_helpers import run_page, texts


def _metric(at, label_start: str):  # type: ignore[no-untyped-def]
    return next(m for m in at.metric if m.label.startswith(label_start))


def test_regional_rank_same_on_overview_heatmap_whatif_2023():
    ov = _metric(run_page("pages/overview.py"), "Xếp hạng trong vùng")
    assert ov.value == "1/14"  # published (Thái Nguyên TV, 2023)
    hm = run_page("pages/heatmap.py")
    assert "Hạng của Thái Nguyên trong vùng (PII): **1/14**." in texts(hm)
    wi = _metric(run_page("pages/what_if.py"), "Xếp hạng trong vùng")
    # issue 20: one fact, one denominator: the published 1/14 as everywhere; the simulator's rank among the units
    # with a published PII only as a labelled second line (it was the tile's value, "1/8")
    assert (wi.label, wi.value) == ("Xếp hạng trong vùng", ov.value)
    assert wi.delta == "1 trong 8 tỉnh có số liệu (tính toán)"


def test_regional_rank_same_on_overview_and_heatmap_2024_computed_out_of_n():
    ov = _metric(run_page("pages/overview.py", {"edition": "2024"}), "Xếp hạng trong vùng")
    assert ov.label == "Xếp hạng trong vùng (tính toán)" and ov.value == "1/3" and ov.delta == "trong 3 tỉnh có số liệu"
    hm = texts(run_page("pages/heatmap.py", {"edition": "2024"}))
    assert "Hạng của Thái Nguyên trong vùng (PII): **1 trong 3 tỉnh có số liệu (tính toán)**." in hm


def test_weakest_same_on_strengths_heatmap_plan_tracker_whatif():
    strengths = texts(run_page("pages/strengths.py"))
    weak_lines = [ln for ln in strengths.split("\n") if ln.startswith("- **") and "/63**" in ln]
    firsts = [re.match(r"- \*\*([IVX.0-9]+)\*\*", ln)[1] for ln in weak_lines]  # type: ignore[index]
    assert "VII.2.2" in firsts
    heat = run_page("pages/heatmap.py", {"view": "focus"})
    assert heat.selectbox(key="hm_focus_open").value == "VII.2.2"  # the weakest row preselected
    plan = run_page("pages/plan_tracker.py", {"section": "indicator"})
    weakest = plan.dataframe[0].value["Mã"].tolist()
    assert weakest[:3] == ["VII.2.2", "III.2.3", "I.1.3"]
    wi = run_page("pages/what_if.py")
    wi.button(key="wi_p_weak").click().run()
    preset = [item.split(":")[0] for item in wi.session_state["set"].split(",")]
    assert set(weakest[:3]) <= set(preset)  # the preset raises the same weakest indicators


def test_heatmap_2025_says_no_figure_not_zero():
    at = run_page("pages/heatmap.py", {"edition": "2025", "mode": "group_rank"})
    assert not at.exception
    assert "Hạng của Thái Nguyên trong vùng (PII): **chưa có số liệu công bố**." in texts(at)
