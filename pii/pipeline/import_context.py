"""The data as it stands, read once per check: reference tables, matchers and the long scores."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pii.pipeline import paths


@dataclass
class Current:
    base: Path
    src: Path
    ref: dict[str, pd.DataFrame]
    framework: pd.DataFrame
    editions: pd.DataFrame
    matchers: dict
    long: pd.DataFrame
    source_lookup: dict[str, str]


def current(base: Path) -> Current:
    from pii.pipeline.build import _source_lookup, load_reference, load_scores_long
    from pii.pipeline.import_store import supersede
    from pii.pipeline.validate import matchers_by_edition

    src = paths.sources_dir(base)
    ref = load_reference(src)
    eds = ref["framework_editions"]
    matchers = matchers_by_edition(ref["provinces"], ref["province_aliases"], eds)
    long = supersede(load_scores_long(src), matchers)
    lookup = _source_lookup(ref["sources"])
    long["source"] = long["source"].map(lambda v: lookup.get(str(v).strip(), str(v).strip()))
    fw = ref["framework"].assign(edition=ref["framework"]["edition"].astype(int))
    return Current(base, src, ref, fw, eds, matchers, long, lookup)
