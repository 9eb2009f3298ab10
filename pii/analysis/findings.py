"""Finding titles: every chart's title states what the data show, in VI and EN,
built from the same shaped data the chart draws ("Thái Nguyên xếp thứ 10/63,
dẫn đầu vùng; yếu nhất ở Thể chế (26/63)"). Pages, exported images, packs and
the CLI take their title, subtitle and alt text from here, so the words match
the figures everywhere. Streamlit-free; no figure code.

Each builder returns a :class:`Finding` whose ``numbers`` hold the values the
title states (the tests compare them with DuckDB).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pii import fmt
from pii.analysis import rules
from pii.analysis.model import computed_rank
from pii.fmt import is_missing
from pii.i18n import t


@dataclass
class Finding:
    title: str  # the finding, one sentence
    alt: str  # alt text: the finding with its numbers (and what the chart is)
    numbers: dict[str, object] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # units left out of the chart (no published figure)


def _n(v: object, lang: str, signed: bool = False) -> str:
    return fmt.number(v, lang, signed=signed)


def missing_note(missing: list[str], total: int, lang: str, max_names: int = 8) -> str | None:
    """The note printed ON an image that leaves units out: "6/14 tỉnh chưa có số liệu công bố: …"."""
    if not missing:
        return None
    if max_names == 0:  # a map: the units are drawn, in the missing grey
        return t("fd_map_missing_note", lang, k=len(missing), n=total)
    names = ", ".join(missing[:max_names]) + ("…" if len(missing) > max_names else "")
    return t("fd_missing_note", lang, k=len(missing), n=total, names=names)


def _alt(kind: str, title: str, detail: str, lang: str) -> str:
    return t("fd_alt", lang, kind=t(f"fd_kind_{kind}", lang), title=title, detail=detail).strip()


# -- overview: national rank, regional standing, weakest pillar ---------------------------
def overview(name: str, score: object, rank: object, rank_of: int, region_rank: object, region_of: object,
             region_computed: bool, pillars: pd.DataFrame, lang: str) -> Finding:
    """``pillars``: code, name (in ``lang``), score, rank, rank_of. Weakest = worst
    published rank (ties: lower score), the rule of ``pii.analysis.rules.weakest``."""
    if is_missing(rank):
        title = t("fd_overview_missing", lang, province=name)
    else:
        title = t("fd_overview_rank", lang, province=name, rank=int(rank), of=rank_of)  # type: ignore[arg-type]
        if region_rank == 1 and not region_computed:
            title += t("fd_overview_region_lead", lang)
        elif not is_missing(region_rank):
            key = "fd_overview_region_computed" if region_computed else "fd_overview_region"
            title += t(key, lang, rank=int(region_rank), of=region_of)  # type: ignore[arg-type]
    ranked = rules.weakest(pillars, 1)
    weakest = None
    if len(ranked):
        w = ranked.iloc[0]
        weakest = (str(w["code"]), str(w["name"]), int(w["rank"]), int(w["rank_of"]))
        title += t("fd_overview_weakest", lang, name=w["name"], rank=int(w["rank"]), of=int(w["rank_of"]))
    detail = t("fd_overview_alt", lang, score=_n(score, lang)) if not is_missing(score) else ""
    return Finding(title, _alt("bar", title, detail, lang),
                   {"rank": None if is_missing(rank) else int(rank), "of": rank_of, "score": score,
                    "region_rank": region_rank, "weakest": weakest})


# -- peer comparison bar ------------------------------------------------------------------
def compare_bar(rows: pd.DataFrame, missing: list[str], focus_name: str, group_name: str, code_label: str,
                lang: str) -> Finding:
    """``rows``: the bar's units with a published score, best first (name, score, focus)."""
    n_known, total = len(rows), len(rows) + len(missing)
    focus = rows[rows["focus"]]
    if focus.empty:
        title = t("fd_cmp_no_focus", lang, province=focus_name, code=code_label, group=group_name)
        return Finding(title, _alt("bar", title, "", lang), {"known": n_known}, missing)
    score = float(focus["score"].iat[0])
    # the one "rank within a group" rule: 1 + the units scoring higher (ties share a place)
    pos = computed_rank(score, {n: float(v) for n, v, f in zip(rows["name"], rows["score"], rows["focus"])
                                if not f}).rank
    leader = rows.iloc[0]
    if n_known == 1:
        title = t("fd_cmp_only", lang, province=focus_name, code=code_label, group=group_name, score=_n(score, lang))
    elif pos == 1:
        second = rows.iloc[1]
        title = t("fd_cmp_first", lang, province=focus_name, code=code_label, k=n_known, group=group_name,
                  score=_n(score, lang))
        title += t("fd_cmp_ahead", lang, gap=_n(score - float(second["score"]), lang), other=second["name"])
    else:
        title = t("fd_cmp_pos", lang, province=focus_name, code=code_label, pos=pos, k=n_known, group=group_name,
                  score=_n(score, lang), gap=_n(float(leader["score"]) - score, lang), leader=leader["name"])
        if missing:
            title += t("fd_cmp_known", lang, k=n_known, n=total)
    detail = t("fd_cmp_alt", lang, best=leader["name"], best_score=_n(leader["score"], lang),
               last=rows.iloc[-1]["name"], last_score=_n(rows.iloc[-1]["score"], lang))
    return Finding(title, _alt("bar", title, detail, lang),
                   {"pos": pos, "known": n_known, "total": total, "score": score,
                    "leader": str(leader["name"]), "leader_score": float(leader["score"])}, missing)


