-- Old (63-unit) provinces merged into a post-2025 unit; empty for unchanged units.
SELECT m.unit_id, m.member_id, m.position, p.name_vi, p.name_en
FROM province_members m JOIN provinces p ON p.province_id = m.member_id
WHERE m.unit_id = $unit_id
ORDER BY m.position
