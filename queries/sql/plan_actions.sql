SELECT plan_id, code, action_no, action_vi, action_en
FROM plan_actions
WHERE plan_id = $plan_id AND ($code IS NULL OR code = $code)
ORDER BY code, action_no
