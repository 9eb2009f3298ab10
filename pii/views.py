"""Briefing views: each view id → a function (db, edition, province_id, group,
lang, peers, **settings) → ``ViewResult`` (figure, title, one-line finding,
speaker-note key numbers, source ids). The briefing page, the PPTX/PDF packs
and the CLI all build charts through this registry, so a slide and the chart
on screen come from the same code.
"""

from __future__ import annotations

import pandas as pd

from pii import fmt
from pii.analysis import findings, rules
from pii.analysis.overview import pillar_frame, target_tracker
from pii.charts import briefing as charts
from pii.charts.overview import pillar_bars
from pii.panels.panel import ViewResult
from pii.provenance import ids_of
from pii.viewstate import ViewState

N_EXTREMES = 10


# --- the views -------------------------------------------------------------------

def overview(s: ViewState) -> ViewResult:
    mine = s.db.scores(s.edition, provinces=[s.province_id])
    fw = s.db.framework(s.edition)
    pillars = pillar_frame(fw, mine)
    pname = s.name(s.province_id)
    fig = pillar_bars(pillars, s.lang)
    row = mine.set_index("code")
    pii_score = row["score"].get("PII") if "PII" in row.index else None
    pii_rank = row["rank"].get("PII") if "PII" in row.index else None
    ranked = pillars.dropna(subset=["rank"]).sort_values(["rank", "score"], ascending=[True, False])
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
            label = fw.set_index("code").loc[code, s.name_col]
            notes.append(f"{label}: {s.num(row['score'].get(code))}")
    for p in pillars.itertuples():
        notes.append(f"{p.code}. {getattr(p, s.name_col)}: {s.num(p.score)} "
                     f"({s.t('rank').lower()} {fmt.rank(p.rank, p.rank_of, s.lang, missing='—')})")
    used = mine[mine["code"].isin(["PII", "INPUT", "OUTPUT", *pillars["code"]])]
    rr = rules.regional_rank(s.db, s.edition, s.province_id)
    named = pillars.rename(columns={s.name_col: "name"})
    f = findings.overview(pname, pii_score, pii_rank, s.units_ranked, rr.rank, rr.out_of, rr.computed, named, s.lang)
    return ViewResult("overview", fig, f.title, " · ".join([s.t("fd_what_pillars"), pname, f"PII {s.edition}"]),
                      finding, notes, ids_of(used))


def _indicators(s: ViewState) -> pd.DataFrame:
    mine = s.db.scores(s.edition, provinces=[s.province_id], levels=["indicator"])
    df = mine.rename(columns={s.name_col: "name"})[["code", "name", "score", "rank", "rank_of", "sort_order",
                                                          "score_source_id", "rank_source_id"]]
    return df


