SELECT COUNT(*) AS n, COUNT(DISTINCT report_id) AS distinct_ids FROM reports
