"""Panels of the strengths page and the leadership pack's strengths slide: the ten best- and ten lowest-ranked
indicators (the "strengths" view, also on the page), the rank profile chart, the band lists and the table
with its download. The page renders these (no database call); packs and the CLI use the same functions."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii import fmt
from pii.analysis import rules
from pii.analysis import strengths as sw
from pii.analysis import successors as su
from pii.analysis.bands import STRONG, WEAK, band_label, band_ranges
from pii.charts import briefing as charts
from pii.charts.strengths import rank_profile
from pii.panels.filenames import export_name
from pii.panels.panel import Panel, panel, subtitle
from pii.pipeline.names import name_key
from pii.provenance import ids_of
from pii.viewstate import PLAN_ID, ViewState

N_EXTREMES = 10  # the best and the lowest-ranked indicators of the slide


@panel
def levels(s: ViewState) -> list[str]:
    """The levels of the edition's framework (indicator, index, pillar) that have nodes."""
    fw = s.db.framework(s.edition)
    return [lv for lv in sw.SHOWN_LEVELS if (fw["level"] == lv).any()]


@panel
def profile(s: ViewState, level: str = "indicator") -> sw.Profile:
    return sw.profile(s.db, s.edition, s.province_id, PLAN_ID, level)


@dataclass(frozen=True)
class Filters:
    """What the pillar and lead-unit filters offer: pillar names, today's unit names (id -> name, in the order
    of the list), and the 2025 successors (a link with an old unit id opens today's)."""

    pillar_names: dict[str, str]
    unit_names: dict[str, str]
    successors: dict[str, su.Successor]


@panel
def filters(s: ViewState, level: str = "indicator") -> Filters:
    fw = s.db.framework(s.edition)
    pillars = fw[fw["level"] == "pillar"]
    table = profile(s, level).table
    # the filter lists today's units by today's name (the lines keep "old (2024) → new (from 2025)")
    succ = su.successor_map(s.db.unit_successors())
    today = {x.new_id: x.new[s.lang] for x in succ.values()}
    lead_col = "lead_vi" if s.lang == "vi" else "lead_en"
    names = {u: today.get(u, n) for ids, ns in zip(table["lead_ids"], table[lead_col]) for u, n in zip(ids, ns)}
    ordered = dict(sorted(names.items(), key=lambda kv: name_key(kv[1])))
    return Filters(dict(zip(pillars["code"], pillars[s.name_col])), ordered, succ)


@panel
def selection(s: ViewState, level: str = "indicator", pillar: str | None = None, unit: str | None = None,
              sort: str = "rank") -> pd.DataFrame:
    """The profile rows the filters keep, in the chosen order."""
    return sw.filter_sort(profile(s, level).table, pillar, unit, sort)


@panel
def prev_caption(s: ViewState, level: str = "indicator") -> str:
    """What the change columns compare with (Markdown): no previous edition, a merger in between, or the edition."""
    prof = profile(s, level)
    if prof.prev_edition is None:
        return s.t("sw_no_prev")
    if not prof.comparable:
        # the merged unit is the one with members (this edition's, from 2025)
        merged = prof.unit_id if len(s.db.members(prof.unit_id)) else str(prof.prev_unit_id)
        members = s.db.members(merged)
        return s.tm("sw_prev_merger", prev=prof.prev_edition, unit=s.name(merged),
                    members=", ".join(members[s.name_col]) or "—")
    return s.tm("sw_prev_note", prev=prof.prev_edition)


@dataclass(frozen=True)
class Bands:
    """The two band lists (Markdown), or the message that replaces them (``empty``)."""

    empty: str | None
    strong_header: str = ""
    strong: str = ""
    weak_header: str = ""
    weak: str = ""


