-- Editions with their unit set and framework, newest last.
SELECT edition, unit_set, units_ranked, published_on, framework_vi, framework_en, structure_complete, note
FROM editions
ORDER BY edition
