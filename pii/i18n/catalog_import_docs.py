"""Strings of the import preview, the sheet choice and the data-request workbook (issue 11)."""

STRINGS: dict[str, tuple[str, str]] = {
    "pdf_password": ("tệp PDF có mật khẩu nên không đọc được: hãy gửi bản không đặt mật khẩu (mở PDF, in ra "
                     "\"Microsoft Print to PDF\"/lưu bản sao không mật khẩu) hoặc bản Word/Excel gốc",
                     "the PDF is password-protected, so it cannot be read: send a copy without a password (open it and "
                     "print to PDF, or save a copy without the password) or the original Word/Excel file"),
    "imp_pdf_unreadable": ("không đọc được tệp PDF (tệp hỏng hoặc không đúng cấu trúc PDF): hãy xuất lại PDF từ Word "
                           "hoặc gửi bản Word/Excel gốc",
                           "cannot read the PDF file (damaged, or not a well-formed PDF): export it again from Word "
                           "or send the original Word/Excel file"),
    "imp_word_unreadable": ("không đọc được tệp Word (tệp hỏng hoặc không phải .docx): hãy mở bằng Word và lưu lại "
                            "dạng .docx",
                            "cannot read the Word file (damaged, or not a .docx): open it in Word and save it as "
                            ".docx"),
    "impd_request": ("Phiếu đề nghị cung cấp số liệu (gửi Sở KH&CN tỉnh bạn)",
                     "Data-request workbook (to send to a peer province's Department of Science and Technology)"),
    "impd_request_help": ("Tệp Excel gồm khung chỉ số của kỳ đã chọn (mã, tên), các số liệu đã công bố của tỉnh đó "
                          "kèm nguồn, ô trống cho phần còn lại và hướng dẫn bằng tiếng Việt. Tệp gửi lại được nhập "
                          "nguyên trạng ở trang này (sau khi xem trước).",
                          "An Excel file with the edition's framework (codes, names), the province's published "
                          "figures with their sources, empty cells for the rest and instructions in Vietnamese. "
                          "The returned file imports as it is on this page (after the preview)."),
    "impd_request_province": ("Tỉnh", "Province"),
    "impd_request_edition": ("Kỳ", "Edition"),
    "impd_request_button": ("Tải phiếu đề nghị (.xlsx)", "Download the request (.xlsx)"),
    "impd_edition_auto": ("Theo tiêu đề của tệp", "From the file's header"),
    "impd_sheet": ("Trang tính cần đọc", "Sheet to read"),
    "impd_sheet_auto": ("Tự chọn (trang có số liệu)", "Automatic (the sheet with the data)"),
    "impd_sheet_hidden": ("{name} (ẩn)", "{name} (hidden)"),
    "impd_how": ("Cách đọc tệp", "How the file was read"),
    "impd_figures": ("Số liệu đọc được ({n})", "Figures read ({n})"),
    "impd_names": ("Mã và tên sẽ công bố ({n})", "Codes and names to be published ({n})"),
    "impd_names_level": ("Cấp", "Level"),
    "impd_names_parent": ("Mã cấp trên", "Parent code"),
    "impd_names_vi": ("Tên tiếng Việt", "Vietnamese name"),
    "impd_names_en": ("Tên tiếng Anh", "English name"),
    "impd_checks": ("Kết quả kiểm tra", "Check results"),
    "impd_col_where": ("Dòng trong tệp", "Row in the file"),
    "impd_col_edition": ("Kỳ", "Edition"),
    "impd_col_unit": ("Đơn vị", "Unit"),
    "impd_col_code": ("Mã", "Code"),
    "impd_col_name": ("Tên chỉ số", "Indicator"),
    "impd_col_measure": ("Đo", "Measure"),
    "impd_col_value": ("Giá trị trong tệp", "Value in the file"),
    "impd_col_before": ("Giá trị hiện có", "Value in the data"),
    "impd_col_change": ("Thay đổi", "Change"),
    "impd_col_source": ("Nguồn mới", "New source"),
    "impd_col_source_before": ("Nguồn hiện có", "Current source"),
    "impd_measure_score": ("điểm", "score"),
    "impd_measure_rank": ("hạng", "rank"),
    "impd_sources_changed": ("Đổi nguồn", "Source changed"),
    "impd_confirm": ("Tôi đã xem trước và xác nhận công bố các số liệu này",
                     "I have checked the preview and confirm publishing these figures"),
    "impd_no_change": ("Tệp không thay đổi số liệu nào (mọi số liệu trùng với dữ liệu hiện có).",
                       "The file changes no figure (every figure equals the data)."),
}
