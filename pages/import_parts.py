"""Parts of the import page (issue 11): the data-request download (public), the sheet
choice and the preview shown before publishing. Rendering only; the facts come from
pii.pipeline (readers, preview, data_request)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages.chrome import lazy_expander
from pii.panels import import_data as import_panels
from pii.pipeline import data_request, importer
from pii.pipeline.preview import change_label, how_lines, summary_counts
from pii.pipeline.preview_units import absent_measures, absent_units, at_edition_scale, problems_by_unit, unit_frame
from pii.safety import csv_safe_frame, md_text, shown_text


def request_download(ctx: object) -> None:
    """A peer's data-request workbook: public (no password), it holds only published figures."""
    with st.expander(ctx.t("impd_request"), icon=":material/outgoing_mail:"):  # type: ignore[attr-defined]
        st.caption(ctx.t("impd_request_help"))  # type: ignore[attr-defined]
        eds = [int(e) for e in ctx.editions["edition"]]  # type: ignore[attr-defined]
        c1, c2 = st.columns(2)
        edition = c2.selectbox(ctx.t("impd_request_edition"), eds, index=0, key="_impd_req_ed")  # type: ignore
        names = import_panels.edition_unit_names(ctx, edition)  # type: ignore[arg-type]
        if not names:
            return
        order = sorted(names, key=lambda p: (p != "bac_kan", names[p]))  # a Northern Midlands peer first
        pid = c1.selectbox(ctx.t("impd_request_province"), order, key="_impd_req_prov",  # type: ignore[attr-defined]
                           format_func=lambda p: names[p])
        try:
            data = data_request.request_workbook(pid, edition)
        except (ValueError, KeyError, OSError):
            return
        st.download_button(ctx.t("impd_request_button"), data,  # type: ignore[attr-defined]
                           file_name=f"de_nghi_so_lieu_{pid}_{edition}.xlsx", key="_impd_req_dl",
                           on_click="ignore", icon=":material/download:")


def sheet_choice(ctx: object, report: importer.ImportReport, key: str) -> None:
    """A select of the workbook's sheets (hidden ones marked), as the worker listed them (issue 22: nothing
    of the upload is parsed in the server); None = let the reader choose. Choosing reruns the check."""
    sheets = (report.how or {}).get("sheets") or []
    if len(sheets) < 2:
        return
    labels = {None: ctx.t("impd_sheet_auto")}  # type: ignore[attr-defined]
    labels.update({n: n if s == "visible" else ctx.t("impd_sheet_hidden", name=n)  # type: ignore[attr-defined]
                   for n, s in sheets})
    st.selectbox(ctx.t("impd_sheet"), list(labels), key=key,  # type: ignore[attr-defined]
                 format_func=lambda k: shown_text(labels.get(k, k)))


def preview(ctx: object, report: importer.ImportReport) -> None:
    """How the file was read, every figure with its place and change, the checks."""
    t, lang = ctx.t, ctx.lang  # type: ignore[attr-defined]
    lines = how_lines(report.how or {}, lang)
    if lines:
        st.subheader(t("impd_how"))
        st.markdown("\n".join(f"- {_plain(line)}" for line in lines))
    fig = report.figures
    if at_edition_scale(fig):  # thousands of figures: the summary per unit first, every figure on demand
        edition_summary(ctx, report)
        box = lazy_expander(t("impe_all_figures", n=len(fig)), "_impe_all")
        if box is not None:
            with box:
                _figure_table(ctx, report)
    elif fig is not None and not fig.empty:
        _figure_table(ctx, report)
    _names_table(ctx, report)
    if report.checks:
        st.subheader(t("impd_checks"))
        st.markdown("\n".join(f"- {_plain(vi if lang == 'vi' else en)}" for vi, en in report.checks))


def _names_table(ctx: object, report: importer.ImportReport) -> None:
    """A framework import: every code and name it will publish (issue 22), as text in a grid (never Markdown),
    formula-like text made inert."""
    frames = [df for fname, df in (report.outputs or {}).items() if fname.startswith("framework__")]
    if not frames:
        return
    fw = pd.concat(frames, ignore_index=True)
    t = ctx.t  # type: ignore[attr-defined]
    cols = {"edition": t("impd_col_edition"), "code": t("impd_col_code"), "level": t("impd_names_level"),
            "parent_code": t("impd_names_parent"), "name_vi": t("impd_names_vi"), "name_en": t("impd_names_en")}
    show = csv_safe_frame(fw.reindex(columns=list(cols)).fillna("").astype(str).rename(columns=cols))
    st.subheader(t("impd_names", n=len(show)))
    _grid(show, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(show)))


