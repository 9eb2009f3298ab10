"""The preview of an import, before anything is published (page and ``--dry-run``).

Three parts, each in Vietnamese and English:

- how the file was read: format, sheet (and the others), header rows, title rows,
  encoding/separator/decimal separator, percent cells, hidden rows/sheets/columns
  skipped, pages and tables, rows merged across page breaks;
- every figure read: where it is in the file, the code and name it was matched to,
  its value, the value in the data now, and added / changed / unchanged (also when
  only the source changes);
- the checks that ran on the data as it would be: aggregates recomputed from their
  children, ranks compared with scores.
"""

from __future__ import annotations

import pandas as pd

from pii.pipeline.validate import AGG_TOLERANCE

FIGURE_COLUMNS = ["where", "edition", "province_id", "code", "name", "measure", "value", "before", "change",
                  "source", "source_before"]


def _cells(cells: list[str], limit: int = 12) -> str:
    return ", ".join(cells[:limit]) + (f" … (+{len(cells) - limit})" if len(cells) > limit else "")


def how_lines(how: dict, lang: str = "vi") -> list[str]:
    """One line per fact of the reading, in ``lang``."""
    vi = lang == "vi"
    out = []
    fmt = how.get("format")
    names = {"xlsx": "Excel (.xlsx)", "csv": "CSV / văn bản" if vi else "CSV / text", "docx": "Word (.docx)",
             "pdf": "PDF", "text": "văn bản kế hoạch (.txt)" if vi else "plan text (.txt)"}
    if fmt:
        out.append(("Định dạng: " if vi else "Format: ") + names.get(fmt, fmt))
    if how.get("layout_why"):  # which layout was read, and why (issue 19)
        out.append(("Bố cục: " if vi else "Layout: ") + how["layout_why"][0 if vi else 1])
    if "sheet" in how:
        why = {"found": "tự chọn: trang có tiêu đề nhận ra được và nhiều dòng số liệu nhất" if vi else
               "chosen: the sheet with a recognised header and the most data rows",
               "asked": "do người dùng chọn" if vi else "chosen by you"}[how.get("sheet_reason", "found")]
        state = "" if how.get("sheet_state") == "visible" else (" — TRANG ẨN" if vi else " — HIDDEN SHEET")
        out.append(f"{'Trang tính' if vi else 'Sheet'}: '{how['sheet']}' ({why}){state}")
        others = [f"'{n}'" + ("" if s == "visible" else (" (ẩn)" if vi else " (hidden)"))
                  for n, s in how.get("sheets", []) if n != how["sheet"]]
        if others:
            out.append(("Các trang khác (không đọc): " if vi else "Other sheets (not read): ") + ", ".join(others))
    if how.get("hidden_sheets"):
        out.append(("Trang ẩn bị bỏ qua: " if vi else "Hidden sheets skipped: ")
                   + ", ".join(f"'{s}'" for s in how["hidden_sheets"]))
    if how.get("encoding"):
        sep = {"comma": ("dấu phẩy", "comma"), "semicolon": ("dấu chấm phẩy", "semicolon"),
               "tab": ("tab", "tab")}[how.get("delimiter", "comma")]
        out.append(f"{'Mã ký tự' if vi else 'Encoding'}: {how['encoding']}; "
                   f"{'phân cách' if vi else 'separator'}: {sep[0] if vi else sep[1]}")
    if how.get("decimal"):
        n_comma, n_point = how.get("decimal_counts", (0, 0))
        if how["decimal"] == "comma":
            out.append(f"Dấu thập phân: dấu phẩy ({n_comma} ô)" if vi else
                       f"Decimal separator: comma ({n_comma} cells)")
        elif n_point or fmt in ("csv", "docx", "pdf"):
            out.append(f"Dấu thập phân: dấu chấm ({n_point} ô)" if vi else
                       f"Decimal separator: point ({n_point} cells)")
        if n_comma and n_point:
            out.append(f"{min(n_comma, n_point)} ô viết theo kiểu kia bị từ chối (không đoán)" if vi else
                       f"{min(n_comma, n_point)} cells written the other way are refused (not guessed)")
    if how.get("header_rows"):
        rows = how["header_rows"]
        label = ", ".join(str(r) for r in rows)
        out.append((f"Dòng tiêu đề: {label}" if vi else f"Header row(s): {label}")
                   + (f" — {_cells(how.get('header', []), 8)}" if how.get("header") else ""))
    if how.get("title_rows"):
        out.append(("Dòng tên bảng phía trên tiêu đề (bỏ qua): " if vi else "Title rows above the header (skipped): ")
                   + _cells([str(r) for r in how["title_rows"]]))
    if how.get("edition_from_header"):
        out.append(f"Kỳ đọc từ tiêu đề: {how['edition_from_header']}" if vi else
                    f"Edition read from the header: {how['edition_from_header']}")
    if how.get("percent_cells"):
        cells = how["percent_cells"]
        out.append((f"{len(cells)} ô định dạng phần trăm đọc theo giá trị hiển thị (0,519 → 51,90): " if vi else
                    f"{len(cells)} percent-formatted cells read as shown (0.519 → 51.90): ") + _cells(cells))
    if how.get("hidden_rows"):
        out.append((f"{len(how['hidden_rows'])} dòng ẩn bị bỏ qua (không lấy số liệu): " if vi else
                    f"{len(how['hidden_rows'])} hidden rows skipped (no figures taken): ")
                   + _cells([str(r) for r in how["hidden_rows"]]))
    if how.get("hidden_text"):
        out.append(f"{how['hidden_text']} đoạn chữ ẩn trong Word bị bỏ qua (không lấy số liệu)" if vi else
                   f"{how['hidden_text']} pieces of hidden Word text skipped (no figures taken)")
    if how.get("hidden_columns"):
        out.append(("Cột ẩn bị bỏ qua: " if vi else "Hidden columns skipped: ") + ", ".join(how["hidden_columns"]))
    if fmt == "pdf":
        out.append((f"{how.get('pages')} trang; bảng ở trang " if vi else f"{how.get('pages')} pages; table on pages ")
                   + _cells([str(p) for p in how.get("pages_with_table", [])], 20))
    if fmt == "docx":
        tables = ", ".join(str(n) for n in how.get("tables", []))
        out.append(f"Bảng đọc: {tables} (trong {how.get('tables_in_file')} bảng của tệp)" if vi else
                   f"Tables read: {tables} (of {how.get('tables_in_file')} in the file)")
    if how.get("repeated_headers"):
        out.append(f"{len(how['repeated_headers'])} dòng tiêu đề lặp lại (sang trang) bị bỏ qua" if vi else
                    f"{len(how['repeated_headers'])} repeated header rows (page breaks) skipped")
    if how.get("merged_rows"):
        out.append(f"{len(how['merged_rows'])} dòng bị ngắt trang được nối vào dòng phía trên" if vi else
                    f"{len(how['merged_rows'])} rows cut by a page break joined to the row above")
    if how.get("matched_by_name"):
        out.append(f"{how['matched_by_name']} dòng khớp mã theo tên chỉ số" if vi else
                    f"{how['matched_by_name']} rows matched to a code by indicator name")
    if how.get("blank_rows"):
        out.append(f"{how['blank_rows']} dòng chưa điền số liệu (bỏ qua)" if vi else
                    f"{how['blank_rows']} rows left blank (skipped)")
    return out


