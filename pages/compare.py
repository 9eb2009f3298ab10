"""Peer comparison: the focus province against its peer group at any level."""

from __future__ import annotations

import streamlit as st

from pages import common
from pii.analysis import compare as cmp
from pii.analysis import findings
from pii.charts.compare import io_scatter, radar, ranked_bar
from pii.export.filenames import export_name
from pii.export.tables import to_csv_bytes
from pii.memo import memo
from pii.provenance import names_for

ctx = common.setup_page("compare")
common.show_notices_now(ctx)
P, E, L = ctx.province_id, ctx.edition, ctx.lang
db = ctx.db
names = cmp.unit_names(db, E, L)
st.title(ctx.tm("cmp_title", province=names.get(P, P), edition=E))

fw = db.framework(E)
peers = ctx.peer_ids()
gname = ctx.group_name()
st.caption(ctx.tm("cmp_group_caption", group=gname, n=len(peers), edition=E))

levels = [lv for lv in cmp.LEVELS if cmp.level_codes(fw, lv)]
url_code = st.query_params.get("code")
level_default = "pii"
if url_code in set(fw["code"]) and "level" not in st.query_params:
    level_default = fw.set_index("code").loc[url_code, "level"]  # a link with only ?code= still works
c1, c2 = st.columns([1, 2])
level = ctx.param("level", levels, level_default, label=lambda lv: ctx.t(f"level_{lv}"))
c1.selectbox(ctx.t("cmp_level_label"), levels, key="level", format_func=lambda lv: ctx.t(f"level_{lv}"))
level = st.session_state["level"]
codes = cmp.level_codes(fw, level)
code_names = fw.set_index("code")[ctx.name_col].to_dict()
code = ctx.param("code", codes, codes[0])
c2.selectbox(ctx.t("cmp_code_label"), codes, key="code", format_func=lambda c: f"{c} — {code_names.get(c, c)}")
code = st.session_state["code"]
info = cmp.code_info(fw, code, L)

key = (E, tuple(peers), P, L)
scores = cmp.peer_scores(db, E, peers, codes, L)
region_of = dict(zip(ctx.units["province_id"], ctx.units["region_id"]))
bar = cmp.ranked_bar_data(scores, code, P, db.region_averages(E), region_of, L)
src_ids = list(scores["score_source_id"].dropna()) + list(scores["rank_source_id"].dropna())
if bar.rows.empty:
    st.info(ctx.tm("cmp_bar_empty", code=code, name=info["name"], edition=E))
else:
    # figures built once per input and data version, shared by sessions (pii/memo.py)
    found = findings.compare_bar(bar.rows, bar.missing, names.get(P, P), gname, code, L)
    st.markdown(f"**{found.title}**")  # the finding; also the exported image's title, with the missing note on it
    common.plotly(memo(db, ("cmp_bar", *key, level, code), lambda: ranked_bar(bar, info, E, L)), ctx, key="cmp_bar",
                  title=found.title, note=findings.missing_note(bar.missing, len(bar.rows) + len(bar.missing), L),
                  sources=src_ids, filename=export_name("compare", L, group=ctx.group, province=names.get(P, P),
                                                        edition=E, extra=None if code == "PII" else code))
    st.caption(ctx.t("cmp_region_note"))
if bar.missing:
    st.caption(ctx.tm("cmp_not_shown", names=", ".join(bar.missing)))

st.header(ctx.t("cmp_table_header"))
headers = {"province": ctx.t("province"), "score": ctx.t("score"), "rank": ctx.t("rank"),
           "source": ctx.t("cmp_source")}
table = cmp.table(scores, code, ctx.num, ctx.rank, ctx.t("missing"), headers, names_for(db, src_ids))
common.data_table(table, ctx, "peers")
d1, d2 = st.columns(2)
with d1:
    common.download_table(table, ctx, f"pii_compare_{code}_{P}_{E}", key="dl_cmp_code")
with d2:
    missing = ctx.t("missing")
    # built when clicked (a callable), not on every run
    st.download_button(ctx.t("cmp_download_level", level=ctx.t(f"level_{level}")),
                       lambda: to_csv_bytes(cmp.download_frame(scores, fw, E, L, missing)),  # formula-safe CSV
                       file_name=f"pii_compare_{level}_{P}_{E}.csv", mime="text/csv", key="dl_cmp_level",
                       on_click="ignore")

left, right = st.columns(2)
pillars = cmp.level_codes(fw, "pillar")
base = cmp.peer_scores(db, E, peers, ["INPUT", "OUTPUT", *pillars], L)
with left:
    st.header(ctx.t("cmp_radar_header"))
    rad = cmp.radar_data(base, pillars, P)
    candidates = [p for p in dict.fromkeys(rad.rows["province_id"]) if p != P]
    if len(candidates) > cmp.RADAR_DEFAULT_PEERS:
        # more than a few polygons are unreadable: the user picks whom to draw
        pii = db.scores(E, provinces=candidates, codes=["PII"])
        default = cmp.radar_default_peers(candidates, pii)
        ctx.param_list("radar", candidates, default)
        st.multiselect(ctx.t("cmp_radar_pick"), candidates, key="radar", format_func=lambda p: names.get(p, p),
                       max_selections=cmp.RADAR_MAX_PEERS)
        chosen = st.session_state["radar"]
        rad = cmp.radar_data(base[base["province_id"].isin([P, *chosen])], pillars, P, order=chosen)
        rad.left_out = cmp.radar_data(base, pillars, P).left_out
    if rad.rows.empty:
        st.info(ctx.tm("cmp_radar_empty", edition=E))
    else:
        drawn = tuple(rad.rows["province_id"].drop_duplicates())
        common.plotly(memo(db, ("cmp_radar", *key, drawn), lambda: radar(rad, code_names, P, E, L,
                                                                          cmp.descriptions(fw, L))),
                      ctx, key="cmp_radar", title=findings.radar(base[base["province_id"] == P], code_names,
                                                                 names.get(P, P), L).title,
                      note=findings.missing_note(rad.left_out, len(peers), L),
                      filename=export_name("radar", L, group=ctx.group, province=names.get(P, P), edition=E))
        for name, gaps in rad.partial.items():
            st.caption(ctx.tm("cmp_radar_partial", name=name, codes=", ".join(gaps)))
    if rad.left_out:
        st.caption(ctx.tm("cmp_not_shown", names=", ".join(rad.left_out)))
with right:
    st.header(ctx.t("cmp_scatter_header"))
    sc = memo(db, ("cmp_io", *key), lambda: cmp.io_scatter_data(base, P))
    if sc.rows.empty:
        st.info(ctx.tm("cmp_scatter_empty", edition=E))
    else:
        common.plotly(memo(db, ("cmp_scatter", *key), lambda: io_scatter(sc, E, L, cmp.io_explanation(fw, L))),
                      ctx, key="cmp_scatter", title=findings.scatter(sc.rows, names.get(P, P), L).title,
                      note=findings.missing_note(sc.left_out, len(peers), L),
                      filename=export_name("scatter", L, group=ctx.group, province=names.get(P, P), edition=E))
        st.caption(ctx.t("cmp_scatter_text"))
        if sc.rows["computed"].any():
            st.caption(ctx.t("computed_note"))
    if sc.left_out:
        st.caption(ctx.tm("cmp_not_shown", names=", ".join(sc.left_out)))

common.finish_page(ctx)
