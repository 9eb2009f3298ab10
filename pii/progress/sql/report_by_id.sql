SELECT report_id, plan_id, code, unit_id, status, note, expected, author, reported_on, created_at
FROM reports WHERE report_id = :report_id