# -- radar ----------------------------------------------------------------------------------
def radar(focus_rows: pd.DataFrame, names: dict[str, str], focus_name: str, lang: str) -> Finding:
    """``focus_rows``: the focus province's pillars (code, score)."""
    have = focus_rows.dropna(subset=["score"]).sort_values("score", ascending=False)
    if have.empty:
        title = t("fd_radar_empty", lang, province=focus_name)
        return Finding(title, _alt("radar", title, "", lang))
    best, worst = have.iloc[0], have.iloc[-1]
    title = t("fd_radar", lang, province=focus_name, best=f"{best['code']}. {names.get(best['code'], '')}",
              best_score=_n(best["score"], lang), worst=f"{worst['code']}. {names.get(worst['code'], '')}",
              worst_score=_n(worst["score"], lang))
    detail = "; ".join(f"{c} {_n(s, lang)}" for c, s in zip(focus_rows["code"], focus_rows["score"]))
    return Finding(title, _alt("radar", title, detail, lang),
                   {"best": (best["code"], float(best["score"])), "worst": (worst["code"], float(worst["score"]))})


# -- input/output scatter ---------------------------------------------------------------------
def scatter(rows: pd.DataFrame, focus_name: str, lang: str) -> Finding:
    focus = rows[rows["focus"]]
    if focus.empty:
        title = t("fd_scatter_empty", lang, province=focus_name)
        return Finding(title, _alt("scatter", title, "", lang))
    i, o = float(focus["input"].iat[0]), float(focus["output"].iat[0])
    key = "fd_scatter_out" if o > i else "fd_scatter_in"
    title = t(key, lang, province=focus_name, input=_n(i, lang), output=_n(o, lang), gap=_n(abs(o - i), lang))
    if bool(focus["computed"].iat[0]):
        title += t("fd_computed_suffix", lang)
    detail = t("fd_scatter_alt", lang, n=len(rows))
    return Finding(title, _alt("scatter", title, detail, lang), {"input": i, "output": o})


# -- map ----------------------------------------------------------------------------------------
def map_(frame: pd.DataFrame, focus_id: str, measure: str, lang: str, n_leaders: int = 3) -> Finding:
    """``frame``: pii.analysis.map.map_frame (name, score, rank, rank_of, missing)."""
    have = rules.strongest(frame[~frame["missing"]])
    leaders = have.head(n_leaders)
    focus = frame[frame["province_id"] == focus_id]
    n, k = len(frame), len(have)
    leads = ", ".join(f"{r.name} ({_n(r.score, lang) if measure == 'score' else int(r.rank)})"
                      for r in leaders.itertuples())
    if len(focus) and not focus["missing"].iat[0]:
        f = focus.iloc[0]
        title = t("fd_map", lang, province=f["name"], score=_n(f["score"], lang),
                  rank=fmt.rank(f["rank"], f["rank_of"], lang), leaders=leads)
    else:
        title = t("fd_map_no_focus", lang, province=focus["name"].iat[0] if len(focus) else focus_id, leaders=leads)
    detail = t("fd_map_alt", lang, k=k, n=n)
    return Finding(title, _alt("map", title, detail, lang),
                   {"leaders": leaders["province_id"].tolist(), "known": k, "units": n},
                   frame[frame["missing"]]["name"].tolist())


# -- trends ----------------------------------------------------------------------------------------
def trends(rows: pd.DataFrame, measure: str, focus_name: str, code_label: str, lang: str) -> Finding:
    """``rows``: the focus lineage's rows (edition, score, rank, rank_of, unit_name)."""
    have = rows.dropna(subset=[measure]).sort_values("edition")
    if have.empty:
        title = t("fd_trend_empty", lang, province=focus_name, code=code_label)
        return Finding(title, _alt("line", title, "", lang))
    first, last = have.iloc[0], have.iloc[-1]
    fmt_v = (lambda r: _n(r["score"], lang)) if measure == "score" else (
        lambda r: fmt.rank(r["rank"], r["rank_of"], lang))
    if len(have) == 1:
        title = t("fd_trend_one", lang, province=focus_name, code=code_label, value=fmt_v(last),
                  ed=int(last["edition"]))
        change = None
    else:
        change = float(last[measure]) - float(first[measure])
        if measure == "score":
            key = "fd_trend_up" if change > 0 else "fd_trend_down" if change < 0 else "fd_trend_flat"
            shown = _n(abs(change), lang)
        else:
            key = "fd_trend_rank_up" if change < 0 else "fd_trend_rank_down" if change > 0 else "fd_trend_flat"
            shown = str(abs(int(change)))
        title = t(key, lang, province=focus_name, code=code_label, a=fmt_v(first), b=fmt_v(last),
                  ea=int(first["edition"]), eb=int(last["edition"]), change=shown)
    detail = "; ".join(f"PII {int(r['edition'])}: {fmt_v(r)}" for _, r in have.iterrows())
    return Finding(title, _alt("line", title, detail, lang),
                   {"first": float(first[measure]), "last": float(last[measure]), "change": change})


