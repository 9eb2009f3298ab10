-- How many published figures are agreed / single-source / resolved conflicts.
SELECT status, count(*) AS figures FROM (
    SELECT score_status AS status FROM scores WHERE score IS NOT NULL AND score_source_id <> 'kh152'
    UNION ALL
    SELECT rank_status FROM scores WHERE rank IS NOT NULL AND rank_source_id <> 'kh152'
)
GROUP BY status ORDER BY status
