SELECT * FROM plans WHERE plan_id = $plan_id
