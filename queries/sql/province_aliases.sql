-- Other spellings of a province's name ("TP HCM", "Huế"), read by the one matcher (pii.pipeline.names).
SELECT alias, province_id
FROM province_aliases
ORDER BY alias
