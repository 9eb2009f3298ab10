SELECT x.edition, x.province_id, p.name_vi, p.name_en, x.region_id, x.region_rank, x.units_in_region,
       x.source_id, x.status, x.note
FROM region_ranks x JOIN provinces p USING (province_id)
WHERE x.edition = $edition
ORDER BY x.region_id, x.region_rank
