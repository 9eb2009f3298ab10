SELECT * FROM targets WHERE plan_id = $plan_id ORDER BY target_id
