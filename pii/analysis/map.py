"""Province geometry for the map (assets/geo, CC BY-SA 4.0) and the join of
published scores onto it. Streamlit-free.

The 63-unit and 34-unit files use overlapping GSO code lists that mean
different provinces (24 is Bắc Giang in one, Bắc Ninh in the other), so a
unit is matched on (unit set, gso_code), never on the code alone.
"""

from __future__ import annotations

import base64
import json
import urllib.parse
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from pii.analysis.units import units_ranked
from pii.fmt import is_missing
from pii.i18n import name_col
from pii.pipeline.names import same_name
from pii.pipeline.paths import REPO_ROOT
from queries import PiiDB

GEO_DIR = REPO_ROOT / "assets" / "geo"
GEO_FILES = {"63": "vn_provinces_63.geojson", "34": "vn_provinces_34.geojson"}
# Required attribution (assets/geo/GEO_README.md): show wherever the map is shown.
GEO_ATTRIBUTION = ("Ranh giới tỉnh / Province boundaries: Open Development Vietnam (Open Development Mekong), "
                   "\"Địa phận tỉnh\", source: Department of Survey and Mapping of Viet Nam, CC BY-SA 4.0 — "
                   "simplified, and merged into the 34 post-2025 units, by this project.")
GEO_LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
MEASURES = ("score", "rank")
# The frame: mainland plus Hoàng Sa and Trường Sa (kept; they are Vietnamese
# territory), a little tighter than the files' full extent.
LON_RANGE = (101.8, 117.6)
LAT_RANGE = (6.9, 23.6)


# Plotly's geo maps download a world base map (cdn.plot.ly) before drawing,
# even with every base layer hidden; the app must work offline and our own
# GeoJSON carries every shape, so Plotly gets an empty topology instead. The
# trailing "#" turns the file name Plotly appends into an ignored fragment.
EMPTY_TOPOJSON_URL = "data:application/json," + urllib.parse.quote(
    json.dumps({"type": "Topology", "objects": {}, "arcs": []})) + "#"


def plotly_geo_config(fig: object) -> dict[str, str]:
    """Extra plotly.js config for a figure with geo traces (empty otherwise)."""
    traces = getattr(fig, "data", ())
    if any(getattr(tr, "type", "") in ("choropleth", "scattergeo") for tr in traces):
        return {"topojsonURL": EMPTY_TOPOJSON_URL}
    return {}


def use_offline_topojson_for_images() -> None:
    """Static images (Kaleido) read the topojson location from plotly.io
    defaults; point it at the empty topology unless someone set it."""
    import plotly.io as pio

    if pio.defaults.topojson is None:
        pio.defaults.topojson = EMPTY_TOPOJSON_URL


class GeometryMismatch(ValueError):
    """The units of an edition and the geometry file do not match."""


@cache
def load_geojson(unit_set: str) -> dict:
    """Parsed once per process; the files are read-only assets."""
    if unit_set not in GEO_FILES:
        raise GeometryMismatch(f"no geometry for unit set {unit_set!r}")
    path: Path = GEO_DIR / GEO_FILES[unit_set]
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def geojson_url(unit_set: str, codes: tuple[str, ...]) -> str:
    """The features ``codes`` of one unit set as a data: URL, which Plotly
    fetches like a file. A string is not deep-copied by Plotly's figure
    constructor nor by Streamlit (a dict of 25,000 vertices was: most of the
    map page's run time), and it is built once per set of codes."""
    wanted = set(codes)
    subset = {"type": "FeatureCollection",
              "features": [f for f in load_geojson(unit_set)["features"] if f["properties"]["gso_code"] in wanted]}
    raw = json.dumps(subset, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return "data:application/json;base64," + base64.b64encode(raw).decode("ascii")


def feature_codes(unit_set: str) -> dict[str, str]:
    """gso_code -> name_vi of the features of one unit set."""
    return {f["properties"]["gso_code"]: f["properties"]["name_vi"] for f in load_geojson(unit_set)["features"]}


def unit_set_of(db: PiiDB, edition: int) -> str:
    eds = db.editions().set_index("edition")
    return str(eds.loc[int(edition), "unit_set"])




def map_frame(db: PiiDB, edition: int, measure: str, lang: str) -> pd.DataFrame:
    """Every unit of the edition with its feature code and the PII figure;
    ``value`` is NaN where nothing is published (drawn as missing)."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}")
    unit_set = unit_set_of(db, edition)
    units = db.units(edition)
    feats = feature_codes(unit_set)
    codes = units["gso_code"].astype(str).str.zfill(2)
    unknown = sorted(set(codes) - set(feats))
    if unknown or len(units) != len(feats):
        raise GeometryMismatch(f"edition {edition}: unit codes {unknown} not in the {unit_set}-unit geometry "
                               f"({len(units)} units, {len(feats)} features)")
    wrong = [f"{c}: {n} ≠ {feats[c]}" for c, n in zip(codes, units["name_vi"]) if not same_name(n, feats[c])]
    if wrong:  # a code that names another province means the wrong list was used
        raise GeometryMismatch(f"edition {edition}: code/name mismatch {wrong}")
    pii = db.scores(edition, codes=["PII"])[["province_id", "score", "rank", "rank_of"]]
    out = units[["province_id", "name_vi", "name_en", "region_id"]].assign(gso_code=codes.to_numpy())
    out = out.merge(pii, on="province_id", how="left")
    out["name"] = out[name_col(lang)]
    for c in ("score", "rank", "rank_of"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    out["rank_of"] = out["rank_of"].fillna(float(units_ranked(db, edition)))
    out["value"] = out[measure]
    out["missing"] = out["value"].isna()
    out["unit_set"] = unit_set
    return out.sort_values("gso_code").reset_index(drop=True)


def members_text(db: PiiDB, edition: int, lang: str) -> dict[str, str]:
    """Merged unit -> "A + B" for the hover of a 34-unit map."""
    units = db.units(edition)
    out = {}
    for pid, vf in zip(units["province_id"], units["valid_from"]):
        if is_missing(vf) or not str(vf):
            continue
        members = db.members(pid)
        if len(members) > 1:
            out[pid] = " + ".join(members[name_col(lang)])
    return out