@panel
def bands(s: ViewState, level: str = "indicator", pillar: str | None = None, unit: str | None = None,
          sort: str = "rank") -> Bands:
    view = selection(s, level, pillar, unit, sort)
    if view.empty:
        return Bands(s.t("no_data_selection"))
    if view["rank"].isna().all():
        return Bands(s.t("no_data_selection") + " " + s.tm("sw_no_ranks", province=s.name(s.province_id),
                                                            edition=s.edition))
    lead_col = "lead_vi" if s.lang == "vi" else "lead_en"

    def items(df: pd.DataFrame) -> str:
        if df.empty:
            return s.t("sw_none_in_band")
        lines = []
        for r in df.itertuples():
            line = s.tm("sw_item", code=r.code, name=getattr(r, s.name_col), rank=s.rank(r.rank, r.rank_of),
                        score=s.num(r.score))
            if r.inverse:
                line += f" · _{s.t('sw_inverse_short')}_"
            if level == "indicator" and getattr(r, lead_col):
                line += " · " + s.tm("sw_item_lead", units=", ".join(getattr(r, lead_col)))
            lines.append("- " + line)
        return "\n".join(lines)

    ranges = band_ranges(s.units_ranked)
    return Bands(None, s.tm("sw_strengths", lo=ranges[STRONG][0], hi=ranges[STRONG][1]), items(sw.strengths(view)),
                 s.tm("sw_weaknesses", lo=ranges[WEAK][0], hi=ranges[WEAK][1]), items(sw.weaknesses(view)))


def _where(s: ViewState, pillar: str | None, unit: str | None) -> str:
    """The province, and the filters when the page narrows the indicators."""
    parts = [s.name(s.province_id)]
    if pillar:
        parts.append(f"{pillar}. {filters(s).pillar_names.get(pillar, pillar)}")
    if unit:
        parts.append(filters(s).unit_names.get(unit, unit))
    return ", ".join(parts)


