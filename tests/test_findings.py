"""Finding titles (issue 15): for every exportable chart, the numbers the title
states equal the ones DuckDB returns for the same question (queries.PiiDB),
in Vietnamese and English."""

from __future__ import annotations

import re

import pytest

from pii import fmt
from pii.analysis import findings
from pii.panels.registry import VIEWS, build_view
from queries import PiiDB

E, P, G = 2023, "thai_nguyen", "tdmnpb"


@pytest.fixture(scope="module")
def db() -> PiiDB:
    return PiiDB()


def pii(db: PiiDB, ids: list[str] | None = None) -> dict[str, tuple[float | None, float | None]]:
    df = db.scores(E, provinces=ids, codes=["PII"])
    return {p: (None if fmt.is_missing(s) else float(s), None if fmt.is_missing(r) else int(r))
            for p, s, r in zip(df["province_id"], df["score"], df["rank"])}


def members(db: PiiDB, group: str) -> list[str]:
    return db.peer_group_members(group, E)["province_id"].tolist()


def test_every_view_has_a_finding_title_in_both_languages(db: PiiDB) -> None:
    for view in VIEWS:
        vi = build_view(view, db, E, P, G, "vi")
        en = build_view(view, db, E, P, G, "en")
        assert vi.title != en.title and re.search(r"\d", vi.title), (view, vi.title)
        assert "PII 2023" in vi.subtitle, (view, vi.subtitle)


def test_overview_title_numbers(db: PiiDB) -> None:
    score, rank = pii(db, [P])[P]
    pillars = db.scores(E, provinces=[P], levels=["pillar"]).dropna(subset=["rank"])
    worst = pillars.sort_values(["rank", "score"], ascending=[False, True]).iloc[0]
    r = build_view("overview", db, E, P, G, "vi")
    weakest = f"{worst['name_vi']} ({int(worst['rank'])}/63)"
    assert r.title == f"Thái Nguyên xếp thứ {rank}/63, dẫn đầu vùng; yếu nhất ở {weakest}"
    assert (rank, worst["code"], int(worst["rank"])) == (10, "I", 26)
    assert build_view("overview", db, E, P, G, "en").title.startswith("Thai Nguyen ranks 10/63 and leads its region")


@pytest.mark.parametrize(("view", "group"), [("compare_region", "tdmnpb"), ("compare_top10", "top10")])
def test_compare_titles_numbers(db: PiiDB, view: str, group: str) -> None:
    scores = {p: v for p, v in pii(db, members(db, group) + [P]).items() if v[0] is not None}
    ordered = sorted(scores.items(), key=lambda kv: -kv[1][0])
    pos = [p for p, _ in ordered].index(P) + 1
    r = build_view(view, db, E, P, G, "vi")
    me = fmt.number(scores[P][0], "vi")
    assert me in r.title
    if pos == 1:
        gap = scores[P][0] - ordered[1][1][0]
        assert f"dẫn đầu {len(scores)} tỉnh" in r.title and fmt.number(gap, "vi") in r.title
    else:
        gap = ordered[0][1][0] - scores[P][0]
        assert f"thứ {pos}/{len(scores)}" in r.title and fmt.number(gap, "vi") in r.title
    n_missing = len(set(members(db, group)) | {P}) - len(scores)
    if n_missing:
        assert r.note.startswith(f"{n_missing}/{len(set(members(db, group)) | {P})} tỉnh chưa có số liệu công bố")
    else:
        assert r.note is None


def test_region_compare_says_six_of_fourteen_missing_on_the_image(db: PiiDB) -> None:
    r = build_view("compare_region", db, E, P, G, "vi")
    assert r.note.startswith("6/14 tỉnh chưa có số liệu công bố") and "Bắc Kạn" in r.note
    assert "1,24" in r.title  # the lead over Bắc Giang: 47,75 − 46,51


def test_radar_title_numbers(db: PiiDB) -> None:
    pil = db.scores(E, provinces=[P], levels=["pillar"]).dropna(subset=["score"])
    best, worst = pil.loc[pil["score"].idxmax()], pil.loc[pil["score"].idxmin()]
    r = build_view("radar", db, E, P, G, "vi")
    assert fmt.number(best["score"], "vi") in r.title and fmt.number(worst["score"], "vi") in r.title
    assert f"{best['code']}." in r.title and f"{worst['code']}." in r.title


