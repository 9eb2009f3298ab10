-- Scores and ranks of given provinces and codes across all editions.
SELECT s.edition, s.province_id, p.name_vi AS province_vi, p.name_en AS province_en, s.code,
       s.score, s.rank, s.rank_of, s.score_source_id, s.rank_source_id
FROM scores s JOIN provinces p USING (province_id)
WHERE list_contains($provinces, s.province_id)
  AND list_contains($codes, s.code)
ORDER BY s.code, s.province_id, s.edition
