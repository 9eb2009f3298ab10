"""Export file names in the UI language, ASCII-safe:
``pii_so-sanh_vung-tdmnpb_thai-nguyen_2023_slide.png`` (VI) /
``pii_compare_region-tdmnpb_thai-nguyen_2023_slide.png`` (EN).

Parts: page (what), group (against whom), province, edition, preset. Two
different charts never share a name (the region and top-10 comparisons did),
and a name never mixes languages.
"""

from __future__ import annotations

from pii.text import slug
from pii.viewstate import DEFAULT_GROUP

# page / view id -> (vi, en) words of the file name
PAGES: dict[str, tuple[str, str]] = {
    "overview": ("tong-quan", "overview"),
    "strengths": ("diem-manh-yeu", "strengths"),
    "heatmap": ("ban-do-nhiet", "heatmap"),
    "heatmap_region": ("ban-do-nhiet", "heatmap"),
    "targets": ("muc-tieu", "targets"),
    "lead_units": ("don-vi-chu-tri", "lead-units"),
    "compare": ("so-sanh", "compare"),
    "compare_region": ("so-sanh", "compare"),
    "compare_top10": ("so-sanh", "compare"),
    "compare_group": ("so-sanh", "compare"),
    "radar": ("radar-tru-cot", "pillar-radar"),
    "scatter": ("dau-vao-dau-ra", "input-output"),
    "map": ("ban-do", "map"),
    "trends": ("xu-huong", "trends"),
    "indicator": ("chi-so", "indicator"),
    "whatif_waterfall": ("gia-dinh", "what-if"),
    "whatif_leverage": ("don-bay", "leverage"),
    "what_if": ("gia-dinh", "what-if"),
    "plan_units": ("ke-hoach", "plan"),
    "plan_tracker": ("ke-hoach", "plan"),
    "briefing": ("ban-tin", "briefing"),
    "leadership": ("lanh-dao", "leadership"),
    "press": ("thong-cao", "press-summary"),
}
# peer groups: the words before the group id
GROUP_WORDS = {"region": ("vung", "region"), "top10": ("top-10", "top-10"),
               "custom": ("nhom-tu-chon", "custom-group"), "country": ("ca-nuoc", "national")}


def group_part(group: str | None, lang: str) -> str | None:
    if not group:
        return None
    i = 0 if lang == "vi" else 1
    if group in GROUP_WORDS:
        return GROUP_WORDS[group][i]
    if group.startswith("top"):
        return slug(group.replace("top", "top-"))
    return f"{GROUP_WORDS['region'][i]}-{slug(group)}"


def export_name(page: str, lang: str, *, group: str | None = None, province: str | None = None,
                edition: int | str | None = None, preset: str | None = None, extra: str | None = None,
                ext: str | None = None) -> str:
    """``page`` is a page key or view id; ``province`` a display name or id
    (slugged); ``extra`` e.g. an indicator code. Empty parts are skipped."""
    words = PAGES.get(page, (slug(page), slug(page)))[0 if lang == "vi" else 1]
    parts = ["pii", words, group_part(group, lang), slug(extra) if extra else None,
             slug(province) if province else None, str(edition) if edition else None, slug(preset) if preset else None]
    name = "_".join(p for p in parts if p)
    return f"{name}.{ext}" if ext else name


def view_group(view_id: str, group: str) -> str | None:
    """The group a view is about: its own (region/top 10) or the sidebar group."""
    if view_id in ("compare_region", "heatmap_region"):
        return group if view_id == "heatmap_region" else DEFAULT_GROUP
    if view_id == "compare_top10":
        return "top10"
    if view_id in ("compare_group", "radar", "scatter", "trends", "indicator"):
        return group
    return None
