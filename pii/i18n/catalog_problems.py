"""Messages of data problems found by the build and the import checks
(pii.pipeline.validate) and by the readers of uploaded files (limits, formats,
numbers): each names what is wrong; the file, row and column are added by
``Problem.text``."""

STRINGS: dict[str, tuple[str, str]] = {
    "sbx_cpu_budget": ("kiểm tra tệp quá {seconds} giây tính toán nên đã bị dừng — tệp quá lớn hoặc bất thường",
                       "checking the file took longer than {seconds} s of computing and was stopped — the file is too "
                       "big or malformed"),
    "sbx_busy": ("máy chủ đang kiểm tra các tệp khác; hãy thử lại sau ít phút",
                 "the server is busy checking other files; try again in a few minutes"),
    "sbx_memory_budget": ("kiểm tra tệp cần hơn {memory_mb} MB bộ nhớ nên đã bị dừng — tệp quá lớn hoặc bất thường",
                          "checking the file needed more than {memory_mb} MB of memory and was stopped — the file "
                          "is too big or malformed"),
    "sbx_crash": ("không kiểm tra được tệp (mã sự cố {incident})", "the file could not be checked (incident id {incident})"),
    "sbx_wall_budget": ("kiểm tra tệp quá {seconds} giây (máy chủ đang bận) nên đã bị dừng — hãy thử lại sau ít phút",
                        "checking the file took longer than {seconds} s (the server is busy) and was stopped — try "
                        "again in a few minutes"),
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
    # the importer (pii.pipeline.importer)
    "pb_missing_columns_header": ("thiếu cột: {cols} (tiêu đề đọc được: {header})",
                                  "missing column(s): {cols} (header found: {header})"),
    "pb_column_twice_named": ("tiêu đề có hai cột cùng nghĩa: {cols} (số trong ngoặc là thứ tự cột) — hãy đổi tên "
                              "hoặc xoá một cột",
                              "two columns of the header mean the same: {cols} (column number in brackets) — rename "
                              "or delete one"),
    "pb_no_score_no_rank": ("dòng không có điểm và không có hạng", "the row has neither a score nor a rank"),
    "pb_unreadable_code": ("mã không hiểu được (cần I, 1, 1.1 hoặc I.1.1)", "unreadable code (expected I, 1, 1.1 or I.1.1)"),
    "pb_name_ambiguous": ("tên chỉ số khớp nhiều mã: {codes} — hãy ghi mã (STT)",
                          "the indicator name matches several codes: {codes} — write the code (STT)"),
    "pb_name_unknown": ("không có chỉ số nào tên như vậy trong khung {edition} — hãy ghi mã (STT)",
                        "no indicator of the {edition} framework has this name — write the code (STT)"),
    "pb_name_the_column": ("{message} — đặt tên cột: {hint}", "{message} — name the column: {hint}"),
    "pb_source_not_plain_url": ("địa chỉ nguồn không hợp lệ: cần một URL http:// hoặc https:// thông thường",
                                "the source address is not a plain http:// or https:// URL"),
    "pb_source_scheme": ("nguồn phải là URL http:// hoặc https:// (không nhận javascript:, file:, …)",
                         "the source must be an http:// or https:// URL (not javascript:, file:, …)"),
    "pb_source_unknown": ("nguồn không có trong sources.csv: ghi địa chỉ URL hoặc mã nguồn đã có",
                          "source not in sources.csv: give its URL or a known source id"),
    "pb_unit_of_other_edition": ("{message}; tên này là đơn vị của kỳ {editions} (sáp nhập 2025?)",
                                 "{message}; this name is a unit of edition(s) {editions} (2025 merger?)"),
    "pb_edition_year": ("kỳ phải là năm 4 chữ số", "edition must be a year"),
    "pb_level": ("cấp phải là một trong {levels}", "level must be one of {levels}"),
    "pb_invalid_code": ("mã không hợp lệ (chữ, số và dấu chấm)", "invalid code (letters, digits and dots)"),
    "pb_cell_empty": ("ô '{col}' trống", "'{col}' is empty"),
    "pb_framework_one_edition": ("một tệp khung chỉ số chỉ cho một kỳ", "a framework file holds one edition"),
    "pb_tree_invalid": ("cây chỉ số không hợp lệ: {error}", "the framework tree is not valid: {error}"),
    "pb_appendix_unreadable": ("không đọc được phụ lục: {error}", "cannot read the appendix: {error}"),
    "pb_unknown_format": ("định dạng không biết: {kind}", "unknown format: {kind}"),
    "pb_header_edition": ("tiêu đề ghi năm {year} nhưng đã chọn kỳ {edition}",
                          "the header says {year} but edition {edition} was chosen"),
    "pb_layout_not_found_wide": ("không thấy bảng rộng: cần một dòng tiêu đề có cột Tỉnh/Đơn vị và các cột chỉ số "
                                 "(mã như I.1.1, tên chỉ số, 'Trụ cột 3', 'Chỉ số phụ đầu vào')",
                                 "no wide table found: it needs a header row with a Province/Unit column and measure "
                                 "columns (a code such as I.1.1, the measure's name, 'Trụ cột 3', 'Chỉ số phụ đầu "
                                 "vào')"),
    "pb_layout_not_found_transposed": ("không thấy bảng xoay: cần một dòng tiêu đề có cột Mã/Chỉ số và các cột mang "
                                       "tên tỉnh/thành",
                                       "no transposed table found: it needs a header row with a Code/Measure column "
                                       "and columns named after provinces"),
    "pb_layout_not_found_profiles": ("không thấy hồ sơ đơn vị: cần các phần mở đầu bằng tên tỉnh/thành, mỗi phần có "
                                     "bảng STT (I, 1, 1.1) | chỉ số | điểm | hạng",
                                     "no unit profiles found: it needs sections headed by a province's name, each "
                                     "with a table No. (I, 1, 1.1) | measure | score | rank"),
    "pb_wide_unknown_column": ("cột '{col}' không phải là chỉ số nào của khung {edition} (cũng không phải Tỉnh, "
                               "Năm, Nguồn) — hãy sửa tiêu đề theo mã hoặc tên chỉ số, hoặc xoá cột",
                               "column '{col}' is no measure of the {edition} framework (nor Province, Year, "
                               "Source) — name it by the measure's code or name, or delete the column"),
    "pb_wide_needs_edition": ("tệp không nói năm/kỳ của số liệu (tên bảng như 'Kết quả PII năm 2024', hoặc cột Năm)"
                              " — hãy chọn kỳ (--edition)",
                              "the file does not say the edition (a title such as 'PII 2024 results', or a Year "
                              "column) — give it (--edition)"),
    "pb_unit_twice_rows": ("đơn vị {unit} có mặt hai lần trong tệp (các dòng {places}) — hãy giữ một dòng",
                           "the unit {unit} is listed twice in the file (rows {places}) — keep one row"),
    "pb_unit_twice_columns": ("đơn vị {unit} có mặt hai lần trong tệp (các cột {places}) — hãy giữ một cột",
                              "the unit {unit} is listed twice in the file (columns {places}) — keep one column"),
    "pb_unit_twice_sections": ("đơn vị {unit} có hai hồ sơ trong tệp (mở đầu ở {places}) — hãy giữ một hồ sơ",
                               "the unit {unit} has two profiles in the file (starting on {places}) — keep one"),
    "pb_in_unit": ("{message} — đơn vị {unit}, chỉ số {measure}", "{message} — unit {unit}, measure {measure}"),
    "pb_appendix_needs": ("phụ lục cần khai báo: {cols}", "an appendix import needs: {cols}"),
    "pb_option_name": ("tên tỉnh đã nhập (--province / ô Tỉnh): {message}",
                       "the province given (--province / the Province box): {message}"),
    "pb_cell_too_long": ("ô quá dài ({n} ký tự); giới hạn là {limit}", "cell too long ({n} characters); the limit is {limit}"),
    "pb_hidden_char": ("văn bản chứa ký tự điều khiển/định dạng ẩn {code} {uname} ở vị trí {pos} — hãy xoá ký tự đó "
                       "rồi nhập lại",
                       "the text holds a hidden control or format character, {code} {uname}, at position {pos} — "
                       "delete it and retry"),
    "pb_mixed_script": ("tên lẫn chữ {script} với chữ {main}: ký tự {code} {uname} ở vị trí {pos} trông giống "
                        "chữ Latinh nhưng không phải — hãy gõ lại tên",
                        "the name mixes {script} with {main} letters: {code} {uname} at position {pos} looks like a "
                        "Latin letter but is not — retype the name"),
    "pb_formula_like": ("ô văn bản bắt đầu bằng = + - @ (có thể là công thức) — hãy bỏ ký tự đó",
                        "the text cell starts with = + - @ (a possible formula) — remove it"),
    "pb_markup": ("ô chứa mã HTML/Markdown (liên kết, địa chỉ web, ảnh, thẻ, định dạng như ** hay :red[…], công thức $…$):"
                  " hãy viết tên dưới dạng chữ thường",
                  "the cell contains HTML/Markdown (a link, web address, image, tag, formatting such as ** or :red[…],"
                  " a $…$ formula): write the name as plain text"),
    "pb_placed": ("{message} [{place}]", "{message} [{place}]"),
    "pb_disk_full": ("không đủ chỗ trên đĩa của máy chủ: chưa công bố gì, dữ liệu giữ nguyên",
                     "the server's disk is full: nothing was published, the data is unchanged"),
    "pb_nothing_to_roll_back": ("không có lần nhập nào để hoàn tác", "there is no import to roll back"),
    "pb_write_failed": ("không ghi được dữ liệu ({error}): chưa công bố gì, dữ liệu giữ nguyên",
                        "the data could not be written ({error}): nothing was published, the data is unchanged"),
    # the data build (pii.pipeline.build)
    "pb_missing_column": ("thiếu cột '{col}'", "missing column '{col}'"),
    "pb_duplicate": ("trùng khóa {fields}", "duplicate key {fields}"),
    "pb_parent_not_in_edition": ("mã cha không có trong cùng kỳ", "parent code not in the same edition"),
    "pb_edition_undeclared": ("kỳ chưa khai báo trong framework_editions.csv",
                              "edition not declared in framework_editions.csv"),
    "pb_unknown_region": ("vùng không tồn tại", "unknown region"),
    "pb_unknown_province": ("tỉnh không tồn tại", "unknown province"),
    "pb_unknown_unit": ("đơn vị không có trong units.csv", "unit not in units.csv"),
    "pb_unknown_code": ("mã chỉ số không tồn tại", "unknown code"),
    "pb_source_not_listed": ("nguồn không có trong sources.csv", "source not listed in sources.csv"),
    "pb_share": ("share phải là whole hoặc part", "share must be whole or part"),
    "pb_date": ("ngày phải có dạng YYYY-MM-DD", "date must be YYYY-MM-DD"),
    "pb_source_http": ("địa chỉ nguồn phải là URL http:// hoặc https://",
                       "the source address must be an http:// or https:// URL"),
    "pb_units_ranked": ("số đơn vị xếp hạng phải là {n}", "units ranked must be {n}"),
    # reading an upload (pii.pipeline.import_formats)
    "fmt_too_large": ("tệp quá lớn ({size} MB); giới hạn là {limit} MB",
                      "file too large ({size} MB); the limit is {limit} MB"),
    "fmt_empty": ("tệp rỗng", "the file is empty"),
    "fmt_formula_cell": ("ô chứa công thức — chỉ chấp nhận giá trị",
                         "the cell holds a formula — only values are accepted"),
    "fmt_formula_start": ("ô bắt đầu bằng '=' hoặc '@' (công thức)", "the cell starts with '=' or '@' (a formula)"),
    "fmt_row_too_wide": ("dòng có {cells} ô nhưng tiêu đề có {width} cột",
                         "the row has {cells} cells but the header has {width} columns"),
    "fmt_header_only": ("tệp chỉ có dòng tiêu đề, không có số liệu", "the file has only a header row, no data"),
    # limits checked before parsing (pii.pipeline.limits); numbers come formatted ("50,000")
    "lim_too_large": ("tệp quá lớn ({size} MB); giới hạn là {limit} MB",
                      "file too large ({size} MB); the limit is {limit} MB"),
    "lim_pdf_pages": ("tệp PDF có {n} trang; giới hạn là {limit}", "the PDF has {n} pages; the limit is {limit}"),
    "lim_text_lines": ("tệp có {n} dòng; giới hạn là {limit} dòng", "the file has {n} lines; the limit is {limit}"),
    "lim_text_cells": ("tệp có khoảng {n} ô; giới hạn là {limit}", "the file has about {n} cells; the limit is {limit}"),
    "lim_line_too_long": ("dòng quá dài ({n} byte); giới hạn là {limit} ký tự",
                          "line too long ({n} bytes); the limit is {limit} characters"),
    "lim_broken_zip": ("không đọc được tệp: đây không phải một tệp Excel (.xlsx) hay Word (.docx) nguyên vẹn (bị hỏng, "
                       "bị cắt khi sao chép, hoặc một định dạng khác bị đổi đuôi) — hãy mở bằng Excel/Word và lưu "
                       "lại thành .xlsx/.docx",
                       "cannot read the file: it is not a complete Excel (.xlsx) or Word (.docx) file (damaged, cut "
                       "off while copying, or another format renamed) — open it in Excel/Word and save it again as "
                       ".xlsx/.docx"),
    "lim_zip_members": ("tệp nén có {n} phần; giới hạn là {limit}", "the zip container has {n} parts; the limit is {limit}"),
    "lim_zip_ratio": ("phần '{part}' nén với tỉ lệ {ratio}:1; giới hạn là {limit}:1",
                      "part '{part}' is compressed {ratio}:1; the limit is {limit}:1"),
    "lim_zip_size_lie": ("phần '{part}' giải nén ra nhiều hơn kích thước khai báo",
                         "part '{part}' unpacks to more than its declared size (a zip bomb?)"),
    "lim_xml_dtd": ("phần '{part}' khai báo DTD/thực thể XML — không được phép (tấn công XML)",
                    "part '{part}' declares an XML DTD or entity — not allowed (an XML attack)"),
    "lim_sheet_rows": ("bảng tính có {n} dòng; giới hạn là {limit}", "the sheet has {n} rows; the limit is {limit}"),
    "lim_sheet_cells": ("bảng tính có {n} ô; giới hạn là {limit}", "the sheet has {n} cells; the limit is {limit}"),
    "lim_docx_tables": ("văn bản có {n} bảng (lồng nhau?); giới hạn là {limit}",
                        "the document has {n} tables (nested?); the limit is {limit}"),
    "lim_docx_nesting": ("văn bản có bảng lồng trong bảng tới {n} tầng; giới hạn là {limit} — hãy chép riêng bảng phụ "
                         "lục sang một văn bản mới (dán dạng bảng thường) rồi tải lên lại",
                         "the document has tables nested {n} deep; the limit is {limit} — copy the appendix table "
                         "alone into a new document (paste it as a plain table) and upload that"),
    "lim_xml_depth": ("phần '{part}' lồng nhau quá sâu ({n} tầng; giới hạn {limit}) — tệp không phải do Word/Excel "
                      "lưu bình thường: hãy mở và lưu lại bằng Word/Excel",
                      "part '{part}' is nested too deep ({n} levels; the limit is {limit}) — not a file Word or Excel "
                      "saves: open it and save it again in Word/Excel"),
    "lim_sheet_wide_cell": ("trang tính có ô {ref} (cột thứ {col}); giới hạn là {limit} cột — hãy xoá các ô ở xa bên "
                            "phải (Ctrl+End cho thấy ô cuối cùng) rồi lưu lại",
                            "the sheet has a cell at {ref} (column {col}); the limit is {limit} columns — delete the "
                            "cells far to the right (Ctrl+End shows the last one) and save again"),
    "lim_sheet_range": ("trang tính khai báo vùng {ref} ({rows} dòng × {cols} cột); giới hạn là {max_rows} dòng, "
                        "{max_cols} cột — hãy xoá các dòng/cột trống thừa",
                        "the sheet declares the range {ref} ({rows} rows x {cols} columns); the limit is {max_rows} "
                        "rows and {max_cols} columns — delete the empty rows/columns"),
    # figures read strictly (pii.pipeline.numbers)
    "num_underscore": ("dấu '_' giữa các chữ số không phải cách viết số — hãy ghi số thường (47.75)",
                       "'_' between digits is not how a figure is written — write a plain number (47.75)"),
    "num_odd_digits": ("chữ số toàn khổ hoặc không phải chữ số ASCII (０-９) — hãy gõ lại bằng chữ số thường",
                       "full-width or non-ASCII digits — retype the figure with ordinary digits 0-9"),
    "num_point_in_comma_file": ("số có dấu chấm trong tệp dùng dấu phẩy thập phân: không rõ là phần nghìn hay thập "
                                "phân — hãy ghi bằng dấu phẩy (47,75)",
                                "a point in a file that uses decimal commas is ambiguous (thousands or decimals?) — "
                                "write it with a comma (47,75)"),
    "num_decimal_comma": ("dùng dấu phẩy thập phân — hãy viết số với dấu chấm (47.75)",
                          "decimal comma — write numbers with a decimal point (47.75)"),
    "num_not_a_number": ("không phải là số", "not a number"),
    "num_percent_text": ("điểm ghi kèm dấu % dưới dạng chữ: điểm PII là số điểm 0–100, không phải tỷ lệ — hãy ghi "
                         "{number} (bỏ dấu %)",
                         "a score typed as text with a % sign: PII scores are points from 0 to 100, not percentages — "
                         "write {number} (without the %)"),
    "num_rank_of": ("hạng ghi '/{of}' nhưng kỳ này xếp hạng {units} đơn vị",
                    "the rank says '/{of}' but this edition ranks {units} units"),
    # CSV and Unicode text (pii.pipeline.readers_csv)
    "csv_broken_encoding": ("tệp {label} bị hỏng ở byte {at}", "the {label} file is broken at byte {at}"),
    "csv_nul": ("tệp chứa ký tự nhị phân (NUL)", "the file contains binary (NUL) characters"),
    "csv_not_utf8_cp1258": (
        "tệp không phải mã UTF-8 (có vẻ là Windows-1258 (ANSI tiếng Việt)): không đoán mã để khỏi làm hỏng tên "
        "tiếng Việt — hãy lưu lại: trong Excel: Tệp › Lưu thành › \"CSV UTF-8 (phân tách bằng dấu phẩy)\" hoặc "
        "\"Văn bản Unicode\"",
        "the file is not UTF-8 (it looks like Windows-1258 (Vietnamese ANSI)): it is not guessed, a wrong guess "
        "corrupts Vietnamese names — save it again: in Excel: File › Save As › \"CSV UTF-8 (Comma delimited)\" or "
        "\"Unicode Text\""),
    "csv_not_utf8": (
        "tệp không phải mã UTF-8 (có thể là Windows-1258, TCVN3 hoặc latin-1): không đoán mã để khỏi làm hỏng tên "
        "tiếng Việt — hãy lưu lại: trong Excel: Tệp › Lưu thành › \"CSV UTF-8 (phân tách bằng dấu phẩy)\" hoặc "
        "\"Văn bản Unicode\"",
        "the file is not UTF-8 (perhaps Windows-1258, TCVN3 or latin-1): it is not guessed, a wrong guess "
        "corrupts Vietnamese names — save it again: in Excel: File › Save As › \"CSV UTF-8 (Comma delimited)\" or "
        "\"Unicode Text\""),
    "csv_broken": ("không tách được tệp CSV thành các ô từ dòng này: có dấu ngoặc kép (\") mở một ô mà không đóng, "
                   "hoặc một ô dài hơn 131.072 ký tự — hãy kiểm tra dấu ngoặc kép, hoặc mở bằng Excel và lưu lại "
                   "thành \"CSV UTF-8\"",
                   "the CSV cannot be split into cells from this row: a quotation mark (\") opens a cell that never "
                   "closes, or a cell is longer than 131,072 characters — check the quotes, or open it in Excel and "
                   "save it again as \"CSV UTF-8\""),
    # Word and PDF appendices (pii.pipeline.readers_docs)
    "docx_no_table": ("không thấy bảng phụ lục nào trong tệp Word (cần bảng có cột Điểm số / Xếp hạng)",
                      "no appendix table found in the Word file (a table with Score / Rank columns is needed)"),
    "docx_pdf_no_text": ("PDF không có lớp chữ (bản quét ảnh): không nhận dạng ký tự (OCR) để tránh đọc sai số — "
                         "hãy xin bản Word/Excel gốc hoặc bản PDF xuất trực tiếp từ Word",
                         "the PDF has no text layer (a scanned image): there is no OCR, a misread digit would "
                         "publish a wrong figure — ask for the original Word/Excel file or a PDF exported from Word"),
    "docx_pdf_no_table": ("không thấy bảng nào trong PDF (cần bảng có cột Điểm số / Xếp hạng)",
                          "no table found in the PDF (a table with Score / Rank columns is needed)"),
    # workbooks (pii.pipeline.readers_xlsx)
    "xlsx_old_xls": ("đây là tệp Excel cũ (.xls): hãy mở bằng Excel và lưu thành \"Sổ làm việc Excel (.xlsx)\"",
                     "this is an old Excel file (.xls): open it in Excel and save it as \"Excel Workbook (.xlsx)\""),
    "xlsx_unreadable": ("không đọc được tệp Excel: thiếu hoặc hỏng một phần bên trong tệp — hãy mở bằng Excel và lưu "
                        "lại thành \"Sổ làm việc Excel (.xlsx)\"",
                        "cannot read the Excel file: a part inside it is missing or damaged — open it in Excel and "
                        "save it again as \"Excel Workbook (.xlsx)\""),
    "xlsx_strict": ("sổ làm việc được lưu dạng \"Bảng tính Strict Open XML\", không đọc được — hãy mở bằng Excel và "
                    "lưu thành \"Sổ làm việc Excel (.xlsx)\"",
                    "the workbook is saved as \"Strict Open XML Spreadsheet\", which cannot be read — open it in "
                    "Excel and save it as \"Excel Workbook (.xlsx)\""),
    "xlsx_old_doc": ("đây là tệp Word cũ (.doc): hãy mở bằng Word và lưu thành \"Tài liệu Word (.docx)\"",
                     "this is an old Word file (.doc): open it in Word and save it as \"Word Document (.docx)\""),
    "xlsx_no_such_sheet": ("không có trang tính '{sheet}' (có: {sheets})",
                           "there is no sheet '{sheet}' (sheets: {sheets})"),
    "xlsx_no_visible_sheet": ("sổ làm việc không có trang tính nào đang hiện", "the workbook has no visible sheet"),
}
