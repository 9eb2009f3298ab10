-- The indicator tree of an edition.
SELECT code, level, parent_code, sort_order, name_vi, name_en, description_vi, description_en,
       side, source_index, inverse
FROM framework
WHERE edition = $edition
ORDER BY sort_order
