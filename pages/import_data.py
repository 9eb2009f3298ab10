"""Import page: password, upload, dry-run report, publish, rollback, log.

The only page that writes; everything it does goes through pii.pipeline.importer (the
same code as ``python -m pii import``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from pages import common, import_auth
from pages import import_parts as parts
from pii.pipeline import importer, paths, sandbox
from pii.pipeline.import_formats import MAX_BYTES
from pii.pipeline.problems import DataError
from pii.safety import csv_safe_frame, md_escape

TEMPLATES = Path(__file__).resolve().parent.parent / "assets" / "templates"

ctx = common.setup_page("import_data")
common.show_notices_now(ctx)
st.title(ctx.t("imp_title"))


def _log_table(signed_in: bool) -> None:
    """The import log; who published is shown only to a signed-in user (issue 22: account names are not
    public)."""
    st.subheader(ctx.t("imp_log"))
    log = importer.read_log(paths.data_dir())
    if not log:
        st.caption(ctx.t("imp_log_empty"))
        return
    df = pd.DataFrame(log[::-1][:50])
    for col in ("rows_added", "rows_changed"):  # a rollback has no counts: a dash, not "None"
        df[col] = df.get(col, pd.Series(index=df.index, dtype=float)).map(
            lambda v: "—" if pd.isna(v) else str(int(v)))
    df["action"] = df["action"].map(lambda a: ctx.t(f"imp_action_{a}") if a in ("import", "rollback") else a)
    cols = {"when": ctx.t("imp_col_when"), **({"who": ctx.t("imp_col_who")} if signed_in else {}),
            "action": ctx.t("imp_col_action"),
            "file": ctx.t("imp_col_file"), "rows_added": ctx.t("imp_added"), "rows_changed": ctx.t("imp_changed"),
            "sha256": ctx.t("imp_col_sha")}
    # file names come from uploads: a grid's own "Download as CSV" writes cells as they are (issue 22)
    st.dataframe(csv_safe_frame(df.reindex(columns=list(cols)).rename(columns=cols)), hide_index=True,
                 width="stretch")


def _problems_table(report: importer.ImportReport) -> None:
    df = report.problem_frame(ctx.lang)
    df = df.rename(columns={"file": ctx.t("imp_col_file"), "row": ctx.t("imp_col_row"),
                            "column": ctx.t("imp_col_column"), "message": ctx.t("imp_col_message"),
                            "value": ctx.t("imp_col_value")})
    # shown as text (names like <script> stay inert); formula-like values get a leading ' so the grid's own
    # "Download as CSV" is as safe as ours (issue 22)
    st.dataframe(csv_safe_frame(df), hide_index=True, width="stretch")
    common.download_table(df, ctx, "import_problems", key="imp_problems")


if not ctx.demo:
    parts.request_download(ctx)  # public: it holds only published figures
user = None if ctx.demo else import_auth.signed_in_user(ctx)  # named accounts, lockout, idle timeout, sign-out
if ctx.demo:
    st.info(ctx.t("imp_demo_off"))
elif user is None:
    pass  # import_auth showed the sign-in form (or why import is off)
else:
    st.write(ctx.t("imp_intro"))
    with st.expander(ctx.t("imp_templates")):
        st.caption(ctx.t("imp_templates_help"))
        with st.container(horizontal=True):
            for f in sorted(TEMPLATES.glob("*")):
                st.download_button(f.name, f.read_bytes(), file_name=f.name, key=f"imp_tpl_{f.name}",
                                   on_click="ignore", icon=":material/description:")
    kinds = ["auto", *importer.KINDS]
    kind = st.selectbox(ctx.t("imp_format"), kinds, key="_imp_kind", format_func=lambda k: ctx.t(f"imp_format_{k}"))
    extra: dict[str, str | None] = {}
    if kind not in ("framework", "crosswalk"):  # what the file does not say: --edition, --province, --source
        c1, c2, c3 = st.columns(3)
        extra["edition"] = c1.selectbox(ctx.t("imp_edition"), [None, *[str(e) for e in ctx.editions["edition"]]],
                                        key="_imp_edition", format_func=lambda e: e or ctx.t("impd_edition_auto"))
        extra["province"] = c2.text_input(ctx.t("imp_province"), key="_imp_province") if kind == "appendix" else None
        extra["source"] = c3.text_input(ctx.t("imp_source"), key="_imp_source")
    up = st.file_uploader(ctx.t("imp_file"), type=["csv", "xlsx", "xls", "txt", "docx", "pdf"], key="_imp_file")
    st.caption(ctx.t("imp_limit", mb=MAX_BYTES // (1024 * 1024)))
    if up is not None:
        data = up.getvalue()
        # Every byte of the upload is parsed in the limited worker, the sheet list too (issue 22): the first
        # check reads the sheet it finds and lists the others; choosing one checks again with it.
        sheet_key = f"_impd_sheet_{up.file_id}"
        args = dict(kind=None if kind == "auto" else kind, sheet=st.session_state.get(sheet_key), **extra)
        bar = parts.ProgressBar(ctx)  # the worker's step, once the check has run for a second
        with st.spinner(ctx.t("imp_checking")):
            report = sandbox.check_in_worker(data, up.name, on_progress=bar, **args)  # limited worker (issue 12)
        bar.close()
        parts.sheet_choice(ctx, report, sheet_key)
        c1, c2, c3, c4 = st.columns(4)
        c1.metric(ctx.t("imp_rows"), report.rows_in_file)
        c2.metric(ctx.t("imp_added"), report.added)
        c3.metric(ctx.t("imp_changed"), report.changed)
        c4.metric(ctx.t("imp_unchanged"), report.unchanged)
        parts.preview(ctx, report)
        if report.problems:
            st.error(ctx.t("imp_problems", n=report.problem_count))
            _problems_table(report)
            parts.problems_by_unit_view(ctx, report)  # a whole edition: the problems of each unit together
        else:
            st.success(ctx.t("imp_ok", seconds=ctx.num(report.seconds, 1)))
            if report.added + report.changed == 0:
                st.info(ctx.t("impd_no_change"))
            sure = st.checkbox(ctx.t("impd_confirm"), key="_imp_confirm")
            if st.button(ctx.t("imp_publish"), type="primary", key="_imp_publish", disabled=not sure):
                done = importer.publish(data, up.name, user=f"web:{user}", checker=sandbox.check_in_worker,
                                        **args)  # type: ignore[arg-type]
                if done.ok:
                    st.success(ctx.t("imp_published", file=md_escape(done.file), added=done.added,
                                     changed=done.changed))
                else:
                    st.error(ctx.t("imp_problems", n=done.problem_count))
                    _problems_table(done)
    st.divider()
    confirm = st.checkbox(ctx.t("imp_rollback_confirm"), key="_imp_rb_confirm")
    if st.button(ctx.t("imp_rollback"), disabled=not confirm, key="_imp_rollback"):
        try:
            entry = importer.rollback(user=f"web:{user}")
            st.success(ctx.t("imp_rolled_back", file=md_escape(entry.get("file"))))
        except DataError as err:
            for p in err.problems:
                st.error(p.text(ctx.lang))

_log_table(signed_in=user is not None)
common.finish_page(ctx)
