INSERT INTO comments (comment_id, report_id, unit_id, author, body, created_at)
VALUES (:comment_id, :report_id, :unit_id, :author, :body, :created_at)