def _figure_table(ctx: object, report: importer.ImportReport) -> None:
    """Every figure read: its place, code and name, value, the value now, the change."""
    t, lang = ctx.t, ctx.lang  # type: ignore[attr-defined]
    fig = report.figures
    counts = summary_counts(fig)
    st.subheader(t("impd_figures", n=len(fig)))
    if counts["source"]:
        st.caption(f"{t('impd_sources_changed')}: {counts['source']}")
    names, en = import_panels.figure_labels(ctx, tuple(sorted(int(e) for e in set(fig["edition"]))))  # type: ignore
    show = pd.DataFrame({
        t("impd_col_where"): fig["where"], t("impd_col_edition"): fig["edition"].astype(str),
        t("impd_col_unit"): fig["province_id"].map(lambda p: names.get(p, p)), t("impd_col_code"): fig["code"],
        t("impd_col_name"): fig["name"] if lang == "vi" else fig["code"].map(lambda c: en.get(c, "")),
        t("impd_col_measure"): fig["measure"].map(lambda m: t(f"impd_measure_{m}")),
        t("impd_col_value"): [_num(ctx, v, m) for v, m in zip(fig["value"], fig["measure"])],
        t("impd_col_before"): [_num(ctx, v, m) for v, m in zip(fig["before"], fig["measure"])],
        t("impd_col_change"): fig["change"].map(lambda c: change_label(c, lang)),
        t("impd_col_source"): fig["source"], t("impd_col_source_before"): fig["source_before"]})
    _grid(show, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(show)))


class ProgressBar:
    """The check's step as a progress bar, drawn only once the check has run for a second (issue 19)."""

    def __init__(self, ctx: object) -> None:
        import time

        self.lang, self.t0, self.bar = ctx.lang, time.monotonic(), None  # type: ignore[attr-defined]

    def __call__(self, done: int, total: int, what: str) -> None:
        import time

        from pii.pipeline.progress import label

        if time.monotonic() - self.t0 < 1.0:
            return
        text = label(done, total, what, self.lang)
        value = min(1.0, (done + 1) / max(total, 1))
        if self.bar is None:
            self.bar = st.progress(value, text=text)
        else:
            self.bar.progress(value, text=text)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.empty()


def edition_summary(ctx: object, report: importer.ImportReport) -> None:
    """A whole edition: one line per unit first; absent units and measures on demand. Every name from the
    file or the data is shown as text (a dataframe cell, st.text), never as Markdown."""
    t = ctx.t  # type: ignore[attr-defined]
    how, fig = report.how or {}, report.figures
    names = how.get("unit_names") or {}
    units = unit_frame(fig)
    st.subheader(t("impe_units", n=len(units)))
    _grid(pd.DataFrame({
        t("impe_col_unit"): units["province_id"].map(lambda p: names.get(p, p)),
        t("impe_col_edition"): units["edition"].astype(str), t("impe_col_figures"): units["figures"],
        t("impe_col_added"): units["added"], t("impe_col_changed"): units["changed"],
        t("impe_col_unchanged"): units["unchanged"]}), hide_index=True, width="stretch",
        height=min(420, 38 + 35 * len(units)))
    gone = absent_units(how, fig)
    if not gone:
        st.text(t("impe_absent_units", n=0))
    elif (box := lazy_expander(t("impe_absent_units", n=len(gone)), "_impe_absent_units")) is not None:
        with box:
            st.text(", ".join(names.get(u, u) for _, u in gone))
    miss = absent_measures(how, fig)
    if miss.empty:
        st.text(t("impe_absent_measures", n=0))
    elif (box := lazy_expander(t("impe_absent_measures", n=len(miss)), "_impe_absent_measures")) is not None:
        with box:
            _grid(pd.DataFrame({t("impe_col_unit"): miss["province_id"].map(lambda p: names.get(p, p)),
                                       t("impe_col_missing"): miss["missing"], t("impe_col_codes"): miss["codes"]}),
                         hide_index=True, width="stretch")

def problems_by_unit_view(ctx: object, report: importer.ImportReport) -> None:
    """Every problem grouped by the unit it is about, the count per unit first, each group on demand."""
    t, lang = ctx.t, ctx.lang  # type: ignore[attr-defined]
    groups = problems_by_unit(list(report.problems), report.how or {})
    if len(groups) < 2:
        return
    st.subheader(t("impe_problems_by_unit"))
    for i, (unit, probs) in enumerate(groups):
        label = ctx.tm("impe_problems_unit", unit=unit or t("impe_problems_file"), n=len(probs))  # type: ignore
        box = lazy_expander(label, f"_impe_pu_{i}")
        if box is not None:
            with box:
                _grid(pd.DataFrame([{t("imp_col_row"): p.row, t("imp_col_column"): p.column,
                                            t("imp_col_message"): p.message_vi if lang == "vi" else p.message_en}
                                           for p in probs]), hide_index=True, width="stretch")


def _grid(df: pd.DataFrame, **kw: object) -> None:
    """Every grid of the preview: names, places, sources and values come from the upload; formula-like text
    gets a leading ' so the grid's own "Download as CSV" is as safe as the app's downloads (issue 22)."""
    st.dataframe(csv_safe_frame(df), **kw)  # type: ignore[arg-type]


def _num(ctx: object, value: object, measure: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    return str(int(value)) if measure == "rank" else ctx.num(value, 2)  # type: ignore[attr-defined]


def _plain(text: str) -> str:
    """Facts of a file (sheet names, header text) shown as text, not Markdown (issue 22: the one escape)."""
    return md_text(text)
