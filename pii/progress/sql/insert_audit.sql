INSERT INTO audit_log (audit_id, at, actor, action, target, before_json, after_json)
VALUES (:audit_id, :at, :actor, :action, :target, :before_json, :after_json)
