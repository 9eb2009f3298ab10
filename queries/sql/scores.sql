-- Published scores and ranks for an edition, optionally filtered by provinces,
-- codes and levels (NULL = no filter). Missing figures stay NULL.
SELECT s.edition, s.province_id, p.name_vi AS province_vi, p.name_en AS province_en, p.region_id,
       s.code, f.level, f.parent_code, f.sort_order, f.name_vi, f.name_en, f.side,
       s.score, s.rank, s.rank_of, s.score_source_id, s.rank_source_id, s.score_status, s.rank_status,
       s.score_note, s.rank_note
FROM scores s
JOIN provinces p USING (province_id)
JOIN framework f ON f.edition = s.edition AND f.code = s.code
WHERE s.edition = $edition
  AND ($provinces IS NULL OR list_contains($provinces, s.province_id))
  AND ($codes IS NULL OR list_contains($codes, s.code))
  AND ($levels IS NULL OR list_contains($levels, f.level))
ORDER BY f.sort_order, s.rank NULLS LAST, s.score DESC NULLS LAST, p.name_vi