# -- indicator detail ------------------------------------------------------------------------------
def indicator_peers(peers: pd.DataFrame, code: str, focus_name: str, group_name: str, lang: str) -> Finding:
    """``peers``: province_<lang>, score, is_focus (pii.analysis.indicator.detail().peers)."""
    col = "province_vi" if lang == "vi" else "province_en"
    have = peers.dropna(subset=["score"]).sort_values("score", ascending=False).reset_index(drop=True)
    missing = peers[peers["score"].isna()][col].tolist()
    rows = pd.DataFrame({"name": have[col], "score": have["score"], "focus": have["is_focus"].astype(bool)})
    f = compare_bar(rows, missing, focus_name, group_name, code, lang)
    return f


def indicator_history(history: pd.DataFrame, code: str, focus_name: str, lang: str) -> Finding:
    rows = history.rename(columns={"unit_vi" if lang == "vi" else "unit_en": "unit_name"})
    rows = rows[~rows["merged"].astype(bool)] if "merged" in rows else rows
    return trends(rows, "score", focus_name, code, lang)


# -- what-if -----------------------------------------------------------------------------------------
def waterfall(base: float, new: float, contrib: pd.DataFrame, n_changed: int, lang: str) -> Finding:
    """``contrib``: code, pii_delta per pillar."""
    known = contrib.dropna(subset=["pii_delta"]).sort_values("pii_delta", ascending=False)
    top = known.iloc[0] if len(known) and float(known["pii_delta"].iat[0]) > 0 else None
    title = t("fd_wf", lang, n=n_changed, base=_n(base, lang), new=_n(new, lang), delta=_n(new - base, lang, True))
    if top is not None:
        title += t("fd_wf_top", lang, code=top["code"], delta=_n(top["pii_delta"], lang, True))
    detail = "; ".join(f"{c} {_n(v, lang, True)}" for c, v in zip(known["code"], known["pii_delta"]))
    return Finding(title, _alt("bar", title, detail, lang), {"base": base, "new": new, "delta": new - base})


def leverage(lev: pd.DataFrame, value_col: str, names: dict[str, str], lang: str) -> Finding:
    d = lev.dropna(subset=[value_col]).head(10)
    if d.empty:
        title = t("fd_lev_empty", lang)
        return Finding(title, _alt("bar", title, "", lang))
    top = d.iloc[0]
    title = t("fd_lev", lang, code=top["code"], name=names.get(top["code"], ""),
              gain=fmt.number(top[value_col], lang, decimals=3))
    detail = "; ".join(f"{c} {fmt.number(v, lang, decimals=3)}" for c, v in zip(d["code"], d[value_col]))
    return Finding(title, _alt("bar", title, detail, lang), {"code": top["code"], "gain": float(top[value_col])})


# -- plan tracker ------------------------------------------------------------------------------------
def plan_units(summary: pd.DataFrame, lang: str) -> Finding:
    """``summary``: pii.analysis.plan_tracker.unit_summary (most bottom-band indicators first)."""
    col = "unit_vi" if lang == "vi" else "unit_en"
    if summary.empty:
        title = t("fd_plan_empty", lang)
        return Finding(title, _alt("bar", title, "", lang))
    top = summary.iloc[0]
    # distinct indicators: one led by two units counts once
    n_bottom = len(set().union(*summary["bottom_codes"]))
    tied = int((summary["n_bottom"] == top["n_bottom"]).sum())
    if tied > 1:  # naming one of several equal units would single it out
        title = t("fd_plan_tie", lang, total=n_bottom, tied=tied, k=int(top["n_bottom"]), units=len(summary))
    else:
        title = t("fd_plan", lang, unit=top[col], k=int(top["n_bottom"]), total=n_bottom, units=len(summary))
    detail = "; ".join(f"{u}: {int(b)}/{int(n)}" for u, b, n in
                       zip(summary[col].head(5), summary["n_bottom"].head(5), summary["n_lead"].head(5)))
    return Finding(title, _alt("bar", title, detail, lang),
                   {"unit": top["unit_id"], "k": int(top["n_bottom"]), "total": n_bottom})
