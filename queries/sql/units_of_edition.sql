-- Provincial units ranked in an edition (63 before the 2025 merger, 34 after).
SELECT p.province_id, p.gso_code, p.name_vi, p.name_en, p.region_id, r.name_vi AS region_vi, r.name_en AS region_en,
       p.valid_from, p.valid_to, p.successor_id
FROM provinces p
JOIN regions r USING (region_id)
JOIN editions e ON e.edition = $edition
WHERE list_contains(string_split(p.unit_sets, '|'), CAST(e.unit_set AS VARCHAR))
ORDER BY p.name_vi
