-- the newest entry of each checklist item of a plan (older entries stay as history)
SELECT e.entry_id, e.code, e.item_no, e.doc_number, e.doc_date, e.issuer, e.link, e.evidence_id, e.missing,
       e.author, e.created_at
FROM checklist_entries e
JOIN (SELECT code, item_no, MAX(created_at) AS latest FROM checklist_entries
      WHERE plan_id = :plan_id GROUP BY code, item_no) n
  ON n.code = e.code AND n.item_no = e.item_no AND n.latest = e.created_at
WHERE e.plan_id = :plan_id
