INSERT INTO evidence (evidence_id, report_id, plan_id, code, item_no, unit_id, sha256, name, kind, size_bytes,
                      uploaded_by, uploaded_at)
VALUES (:evidence_id, :report_id, :plan_id, :code, :item_no, :unit_id, :sha256, :name, :kind, :size_bytes,
        :uploaded_by, :uploaded_at)
