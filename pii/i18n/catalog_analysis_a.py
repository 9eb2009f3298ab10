"""Strings of the strengths/weaknesses, heatmap and indicator-detail pages."""

STRINGS: dict[str, tuple[str, str]] = {
    # rank bands (pii/analysis/bands.py)
    "band_0": ("Mạnh", "Strong"),
    "band_1": ("Khá", "Fairly strong"),
    "band_2": ("Trung bình", "Middle"),
    "band_3": ("Yếu", "Weak"),
    "band_label": ("{name} ({lo}–{hi})", "{name} ({lo}–{hi})"),
    "band_col": ("Nhóm hạng", "Rank band"),
    "band_rule": ("Nhóm hạng theo số đơn vị được xếp hạng N: với 63 tỉnh là 1–10, 11–30, 31–50, 51–63; với N khác, các mốc co giãn theo tỉ lệ N/63 (làm tròn), ví dụ 34 đơn vị: 1–5, 6–16, 17–27, 28–34.",
                  "Rank bands scale with the number of units ranked N: for 63 provinces 1–10, 11–30, 31–50, 51–63; for another N the edges scale by N/63 (rounded), e.g. 34 units: 1–5, 6–16, 17–27, 28–34."),
}
