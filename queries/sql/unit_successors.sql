-- The 2025 successor of each lead unit the plan names (2025 reorganisation of
-- provincial departments; district level ended 1/7/2025), with names and the legal source.
SELECT s.unit_2024, o.name_vi AS old_vi, o.name_en AS old_en,
       s.unit_2025, n.name_vi AS new_vi, n.name_en AS new_en,
       s.share, s.valid_from, s.source_id, src.title AS source_title, s.note
FROM unit_successors s
JOIN units o ON o.unit_id = s.unit_2024
JOIN units n ON n.unit_id = s.unit_2025
LEFT JOIN sources src ON src.source_id = s.source_id
ORDER BY o.name_vi