def test_scatter_title_numbers(db: PiiDB) -> None:
    pil = db.scores(E, provinces=[P], levels=["pillar"]).set_index("code")["score"]
    inp = pil[["I", "II", "III", "IV", "V"]].mean()
    out = pil[["VI", "VII"]].mean()
    r = build_view("scatter", db, E, P, G, "en")
    assert fmt.number(inp, "en") in r.title and fmt.number(out, "en") in r.title
    assert "computed" in r.title  # no published sub-index for Thái Nguyên 2023


def test_map_title_numbers(db: PiiDB) -> None:
    scores = {p: v for p, v in pii(db).items() if v[1] is not None}
    top = sorted(scores.items(), key=lambda kv: kv[1][1])[:3]
    r = build_view("map", db, E, P, G, "vi")
    assert "47,75" in r.title and "10/63" in r.title
    for _pid, (s, _rank) in top:
        assert fmt.number(s, "vi") in r.title
    n_missing = 63 - sum(1 for v in pii(db).values() if v[0] is not None)
    assert r.note.startswith(f"{n_missing}/63")


def test_trends_title_numbers(db: PiiDB) -> None:
    a = db.scores(2023, provinces=[P], codes=["PII"])["score"].iat[0]
    b = db.scores(2024, provinces=[P], codes=["PII"])["score"].iat[0]
    r = build_view("trends", db, E, P, G, "vi")
    assert fmt.number(a, "vi") in r.title and fmt.number(b, "vi") in r.title
    assert fmt.number(abs(b - a), "vi") in r.title and ("giảm" if b < a else "tăng") in r.title


def test_indicator_title_numbers(db: PiiDB) -> None:
    ind = db.scores(E, provinces=[P], levels=["indicator"]).dropna(subset=["rank"])
    worst = ind.sort_values(["rank", "score"], ascending=[False, True]).iloc[0]
    r = build_view("indicator", db, E, P, G, "vi")
    assert worst["code"] in r.title and fmt.number(worst["score"], "vi") in r.title


def test_whatif_titles_numbers(db: PiiDB) -> None:
    from pii.analysis import what_if as wi
    from pii.analysis.model import Tree

    base = wi.Baseline.from_frames(Tree.from_framework(db.framework(E)), db.scores(E, provinces=[P]))
    changes = wi.preset_weakest(base)
    res = wi.recompute(base, changes)
    r = build_view("whatif_waterfall", db, E, P, G, "vi")
    assert f"Nâng {len(changes)} chỉ số" in r.title
    assert fmt.number(res.pii_base, "vi") in r.title and fmt.number(res.pii_new, "vi") in r.title
    assert "47,75" in r.title  # the recomputed base equals the published PII
    lev = build_view("whatif_leverage", db, E, P, G, "vi")
    assert re.search(r"PII \+0,\d{3}", lev.title)


def test_plan_units_title_numbers(db: PiiDB) -> None:
    r = build_view("plan_units", db, E, P, G, "vi")
    assign = db.plan_assignments("152/KH-UBND-2024")
    # counted by today's unit, as the plan-tracker page does (19 units as printed in 2024 are 15 from 2025)
    from pii.analysis import successors as su

    today = su.regroup(assign, su.successor_map(db.unit_successors()), db.plan_units())
    n_units = today[today["role"] == "lead"]["unit_id"].nunique()
    assert n_units == 15 and "(15 đơn vị chủ trì)" in r.title
    # 3 indicators of the weakest band, led by 5 units with one each (shared leads): no single unit is named
    table = db.scores(2023, provinces=["thai_nguyen"], levels=["indicator"])
    weak = set(table[table["rank"] > 50]["code"]) & set(assign[assign["role"] == "lead"]["code"])
    assert len(weak) == 3
    assert r.title.startswith("3 chỉ số ở nhóm yếu nhất do 5 đơn vị chủ trì, mỗi đơn vị 1 chỉ số")


def test_targets_and_heatmap_titles_numbers(db: PiiDB) -> None:
    scores = pii(db)
    eleventh = next(s for s, rk in scores.values() if rk == 11)
    r = build_view("targets", db, E, P, G, "vi")
    assert fmt.number(scores[P][0] - eleventh, "vi") in r.title and "10/63" in r.title
    h = build_view("heatmap_region", db, E, P, G, "vi")
    assert "1/14" in h.title and "10/63" in h.title


def test_missing_note_text() -> None:
    assert findings.missing_note([], 14, "vi") is None
    note = findings.missing_note(["A", "B"], 14, "en")
    assert note == "2/14 provinces have no published figure and are not shown: A, B"
