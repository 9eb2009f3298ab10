"""AppTest of the Overview page: the numbers a leader sees."""

from tests.apptest_helpers import run_page, texts


def metrics(at):
    return {m.label: m.value for m in at.metric}


def test_default_view_is_thai_nguyen_2023_in_vietnamese():
    at = run_page("pages/overview.py")
    assert not at.exception
    m = metrics(at)
    assert m["Điểm PII"] == "47,75"
    assert m["Xếp hạng cả nước"] == "10/63"
    assert m["Xếp hạng trong vùng"] == "1/14"  # published (rules.regional_rank)
    assert "Khoảng cách tới tỉnh hạng 11 (Bắc Giang, 46,51): **+1,24 điểm**" in texts(at)
    assert at.query_params["edition"] == ["2023"] or at.query_params["edition"] == "2023"


def test_english_uses_decimal_point():
    at = run_page("pages/overview.py", {"lang": "en"})
    m = metrics(at)
    assert m["PII score"] == "47.75"
    assert m["National rank"] == "10 of 63"


def test_2024_change_and_missing_pillars():
    at = run_page("pages/overview.py", {"edition": "2024"})
    assert not at.exception
    m = metrics(at)
    assert m["Điểm PII"] == "44,23"
    assert m["Xếp hạng cả nước"] == "9/63"
    # change against 2023 is shown: 44.23 - 47.75 = -3.52; rank 10 -> 9 = +1 place
    deltas = {x.label: x.delta for x in at.metric}
    assert deltas["Điểm PII"].startswith("-3,52")  # ASCII minus so st.metric shows a fall
    assert deltas["Xếp hạng cả nước"].startswith("+1")
    assert "Chưa có số liệu công bố về trụ cột của Thái Nguyên trong PII 2024." in texts(at)


def test_2025_maps_to_merged_unit_with_note():
    at = run_page("pages/overview.py", {"edition": "2025"})
    assert not at.exception
    assert "Thái Nguyên gồm Thái Nguyên, Bắc Kạn" in texts(at)
    # no figure: a small muted note under the label, not the metric font
    assert "Điểm PII" not in metrics(at)
    notes = [m.value for m in at.markdown if "pii-kpi-missing" in m.value]
    assert len(notes) == 3 and all("chưa có số liệu công bố" in n for n in notes)
    # the region of the target has 10 merged units in 2025 (from the data, not a fixed 14)
    assert "dẫn đầu 10 đơn vị (sau sáp nhập) của Vùng Trung du và miền núi phía Bắc" in texts(at)


def test_focus_ranked_tenth_compares_with_ninth_and_eleventh():
    at = run_page("pages/overview.py")
    text = texts(at)
    assert "chính là Thái Nguyên" not in text
    assert "Khoảng cách tới tỉnh hạng 9 (Quảng Ninh, 48,03): **−0,28 điểm**" in text
    assert "Khoảng cách tới tỉnh hạng 11 (Bắc Giang, 46,51): **+1,24 điểm**" in text
    assert "dẫn đầu 14 tỉnh của Vùng Trung du và miền núi phía Bắc" in text


def test_bad_url_values_fall_back_with_notice():
    at = run_page("pages/overview.py", {"edition": "1999", "province": "x'); DROP TABLE scores; --", "lang": "fr"})
    assert not at.exception
    text = texts(at)
    assert "'`1999`'" in text and "'edition'" in text  # the URL value is echoed as a literal code span
    assert metrics(at)["Điểm PII"] == "47,75"


def test_about_page_lists_coverage_and_attribution():
    at = run_page("pages/about.py")
    assert not at.exception
    text = texts(at)
    assert "Open Development Vietnam" in text and "CC BY-SA 4.0" in text
    assert "60 khớp nhiều nguồn, 121 một nguồn, 4 đã xử lý mâu thuẫn" in text  # + 15 addendum − 1 rejected (issue 11)
    # + 10 of addendum 2 (issue 19)
    cov = at.dataframe[0].value
    assert cov.iloc[0].tolist() == ["2023", "Chỉ số PII", 28, 34]  # addendum: + Hưng Yên, Thái Bình; − Thanh Hóa score
    # addendum 2 (issue 19): scores + Cà Mau, Bến Tre; ranks + Cà Mau, Khánh Hòa, Bến Tre


def test_2024_regional_rank_is_computed_out_of_n_with_data():
    at = run_page("pages/overview.py", {"edition": "2024"})
    tile = {x.label: (x.value, x.delta) for x in at.metric}["Xếp hạng trong vùng (tính toán)"]
    assert tile == ("1/3", "trong 3 tỉnh có số liệu")  # rules.regional_rank: 3 of the 14 have a published PII
