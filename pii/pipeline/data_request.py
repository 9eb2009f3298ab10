"""The data-request workbook: what the Department sends a peer province's Department
of Science and Technology to ask for its PII figures.

One sheet "Số liệu" in the long layout the importer reads as it is (Năm,
Tỉnh/thành phố, Mã chỉ số, Chỉ số / Trụ cột, Điểm số, Thứ hạng, Nguồn, Ghi chú):
every code of the edition's framework, the figures already published with
their sources, empty cells for the rest. A sheet "Hướng dẫn" says in Vietnamese
what to fill in. The workbook is marked (document keywords) so that rows the
peer leaves empty are skipped on import instead of refused; the returned file
is checked like any other and shown in the preview before it is published.

CLI: ``python -m pii request --province bac_kan --edition 2023 --out bac_kan_2023.xlsx``
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pandas as pd

from pii.pipeline import paths

KEYWORD = "pii-data-request"
SHEET = "Số liệu"
HEADER = ["Năm", "Tỉnh/thành phố", "Mã chỉ số", "Chỉ số / Trụ cột", "Điểm số", "Thứ hạng", "Nguồn", "Ghi chú"]
TITLE_ROWS = 3  # title, one line of instructions, blank; the header is row 4
INSTRUCTIONS = [
    "HƯỚNG DẪN ĐIỀN SỐ LIỆU",
    "1. Trang 'Số liệu' liệt kê mọi trụ cột, chỉ số và chỉ số thành phần của khung PII kỳ này (cột Mã chỉ số, "
    "Chỉ số / Trụ cột). Xin giữ nguyên các cột Năm, Tỉnh/thành phố, Mã chỉ số và không đổi tên tiêu đề.",
    "2. Các ô đã có số là số liệu đã công bố mà chúng tôi đang dùng, kèm nguồn (cột Nguồn). Nếu số liệu của "
    "Quý Sở khác, xin sửa số và ghi nguồn mới.",
    "3. Điền Điểm số (0–100, tối đa 2 chữ số thập phân, ví dụ 47,75) và Thứ hạng (số nguyên, ví dụ 10) vào các ô "
    "còn trống theo Báo cáo PII của Bộ Khoa học và Công nghệ.",
    "4. Mỗi dòng có số liệu phải có Nguồn: địa chỉ trang web (https://…) hoặc số hiệu văn bản đã công bố. "
    "Dòng không có số liệu cứ để trống.",
    "5. Chỉ nhập giá trị, không dùng công thức; không ẩn dòng hay trang tính; không định dạng phần trăm.",
    "6. Lưu tệp ở định dạng Excel (.xlsx) và gửi lại. Tệp được kiểm tra tự động (thang điểm, thứ hạng, "
    "điểm tổng hợp so với trung bình các chỉ số con) và xem trước khi cập nhật.",
    "",
    "English: fill in the empty Score and Rank cells with their Source (URL or document); leave rows without "
    "figures empty; values only, no formulas; send the .xlsx back.",
]


def _data(base: Path) -> dict[str, pd.DataFrame]:
    pq = base / "parquet"
    return {n: pd.read_parquet(pq / f"{n}.parquet") for n in ("scores", "provinces", "sources", "editions",
                                                                  "framework", "province_aliases")}


def resolve_province(province: str, edition: int, tables: dict[str, pd.DataFrame]) -> pd.Series | None:
    """A province id, name or alias ("TP HCM", with or without diacritics) among the units of ``edition``:
    the import's own matcher (pii.pipeline.names)."""
    from pii.pipeline.names import matcher_of
    from pii.pipeline.validate import in_unit_set

    eds = tables["editions"].set_index("edition")
    if edition not in eds.index:
        return None
    prov = tables["provinces"]
    units = prov[in_unit_set(prov, str(eds.loc[edition, "unit_set"]))]
    pid = matcher_of(units, tables.get("province_aliases")).match(province)
    hit = units[units["province_id"] == pid]
    return None if hit.empty else hit.iloc[0]


