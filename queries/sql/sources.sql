SELECT source_id, title, publisher, url, published_on, note FROM sources
WHERE $ids IS NULL OR list_contains($ids, source_id)
ORDER BY source_id
