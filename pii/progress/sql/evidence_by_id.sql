SELECT evidence_id, report_id, plan_id, code, item_no, unit_id, sha256, name, kind, size_bytes, uploaded_by,
       uploaded_at
FROM evidence WHERE evidence_id = :evidence_id
