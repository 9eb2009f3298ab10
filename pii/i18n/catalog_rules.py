"""Strings of the shared rules (pii.analysis.rules)."""

STRINGS: dict[str, tuple[str, str]] = {
    "rule_rank_computed": ("{rank} trong {n} tỉnh có số liệu (tính toán)", "{rank} out of {n} with data (computed)"),
    "rule_out_of_with_data": ("trong {n} tỉnh có số liệu", "out of {n} with data"),
    "rule_region_rank": ("Xếp hạng trong vùng: {rank}", "Rank in region: {rank}"),
    "ex_f_heatmap_region": ("{province} xếp hạng {region_rank} trong {group} ({n} tỉnh), hạng PII cả nước {rank}.",
                            "{province} ranks {region_rank} in {group} ({n} units); national PII rank {rank}."),
}
