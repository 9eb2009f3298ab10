"""Strings of issue 12: sign-in, incidents, worker limits."""

STRINGS: dict[str, tuple[str, str]] = {
    "sec_no_accounts": (
        "Chức năng nhập dữ liệu đang tắt: chưa có tài khoản nào. Quản trị viên tạo tài khoản trên máy chủ bằng "
        "lệnh `python -m pii user add TÊN`. Phần còn lại của ứng dụng chỉ đọc.",
        "Import is disabled: there is no account yet. An administrator creates one on the server with "
        "`python -m pii user add NAME`. The rest of the app is read-only."),
    "sec_user": ("Tên đăng nhập", "User name"),
    "sec_password": ("Mật khẩu", "Password"),
    "sec_sign_in": ("Đăng nhập", "Sign in"),
    "sec_wrong": ("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password."),
    "sec_wait": ("Đã sai nhiều lần: hãy đợi {seconds} giây rồi thử lại.",
                 "Too many failed attempts: wait {seconds} seconds and try again."),
    "sec_locked": ("Tài khoản tạm khóa sau nhiều lần đăng nhập sai; thử lại sau {minutes} phút hoặc nhờ quản trị "
                   "viên mở khóa (`python -m pii user unlock TÊN`).",
                   "The account is locked after repeated failed sign-ins; try again in {minutes} minutes or ask an "
                   "administrator to unlock it (`python -m pii user unlock NAME`)."),
    "sec_signed_in": ("Đã đăng nhập: **{user}** (tự đăng xuất sau {minutes} phút không thao tác)",
                      "Signed in as **{user}** (signed out after {minutes} idle minutes)"),
    "sec_sign_out": ("Đăng xuất", "Sign out"),
    "sec_timed_out": ("Phiên đã hết hạn vì không thao tác; hãy đăng nhập lại.",
                      "The session expired after inactivity; sign in again."),
    "sec_incident": ("Đã xảy ra lỗi không mong muốn khi hiển thị trang này. Mã sự cố: **{incident}** — hãy báo mã "
                     "này cho quản trị viên. Dữ liệu không bị thay đổi.",
                     "Something went wrong while showing this page. Incident id: **{incident}** — please give this "
                     "id to the administrator. No data was changed."),
}
