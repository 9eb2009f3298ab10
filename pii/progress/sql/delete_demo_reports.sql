-- the demo's own rows only (comments and evidence first: they refer to reports)
DELETE FROM reports WHERE author = :author
  AND report_id NOT IN (SELECT report_id FROM comments UNION SELECT report_id FROM evidence WHERE report_id IS NOT NULL)
