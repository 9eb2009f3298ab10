SELECT plan_id, code, item_no, item_vi, item_en, source_id, note FROM checklists
WHERE plan_id = $plan_id ORDER BY code, item_no
