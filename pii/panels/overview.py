"""Panels of the Overview page and of the leadership pack's overview slides: the headline tiles, the target
tracker, the pillar bars (the "overview" view), the pillar table, the sub-index lines, the press summary, the
targets dot chart ("targets") and the weakest indicators with their lead units ("lead_units").

The page renders these (state → panels → render, no database call); the packs and the CLI use the same panel
functions through ``pii.panels.registry``."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pii import fmt
from pii.analysis import findings, rules
from pii.analysis import overview as ov
from pii.analysis import successors as su
from pii.charts import briefing as charts
from pii.charts.overview import pillar_bars
from pii.export.press import PressSummary, press_summary
from pii.panels.filenames import export_name
from pii.panels.panel import Panel, panel, subtitle
from pii.provenance import ids_of
from pii.safety import md_text
from pii.text import short as shorten
from pii.viewstate import ViewState

N_EXTREMES = 10  # the weakest indicators of the lead-units slide


# -- data of the page ------------------------------------------------------------------------------------
@panel
def mine(s: ViewState) -> pd.DataFrame:
    """Every published figure of the focus unit in the edition."""
    return s.db.scores(s.edition, provinces=[s.province_id])


@panel
def headline(s: ViewState) -> ov.Headline:
    return ov.headline(s.db, s.edition, s.province_id)


@panel
def tracker(s: ViewState) -> ov.TargetTracker:
    return ov.target_tracker(s.db, s.edition, s.province_id)


@dataclass(frozen=True)
class Tile:
    label: str
    value: str | None
    delta: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Kpis:
    """The three headline tiles, the merger notice (None: no merger since the previous edition), the group note."""

    tiles: tuple[Tile, Tile, Tile]
    merger_note: str | None
    group_note: str


@panel
def kpis(s: ViewState) -> Kpis:
    head = headline(s)
    pname = s.name(s.province_id)
    merger = None
    if head.prev_unit is not None and head.prev_unit != s.province_id:
        merger = s.tm("merger_note", unit=pname, members=", ".join(s.db.members(s.province_id)[s.name_col]))
    delta = None
    if head.score is not None and head.prev_score is not None:
        # ASCII minus: st.metric reads the delta's direction from a leading "-"
        diff = s.num(head.score - head.prev_score, signed=True).replace("−", "-")
        delta = f"{diff} {s.t('ov_vs_prev', prev=head.prev_edition)}"
    rdelta = None
    if head.rank is not None and head.prev_rank is not None:
        moved = int(head.prev_rank) - int(head.rank)
        rdelta = s.t("ov_rank_delta", delta=f"{moved:+d}", prev=head.prev_edition)
    # the one regional rank: published (1/14) where a source states it, else computed and labelled so
    label, value, note = s.regional_rank_metric(tracker(s).regional)
    tiles = (Tile(s.t("ov_pii_score"), None if head.score is None else s.num(head.score), delta),
             Tile(s.t("ov_national_rank"), None if head.rank is None else s.rank(head.rank, s.units_ranked), rdelta),
             Tile(label, value, None, note))
    return Kpis(tiles, merger, s.tm("ov_group_note", group=s.group_name(), n=len(s.peer_ids()), edition=s.edition))


@dataclass(frozen=True)
class TargetBlock:
    """The target tracker's text: the caption, each target's status and its gap lines (Markdown)."""

    caption: str
    national_status: str
    national_lines: list[str]
    region_status: str
    region_lines: list[str]


@panel
def target_block(s: ViewState) -> TargetBlock:
    tr, head = tracker(s), headline(s)
    pname = s.name(s.province_id)
    # the number of units to lead comes from the data: 14 provinces before the 2025 merger, 10 merged units after
    merged = any(len(s.db.members(u)) for u in tr.region.ids)
    caption = s.tm("ov_target_text_n", n=len(tr.region.ids),
                   kind=s.t("ov_units_merged" if merged else "ov_units_provinces"),
                   region=s.region_name(tr.region.group_id, tr.region.region_id))

    def status(flag: bool | None) -> str:
        return s.t("ov_unknown") if flag is None else s.t("ov_met") if flag else s.t("ov_not_met")

    def gap_line(unit: tuple[str, float | None] | None, gap: float | None, rank: int) -> str:
        label = s.t("ov_gap_n", n=rank)
        if unit is None or unit[1] is None:
            return f"{label}: {s.t('ov_gap_unknown', rank=rank)}"
        text = f"{label} ({md_text(s.name(unit[0]))}, {s.num(unit[1])})"
        if unit[0] == s.province_id:
            return f"{text}: {s.tm('ov_is_self', province=pname)}"
        return f"{text}: **{s.t('ov_points', value=s.num(gap, signed=True))}**"

    national = []
    # ranked 10th itself: "the gap to rank 10 is Thái Nguyên itself" says nothing; compare with 9th and 11th
    for r in ov.gap_ranks(head.rank, tr.national_max_rank):
        other = tr.tenth if r == 10 else tr.eleventh if r == 11 else ov.unit_at_rank(
            s.db.scores(s.edition, codes=["PII"]), r)
        gap = None if other is None or other[1] is None or head.score is None else head.score - other[1]
        national.append(gap_line(other, gap, r))
    standing = tr.regional
    if standing.leader_id is not None and tr.score is not None:
        ahead = tr.gap_to_region_leader is not None and tr.gap_to_region_leader > 0
        lead = s.tm("ov_gap_leader_self" if ahead else "ov_gap_leader", name=s.name(standing.leader_id),
                    score=s.num(standing.leader_score))
        region = [f"{lead}: **{s.t('ov_points', value=s.num(tr.gap_to_region_leader, signed=True))}**"]
    else:
        region = [s.t("missing")]
    return TargetBlock(caption, status(tr.in_target), national, status(tr.region_first), region)


@panel
def pillars(s: ViewState) -> Panel:
    """The seven pillar bars of the focus unit (the leadership pack's "overview" slide); ``grid`` is the pillar
    table under the chart; ``empty`` when no pillar has a published score."""
    m = mine(s)
    fw = s.db.framework(s.edition)
    frame = ov.pillar_frame(fw, m)
    pname = s.name(s.province_id)
    row = m.set_index("code")
    pii_score = row["score"].get("PII") if "PII" in row.index else None
    pii_rank = row["rank"].get("PII") if "PII" in row.index else None
    ranked = rules.strongest(frame.dropna(subset=["rank"]))
    if fmt.is_missing(pii_score):
        finding = s.t("ex_f_overview_missing", province=pname, edition=s.edition)
    else:
        finding = s.t("ex_f_overview", province=pname, score=s.num(pii_score), rank=s.rank(pii_rank, s.units_ranked))
    if len(ranked) >= 2:
        best, worst = ranked.iloc[0], rules.weakest(ranked, 1).iloc[0]
        finding += " " + s.t("ex_f_overview_pillars", best=best["code"], best_rank=int(best["rank"]),
                             worst=worst["code"], worst_rank=int(worst["rank"]))
    notes = [s.t("ex_n_pii", score=s.num(pii_score), rank=s.rank(pii_rank, s.units_ranked))]
    for code in ("INPUT", "OUTPUT"):
        if code in row.index:
            notes.append(f"{fw.set_index('code').loc[code, s.name_col]}: {s.num(row['score'].get(code))}")
    for p in frame.itertuples():
        notes.append(f"{p.code}. {getattr(p, s.name_col)}: {s.num(p.score)} "
                     f"({s.t('rank').lower()} {fmt.rank(p.rank, p.rank_of, s.lang, missing='—')})")
    used = m[m["code"].isin(["PII", "INPUT", "OUTPUT", *frame["code"]])]
    rr = tracker(s).regional  # the one regional rank (rules.regional_rank): published 1/14 before computed
    f = findings.overview(pname, pii_score, pii_rank, s.units_ranked, rr.rank, rr.out_of, rr.computed,
                          frame.rename(columns={s.name_col: "name"}), s.lang)
    grid = pd.DataFrame({s.t("code"): frame["code"], s.t("name"): frame[s.name_col],
                         s.t("score"): [s.num(v) for v in frame["score"]],
                         s.t("rank"): fmt.rank_column(frame, s.lang)})
    empty = None if frame["score"].notna().any() else s.tm("ov_pillars_missing", province=pname, edition=s.edition)
    return Panel("overview", pillar_bars(frame, s.lang), f.title, subtitle(s, s.t("fd_what_pillars"), pname),
                 finding, notes, ids_of(used), data=frame, grid=grid, empty=empty,
                 filename=export_name("overview", s.lang, province=pname, edition=s.edition))


@panel
def subindex_lines(s: ViewState) -> list[str]:
    """Input and output sub-indices (Markdown): published in bold, else recomputed and said so."""
    return ov.subindex_lines(s, s.db.framework(s.edition), mine(s))


@panel
def source_ids(s: ViewState) -> list[str]:
    """The sources of every figure of the focus unit the page shows."""
    return ids_of(mine(s))


@panel
def press(s: ViewState) -> PressSummary:
    return press_summary(s.db, s.edition, s.province_id, s.lang)


# -- the targets slide -------------------------------------------------------------------------------------
@panel
def targets(s: ViewState) -> Panel:
    """The focus unit's PII beside the 10th, the 11th, the region's best other unit and the region average."""
    tr = tracker(s)
    pii_all = s.db.scores(s.edition, codes=["PII"])
    pname = s.name(s.province_id)
    rows: list[dict[str, object]] = []
    rows.append({"label": f"{pname} ({s.rank(tr.rank, s.units_ranked)})", "score": tr.score, "role": "focus",
                 "pid": s.province_id})
    for unit, k in ((tr.tenth, 10), (tr.eleventh, 11)):
        if unit is not None and unit[0] != s.province_id:
            rows.append({"label": s.t("ex_rank_k", k=k, name=s.name(unit[0])), "score": unit[1], "role": "other",
                         "pid": unit[0]})
    lead = tr.regional.leader_id
    if lead is not None and lead not in {r["pid"] for r in rows}:
        rows.append({"label": s.t("ex_region_best_other", name=s.name(lead)),
                     "score": tr.regional.leader_score, "role": "other", "pid": lead})
    reg = s.db.region_averages(s.edition)
    avg = reg[reg["region_id"] == tr.region.region_id]
    if len(avg):
        rows.append({"label": s.t("ex_region_avg", region=avg[s.name_col].iat[0]),
                     "score": avg["avg_score"].iat[0], "role": "average", "pid": None})
    df = pd.DataFrame(rows)
    df["score"] = pd.to_numeric(df["score"], errors="coerce")
    fig = charts.target_bars(df, s.lang)
    parts = []
    if tr.in_target is None:
        parts.append(s.t("ex_f_target_unknown"))
    else:
        parts.append(s.t("ex_f_target_in" if tr.in_target else "ex_f_target_out",
                         rank=s.rank(tr.rank, s.units_ranked)))
    if tr.gap_to_eleventh is not None and tr.in_target:
        parts.append(s.t("ex_f_gap_11", gap=s.num(tr.gap_to_eleventh)))
    elif tr.gap_to_tenth is not None and not tr.in_target:
        parts.append(s.t("ex_f_gap_10", gap=s.num(-tr.gap_to_tenth)))
    if tr.gap_to_region_leader is not None:
        gap = s.num(abs(tr.gap_to_region_leader))
        if tr.gap_to_region_leader <= 0:
            parts.append(s.t("ex_f_region_behind", gap=gap))
        elif tr.region_first and not tr.regional.computed:
            parts.append(s.t("ex_f_region_lead", gap=gap))  # a source states the regional rank
        else:
            # first only among the units with a published score: say how many that is, never claim more
            parts.append(s.t("ex_f_region_lead_known", known=tr.regional.n_with_data, n=len(tr.region.ids),
                             gap=gap))
    finding = "; ".join(parts) + "."
    notes = [s.t("ex_n_pii", score=s.num(tr.score), rank=s.rank(tr.rank, s.units_ranked))]
    notes += [f"{r['label']}: {s.num(r['score'])}" for r in rows[1:]]
    notes.append(s.t("ex_n_gap", gap10=s.num(tr.gap_to_tenth, signed=True),
                     gap11=s.num(tr.gap_to_eleventh, signed=True), lead=s.num(tr.gap_to_region_leader, signed=True)))
    if tr.regional.rank is not None:  # a computed rank says "computed, out of N with data" itself
        notes.append(s.t("rule_region_rank", rank=s.regional_rank_text(tr.regional)) if tr.regional.computed
                     else s.t("ex_n_region_rank", rank=s.regional_rank_text(tr.regional), how=s.t("ex_published")))
    used_ids = [p for p in df["pid"] if p]
    src = ids_of(pii_all[pii_all["province_id"].isin(used_ids)])
    if len(avg) and isinstance(avg["source_id"].iat[0], str):
        src.append(avg["source_id"].iat[0])
    note = s.t("ex_targets_note" if rules.plan_id_of(s.db, s.province_id) else "ex_targets_note_generic")
    # the slide's second line says what · where · when (it repeated the title after "Thái Nguyên: ")
    sub = subtitle(s, s.t("fd_what_targets"), pname)
    return Panel("targets", fig, f"{pname}: {finding.rstrip('.')}", sub, sub, [finding, *notes],
                 list(dict.fromkeys(src)), note=note, data=df,
                 filename=export_name("targets", s.lang, province=pname, edition=s.edition))


# -- the lead-units slide -----------------------------------------------------------------------------------
def indicators(s: ViewState) -> pd.DataFrame:
    """The focus unit's indicators with a published rank (code, name in the UI language, score, rank, …)."""
    mine_ = s.db.scores(s.edition, provinces=[s.province_id], levels=["indicator"])
    df = mine_.rename(columns={s.name_col: "name"})[["code", "name", "score", "rank", "rank_of", "sort_order",
                                                      "score_source_id", "rank_source_id"]]
    return df.dropna(subset=["rank"])


@panel
def lead_units(s: ViewState) -> Panel:
    """The ten weakest indicators and the units that lead them in the plan that applies (``rules.plan_id_of``:
    a merged unit carries its members' plan, Thái Nguyên 2025 follows plan 152), named as today's units."""
    ind = indicators(s)
    pname = s.name(s.province_id)
    worst = rules.weakest(ind, N_EXTREMES)
    plan_id = rules.plan_id_of(s.db, s.province_id)
    unit_col = "unit_vi" if s.lang == "vi" else "unit_en"
    leads: dict[str, str] = {}
    full: dict[str, str] = {}
    counts: dict[str, int] = {}
    if plan_id:
        succ = su.successor_map(s.db.unit_successors())
        assign = s.db.plan_assignments(plan_id)
        assign = assign[assign["role"] == "lead"].sort_values(["code", "position"])
        # today's unit, as the pages count them; the slide's cell says "Sở Nội vụ (từ 2025)" and its notes keep
        # the whole "Sở LĐ-TB&XH (2024) → Sở Nội vụ (từ 2025 …)" the pages print (the long form did not fit)
        now = [succ[u].new[s.lang] if u in succ else n for u, n in zip(assign["unit_id"], assign[unit_col])]
        short = [s.t("unit_now", new=succ[u].new[s.lang], year=succ[u].year) if u in succ else n
                 for u, n in zip(assign["unit_id"], assign[unit_col])]
        long = [su.label(u, n, succ, s.lang) for u, n in zip(assign["unit_id"], assign[unit_col])]
        assign = assign.assign(now=now, short=short, long=long)
        for code, grp in assign.groupby("code"):
            cell: dict[str, str] = {}  # one entry per today's unit; "(từ 2025)" only where it took the work over
            for n, sh in zip(grp["now"], grp["short"]):
                cell[n] = n if n == sh or cell.get(n) == n else sh
            leads[str(code)] = "; ".join(cell.values())
            full[str(code)] = "; ".join(dict.fromkeys(grp["long"]))
        for code in worst["code"]:
            for u in dict.fromkeys(assign.loc[assign["code"] == code, "now"]):
                counts[u] = counts.get(u, 0) + 1
    table = pd.DataFrame({
        s.t("code"): worst["code"].tolist(),
        s.t("ex_col_indicator"): [shorten(n, 52) for n in worst["name"]],
        s.t("score"): [s.num(v) for v in worst["score"]],
        s.t("rank"): fmt.rank_column(worst, s.lang),
        s.t("ex_col_lead"): [leads.get(c, s.t("ex_no_plan_unit")) for c in worst["code"]],
    })
    fig = charts.table_figure(table, s.lang, widths=[0.7, 3.4, 0.7, 0.8, 3.2])
    if counts:
        top_unit, k = max(counts.items(), key=lambda kv: kv[1])
        finding = s.t("ex_f_lead", n=len(worst), units=len(counts), unit=top_unit, k=k)
    elif len(worst):
        finding = s.t("ex_f_lead_no_plan", n=len(worst), province=pname)
    else:
        finding = s.t("ex_f_no_indicators", province=pname)
    notes = [f"{r[0]}: {r[2]} ({r[3]}) — {full.get(r[0], r[4])}" for r in table.itertuples(index=False)]
    src = ids_of(worst)
    if plan_id:
        src += [str(x) for x in s.db.plans_by_id(plan_id)["source_id"].dropna()]
    sub = subtitle(s, s.t("fd_what_lead", n=len(worst)), pname)  # not the title again after "Thái Nguyên: "
    return Panel("lead_units", fig, f"{pname}: {finding.rstrip('.')}", sub, sub, [finding, *notes],
                 list(dict.fromkeys(src)), table=table, data=worst, grid=table,
                 filename=export_name("lead_units", s.lang, province=pname, edition=s.edition))


def overview(s: ViewState) -> Panel:
    return pillars(s)


VIEWS = (("overview", overview), ("targets", targets), ("lead_units", lead_units))
