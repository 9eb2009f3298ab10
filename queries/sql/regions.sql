SELECT region_id, name_vi, name_en, sort_order FROM regions ORDER BY sort_order
