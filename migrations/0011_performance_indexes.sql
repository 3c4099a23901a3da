-- claudedbkit:no-transaction
-- Indexes for the calls a session start makes (measured by bench/: get_due_reminders and
-- get_sessions read every pending reminder or every session of an identity without them). Built
-- CONCURRENTLY, outside a transaction, so that a big table keeps taking writes while they build.
-- An index left INVALID by an interrupted build is dropped and built again; one that exists is kept.

DO $drop_invalid$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.relname
          FROM pg_catalog.pg_index i
          JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'claude' AND NOT i.indisvalid
           AND c.relname IN ('idx_reminders_pending_project', 'idx_sessions_identity_start')
    LOOP
        EXECUTE pg_catalog.format('DROP INDEX claude.%I', r.relname);
    END LOOP;
END
$drop_invalid$;

-- Due reminders of one project (and those of no project, whose key is NULL), oldest first.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reminders_pending_project
    ON claude.reminders (pg_catalog.lower(pg_catalog.btrim(project_name::text)), check_after)
    WHERE status = 'pending';

-- An identity's sessions, newest first (get_sessions, get_active_session).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_sessions_identity_start
    ON claude.sessions (identity_id, session_start DESC NULLS LAST);

COMMENT ON INDEX claude.idx_reminders_pending_project IS 'Pending reminders by project (case-insensitive), oldest check_after first: get_due_reminders.';
COMMENT ON INDEX claude.idx_sessions_identity_start IS 'Sessions of an identity, newest first: get_sessions, get_active_session.';
