INSERT INTO checklist_entries (entry_id, plan_id, code, item_no, doc_number, doc_date, issuer, link, evidence_id,
                               missing, author, created_at)
VALUES (:entry_id, :plan_id, :code, :item_no, :doc_number, :doc_date, :issuer, :link, :evidence_id, :missing,
        :author, :created_at)
