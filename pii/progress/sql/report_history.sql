-- every report on one assignment, newest first (history, never overwritten)
SELECT report_id, plan_id, code, unit_id, status, note, expected, author, reported_on, created_at
FROM reports WHERE plan_id = :plan_id AND code = :code
ORDER BY created_at DESC