def figure_frame(checked_new: pd.DataFrame, existing: pd.DataFrame, framework: pd.DataFrame,
                 where: dict[int, str]) -> pd.DataFrame:
    """Every figure of the file with its place, matched code and name, and the change against the data."""
    key = ["edition", "province_id", "code", "measure"]
    old = {tuple(map(str, k)): (v, s) for k, v, s in zip(existing[key].values, existing["value"],
                                                         existing["source"].astype(str))}
    names = {(str(e), c): n for e, c, n in zip(framework["edition"], framework["code"], framework["name_vi"])}
    rows = []
    for rec in checked_new.to_dict("records"):
        k = tuple(str(rec[c]) for c in key)
        prev = old.get(k)
        value = float(rec["value"])
        if prev is None:
            change, before, src_before = "added", None, ""
        else:
            before, src_before = float(prev[0]), prev[1]
            change = ("changed" if abs(before - value) > 1e-9 else
                      "source" if src_before.strip() != str(rec["source"]).strip() else "unchanged")
        line = int(rec["_row"])
        place = where.get(line)
        rows.append({"where": f"{line}" + (f" ({place})" if place else ""), "edition": int(rec["edition"]),
                     "province_id": rec["province_id"], "code": rec["code"],
                     "name": names.get((str(rec["edition"]), rec["code"]), ""), "measure": rec["measure"],
                     "value": value, "before": before, "change": change, "source": str(rec["source"]),
                     "source_before": src_before})
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def check_lines(figures: pd.DataFrame, merged: pd.DataFrame, framework: pd.DataFrame, ok: bool,
                lang: str = "vi", problems: list | None = None) -> list[str]:
    """What the checks compared, on the data as it would be after the import."""
    vi = lang == "vi"
    if figures.empty:
        return []
    units = set(zip(figures["edition"].astype(int), figures["province_id"]))
    fw = framework.assign(edition=framework["edition"].astype(int))
    parents = {(int(e), c): p for e, c, p in zip(fw["edition"], fw["code"], fw["parent_code"]) if str(p)}
    scores = merged[merged["measure"] == "score"]
    scores = scores[[(int(e), p) in units for e, p in zip(scores["edition"], scores["province_id"])]]
    have = {(int(e), p, c) for e, p, c in zip(scores["edition"], scores["province_id"], scores["code"])}
    aggregates = {(e, p, parents[(e, c)]) for e, p, c in have if (e, c) in parents} & have
    codes = set(zip(figures["edition"].astype(int), figures["code"]))
    m = merged.assign(edition=merged["edition"].astype(int))
    ranked = 0
    for e, c in codes:
        part = m[(m["edition"] == e) & (m["code"] == c)]
        both = set(part.loc[part["measure"] == "score", "province_id"]) & set(
            part.loc[part["measure"] == "rank", "province_id"])
        ranked += len(both) >= 2
    status = ("đạt" if vi else "pass") if ok else ("có lỗi, xem danh sách" if vi else "problems, see the list")
    gaps = []
    for (e, _unit), part in figures.groupby(["edition", "province_id"]):
        codes = set(part["code"])
        if len(codes) < 10:  # a few figures, not an appendix: no completeness to speak of
            continue
        tree = fw[(fw["edition"] == int(e)) & fw["level"].isin(["pillar", "index", "indicator"])]
        gaps += [c for c in tree["code"] if c not in codes]
    missing = ([f"Mã của khung không có trong tệp: {len(gaps)}" + (f" ({_cells(gaps)})" if gaps else "")] if vi
               else [f"Framework codes not in the file: {len(gaps)}" + (f" ({_cells(gaps)})" if gaps else "")])
    if not any(len(set(part["code"])) >= 10 for _, part in figures.groupby(["edition", "province_id"])):
        missing = []
    tol = str(AGG_TOLERANCE).replace(".", ",") if vi else str(AGG_TOLERANCE)
    passed = ("đạt" if vi else "pass")

    def verdict(marker: str) -> str:  # each check says whether it failed itself, not just "the file has problems"
        if problems is None:
            return status
        return status if any(marker in p.message_en for p in problems) else passed
    return [
        (f"Chỉ số tổng hợp tính lại từ các chỉ số con đã có: {len(aggregates)} (sai lệch tối đa {tol}) — "
         f"{verdict('differs by more than')}"
         if vi else f"Aggregates recomputed from their published children: {len(aggregates)} "
                    f"(tolerance {tol}) — {verdict('differs by more than')}"),
        (f"Hạng so với điểm (điểm cao hơn không được hạng kém hơn): {ranked} mã có ít nhất 2 đơn vị — "
         f"{verdict('rank contradicts')}"
         if vi else f"Ranks against scores (a higher score may not rank lower): {ranked} codes with 2+ units — "
                    f"{verdict('rank contradicts')}"),
        (f"Cả bộ dữ liệu được dựng lại thử trên bản sao (như python -m pii build) — {status}" if vi else
         f"The whole dataset rebuilt on a staging copy (as python -m pii build) — {status}") if ok else
        ("Dựng lại thử cả bộ dữ liệu: không chạy vì tệp có lỗi" if vi else
         "Staging rebuild of the whole dataset: not run, the file has problems"),
        *missing,
    ]


