SELECT a.edition, a.region_id, r.name_vi, r.name_en, a.avg_score, a.source_id, a.status, a.note
FROM region_averages a JOIN regions r USING (region_id)
WHERE a.edition = $edition
ORDER BY r.sort_order
