"""The whole dataset: the published figures read from the shipped sources, every edition generated, the
sources folder written with the demo source row."""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import pandas as pd

from pii.pipeline import paths
from pii.pipeline.demo.base import (
    ATTEMPTS,
    DECIMALS,
    DEMO_SOURCE_ID,
    DEMO_TITLE,
    IMPORTS_DIR,
    PUBLISHED_FILES,
    DemoInconsistent,
)
from pii.pipeline.demo.edition import generate_edition

# -- the whole dataset ---------------------------------------------------------------

def _published(src: Path, ref: dict[str, pd.DataFrame]) -> pd.DataFrame:
    from pii.pipeline.build import read_csv
    from pii.pipeline.validate import matchers_by_edition

    frames = []
    for name in PUBLISHED_FILES:
        df = read_csv(src / name)
        if "source_url" in df.columns:
            df = df.rename(columns={"source_url": "source"})
        frames.append(df)
    long = pd.concat(frames, ignore_index=True)
    matchers = matchers_by_edition(ref["provinces"], ref["province_aliases"], ref["framework_editions"])
    long["edition"] = long["edition"].astype(int)
    long["province_id"] = [matchers[e].match(p) for e, p in zip(long["edition"], long["province"])]
    long["value"] = long["value"].astype(float)
    return long


def synthetic_rows(seed: int = 2023, scale: int = 1, src: Path | None = None,
                   notes: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(synthetic long score rows, extra framework rows, extra edition rows)."""
    from pii.pipeline.build import load_reference

    src = src or paths.sources_dir(paths.SHIPPED_DATA_DIR)
    ref = load_reference(src)
    pub = _published(src, ref)
    eds = ref["framework_editions"].copy()
    fw_all = ref["framework"].copy()
    extra_fw, extra_eds = [], []
    base_fw = fw_all[fw_all["edition"] == "2024"]
    last = max(int(e) for e in eds["edition"])
    for k in range(1, max(1, int(scale))):
        ed = last + k
        extra_fw.append(base_fw.assign(edition=str(ed)))
        row = eds[eds["edition"] == "2024"].iloc[0].copy()
        row["edition"] = str(ed)
        row["published_on"] = f"{ed}-12-31"
        row["framework_vi"] = f"Kỳ tổng hợp {ed} (dữ liệu minh họa, dùng khung 2024)"
        row["framework_en"] = f"Synthetic edition {ed} (illustrative data, 2024 framework)"
        row["note"] = "synthetic benchmark edition written by pii.pipeline.demo; not a published edition"
        extra_eds.append(row)
    fw_extra = pd.concat(extra_fw, ignore_index=True) if extra_fw else fw_all.iloc[0:0]
    eds_extra = pd.DataFrame(extra_eds) if extra_eds else eds.iloc[0:0]
    all_eds = pd.concat([eds, eds_extra], ignore_index=True)
    all_fw = pd.concat([fw_all, fw_extra], ignore_index=True)
    prov = ref["provinces"]
    regions = dict(zip(prov["province_id"], prov["region_id"]))
    ra = pd.read_csv(src / "published_region_averages.csv", dtype=str, keep_default_na=False)
    rr = pd.read_csv(src / "published_region_ranks.csv", dtype=str, keep_default_na=False)
    from pii.pipeline.validate import matchers_by_edition

    matchers = matchers_by_edition(prov, ref["province_aliases"], all_eds)
    region_ids = dict(zip(ref["regions"]["name_vi"], ref["regions"]["region_id"]))
    rows = []
    for ed in all_eds.itertuples():
        edition, unit_set = int(ed.edition), str(ed.unit_set)
        units = sorted(prov.loc[prov["unit_sets"].str.split("|").apply(lambda s, u=unit_set: u in s), "province_id"])
        fw = all_fw[all_fw["edition"] == str(edition)]
        p_ed = pub[pub["edition"] == edition]
        published: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
        for r in p_ed.itertuples():
            published[(r.province_id, r.code)][r.measure] = r.value
        avgs = {region_ids[r.region]: float(r.avg_score) for r in ra[ra["edition"] == str(edition)].itertuples()}
        m = matchers.get(edition)
        ranks_in_region = [(m.match(r.province), region_ids[r.region], int(r.region_rank))
                           for r in rr[rr["edition"] == str(edition)].itertuples() if m and m.match(r.province)]
        result, failures = None, []
        for attempt in range(ATTEMPTS):  # deterministic: the same seed always takes the same attempts
            ed_notes: list[str] = []
            try:
                result = generate_edition(fw, units, dict(published), seed * 1000 + edition + 7919 * attempt,
                                          str(ed.structure_complete).lower() == "true", regions, avgs, ed_notes,
                                          ranks_in_region)
            except DemoInconsistent as err:
                failures.append(str(err))
                continue
            if notes is not None:
                notes += ed_notes
            break
        if result is None:
            raise DemoInconsistent(f"edition {edition}: no attempt honoured every published figure: {failures}")
        n = int(ed.units_ranked)
        for (p, code), (score, rank) in result.items():
            have = published.get((p, code), {})
            for measure, value in (("score", score), ("rank", rank)):
                if measure in have:
                    continue
                rows.append((edition, p, code, measure, f"{value:.{DECIMALS}f}" if measure == "score" else str(value),
                             str(n), DEMO_SOURCE_ID, "synthetic", ""))
    cols = ["edition", "province", "code", "measure", "value", "units_ranked", "source", "status", "note"]
    strip = ["_file", "_row"]
    return (pd.DataFrame(rows, columns=cols), fw_extra.drop(columns=strip, errors="ignore"),
            eds_extra.drop(columns=strip, errors="ignore"))


def demo_source_row() -> dict[str, str]:
    return {"source_id": DEMO_SOURCE_ID, "title": DEMO_TITLE, "publisher": "pii.pipeline.demo (synthetic)", "url": "",
            "published_on": "", "note": "Synthetic values generated for demo mode, tests and benchmarks; "
                                        "not published figures. Published figures keep their own sources."}


def write_sources(out_src: Path, seed: int = 2023, scale: int = 1, notes: list[str] | None = None) -> Path:
    """Copy the shipped sources and add the synthetic rows as import files."""
    src = paths.sources_dir(paths.SHIPPED_DATA_DIR)
    if out_src.exists():
        shutil.rmtree(out_src)
    shutil.copytree(src, out_src, ignore=shutil.ignore_patterns(IMPORTS_DIR))
    rows, fw_extra, eds_extra = synthetic_rows(seed, scale, src, notes)
    imp = out_src / IMPORTS_DIR
    imp.mkdir(parents=True, exist_ok=True)
    rows.to_csv(imp / "scores__demo_synthetic.csv", index=False)
    pd.DataFrame([demo_source_row()]).to_csv(imp / "sources__demo_synthetic.csv", index=False)
    if len(fw_extra):
        fw_extra.to_csv(imp / "framework__demo_synthetic.csv", index=False)
        eds_extra.to_csv(imp / "framework_editions__demo_synthetic.csv", index=False)
    return out_src


def generate_tables(seed: int = 2023, scale: int = 1) -> dict[str, pd.DataFrame]:
    """The tables of :func:`pii.pipeline.build.build_tables`, with synthetic scores."""
    from pii.pipeline.build import build_tables

    with tempfile.TemporaryDirectory(prefix="pii-demo-") as tmp:
        src = write_sources(Path(tmp) / "sources", seed, scale)
        return build_tables(src)
