"""``python -m pii export``: briefing packs and single charts for batch use.

  python -m pii export --pack leadership --edition 2023 --province thai_nguyen --out briefing.pptx
  python -m pii export --pack leadership --out briefing.pdf          (format from the extension)
  python -m pii export --views overview,targets --out pack.pptx
  python -m pii export --chart overview --preset social --out overview.png   (.png/.svg/.pdf)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pii.panels.registry import PACKS, VIEWS
from pii.viewstate import DEFAULT_GROUP, DEFAULT_PROVINCE, ViewState, default_edition


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pii export", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--pack", choices=sorted(PACKS), help="a ready-made pack")
    what.add_argument("--views", help=f"comma-separated views for a pack: {', '.join(VIEWS)}")
    what.add_argument("--chart", choices=list(VIEWS), help="one chart as an image")
    p.add_argument("--edition", type=int, default=None, help="PII edition (default: latest with indicator data)")
    p.add_argument("--province", default=DEFAULT_PROVINCE, help=f"focus province id (default {DEFAULT_PROVINCE})")
    p.add_argument("--group", default=DEFAULT_GROUP, help=f"peer group id (default {DEFAULT_GROUP})")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--preset", default="slide", help="image size: slide, social, link, a4 (with --chart)")
    p.add_argument("--out", required=True, type=Path, help="output file; the extension picks the format")
    p.add_argument("--data-dir", type=Path, default=None, help="data folder (default: PII_DATA_DIR or pii_data)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from pii.export import PRESETS, decorate, source_line, to_image
    from pii.export.image import stop_engine
    from pii.export.packs import PackItem, build_pack, is_synthetic
    from pii.pipeline import paths
    from queries import PiiDB

    ext = args.out.suffix.lower().lstrip(".")
    db = PiiDB((args.data_dir or paths.data_dir()) / "parquet")
    province = args.province
    if province not in set(db.all_provinces()["province_id"]):
        print(f"error: unknown province id {province!r} (see provinces.csv)", file=sys.stderr)
        return 2
    editions = [int(e) for e in db.editions()["edition"]]
    edition = default_edition(db, province, editions) if args.edition is None else args.edition
    if edition not in editions:
        print(f"error: edition {edition} not in the data ({', '.join(map(str, editions))})", file=sys.stderr)
        return 2
    state = ViewState(db, edition, province, args.group, args.lang)
    try:
        if args.chart:
            if ext not in ("png", "svg", "pdf"):
                print("error: --chart writes .png, .svg or .pdf", file=sys.stderr)
                return 2
            if args.preset not in PRESETS:
                print(f"error: unknown preset {args.preset!r}; use {', '.join(PRESETS)}", file=sys.stderr)
                return 2
            from pii.panels.registry import run_view

            r = run_view(args.chart, state)
            if is_synthetic(r.sources):
                from pii.charts.theme import add_watermark

                add_watermark(r.fig)
            line = source_line(edition, db.sources(r.sources) if r.sources else None, args.lang, r.sources)
            p = PRESETS[args.preset]
            fig = decorate(r.fig, r.title, r.subtitle, line, None, args.lang, width=p.width, height=p.height,
                           note=r.note)
            data = to_image(fig, ext, args.preset)
        else:
            if ext not in ("pptx", "pdf"):
                print("error: a pack is written as .pptx or .pdf", file=sys.stderr)
                return 2
            ids = PACKS[args.pack] if args.pack else [v.strip() for v in args.views.split(",") if v.strip()]
            unknown = [v for v in ids if v not in VIEWS]
            if unknown:
                print(f"error: unknown view(s) {', '.join(unknown)}; choose from {', '.join(VIEWS)}", file=sys.stderr)
                return 2
            items = [PackItem(v, state.edition, state.province_id, state.group) for v in ids]
            title = None
            if args.pack == "leadership":
                from pii.i18n import t

                title = f"{t('ex_pack_title', args.lang)} — {t('ex_pack_leadership', args.lang)}"
            pack = build_pack(items, db, args.lang, title=title, progress=args.pack == "leadership")
            if ext == "pptx":
                from pii.export.pptx_pack import pptx_bytes

                data = pptx_bytes(pack)
            else:
                from pii.export.pdf_pack import pdf_bytes

                data = pdf_bytes(pack)
    finally:
        stop_engine()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_name(args.out.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(args.out)  # never leave a half-written file under the asked name
    print(f"wrote {args.out} ({len(data):,} bytes)")
    return 0
