"""Briefing packs: pick views (with the current sidebar settings) into a pack,
order them, download PPTX/PDF; or take the ready-made leadership briefing."""

from __future__ import annotations

import streamlit as st

from pages import common
from pii.export.image import MIME, warm_up
from pii.export.packs import PackItem, build_pack_for, item_view, leadership_items
from pii.i18n import t
from pii.panels.filenames import export_name, view_group
from pii.panels.registry import PACKS, VIEWS, view_label
from pii.safety import md_text

PACK_KEY = "_br_pack"

ctx = common.setup_page("briefing")
common.show_notices_now(ctx)
L, E, P = ctx.lang, ctx.edition, ctx.province_id
warm_up()  # the browser starts while the user picks views
pname = ctx.province_name(P)
st.title(ctx.t("br_title"))
st.caption(ctx.t("br_intro"))

pack: list[dict] = st.session_state.setdefault(PACK_KEY, [])
current = dict(edition=E, province_id=P, group=ctx.group, peers=tuple(ctx.peer_ids()) if ctx.group == "custom" else ())


def _items(rows: list[dict]) -> list[PackItem]:
    return [PackItem(r["view_id"], int(r["edition"]), r["province_id"], r["group"], tuple(r.get("peers", ())))
            for r in rows]


def _pptx(items: list[PackItem], title: str | None = None, progress: bool = False):
    def make() -> bytes:
        from pii.export.pptx_pack import pptx_bytes

        return pptx_bytes(build_pack_for(ctx, items, title, progress))
    return make


def _pdf(items: list[PackItem], title: str | None = None, progress: bool = False):
    def make() -> bytes:
        from pii.export.pdf_pack import pdf_bytes

        return pdf_bytes(build_pack_for(ctx, items, title, progress))
    return make


def _move(i: int, step: int) -> None:
    rows = st.session_state[PACK_KEY]
    j = i + step
    if 0 <= j < len(rows):
        rows[i], rows[j] = rows[j], rows[i]


def _remove(i: int) -> None:
    st.session_state[PACK_KEY].pop(i)


def _add(view_id: str) -> None:
    st.session_state[PACK_KEY].append(PackItem(view_id, **current).as_dict())


def _use_leadership() -> None:
    st.session_state[PACK_KEY] = [it.as_dict() for it in leadership_items(**current)]


def _clear() -> None:
    st.session_state[PACK_KEY] = []


# --- the ready-made leadership briefing ------------------------------------------
with st.container(border=True):
    st.header(ctx.t("br_leadership"))
    st.caption(f"{pname} · PII {E} — {ctx.t('br_leadership_help')}")
    lead = leadership_items(**current)
    lead_title = f"{t('ex_pack_title', L)} — {t('ex_pack_leadership', L)}"
    with st.container(horizontal=True):
        st.download_button(ctx.t("br_download_pptx"), _pptx(lead, lead_title, progress=True),
                           file_name=f"pii_lanh_dao_{P}_{E}.pptx"
                           if L == "vi" else f"pii_leadership_{P}_{E}.pptx", mime=MIME["pptx"], on_click="ignore",
                           key="br_lead_pptx", type="primary", icon=":material/slideshow:")
        st.download_button(ctx.t("br_download_pdf"), _pdf(lead, lead_title, progress=True),
                           file_name=f"pii_lanh_dao_{P}_{E}.pdf"
                           if L == "vi" else f"pii_leadership_{P}_{E}.pdf", mime=MIME["pdf"], on_click="ignore",
                           key="br_lead_pdf", icon=":material/picture_as_pdf:")
        st.button(ctx.t("br_use_leadership"), on_click=_use_leadership, key="br_use_lead", icon=":material/edit:")
    st.caption(ctx.tm("br_slides", n=len(PACKS["leadership"]) + 2))  # + title and press-summary slides

# --- build your own pack ---------------------------------------------------------
st.header(ctx.t("br_pack"))
with st.container(horizontal=True, vertical_alignment="bottom"):
    view = st.selectbox(ctx.t("br_add_view"), list(VIEWS), format_func=lambda v: view_label(v, L), key="br_view")
    st.button(ctx.t("br_add"), on_click=_add, args=(view,), key="br_add_btn", icon=":material/add:")

rows = st.session_state[PACK_KEY]
if not rows:
    st.info(ctx.t("br_empty"))
else:
    names: dict[str, str] = {}
    for i, r in enumerate(rows):
        pid = r["province_id"]
        names.setdefault(pid, ctx.province_name(pid))
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(ctx.tm("br_item", i=i + 1, view=view_label(r["view_id"], L, r["group"]), province=names[pid],
                              edition=r["edition"]), width="stretch")
            st.button(ctx.t("br_up"), on_click=_move, args=(i, -1), key=f"br_up_{i}", icon=":material/arrow_upward:",
                      disabled=i == 0)
            st.button(ctx.t("br_down"), on_click=_move, args=(i, 1), key=f"br_down_{i}",
                      icon=":material/arrow_downward:", disabled=i == len(rows) - 1)
            st.button(ctx.t("br_remove"), on_click=_remove, args=(i,), key=f"br_rm_{i}", icon=":material/close:")
    items = _items(rows)
    with st.container(horizontal=True):
        st.download_button(ctx.t("br_download_pptx"), _pptx(items),
                           file_name=export_name("briefing", L, province=pname, edition=E, ext="pptx"),
                           mime=MIME["pptx"], on_click="ignore", key="br_pack_pptx", type="primary",
                           icon=":material/slideshow:")
        st.download_button(ctx.t("br_download_pdf"), _pdf(items),
                           file_name=export_name("briefing", L, province=pname, edition=E, ext="pdf"),
                           mime=MIME["pdf"], on_click="ignore", key="br_pack_pdf", icon=":material/picture_as_pdf:")
        st.button(ctx.t("br_clear"), on_click=_clear, key="br_clear_btn", icon=":material/delete:")
    st.caption(ctx.tm("br_slides", n=len(rows) + 2))
    same = len({(r["edition"], r["province_id"], r["group"]) for r in rows}) == 1
    if same and rows[0]["group"] != "custom":
        r0 = rows[0]
        st.caption(ctx.t("br_cli"))
        st.code(f"python -m pii export --views {','.join(r['view_id'] for r in rows)} --edition {r0['edition']} "
                f"--province {r0['province_id']} --group {r0['group']} --lang {L} --out briefing.pptx", language="bash")

    # --- preview: each slide's chart and finding, built only when asked -------------
    if st.toggle(ctx.t("br_preview"), key="br_preview"):
        for i, it in enumerate(items):
            res = item_view(ctx, it)  # the same panel the slide and the chart's own page draw
            st.markdown(f"**{i + 1}. {md_text(res.title)}**")
            st.caption(f"{ctx.t('br_finding')}: {md_text(res.finding)}")
            if res.table is not None:
                st.dataframe(res.table, hide_index=True, width="stretch")
            else:
                common.plotly(res.fig, ctx, key=f"br_prev_{i}", title=res.title, sources=res.sources, note=res.note,
                              subtitle=res.subtitle or None,
                              filename=export_name(it.view_id, L, group=view_group(it.view_id, it.group),
                                                   province=ctx.province_name(it.province_id), edition=it.edition))

common.finish_page(ctx)
