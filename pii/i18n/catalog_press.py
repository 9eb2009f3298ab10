"""Strings of press-grade visuals (issue 15): finding titles, notes printed on
images, exportable chart views, file-name words, the press summary."""

STRINGS: dict[str, tuple[str, str]] = {
    "trd_context_legend": ("Các tỉnh khác trong nhóm", "Other provinces in the group"),
    "ex_axis_not_zero": ("Điểm PII (trục không bắt đầu từ 0)", "PII score (axis does not start at 0)"),
}
