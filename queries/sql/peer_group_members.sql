-- Members of a peer group in one edition (data, built from rules in peer_groups.csv).
SELECT g.province_id, p.name_vi, p.name_en
FROM peer_group_members g JOIN provinces p USING (province_id)
WHERE g.peer_group_id = $group_id AND g.edition = $edition
ORDER BY p.name_vi
