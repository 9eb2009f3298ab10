"""A new edition end to end (issue 19): a framework edition with the 2025 structure (34 units, 18 index
groups, the codes of the fixture's framework file), then the whole edition's ranking table; from then on
the data, the map, a briefing pack and the pages show that edition, with no code change."""

from __future__ import annotations

from pii.analysis.map import map_frame
from pii.export.packs import build_pack, leadership_items
from pii.pipeline import importer
from queries import PiiDB
from tests.fixtures import edition as E

EDITION = 2026


def test_new_edition_with_the_2025_structure_end_to_end(data_copy, monkeypatch):
    fw = E.framework_2025_structure(EDITION)
    assert sum(r["level"] == "index" for r in fw) == 18 and sum(r["level"] == "indicator" for r in fw) == 52
    report = importer.publish(E.framework_csv(fw), f"khung_{EDITION}.csv", kind="framework", units="34",
                              base=data_copy)
    assert report.ok, [p.text("en") for p in report.problems][:5]
    units = E.units("34")
    assert len(units) == 34
    figs = E.figures(fw, [u["province_id"] for u in units], seed=2026)
    report = importer.publish(E.ranking_xlsx(fw, units, figs, edition=EDITION), f"xep_hang_{EDITION}.xlsx",
                              source=E.URL, base=data_copy)
    assert report.ok, [p.text("en") for p in report.problems][:5]
    assert report.kind == "wide" and report.how["edition_from_header"] == str(EDITION)
    db = PiiDB(data_copy / "parquet")
    eds = db.editions().set_index("edition")
    assert eds.loc[EDITION, "units_ranked"] == 34 and bool(eds.loc[EDITION, "structure_complete"])
    s = db.scores(EDITION)
    got = {(p, c): (float(v), int(r)) for p, c, v, r in zip(s["province_id"], s["code"], s["score"], s["rank"])}
    assert got == figs  # 34 units × 75 codes, score and rank, exactly
    # the map draws every unit of the new edition
    frame = map_frame(db, EDITION, "score", "vi")
    assert len(frame) == 34 and frame["value"].notna().all()
    tn = "thai_nguyen_2025"
    assert frame.set_index("province_id").loc[tn, "value"] == figs[(tn, "PII")][0]
    # a briefing pack for the new edition
    pack = build_pack(leadership_items(EDITION, tn), db, "vi")
    assert str(EDITION) in pack.subtitle and len(pack.results) == len(leadership_items(EDITION, tn))
    # a page, on the data folder as published
    monkeypatch.setenv("PII_DATA_DIR", str(data_copy))
    from tests.apptest_helpers import run_page, texts

    at = run_page("pages/overview.py", {"edition": str(EDITION), "province": tn})
    assert not at.exception
    assert at.session_state["edition"] == str(EDITION)
    shown = f"{figs[(tn, 'PII')][0]:.2f}".replace(".", ",")
    assert shown in texts(at), texts(at)[:2000]
