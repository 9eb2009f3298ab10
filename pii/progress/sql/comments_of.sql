SELECT comment_id, report_id, unit_id, author, body, created_at FROM comments
WHERE report_id = :report_id ORDER BY created_at