def summary_counts(figures: pd.DataFrame) -> dict[str, int]:
    counts = figures["change"].value_counts().to_dict() if not figures.empty else {}
    return {k: int(counts.get(k, 0)) for k in ("added", "changed", "source", "unchanged")}


def print_preview(report: object, lang: str = "vi", limit: int | None = None) -> None:
    """The preview on the terminal (``python -m pii import FILE --dry-run``)."""
    from pii.fmt import number

    vi = lang == "vi"
    print(("== Cách đọc tệp: " if vi else "== How the file was read: ") + str(getattr(report, "file", "")))
    for line in how_lines(getattr(report, "how", {}) or {}, lang):
        print("  " + line)
    figures = getattr(report, "figures", None)
    from pii.pipeline.preview_units import at_edition_scale, unit_lines

    if at_edition_scale(figures):  # a whole edition: the summary per unit first, a sample of the figures
        print("== Theo đơn vị:" if vi else "== By unit:")
        for line in unit_lines(report, lang):
            print("  " + line)
        limit = limit if limit is not None else (None if len(figures) <= 300 else 30)  # type: ignore[arg-type]
    if figures is not None and not figures.empty:
        counts = summary_counts(figures)
        print(("== Số liệu đọc được: " if vi else "== Figures read: ") + str(len(figures)) + (
            f" (thêm {counts['added']}, đổi {counts['changed']}, đổi nguồn {counts['source']}, "
            f"giữ nguyên {counts['unchanged']})" if vi else
            f" (added {counts['added']}, changed {counts['changed']}, source changed {counts['source']}, "
            f"unchanged {counts['unchanged']})"))
        head = ("dòng", "kỳ", "đơn vị", "mã", "tên", "đo", "giá trị", "trước", "thay đổi") if vi else \
            ("row", "edition", "unit", "code", "name", "measure", "value", "before", "change")
        print("  " + " | ".join(head))
        shown = figures if limit is None else figures.head(limit)
        for r in shown.itertuples():
            before = "—" if r.before is None or r.before != r.before else number(r.before, lang)
            value = str(int(r.value)) if r.measure == "rank" else number(r.value, lang)
            if r.measure == "rank" and before != "—":
                before = str(int(r.before))
            print("  " + " | ".join([r.where, str(r.edition), r.province_id, r.code, r.name[:40], r.measure,
                                     value, before, change_label(r.change, lang)]))
        if limit is not None and len(figures) > limit:
            print(f"  … +{len(figures) - limit}")
    checks = getattr(report, "checks", []) or []
    if checks:
        print("== Kiểm tra:" if vi else "== Checks:")
        for c_vi, c_en in checks:
            print("  " + (c_vi if vi else c_en))


CHANGES = {"added": ("thêm mới", "added"), "changed": ("thay đổi", "changed"),
           "source": ("đổi nguồn", "source changed"), "unchanged": ("giữ nguyên", "unchanged")}


def change_label(change: str, lang: str = "vi") -> str:
    vi, en = CHANGES.get(change, (change, change))
    return vi if lang == "vi" else en
