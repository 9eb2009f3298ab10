"""Messages of data problems found by the build and the import checks
(pii.pipeline.validate): each names what is wrong; the file, row and column
are added by ``Problem.text``."""

STRINGS: dict[str, tuple[str, str]] = {
    "pb_missing_columns": ("thiếu cột bắt buộc: {cols}", "missing required column(s): {cols}"),
    "pb_unknown_edition": ("kỳ công bố không có trong dữ liệu (chưa có khung chỉ số)",
                           "unknown edition (no framework loaded for it)"),
    "pb_not_a_unit": ("tỉnh/thành không có trong danh sách đơn vị của kỳ {edition}",
                      "province is not a unit of edition {edition}"),
    "pb_code_not_in_framework": ("mã chỉ số không có trong khung chỉ số {edition}",
                                 "code is not in the {edition} framework"),
    "pb_bad_measure": ("measure phải là 'score' hoặc 'rank'", "measure must be 'score' or 'rank'"),
    "pb_value_empty": ("thiếu giá trị (để trống thì bỏ dòng, không ghi 0)",
                       "value is empty (leave the row out instead of writing 0)"),
    "pb_not_a_number": ("giá trị không phải là số", "value is not a number"),
    "pb_score_range": ("điểm phải nằm trong khoảng 0–100", "score must be between 0 and 100"),
    "pb_rank_range": ("thứ hạng phải là số nguyên từ 1 đến {n}", "rank must be a whole number from 1 to {n}"),
    "pb_no_source": ("thiếu nguồn: mỗi số liệu phải có nguồn công bố",
                     "no source: every figure needs its published source"),
    "pb_duplicate_key": ("trùng khóa (kỳ, tỉnh, mã, loại) với {other_file} dòng {other_row}",
                         "duplicate key (edition, province, code, measure) of {other_file} row {other_row}"),
    "pb_rank_contradicts": ("thứ hạng mâu thuẫn với điểm: {a} điểm {a_score} hạng {a_rank}, "
                            "nhưng {b} điểm {b_score} lại hạng {b_rank}",
                            "rank contradicts scores: {a} scores {a_score} at rank {a_rank} "
                            "but {b} scores {b_score} at rank {b_rank}"),
    "pb_aggregate_off": ("{code} ({province}, {edition}) = {figure} nhưng trung bình các thành phần ({kids}) là "
                         "{mean}: lệch quá 0,01",
                         "{code} ({province}, {edition}) = {figure} but the mean of its children ({kids}) is "
                         "{mean}: differs by more than 0.01"),
}
