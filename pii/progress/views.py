"""Plan progress as the page, the meeting sheet and the leadership pack show it:
the board in the UI language, reminders ready to copy, the XLSX and PDF sheet."""

from __future__ import annotations

import html
import re
from datetime import date

import pandas as pd

from pii import fmt
from pii.i18n import t
from pii.progress import board as bd
from pii.progress import store
from pii.progress.context import PlanContext, plan_context
from pii.viewstate import PLAN_ID, ViewState
from queries import PiiDB


def plan_label(plan_id: str) -> str:
    """"152/KH-UBND" for the id "152/KH-UBND-2024" (the year is part of the id, not of the number)."""
    return re.sub(r"-\d{4}$", "", plan_id)


def status_label(status: object, lang: str) -> str:
    status_key = f"pg_status_{status if isinstance(status, str) else 'none'}"
    return t(status_key, lang)


def load_board(db: PiiDB, plan_id: str, edition: int, province_id: str, today: date,
               url: str | None = None) -> tuple[PlanContext, pd.DataFrame]:
    """The plan's assignments with the store's reports, checklists and evidence (one read of each)."""
    ctx = plan_context(db, plan_id)
    scores = db.scores(edition, provinces=[province_id], levels=["indicator"])
    df = bd.board(ctx, scores, store.rows("last_reports", {"plan_id": plan_id}, url), db.checklists(plan_id),
                  store.rows("last_checklist_entries", {"plan_id": plan_id}, url),
                  store.rows("evidence_of_plan", {"plan_id": plan_id}, url), today)
    return ctx, df


def followed_plan(s: ViewState) -> str:
    """The plan the progress page follows: the focus province's (``ViewState.plan_id``), else plan 152, the
    plan the Department reports on (a province without a plan of its own still sees the Department's board)."""
    return s.plan_id or PLAN_ID


def board_of(s: ViewState, plan_id: str, today: date, url: str | None = None) -> tuple[PlanContext, pd.DataFrame]:
    """:func:`load_board` for a view state (the page's)."""
    return load_board(s.db, plan_id, s.edition, s.province_id, today, url)


def checklist_of(s: ViewState, plan_id: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """The plan's evidence checklist items and the framework's code names in the view's language."""
    fw = s.db.framework(s.edition)
    return s.db.checklists(plan_id), dict(zip(fw["code"], fw[s.name_col]))


def board_frame(df: pd.DataFrame, lang: str, numeric: bool = False) -> pd.DataFrame:
    """The board as a table in the UI language: numbers formatted as text for the page (47,75 / 47.75), or
    kept as numbers (``numeric``) for a workbook, so Excel sorts and sums them."""
    name = f"name_{lang}"
    out = pd.DataFrame({
        t("pg_col_code", lang): df["code"],
        t("pg_col_indicator", lang): df[name].fillna(t("missing", lang)),
        t("pg_col_unit", lang): df[f"unit_{lang}"],
        t("pg_col_score", lang): [fmt.number(v, lang, missing=t("missing", lang)) for v in df["score"]],
        t("pg_col_rank", lang): fmt.rank_column(df, lang, missing=t("missing", lang)),
        t("pg_col_status", lang): [status_label(s, lang) for s in df["status"]],
        t("pg_col_date", lang): [fmt.date(d, lang) if d is not None and not pd.isna(d) else "—"
                                 for d in df["reported_on"]],
        t("pg_col_age", lang): ["—" if pd.isna(a) else str(int(a)) for a in df["age_days"]],
        t("pg_col_reports", lang): df["reports"].astype(int),
        t("pg_col_missing", lang): [f"{m}/{n}" if n else "—" for m, n in
                                    zip(df["evidence_missing"], df["checklist_items"])],
        t("pg_col_files", lang): df["evidence_files"].astype(int),
    })
    if numeric:
        out[t("pg_col_score", lang)] = df["score"].to_numpy()
        out[t("pg_col_rank", lang)] = df["rank"].astype("Int64").to_numpy()
    return out


def reminders(df: pd.DataFrame, plan_id: str, data_call: date, lang: str = "vi") -> list[tuple[str, str]]:
    """(unit name, reminder text naming its indicators) for every unit with an assignment behind."""
    out = []
    for unit, rows in df.groupby(f"unit_{lang}", sort=True):
        codes = ", ".join(dict.fromkeys(rows["code"]))
        out.append((str(unit), t("pg_reminder", lang, unit=unit, plan=plan_id, codes=codes,
                                 date=fmt.date(data_call, lang))))
    return out


def sheet_html(df: pd.DataFrame, plan_id: str, today: date, lang: str, demo: bool = False) -> str:
    """The meeting sheet: the board on A4 landscape pages, every cell escaped."""
    table = board_frame(df, lang)
    esc = html.escape
    head = "".join(f"<th>{esc(str(c))}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in row) + "</tr>"
                   for row in table.itertuples(index=False))
    title = t("pg_sheet_title", lang, plan=plan_id, date=fmt.date(today, lang))
    mark = f'<p class="wm">{esc(t("watermark", lang))}</p>' if demo else ""
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>
<style>body {{ font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10px; color: #1F2933; }}
h1 {{ font-size: 15px; color: #1F4E79; }} table {{ border-collapse: collapse; width: 100%; }}
th {{ background: #1F4E79; color: #fff; text-align: left; padding: 3px; }}
td {{ border-bottom: 1px solid #D9DDE3; padding: 2px 3px; vertical-align: top; }}
thead {{ display: table-header-group; }} tr {{ break-inside: avoid; }}
.wm {{ color: #B00020; font-weight: bold; }}</style></head><body>{mark}<h1>{esc(title)}</h1>
<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>"""


def leadership_lines(df: pd.DataFrame, lang: str, n: int = 5) -> tuple[list[str], list[str]]:
    """The leadership's view: per unit reported/done, and the weakest indicators with no recent report."""
    if not df["status"].notna().any():
        return [], []
    per_unit = bd.unit_progress(df)
    units = [t("pg_lead_line", lang, unit=u[f"unit_{lang}"], reported=int(u["reported"]), n=int(u["assignments"]),
               done=int(u["done"])) for _, u in per_unit.iterrows()]
    names = dict(zip(df["unit_id"], df[f"unit_{lang}"]))
    weak = [t("pg_lead_weak_line", lang, code=w["code"], name=w[f"name_{lang}"] or w["code"],
              rank=fmt.rank(w["rank"], w["rank_of"], lang), units=", ".join(names.get(u, u) for u in w["unit_ids"]))
            for _, w in bd.weakest_unreported(df, n).iterrows()]
    return units, weak