def request_rows(province: str, edition: int, base: Path | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """The rows of the request: every framework code, known figures with their sources."""
    tables = _data(Path(base or paths.data_dir()))
    unit = resolve_province(province, int(edition), tables)
    if unit is None:
        from pii.i18n import t
        from pii.pipeline.names import name_problem

        why = name_problem(province)
        if why:  # an invisible character or a look-alike letter: say which and where
            raise ValueError(f"'{province.encode('unicode_escape').decode()}': {t(why[0], 'en', **why[1])}")
        raise ValueError(f"'{province}' is not a unit of edition {edition}")
    fw = tables["framework"]
    fw = fw[fw["edition"] == int(edition)].sort_values("sort_order")
    sc = tables["scores"]
    sc = sc[(sc["edition"] == int(edition)) & (sc["province_id"] == unit["province_id"])].set_index("code")
    src = tables["sources"].set_index("source_id")

    def cite(sid: object) -> str:
        if sid is None or pd.isna(sid) or sid not in src.index:
            return ""
        url = str(src.loc[sid, "url"] or "")
        return url or str(sid)

    rows = []
    for f in fw.itertuples():
        base_row = {"Năm": int(edition), "Tỉnh/thành phố": unit["name_vi"], "Mã chỉ số": f.code,
                    "Chỉ số / Trụ cột": f.name_vi}
        if f.code not in sc.index:
            rows.append({**base_row, "Điểm số": None, "Thứ hạng": None, "Nguồn": "", "Ghi chú": ""})
            continue
        k = sc.loc[f.code]
        score = None if pd.isna(k["score"]) else float(k["score"])
        rank = None if pd.isna(k["rank"]) else int(k["rank"])
        s_src, r_src = cite(k["score_source_id"]), cite(k["rank_source_id"])
        if score is not None and rank is not None and s_src != r_src:  # two sources: one row per figure
            rows.append({**base_row, "Điểm số": score, "Thứ hạng": None, "Nguồn": s_src, "Ghi chú": "đã công bố"})
            rows.append({**base_row, "Điểm số": None, "Thứ hạng": rank, "Nguồn": r_src, "Ghi chú": "đã công bố"})
        else:
            rows.append({**base_row, "Điểm số": score, "Thứ hạng": rank, "Nguồn": s_src or r_src,
                         "Ghi chú": "đã công bố" if score is not None or rank is not None else ""})
    return pd.DataFrame(rows, columns=HEADER), unit


def request_workbook(province: str, edition: int, base: Path | None = None) -> bytes:
    """The XLSX to send to the peer (bytes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    rows, unit = request_rows(province, edition, base)
    tables = _data(Path(base or paths.data_dir()))
    units = int(tables["editions"].set_index("edition").loc[int(edition), "units_ranked"])
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([f"ĐỀ NGHỊ CUNG CẤP SỐ LIỆU CHỈ SỐ ĐỔI MỚI SÁNG TẠO CẤP ĐỊA PHƯƠNG (PII) NĂM {edition} — "
               f"{unit['name_vi'].upper()}"])
    ws.append(["Xin điền các ô Điểm số, Thứ hạng còn trống và ghi Nguồn; xem trang 'Hướng dẫn'. "
               "Các ô đã có số là số liệu đã công bố."])
    ws.append([])
    ws.append(HEADER)
    ws["A1"].font = Font(bold=True, size=12)
    for cell in ws[TITLE_ROWS + 1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    empty = PatternFill("solid", fgColor="FFF2CC")
    for r in rows.itertuples(index=False):
        ws.append([None if (isinstance(v, float) and pd.isna(v)) else v for v in r])
        row = ws.max_row
        ws.cell(row, 5).number_format = "0.00"
        ws.cell(row, 6).number_format = "0"
        for col in (5, 6):
            if ws.cell(row, col).value is None:
                ws.cell(row, col).fill = empty
    last = ws.max_row
    score_ok = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True,
                              error="Điểm số từ 0 đến 100", errorTitle="Điểm số")
    rank_ok = DataValidation(type="whole", operator="between", formula1="1", formula2=str(units), allow_blank=True,
                             error=f"Thứ hạng là số nguyên từ 1 đến {units}", errorTitle="Thứ hạng")
    ws.add_data_validation(score_ok)
    ws.add_data_validation(rank_ok)
    score_ok.add(f"E{TITLE_ROWS + 2}:E{last}")
    rank_ok.add(f"F{TITLE_ROWS + 2}:F{last}")
    for col, width in zip("ABCDEFGH", (7, 18, 11, 60, 10, 10, 50, 14)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=TITLE_ROWS + 2, min_col=4, max_col=4):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = f"A{TITLE_ROWS + 2}"
    guide = wb.create_sheet("Hướng dẫn")
    for line in INSTRUCTIONS:
        guide.append([line])
    guide["A1"].font = Font(bold=True)
    guide.column_dimensions["A"].width = 120
    for row in guide.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    wb.properties.keywords = KEYWORD
    wb.properties.title = f"PII {edition} — {unit['name_vi']}"
    wb.properties.creator = "PII Thái Nguyên dashboard"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pii request",
                                 description="write the data-request workbook for a peer province and edition")
    ap.add_argument("--province", required=True, help="province id or name (e.g. bac_kan, 'Bắc Kạn')")
    ap.add_argument("--edition", required=True, type=int)
    ap.add_argument("--out", type=Path, help="output .xlsx (default: request_<province>_<edition>.xlsx)")
    args = ap.parse_args(argv)
    try:
        data = request_workbook(args.province, args.edition)
        rows, unit = request_rows(args.province, args.edition)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    out = args.out or Path(f"request_{unit['province_id']}_{args.edition}.xlsx")
    out.write_bytes(data)
    known = int(rows["Điểm số"].notna().sum() + rows["Thứ hạng"].notna().sum())
    print(f"wrote {out}: {unit['name_vi']} {args.edition}, {rows['Mã chỉ số'].nunique()} codes, "
          f"{known} published figures filled in")
    return 0
