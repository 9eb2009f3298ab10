-- The post-merger unit each old province belongs to (itself when unchanged).
SELECT p.province_id, coalesce(p.successor_id, p.province_id) AS unit_2025
FROM provinces p
