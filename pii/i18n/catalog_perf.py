"""Strings of the capped history views (issue 13)."""

STRINGS: dict[str, tuple[str, str]] = {
    "history_capped": ("Hiển thị {n} kỳ gần nhất (trên tổng số {total} kỳ công bố).",
                       "Showing the last {n} editions (of {total} published)."),
}
