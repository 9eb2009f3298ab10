SELECT unit_id, name_vi, name_en, kind FROM units ORDER BY name_vi
