INSERT INTO reports (report_id, plan_id, code, unit_id, status, note, expected, author, reported_on, created_at)
VALUES (:report_id, :plan_id, :code, :unit_id, :status, :note, :expected, :author, :reported_on, :created_at)