def strengths(s: ViewState) -> ViewResult:
    ind = _indicators(s).dropna(subset=["rank"])
    pname = s.name(s.province_id)
    title = s.t("ex_v_strengths_title", province=pname, edition=s.edition)
    if ind.empty:
        fig = charts.strengths_weaknesses(ind.head(0), ind.head(0), s.lang)
        return ViewResult("strengths", fig, title, s.subtitle(False), s.t("ex_f_no_indicators", province=pname),
                          [s.t("missing")], [])
    by_rank = ind.sort_values(["rank", "score"], ascending=[True, False])
    n = min(N_EXTREMES, len(by_rank) // 2) or 1
    best, worst = by_rank.head(n), rules.weakest(ind, n)
    rank_of = int(ind["rank_of"].dropna().max()) if ind["rank_of"].notna().any() else s.units_ranked
    top10 = int((ind["rank"] <= 10).sum())
    bottom = int((ind["rank"] > rank_of - 10).sum())
    finding = s.t("ex_f_strengths", province=pname, n=len(ind), top=top10, bottom=bottom, of=rank_of)
    notes = [s.t("ex_n_best")] + [f"{r.code} {r.name}: {s.num(r.score)} ({s.rank(r.rank, r.rank_of)})"
                                  for r in best.itertuples()]
    notes += [s.t("ex_n_worst")] + [f"{r.code} {r.name}: {s.num(r.score)} ({s.rank(r.rank, r.rank_of)})"
                                    for r in worst.itertuples()]
    fig = charts.strengths_weaknesses(best, worst, s.lang)
    title = finding.rstrip(".")  # the finding is the title
    return ViewResult("strengths", fig, title, s.subtitle(False), finding, notes,
                      ids_of(pd.concat([best, worst])))


def heatmap_region(s: ViewState) -> ViewResult:
    fw = s.db.framework(s.edition)
    pillar_codes = fw[fw["level"] == "pillar"].sort_values("sort_order")["code"].tolist()
    codes = ["PII", *pillar_codes]
    peers = s.peer_ids()
    sc = s.db.scores(s.edition, provinces=peers, codes=codes)
    ranks = sc.pivot_table(index="province_id", columns="code", values="rank", aggfunc="first")
    ranks = ranks.reindex(index=peers, columns=codes)
    ranks["name"] = [s.name(p) for p in ranks.index]
    ranks["_order"] = ranks["PII"].astype("Float64").fillna(10_000)
    ranks = ranks.sort_values(["_order", "name"])
    columns = [("PII", "PII")] + [(c, c) for c in pillar_codes]
    fig = charts.region_heatmap(ranks, columns, s.province_id, s.units_ranked, s.lang)
    known = ranks.dropna(subset=["PII"])
    pname = s.name(s.province_id)
    region = rules.target_region(s.db, s.edition, s.province_id)
    if set(peers) == set(region.ids) and s.province_id in known.index:
        # the sidebar group is the target region: the one regional rank (published 1/14, not 1/11 by position)
        rr = rules.regional_rank(s.db, s.edition, s.province_id)
        finding = s.t("ex_f_heatmap_region", province=pname, region_rank=s.regional_rank_text(rr),
                      group=s.group_name(), n=len(ranks),
                      rank=s.rank(known.loc[s.province_id, "PII"], s.units_ranked))
    elif s.province_id in known.index:
        pos = list(known.index).index(s.province_id) + 1
        finding = s.t("ex_f_heatmap", province=pname, pos=pos, known=len(known), n=len(ranks),
                      group=s.group_name(), rank=s.rank(known.loc[s.province_id, "PII"], s.units_ranked))
    else:
        finding = s.t("ex_f_heatmap_missing", province=pname, known=len(known), n=len(ranks))
    cells = ranks[codes]
    n_missing = int(cells.isna().sum().sum())
    notes = [s.t("ex_n_heatmap_missing", missing=n_missing, cells=cells.size)]
    for p in known.index:
        notes.append(f"{ranks.loc[p, 'name']}: PII {s.rank(known.loc[p, 'PII'], s.units_ranked)}")
    return ViewResult("heatmap_region", fig, finding.rstrip("."), s.subtitle(), finding, notes, ids_of(sc),
                      note=s.t("ex_heatmap_note"))


def targets(s: ViewState) -> ViewResult:
    tr = target_tracker(s.db, s.edition, s.province_id)
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
    return ViewResult("targets", fig, f"{pname}: {finding.rstrip('.')}",
                      s.t("ex_v_targets_title", province=pname, edition=s.edition),
                      finding, notes, list(dict.fromkeys(src)), note=note)


def lead_units(s: ViewState) -> ViewResult:
    ind = _indicators(s).dropna(subset=["rank"])
    pname = s.name(s.province_id)
    worst = rules.weakest(ind, N_EXTREMES)
    # the one rule: a merged province carries its members' plan (Thái Nguyên 2025 follows plan 152)
    plan_id = rules.plan_id_of(s.db, s.province_id)
    plans = s.db.plans_by_id(plan_id) if plan_id else s.db.plans(s.province_id)
    unit_col = "unit_vi" if s.lang == "vi" else "unit_en"
    leads: dict[str, str] = {}
    full: dict[str, str] = {}
    counts: dict[str, int] = {}
    if plan_id:
        from pii.analysis import successors as su

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
        s.t("ex_col_indicator"): [charts.short(n, 52) for n in worst["name"]],
        s.t("score"): [s.num(v) for v in worst["score"]],
        s.t("rank"): [s.rank(r, o) for r, o in zip(worst["rank"], worst["rank_of"])],
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
        src += [str(x) for x in plans["source_id"].dropna()]
    return ViewResult("lead_units", fig, f"{pname}: {finding.rstrip('.')}",
                      s.t("ex_v_lead_title", n=len(worst), province=pname, edition=s.edition),
                      finding, notes, list(dict.fromkeys(src)), table=table)


VIEWS = (("overview", overview), ("strengths", strengths), ("heatmap_region", heatmap_region),
         ("targets", targets), ("lead_units", lead_units))
