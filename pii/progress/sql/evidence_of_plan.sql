SELECT evidence_id, report_id, code, item_no, unit_id, sha256, name, kind, size_bytes, uploaded_by, uploaded_at
FROM evidence WHERE plan_id = :plan_id ORDER BY uploaded_at
