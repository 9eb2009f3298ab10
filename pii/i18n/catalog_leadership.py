"""Strings of the leadership views (issue 14): heatmap modes and views, print
header, lead-unit successors, small format notes."""

STRINGS: dict[str, tuple[str, str]] = {
    # heatmap: view, modes
    "hm_view": ("Góc nhìn", "View"),
    "hm_colour_group_rank": ("Hạng trong nhóm (tính toán)", "Rank within the group (computed)"),
    "hm_colour_gap_best": ("Cách tỉnh dẫn đầu nhóm", "Gap to the group's best"),
    "hm_colour_gap_median": ("Cách trung vị nhóm", "Gap to the group's median"),
    "hm_colour_gap_best_short": ("Cách dẫn đầu", "Gap to best"),
    "hm_colour_gap_median_short": ("Cách trung vị", "Gap to median"),
    "hm_colour_score_short": ("Điểm", "Score"),
    # issue 21: a gap with one score in the row (cell text short: ~12 characters fit a cell)
    "hm_gap_needs_two_cell": ("cần ≥ 2 điểm", "needs 2 scores"),
    "hm_gap_needs_two": ("Khoảng cách cần ít nhất hai điểm trong hàng: chỉ một đơn vị của nhóm có điểm ở đây.",
                         "A gap needs at least two scores: only one unit of the group has a score in this row."),
    "hm_coverage_demo": ("Có số liệu (minh hoạ) ở {with_figure}/{cells} ô; {pw}/{p} tỉnh so sánh có ít nhất một "
                         "số liệu ở cấp này.",
                         "{with_figure} of {cells} cells have a (demo) figure; {pw} of {p} peers have at least one "
                         "figure at this level."),
    "hm_hover_group_rank": ("Hạng trong nhóm (tính toán): {rank}", "Rank within the group (computed): {rank}"),
    "hm_hover_gaps": ("Cách dẫn đầu nhóm: {best} điểm · cách trung vị: {median} điểm ({n} đơn vị có điểm)",
                      "Gap to the group's best: {best} points · to its median: {median} points ({n} units with a "
                      "score)"),
    "hm_group_band_0": ("Nhóm đầu (¼ trên)", "Top quarter of the group"),
    "hm_group_band_1": ("¼ thứ hai", "Second quarter"),
    "hm_group_band_2": ("¼ thứ ba", "Third quarter"),
    "hm_group_band_3": ("Nhóm cuối (¼ dưới)", "Bottom quarter of the group"),
    "hm_basis_rank": ("hạng toàn quốc công bố", "published national ranks"),
    "hm_basis_score": ("điểm công bố", "published scores"),
    "hm_mode_rank": ("Màu theo nhóm hạng toàn quốc (số liệu công bố), số trong ô là hạng toàn quốc.",
                     "Colour by national rank band (published figures); the number is the national rank."),
    "hm_mode_score": ("Màu theo điểm (thang cố định 0–100), số trong ô là điểm công bố.",
                      "Colour by score (fixed 0–100 scale); the number is the published score."),
    "hm_mode_group_rank": (
        "Hạng trong nhóm do ứng dụng **tính toán** từ {basis}, trên số đơn vị có số liệu: "
        "{code} — {rank} (trên {n}/{total} đơn vị có số liệu).",
        "Rank within the group **computed** by the app from {basis}, out of the units with data: "
        "{code} — {rank} (out of {n} of {total} units with data)."),
    "hm_mode_gap_best": (
        "Chênh lệch điểm với đơn vị điểm cao nhất nhóm ở từng hàng (**tính toán** từ điểm công bố; 0 = dẫn đầu). "
        "{code}: {n}/{total} đơn vị có điểm.",
        "Score gap to the group's best unit on each row (**computed** from published scores; 0 = leads). "
        "{code}: {n} of {total} units have a score."),
    "hm_mode_gap_median": (
        "Chênh lệch điểm với trung vị của nhóm ở từng hàng (**tính toán** từ điểm công bố; dương = trên trung vị). "
        "{code}: {n}/{total} đơn vị có điểm.",
        "Score gap to the group's median on each row (**computed** from published scores; positive = above the "
        "median). {code}: {n} of {total} units have a score."),
    "hm_without": ("Chưa có số liệu ({code}): {names}.", "No figure ({code}): {names}."),
    "hm_context_note": (
        "Các tỉnh so sánh chưa có số liệu công bố ở cấp “{level}” trong PII {edition}; các hàng **in đậm** là PII, "
        "chỉ số phụ và trụ cột — cấp mà các tỉnh có số liệu — đặt cạnh các hàng {level_lower} của {province} để "
        "vẫn so sánh được. Phần còn lại sẽ được lấp khi nhập báo cáo PII đầy đủ của Bộ KH&CN (trang Nhập dữ liệu; "
        "biểu mẫu đề nghị cung cấp số liệu cũng ở đó).",
        "The peers have no published figure at the “{level}” level in PII {edition}; the rows in **bold** are the "
        "PII, sub-indices and pillars — where they do have figures — placed beside {province}'s {level_lower} rows "
        "so the page still compares something. The rest fills in when the Ministry's full PII report is imported "
        "(the Import page; the data-request workbook is there too)."),
    "hm_context_link": ("Mở trang Nhập dữ liệu", "Open the Import page"),
    "hm_region_rank_line": ("Hạng của {province} trong vùng (PII): **{rank}**.",
                            "{province}'s regional rank (PII): **{rank}**."),
    # print header (shown only on paper)
    # lead units: 2024 → 2025 successors
    "unit_now": ("{new} (từ {year})", "{new} (from {year})"),
    "unit_successor": ("{old} (2024) → {new} (từ {year})", "{old} (2024) → {new} (from {year})"),
    "unit_successor_part": ("{old} (2024) → {new} (từ {year}, một phần chức năng)",
                            "{old} (2024) → {new} (from {year}, part of its functions)"),
    "unit_successor_note": (
        "Đơn vị chủ trì ghi theo nguyên văn Kế hoạch 152 (năm 2024). Sau sắp xếp bộ máy năm 2025, công việc "
        "được giao cho đơn vị kế nhiệm (→); phiếu giao việc gộp theo đơn vị hiện nay. Căn cứ: {sources}.",
        "Lead units are quoted from Plan 152 verbatim (2024). After the 2025 reorganisation the work goes to the "
        "successor unit (→); unit sheets are grouped by today's unit. Legal basis: {sources}."),
    # what-if inputs (text, read with pii.fmt.parse_score)
    "wi_bad_number": ("Không đọc được số ở ô {codes}: nhập điểm từ 0 đến 100, ví dụ 52,34. Ô đó được giữ như số "
                      "liệu công bố.", "Could not read a number in {codes}: type a score from 0 to 100, e.g. 52.34. "
                      "That input keeps the published figure."),
    # 2025 KPI tiles and targets
    "ov_target_text_n": ("Mục tiêu (Kế hoạch 152): trong top 10 cả nước và dẫn đầu {n} {kind} của {region}.",
                         "Target (plan 152): top 10 nationally and first among the {n} {kind} of {region}."),
    "ov_units_provinces": ("tỉnh", "provinces"),
    "ov_units_merged": ("đơn vị (sau sáp nhập)", "units (after the merger)"),
}
