"""Panels of the indicator page: the focus unit's record across editions and the peer group's values for one
code, with their tables (page, packs, CLI)."""

from __future__ import annotations

import pandas as pd

from pii import fmt
from pii.analysis import findings
from pii.analysis import indicator as ind
from pii.analysis.history import recent_editions
from pii.charts.indicator import history_bars, peer_bars
from pii.panels.filenames import export_name
from pii.panels.panel import Panel, empty_panel, from_finding, panel, subtitle
from pii.provenance import ids_of
from pii.viewstate import PLAN_ID, ViewState


@panel
def codes(s: ViewState) -> tuple[list[str], dict[str, str], str]:
    """(codes of the edition, their names, the default code: the focus unit's weakest indicator)."""
    fw = s.db.framework(s.edition)
    return fw["code"].tolist(), dict(zip(fw["code"], fw[s.name_col])), ind.default_code(s.db, s.edition,
                                                                                          s.province_id)


@panel
def detail(s: ViewState, code: str | None = None) -> ind.IndicatorDetail:
    """Definition, weight, record, peers and plan of one code (None: the default code)."""
    return ind.detail(s.db, s.edition, s.province_id, code or codes(s)[2], PLAN_ID, s.peer_ids())


def _history_rows(s: ViewState, code: str | None) -> pd.DataFrame:
    d = detail(s, code)
    return d.history[d.history["edition"].isin(recent_editions([int(e) for e in s.editions["edition"]],
                                                               s.edition))]  # the last 10 editions


@panel
def history(s: ViewState, code: str | None = None) -> Panel:
    """The focus unit's score and rank per edition (a merged unit's bars in grey)."""
    code = code or codes(s)[2]
    d, hist = detail(s, code), _history_rows(s, code)
    pname = s.name(s.province_id)
    sub = subtitle(s, f"{code} {d.info[s.name_col]}", pname)
    captions = [s.tm("history_capped", n=len(hist), total=len(d.history))] if len(hist) < len(d.history) else []
    if hist["merged"].any():
        captions.append(s.t("ind_history_merger"))
    if hist["score"].isna().all() and hist["rank"].isna().all():
        return empty_panel("indicator_history", s.t("no_data_selection"), sub, data=hist, captions=captions)
    f = findings.indicator_history(hist, code, pname, s.lang)
    src = ids_of(s.db.score_history(hist["unit_id"].unique().tolist(), [code]))
    return from_finding("indicator_history", history_bars(hist, s.lang), f, sub, src, data=hist, captions=captions,
                        filename=export_name("indicator", s.lang, province=pname, extra=code))


@panel
def history_table(s: ViewState, code: str | None = None) -> pd.DataFrame:
    hist = _history_rows(s, code)
    return pd.DataFrame({
        s.t("ind_history_table_edition"): [f"PII {e}" for e in hist["edition"]],
        s.t("ind_history_table_unit"): hist["unit_vi" if s.lang == "vi" else "unit_en"],
        s.t("score"): [s.num(v) for v in hist["score"]],
        s.t("rank"): fmt.rank_column(hist, s.lang),
    })


@panel
def peers(s: ViewState, code: str | None = None) -> Panel:
    """The peer group's published values of one code, focus in the accent colour; a peer without a figure is a
    row that says so (nothing is left out, no note needed)."""
    code = code or codes(s)[2]
    d = detail(s, code)
    where = s.group_name()
    sub = subtitle(s, f"{code} {d.info['name_vi' if s.lang == 'vi' else 'name_en']}", where)
    known = int((d.peers["score"].notna() | d.peers["rank"].notna()).sum())
    captions = [s.tm("ind_peers_coverage", k=known, n=len(d.peers))]
    if known == 0:
        return empty_panel("indicator", s.t("no_data_selection"), sub, data=d.peers, captions=captions)
    pname = s.name(s.province_id)
    f = findings.indicator_peers(d.peers, code, pname, where, s.lang)
    used = s.db.scores(s.edition, provinces=d.peers["province_id"].tolist(), codes=[code])
    return from_finding("indicator", peer_bars(d.peers, s.lang), f, sub, ids_of(used), data=d.peers,
                        captions=captions,
                        filename=export_name("indicator", s.lang, group=s.group, province=pname, edition=s.edition,
                                             extra=code))


def indicator(s: ViewState) -> Panel:
    return peers(s, None)


VIEWS = (("indicator", indicator),)