@panel
def best_worst(s: ViewState, pillar: str | None = None, unit: str | None = None) -> Panel:
    """The ten best- and ten lowest-ranked indicators (``rules.strongest`` / ``rules.weakest``): the leadership
    pack's strengths slide, and the strengths page's chart for the same filters. The title is the finding; the
    second line says what · where · when (it repeated the title word for word)."""
    table = selection(s, "indicator", pillar, unit, "rank").dropna(subset=["rank"])
    ind = table.rename(columns={s.name_col: "name"})
    pname = s.name(s.province_id)
    name = export_name("strengths", s.lang, province=pname, edition=s.edition)
    if ind.empty:
        msg = s.t("ex_f_no_indicators", province=pname)
        return Panel("strengths", charts.strengths_weaknesses(ind.head(0), ind.head(0), s.lang),
                     s.t("ex_v_strengths_title", province=pname, edition=s.edition),
                     subtitle(s, s.t("fd_what_strengths", n=N_EXTREMES), _where(s, pillar, unit)), msg,
                     [s.t("missing")], [], empty=msg, filename=name)
    n = min(N_EXTREMES, len(ind) // 2) or 1
    best, worst = rules.strongest(ind, n), rules.weakest(ind, n)
    rank_of = int(ind["rank_of"].dropna().max()) if ind["rank_of"].notna().any() else s.units_ranked
    top10 = int((ind["rank"] <= 10).sum())
    bottom = int((ind["rank"] > rank_of - 10).sum())
    finding = s.t("ex_f_strengths", province=pname, n=len(ind), top=top10, bottom=bottom, of=rank_of)
    notes = [s.t("ex_n_best")] + [f"{r.code} {r.name}: {s.num(r.score)} ({s.rank(r.rank, r.rank_of)})"
                                  for r in best.itertuples()]
    notes += [s.t("ex_n_worst")] + [f"{r.code} {r.name}: {s.num(r.score)} ({s.rank(r.rank, r.rank_of)})"
                                    for r in worst.itertuples()]
    fig = charts.strengths_weaknesses(best, worst, s.lang)
    sub = subtitle(s, s.t("fd_what_strengths", n=n), _where(s, pillar, unit))
    used = s.db.scores(s.edition, provinces=[profile(s).unit_id], codes=[*best["code"], *worst["code"]])
    return Panel("strengths", fig, finding.rstrip("."), sub, sub, notes, ids_of(used),
                 data=(best, worst), filename=name)


@panel
def profile_chart(s: ViewState, level: str = "indicator", pillar: str | None = None, unit: str | None = None,
                  sort: str = "rank") -> Panel:
    """Every row of the selection on the 1..N rank axis over the rank bands (the page's profile chart)."""
    view = selection(s, level, pillar, unit, sort)
    pname = s.name(s.province_id)
    title = s.t("sw_chart_title", province=pname, edition=s.edition)
    fig = rank_profile(view, s.units_ranked, s.lang, title)
    src = ids_of(s.db.scores(s.edition, provinces=[profile(s, level).unit_id], codes=view["code"].tolist()))
    return Panel("strengths_profile", fig, title, subtitle(s, s.t(f"sw_level_{level}"), pname), title, [title],
                 src, data=view, filename=export_name("strengths", s.lang, province=pname, edition=s.edition,
                                                      extra=s.t(f"sw_level_{level}")))


@dataclass(frozen=True)
class Grid:
    """The page's table (text), its download (numbers stay numbers), the download's sources, the file name and
    whether no weight is known for the edition."""

    shown: pd.DataFrame
    export: pd.DataFrame
    sources: list[str]
    filename: str
    weight_unknown: bool


@panel
def grid(s: ViewState, level: str = "indicator", pillar: str | None = None, unit: str | None = None,
         sort: str = "rank") -> Grid:
    view = selection(s, level, pillar, unit, sort)
    prof = profile(s, level)
    lang = s.lang
    lead_col = "lead_vi" if lang == "vi" else "lead_en"
    bands_ = [band_label(int(b), int(o), lang) if not fmt.is_missing(b) else "—"
              for b, o in zip(view["band"], view["rank_of"])]
    shown = pd.DataFrame({
        s.t("code"): view["code"],
        s.t("name"): view[s.name_col],
        s.t("score"): [s.num(v) for v in view["score"]],
        s.t("rank"): fmt.rank_column(view, lang),
        s.t("band_col"): bands_,
        s.t("sw_col_score_change"): [fmt.number(v, lang, signed=True, missing="—") for v in view["score_change"]],
        s.t("sw_col_rank_change"): ["—" if fmt.is_missing(v) else f"{int(v):+d}".replace("-", "−")
                                    for v in view["rank_change"]],
        s.t("sw_col_lead"): [", ".join(x) for x in view[lead_col]],
        s.t("sw_col_source"): [x if isinstance(x, str) and x else "" for x in view["source_index"]],
        s.t("sw_col_inverse"): [s.t("sw_yes") if v else "" for v in view["inverse"]],
        s.t("sw_col_weight"): [sw.fraction_text(f) or "—" for f in view["weight_frac"]],
    })
    # numbers stay numbers; headers in the UI language (the file is read by the same people)
    export = pd.DataFrame({
        s.t("xl_edition"): s.edition, s.t("xl_province_id"): prof.unit_id, s.t("code"): view["code"],
        s.t("name"): view[s.name_col], s.t("score"): view["score"], s.t("rank"): view["rank"],
        s.t("xl_rank_of"): view["rank_of"],
        s.t("band_col"): [b if b != "—" else "" for b in bands_],
        s.t("sw_col_score_change"): view["score_change"], s.t("sw_col_rank_change"): view["rank_change"],
        s.t("sw_col_lead"): [", ".join(x) for x in view[lead_col]],
        s.t("sw_col_source"): view["source_index"], s.t("sw_col_inverse"): view["inverse"],
        s.t("sw_col_weight"): [sw.fraction_text(f) for f in view["weight_frac"]],
    })
    src = ids_of(s.db.scores(s.edition, provinces=[prof.unit_id], codes=view["code"].tolist()))
    name = export_name("strengths", lang, province=s.name(s.province_id), edition=s.edition,
                       extra=s.t(f"sw_level_{level}"))
    return Grid(shown, export, src, name, bool(view["weight"].isna().all()))


def strengths(s: ViewState) -> Panel:
    return best_worst(s)


VIEWS = (("strengths", strengths),)
