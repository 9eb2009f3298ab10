"""The preview at edition scale (issue 19): thousands of figures summed up per unit.

- one line per unit: figures read, added, changed, unchanged;
- the units of the edition that are absent from the file;
- the measures absent for each unit in the file;
- every problem, grouped by unit.

The check records the edition's scope (its units and codes, :func:`note_scope`) and which unit each
problem is about (``how["problem_units"]``, set where the layout knows it), so the page and the CLI need no
data access of their own to say what is missing.
"""

from __future__ import annotations

import pandas as pd

UNIT_COLUMNS = ["edition", "province_id", "figures", "added", "changed", "unchanged"]


def note_scope(how: dict, figures: pd.DataFrame | None, cur: object) -> None:
    """Store the units and codes of each edition the file's figures belong to (read by the preview)."""
    if figures is None or figures.empty:
        return
    from pii.pipeline.validate import in_unit_set

    ref = cur.ref  # type: ignore[attr-defined]
    sets = {str(e): str(u) for e, u in zip(cur.editions["edition"], cur.editions["unit_set"])}  # type: ignore
    fw = cur.framework  # type: ignore[attr-defined]
    scope = {}
    for ed in sorted({int(e) for e in figures["edition"]}):
        if str(ed) not in sets:
            continue
        prov = ref["provinces"][in_unit_set(ref["provinces"], sets[str(ed)])]
        scope[ed] = {"units": list(prov["province_id"]), "codes": list(fw[fw["edition"] == ed]["code"])}
    how["scope"] = scope
    how["unit_names"] = dict(zip(ref["provinces"]["province_id"], ref["provinces"]["name_vi"]))


def unit_frame(figures: pd.DataFrame | None) -> pd.DataFrame:
    """One line per unit of the file: figures read, added, changed (value or source), unchanged."""
    if figures is None or figures.empty:
        return pd.DataFrame(columns=UNIT_COLUMNS)
    f = figures.assign(added=figures["change"] == "added",
                       changed=figures["change"].isin(["changed", "source"]),
                       unchanged=figures["change"] == "unchanged")
    out = f.groupby(["edition", "province_id"], sort=False).agg(
        figures=("value", "size"), added=("added", "sum"), changed=("changed", "sum"),
        unchanged=("unchanged", "sum")).reset_index()
    return out[UNIT_COLUMNS]


def at_edition_scale(figures: pd.DataFrame | None) -> bool:
    """More than one unit in the file: the per-unit summary says something."""
    return figures is not None and not figures.empty and figures["province_id"].nunique() > 1


def absent_units(how: dict, figures: pd.DataFrame | None) -> list[tuple[int, str]]:
    """(edition, unit) of the edition's units that have no figure in the file."""
    if not at_edition_scale(figures):
        return []
    have = set(zip(figures["edition"].astype(int), figures["province_id"]))  # type: ignore[index]
    return [(int(e), u) for e, s in (how.get("scope") or {}).items() for u in s["units"] if (int(e), u) not in have]


def absent_measures(how: dict, figures: pd.DataFrame | None) -> pd.DataFrame:
    """Per unit of the file: the edition's codes with neither a score nor a rank in the file."""
    rows = []
    if at_edition_scale(figures):
        scope = how.get("scope") or {}
        for (e, unit), part in figures.groupby(["edition", "province_id"], sort=False):  # type: ignore[union-attr]
            codes = (scope.get(int(e)) or scope.get(str(e)) or {}).get("codes", [])
            missing = [c for c in codes if c not in set(part["code"])]
            if missing:
                rows.append({"edition": int(e), "province_id": unit, "missing": len(missing),
                             "codes": ", ".join(missing)})
    return pd.DataFrame(rows, columns=["edition", "province_id", "missing", "codes"])


def problems_by_unit(problems: list, how: dict) -> list[tuple[str, list]]:
    """The problems grouped by the unit they are about (as the file names it), file-wide ones first."""
    units = how.get("problem_units") or []
    groups: dict[str, list] = {}
    for i, p in enumerate(problems):
        groups.setdefault(units[i] if i < len(units) and units[i] else "", []).append(p)
    return sorted(groups.items(), key=lambda kv: (kv[0] != "", -len(kv[1]), kv[0]))


def unit_lines(report: object, lang: str = "vi", names: dict[str, str] | None = None, limit: int = 10) -> list[str]:
    """The per-unit summary as text lines (CLI): units, the first ``limit`` unit lines, what is absent."""
    vi = lang == "vi"
    fig = getattr(report, "figures", None)
    how = getattr(report, "how", {}) or {}
    if not at_edition_scale(fig):
        return []
    names = names or how.get("unit_names") or {}
    units = unit_frame(fig)
    out = [(f"Đơn vị trong tệp: {len(units)}" if vi else f"Units in the file: {len(units)}")]
    for r in units.head(limit).itertuples():
        out.append(f"  {names.get(r.province_id, r.province_id)} {r.edition}: "
                   + (f"{r.figures} số liệu (thêm {r.added}, đổi {r.changed}, giữ nguyên {r.unchanged})" if vi else
                      f"{r.figures} figures (added {r.added}, changed {r.changed}, unchanged {r.unchanged})"))
    if len(units) > limit:
        out.append(f"  … +{len(units) - limit}")
    gone = absent_units(how, fig)
    out.append((f"Đơn vị của kỳ không có trong tệp: {len(gone)}" if vi else
                f"Units of the edition absent from the file: {len(gone)}")
               + (": " + ", ".join(names.get(u, u) for _, u in gone[:20]) if gone else ""))
    miss = absent_measures(how, fig)
    out.append((f"Đơn vị thiếu chỉ số: {len(miss)}" if vi else f"Units with measures absent: {len(miss)}")
               + ("".join(f"; {names.get(r.province_id, r.province_id)}: {r.codes}" for r in miss.head(5).itertuples())
                  if len(miss) else ""))
    return out
