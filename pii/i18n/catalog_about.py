"""Data & sources page strings."""

STRINGS: dict[str, tuple[str, str]] = {
    "ab_title": ("Nguồn dữ liệu và phương pháp", "Data, sources and method"),
    "ab_intro": (
        "Mọi số liệu trong ứng dụng đều là số liệu đã công bố, mỗi số có nguồn. Số liệu chưa công bố để trống và "
        "hiển thị là “chưa có số liệu công bố”, không bao giờ ghi 0 hay ước tính. Thứ hạng do ứng dụng tính "
        "(trong nhóm so sánh, sau mô phỏng) luôn được ghi rõ là “tính toán”.",
        "Every figure in the app is a published figure with its source. Unpublished figures stay empty and are "
        "shown as “no published figure”, never 0 and never estimated. Ranks the app computes (within a peer "
        "group, after a what-if) are always labelled “computed”."),
    "ab_coverage": ("Độ phủ số liệu", "Coverage"),
    "ab_coverage_note": (
        "Số đơn vị có số liệu công bố theo kỳ và cấp. Số liệu đầy đủ của mọi tỉnh có trong báo cáo PII của Bộ "
        "KH&CN; nhập báo cáo đó ở trang Nhập dữ liệu để mọi trang được lấp đầy.",
        "Units with a published figure per edition and level. The full data of every province is in the "
        "Ministry's PII report; import it on the Import page and every view fills in."),
    "ab_units_score": ("Đơn vị có điểm", "Units with a score"),
    "ab_units_rank": ("Đơn vị có thứ hạng", "Units with a rank"),
    "ab_editions": ("Các kỳ công bố và khung chỉ số", "Editions and frameworks"),
    "ab_units_ranked": ("Số đơn vị xếp hạng", "Units ranked"),
    "ab_published_on": ("Ngày công bố", "Published on"),
    "ab_framework": ("Khung chỉ số", "Framework"),
    "ab_method": ("Cách tính", "How the index is computed"),
    "ab_method_text": (
        "Mỗi chỉ số thành phần có điểm 0–100 (tỉnh tốt nhất đạt 100). Nhóm chỉ số = trung bình cộng các chỉ số "
        "thành phần; trụ cột = trung bình các nhóm; chỉ số phụ đầu vào = trung bình trụ cột I–V; đầu ra = trung "
        "bình trụ cột VI–VII; PII = (đầu vào + đầu ra)/2. Số công bố làm tròn 2 chữ số; số tính lại khớp trong "
        "phạm vi 0,01. Chỉ số IV.1.2 (vay tài chính vi mô/GRDP) là chỉ số nghịch.",
        "Every indicator is scored 0–100 (the best province scores 100). Index = mean of its indicators; pillar "
        "= mean of its indices; input sub-index = mean of pillars I–V; output = mean of VI–VII; PII = (input + "
        "output)/2. Published figures are rounded to 2 decimals; a recomputed aggregate matches within 0.01. "
        "IV.1.2 (microfinance/GRDP) is an inverse indicator."),
    "ab_merger": ("Sáp nhập tỉnh năm 2025", "The 2025 merger of provinces"),
    "ab_merger_text": (
        "Từ PII 2025 đơn vị xếp hạng là 34 tỉnh/thành sau sáp nhập (Nghị quyết 202/2025/QH15). Chuỗi số liệu qua "
        "năm 2025 so sánh các đơn vị khác nhau; ứng dụng luôn ghi rõ đơn vị mới gồm những tỉnh cũ nào.",
        "From PII 2025 the units are the 34 merged provinces (Resolution 202/2025/QH15). A series that crosses "
        "2025 compares different units; the app always says which old provinces form a new unit."),
    "ab_sources": ("Danh sách nguồn", "Sources"),
    "ab_conflicts": ("Xử lý số liệu mâu thuẫn", "Conflict decisions"),
    "ab_conflicts_text": (
        "Khi các nguồn in số khác nhau, số được giữ và lý do loại số kia ghi trong cột ghi chú (trạng thái "
        "“resolved”). Các số không đưa vào (chữ thay cho số, mức thay đổi, mâu thuẫn chưa giải quyết) được liệt kê "
        "trong pii_data/sources/excluded.csv.",
        "Where sources print different values, the value kept and why the other was rejected are in the note "
        "(status “resolved”). Figures not carried over (words instead of numbers, changes, unresolved conflicts) "
        "are listed in pii_data/sources/excluded.csv."),
    "ab_status_counts": ("Trạng thái số liệu công bố: {agreed} khớp nhiều nguồn, {single} một nguồn, {resolved} đã "
                         "xử lý mâu thuẫn.",
                         "Published figures: {agreed} agreed by several sources, {single} single-source, "
                         "{resolved} resolved conflicts."),
    "ab_geo": ("Bản đồ", "Map geometry"),
    "ab_plan": ("Kế hoạch 152/KH-UBND", "Plan 152/KH-UBND"),
    "ab_plan_text": ("Điểm, thứ hạng năm 2023 của 75 trụ cột, nhóm và chỉ số thành phần của Thái Nguyên, đơn vị chủ "
                     "trì, phối hợp và nhiệm vụ lấy từ Phụ lục của Kế hoạch 152/KH-UBND ngày 21/8/2024.",
                     "Thái Nguyên's 2023 scores and ranks of all 75 pillars, indices and indicators, the lead and "
                     "partner units and the actions come from the appendix of plan 152/KH-UBND of 21/8/2024."),
}
