-- the newest report of each (code, unit) of a plan, with how many reports it has
SELECT r.report_id, r.code, r.unit_id, r.status, r.note, r.expected, r.author, r.reported_on, r.created_at,
       n.reports
FROM reports r
JOIN (SELECT code, unit_id, MAX(created_at) AS latest, COUNT(*) AS reports
      FROM reports WHERE plan_id = :plan_id GROUP BY code, unit_id) n
  ON n.code = r.code AND n.unit_id = r.unit_id AND n.latest = r.created_at
WHERE r.plan_id = :plan_id
