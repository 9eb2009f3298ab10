SELECT COUNT(*) AS n FROM reports WHERE author = :author
