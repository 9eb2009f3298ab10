"""A new edition end to end (issue 19): a framework edition — the 2025 structure (34 units, 18 index
groups, the codes of the fixture's framework file), or the 2023 framework with 63 units — then the whole
edition's ranking table; from then on the data, the map, a briefing pack and the pages show that edition, with
no code change."""

from __future__ import annotations

import pytest

from pii.analysis.map import map_frame
from pii.export.packs import build_pack, leadership_items
from pii.pipeline import importer
from queries import PiiDB
from tests.fixtures import edition as E


def _framework(edition: int, unit_set: str) -> list[dict[str, str]]:
    if unit_set == "34":  # the 2025 structure: 18 index groups
        return E.framework_2025_structure(edition)
    return [{**r, "edition": str(edition)} for r in E.framework(2023)]  # the 2023 framework, 16 indices


@pytest.mark.parametrize(("edition", "unit_set", "groups"), [(2026, "34", 18), (2027, "63", 16)])
def test_new_edition_end_to_end(data_copy, monkeypatch, edition, unit_set, groups):
    fw = _framework(edition, unit_set)
    assert sum(r["level"] == "index" for r in fw) == groups and sum(r["level"] == "indicator" for r in fw) == 52
    report = importer.publish(E.framework_csv(fw), f"khung_{edition}.csv", kind="framework", units=unit_set,
                              base=data_copy)
    assert report.ok, [p.text("en") for p in report.problems][:5]
    units = E.units(unit_set)
    n = int(unit_set)
    assert len(units) == n
    figs = E.figures(fw, [u["province_id"] for u in units], seed=edition)
    report = importer.publish(E.ranking_xlsx(fw, units, figs, edition=edition), f"xep_hang_{edition}.xlsx",
                              source=E.URL, base=data_copy)
    assert report.ok, [p.text("en") for p in report.problems][:5]
    assert report.kind == "wide" and report.how["edition_from_header"] == str(edition)
    db = PiiDB(data_copy / "parquet")
    eds = db.editions().set_index("edition")
    assert eds.loc[edition, "units_ranked"] == n and bool(eds.loc[edition, "structure_complete"])
    s = db.scores(edition)
    got = {(p, c): (float(v), int(r)) for p, c, v, r in zip(s["province_id"], s["code"], s["score"], s["rank"])}
    assert got == figs  # every unit × every code, score and rank, exactly
    # the map draws every unit of the new edition
    frame = map_frame(db, edition, "score", "vi")
    assert len(frame) == n and frame["value"].notna().all()
    tn = "thai_nguyen_2025" if unit_set == "34" else "thai_nguyen"
    assert frame.set_index("province_id").loc[tn, "value"] == figs[(tn, "PII")][0]
    # a briefing pack for the new edition
    pack = build_pack(leadership_items(edition, tn), db, "vi")
    assert str(edition) in pack.subtitle and len(pack.results) == len(leadership_items(edition, tn))
    # a page, on the data folder as published
    monkeypatch.setenv("PII_DATA_DIR", str(data_copy))
    from tests.apptest_helpers import run_page, texts

    at = run_page("pages/overview.py", {"edition": str(edition), "province": tn})
    assert not at.exception
    assert at.session_state["edition"] == str(edition)
    shown = f"{figs[(tn, 'PII')][0]:.2f}".replace(".", ",")
    assert shown in texts(at), texts(at)[:2000]
