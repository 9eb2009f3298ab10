"""Exports from a page: charts with the toolbar and the "Xuất ảnh / Export"
popover (publication images with title, subtitle, source line, date), and
CSV/XLSX downloads of the tables shown."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from pages.url_state import Context
from pii.i18n import t

GROUP_PAGES = ("compare", "heatmap", "trends", "indicator")  # pages whose charts are about the peer group


def plotly(fig: object, ctx: Context, key: str | None = None, filename: str | None = None,
           title: str | None = None, sources: Sequence[str] | pd.DataFrame | None = None,
           note: str | None = None, subtitle: str | None = None) -> None:
    """Render a figure with the app's toolbar config (2x PNG download, named
    file) and an "Xuất ảnh / Export" popover for publication images (title,
    subtitle, source line, date; PNG/SVG/PDF at press presets) with alt text.
    ``title`` overrides the image title; ``sources`` are the source ids (or
    rows of the sources table) of the figures shown, for the source line;
    ``note`` is printed on the image above the source line (e.g. "6/14 tỉnh
    chưa có số liệu công bố: …" when units are left out)."""
    from pii.charts.theme import add_watermark
    from pii.panels.filenames import export_name

    if ctx.demo:
        add_watermark(fig)  # type: ignore[arg-type]
    # page, group (where the page compares), province, edition — words in the UI language
    group = ctx.group if ctx.page in GROUP_PAGES else None
    fname = filename or export_name(ctx.page, ctx.lang, group=group, province=ctx.province_name(ctx.province_id),
                                    edition=ctx.edition)
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": fname},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }
    from pii.analysis.map import plotly_geo_config  # maps: no base-map download (offline)

    config.update(plotly_geo_config(fig))
    st.plotly_chart(fig, width="stretch", config=config, key=key)
    # issue 21: a text alternative that states the chart's finding (the export's alt text), for screen readers;
    # escaped: names in it come from data
    from pii.export import alt_text

    alt = alt_text(fig, _export_title(fig, ctx, title), ctx.lang)  # type: ignore[arg-type]
    st.html(f'<p class="pii-sr-only" data-pii-alt="{html.escape(key or fname)}">{html.escape(alt)}</p>')
    # two charts without a key may share a file name: number repeats within the run (stable across reruns)
    seen = ctx.__dict__.setdefault("_export_keys", {})
    base = key or fname
    seen[base] = seen.get(base, 0) + 1
    export_popover(fig, ctx, base if seen[base] == 1 else f"{base}_{seen[base]}", fname, title, sources, note,
                   subtitle)


def _export_title(fig: object, ctx: Context, title: str | None) -> str:
    fig_title = getattr(getattr(getattr(fig, "layout", None), "title", None), "text", None)
    if title or fig_title:
        return str(title or fig_title)
    return f"{ctx.page_title()}: {ctx.province_name(ctx.province_id)}, PII {ctx.edition}"


def _export_meta(ctx: Context, sources: Sequence[str] | pd.DataFrame | None,
                 subtitle: str | None = None) -> tuple[str, str]:
    """Subtitle and source line of a chart exported from a page (run at click
    time: the queries stay out of every page run)."""
    from pii.export import source_line
    from pii.provenance import source_rows

    subtitle = subtitle or ctx.subtitle()  # a panel's own (what · where · when), else the page's
    if isinstance(sources, pd.DataFrame):
        line = source_line(ctx.edition, sources, ctx.lang)
    elif sources:
        ids = [str(i) for i in sources]
        line = source_line(ctx.edition, source_rows(ctx, ids), ctx.lang, ids)
    else:
        line = source_line(ctx.edition, None, ctx.lang)
    if ctx.demo:
        line = f"{t('watermark', ctx.lang)} · {line}"
    return subtitle, line


def export_popover(fig: object, ctx: Context, key: str, filename: str, title: str | None = None,
                   sources: Sequence[str] | pd.DataFrame | None = None, note: str | None = None,
                   subtitle: str | None = None) -> None:
    """Format + size pickers and one download button; the image is rendered
    only when the button is clicked (a callable), so page runs stay fast."""
    from pii.export import FORMATS, PRESETS, alt_text, decorate, to_image
    from pii.export.image import MIME

    # lazy: the pickers, the alt text and their scripts are sent only once the popover is opened (a rerun),
    # not with every chart of every page load
    pop = st.popover(t("ex_export_button", ctx.lang), icon=":material/download:", key=f"_ex_pop_{key}",
                     on_change="rerun")
    if not pop.open:
        return
    img_title = _export_title(fig, ctx, title)
    with pop:
        c1, c2 = st.columns(2)
        fmt_ = c1.selectbox(t("ex_format", ctx.lang), list(FORMATS), key=f"_ex_fmt_{key}",
                            format_func=str.upper)
        preset = c2.selectbox(t("ex_preset", ctx.lang), list(PRESETS), key=f"_ex_preset_{key}",
                              format_func=lambda p: t(f"ex_preset_{p}", ctx.lang))
        lang, width, height = ctx.lang, PRESETS[preset].width, PRESETS[preset].height

        def render() -> bytes:
            sub, line = _export_meta(ctx, sources, subtitle)
            out = decorate(fig, img_title, sub, line, None, lang, width=width,  # type: ignore[arg-type]
                           height=height, note=note)
            data = to_image(out, fmt_, preset)
            if fmt_ == "pdf":  # a title and the language in the file (issue 21)
                from pii.export.pdf_meta import with_metadata

                data = with_metadata(data, img_title, lang)
            return data

        st.download_button(t("ex_download_image", ctx.lang, fmt=fmt_.upper()), render,
                           file_name=f"{filename}_{preset}.{fmt_}", mime=MIME[fmt_], on_click="ignore",
                           key=f"_ex_dl_{key}", icon=":material/image:", help=t("ex_export_help", ctx.lang))
        st.caption(f"**{t('ex_alt_label', ctx.lang)}:** {alt_text(fig, img_title, ctx.lang)}")  # type: ignore[arg-type]


def download_table(df: pd.DataFrame, ctx: Context, name: str, key: str | None = None,
                   sources: Sequence[str] | pd.DataFrame | None = None) -> None:
    """Download buttons for a table shown on a page: CSV (UTF-8 with BOM so
    Excel shows Vietnamese) and XLSX (formatted header, frozen first row, a
    sources sheet). ``sources``: source ids or rows of the sources table."""
    from pii.export.image import MIME
    from pii.export.tables import to_csv_bytes, to_xlsx_bytes

    lang = ctx.lang
    if ctx.demo:  # demo-mode exports carry the watermark in every row and in the file name
        df = df.copy()
        df.insert(0, t("watermark", lang), t("watermark", lang))
        name = f"{name}_MINH_HOA_DEMO"
    from pii.provenance import source_rows

    src = sources if isinstance(sources, pd.DataFrame) else source_rows(ctx, sources) if sources else None
    with st.container(horizontal=True):
        st.download_button(t("download_csv", lang), to_csv_bytes(df), file_name=f"{name}.csv", mime="text/csv",
                           key=key or f"dl_csv_{name}", on_click="ignore", icon=":material/download:")
        st.download_button(t("download_xlsx", lang), lambda: to_xlsx_bytes(df, lang, sources=src, title=name),
                           file_name=f"{name}.xlsx", mime=MIME["xlsx"], key=f"{key or 'dl'}_xlsx_{name}",
                           on_click="ignore", icon=":material/table_view:")


def data_table(df: pd.DataFrame, ctx: Context, key: str, label: str | None = None, **kw: object) -> None:
    """A page's data table in a lazy expander ("Xem bảng số liệu (n dòng)"): the grid is sent when opened. Each
    st.dataframe grid cost ~0.15 s of a fresh page load on the 2-core box (more than a chart's own drawing)
    and repeats what the chart above it shows; the CSV/XLSX downloads stay outside, always one click away."""
    from pages.chrome import lazy_expander

    box = lazy_expander(label or t("table_show", ctx.lang, n=len(df)), f"_table_{ctx.page}_{key}",
                        icon=":material/table_view:")
    if box is not None:
        with box:
            st.dataframe(df, hide_index=True, width="stretch", **kw)  # type: ignore[arg-type]
