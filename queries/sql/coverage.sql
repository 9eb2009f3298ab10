-- Which figures exist: units with a score / a rank, per edition and level.
SELECT s.edition, f.level,
       count(DISTINCT CASE WHEN s.score IS NOT NULL THEN s.province_id END) AS units_with_score,
       count(DISTINCT CASE WHEN s.rank IS NOT NULL THEN s.province_id END) AS units_with_rank,
       count(s.score) AS scores, count(s.rank) AS ranks
FROM scores s JOIN framework f ON f.edition = s.edition AND f.code = s.code
GROUP BY s.edition, f.level
ORDER BY s.edition, min(f.sort_order)
