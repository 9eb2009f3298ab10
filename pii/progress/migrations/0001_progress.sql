-- Progress reports, comments, evidence, checklist entries and the audit log
-- (issue 23). Portable SQL: runs on SQLite and PostgreSQL. Ids are made by the
-- writer (uuid4 text), so a retried write is recognised, not stored twice.
CREATE TABLE reports (
    report_id    TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL,
    code         TEXT NOT NULL,
    unit_id      TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked')),
    note         TEXT NOT NULL,
    expected     DOUBLE PRECISION,
    author       TEXT NOT NULL,
    reported_on  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX reports_by_assignment ON reports (plan_id, code, unit_id, created_at);
CREATE TABLE comments (
    comment_id   TEXT PRIMARY KEY,
    report_id    TEXT NOT NULL REFERENCES reports (report_id),
    unit_id      TEXT NOT NULL,
    author       TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX comments_by_report ON comments (report_id, created_at);
CREATE TABLE evidence (
    evidence_id  TEXT PRIMARY KEY,
    report_id    TEXT REFERENCES reports (report_id),
    plan_id      TEXT NOT NULL,
    code         TEXT NOT NULL,
    item_no      INTEGER,
    unit_id      TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL
);
CREATE INDEX evidence_by_report ON evidence (report_id);
CREATE TABLE checklist_entries (
    entry_id     TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL,
    code         TEXT NOT NULL,
    item_no      INTEGER NOT NULL,
    doc_number   TEXT,
    doc_date     TEXT,
    issuer       TEXT,
    link         TEXT,
    evidence_id  TEXT REFERENCES evidence (evidence_id),
    missing      INTEGER NOT NULL,
    author       TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX checklist_by_item ON checklist_entries (plan_id, code, item_no, created_at);
CREATE TABLE audit_log (
    audit_id     TEXT PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    target       TEXT NOT NULL,
    before_json  TEXT,
    after_json   TEXT
);
CREATE INDEX audit_by_time ON audit_log (at);
