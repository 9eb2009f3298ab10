-- Every provincial unit ever ranked, pre- and post-merger.
SELECT p.*, r.name_vi AS region_vi, r.name_en AS region_en
FROM provinces p JOIN regions r USING (region_id)
ORDER BY p.name_vi
