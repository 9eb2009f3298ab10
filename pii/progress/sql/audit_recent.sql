SELECT audit_id, at, actor, action, target, before_json, after_json FROM audit_log
ORDER BY at DESC LIMIT :limit
