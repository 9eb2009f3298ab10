-- Lead and partner units of the plan, by code and/or by unit (NULL = all).
SELECT a.plan_id, a.code, a.role, a.position, a.unit_id, u.name_vi AS unit_vi, u.name_en AS unit_en, u.kind
FROM plan_assignments a JOIN units u USING (unit_id)
WHERE a.plan_id = $plan_id
  AND ($code IS NULL OR a.code = $code)
  AND ($unit_id IS NULL OR a.unit_id = $unit_id)
ORDER BY a.code, a.role, a.position
