"""Panels of the map page: the choropleth of every unit by PII score or rank (page, packs, CLI, image export)."""

from __future__ import annotations

from pii import fmt
from pii.analysis import compare as cmp
from pii.analysis import findings
from pii.analysis import map as geo
from pii.charts.map import choropleth as choropleth_chart
from pii.charts.map import label_leaders
from pii.panels.filenames import export_name
from pii.panels.panel import Panel, empty_panel, from_finding, panel, subtitle
from pii.provenance import ids_of
from pii.viewstate import ViewState


@panel
def frame(s: ViewState, measure: str = "score"):  # -> pd.DataFrame; raises geo.GeometryMismatch
    """Every unit of the edition with its value, rank and geometry code (``geo.map_frame``)."""
    return geo.map_frame(s.db, s.edition, measure, s.lang)


@panel
def choropleth(s: ViewState, measure: str = "score") -> Panel:
    """The map of every unit by ``measure`` ("score" or "rank"), the focus outlined, the leaders named."""
    data = frame(s, measure)
    n_missing = int(data["missing"].sum())
    sub = subtitle(s, s.t(f"map_measure_{measure}"), s.t("fd_where_country", n=len(data)))
    captions = [s.t("map_units_note_demo" if s.demo else "map_units_note", n=len(data), shown=len(data) - n_missing,
                    missing=n_missing)]
    if geo.unit_set_of(s.db, s.edition) != "63":
        captions.append(s.t("map_units_34"))
    captions += [s.t("map_islands"), f"{geo.GEO_ATTRIBUTION} ({geo.GEO_LICENSE_URL})"]
    if n_missing == len(data):
        return empty_panel("map", s.tm("map_empty", measure=s.t(f"map_measure_{measure}"), edition=s.edition), sub,
                           data=data, captions=captions)
    desc = cmp.code_info(s.db.framework(s.edition), "PII", s.lang)["description"]
    fig = choropleth_chart(data, measure, s.province_id, s.edition, s.lang, desc,
                           geo.members_text(s.db, s.edition, s.lang))
    label_leaders(fig, data, s.province_id, s.lang)  # the focus province and the leaders named on the map
    f = findings.map_(data, s.province_id, measure, s.lang)
    note = findings.missing_note(f.missing, len(data), s.lang, max_names=0) if f.missing else None
    return from_finding("map", fig, f, sub, ids_of(s.db.scores(s.edition, codes=["PII"])), note=note, data=data,
                        captions=captions,
                        filename=export_name("map", s.lang, province=s.name(s.province_id), edition=s.edition,
                                             extra=s.t(f"map_measure_{measure}")))


@panel
def table(s: ViewState, measure: str = "score"):  # -> pd.DataFrame
    """The units under the map, best rank first, missing last."""
    import pandas as pd

    ordered = frame(s, measure).sort_values(["rank", "name"], na_position="last")
    return pd.DataFrame({
        s.t("province"): ordered["name"],
        s.t("score"): [s.num(v) for v in ordered["score"]],
        s.t("rank"): fmt.rank_column(ordered, s.lang),
    })


def map_view(s: ViewState) -> Panel:
    return choropleth(s, "score")


VIEWS = (("map", map_view),)
