"""What the import page shows beside a file's own content: unit names of an edition (the data-request
workbook's picker) and the names a preview's figures are labelled with. The page makes no database call."""

from __future__ import annotations

from pii.panels.panel import panel
from pii.viewstate import ViewState


@panel
def edition_unit_names(s: ViewState, edition: int) -> dict[str, str]:
    """Unit id -> Vietnamese name of an edition's units (the request workbook is in Vietnamese)."""
    units = s.db.units(int(edition))
    return dict(zip(units["province_id"], units["name_vi"]))


@panel
def figure_labels(s: ViewState, editions: tuple[int, ...]) -> tuple[dict[str, str], dict[str, str]]:
    """(province id -> name in the view's language, code -> English name over ``editions``; empty in vi)."""
    provinces = s.db.all_provinces()
    names = dict(zip(provinces["province_id"], provinces[s.name_col]))
    en: dict[str, str] = {}
    if s.lang != "vi":
        for ed in editions:
            fw = s.db.framework(int(ed))
            en.update(dict(zip(fw["code"], fw["name_en"])))
    return names, en
