-- claudedbkit:no-transaction
-- 0004a online groundwork for 0005 (issue 6). 0005 runs in one transaction, and its first ALTER TABLE
-- on claude.sessions takes ACCESS EXCLUSIVE: on a big existing database every reader and writer of
-- sessions and activity_feed would wait for its backfills, validations and index builds (half a
-- minute and more on a million sessions). This script does that work first, outside a transaction,
-- so that both tables keep taking reads and writes:
--   * the status that old hooks omit is derived by a stand-in trigger from the start (0005's required
--     status rule would otherwise refuse their inserts until functions/50 runs);
--   * 0005's indexes on sessions and activity_feed are built CONCURRENTLY (an index on the same
--     columns under another name counts, as in 0005), and an invalid leftover of an interrupted build
--     is dropped and built again;
--   * 0005's backfills of sessions.status and sessions.project_id run as the same UPDATEs, in chunks
--     of 8 MB committed one by one;
--   * 0005's foreign keys and checks on sessions and activity_feed (and on identities and projects,
--     which every session insert reads through its foreign keys) are added NOT VALID, each in a
--     transaction of its own that waits at most 100 ms for its lock (and tries again), then validated
--     separately under SHARE UPDATE EXCLUSIVE; one that old rows break stays NOT VALID, as in 0005;
--   * both tables are vacuumed where autovacuum would start on them, so that it does not hold them
--     when 0005 asks for its brief locks.
-- The helpers (claude.migration_execute_briefly, ...) are defined in 0000a_online_helpers.sql. 0005
-- then finds every object present (by name, or indexes by columns) and has only small tables
-- and a few rows left. Every step is idempotent; after an interruption the next deploy continues. On a
-- database where 0005 has already run (the journal has it) the steps do nothing: this script, new in
-- a later release, sorts before 0005 only so that a first deploy runs it first.

-- ---------------------------------------------------------------------------------------------
-- Old hooks insert sessions without status: from the moment 0005's rule requires it, this trigger
-- derives it the way sessions_before_write (functions/50, which drops this one) does. Migration 0010
-- defines the same trigger for databases upgraded before this script existed.
CREATE OR REPLACE FUNCTION claude.sessions_status_during_upgrade()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    NEW.status := COALESCE(NEW.status, CASE WHEN NEW.session_end IS NULL THEN 'active' ELSE 'ended' END);
    RETURN NEW;
END;
$fn$;
COMMENT ON FUNCTION claude.sessions_status_during_upgrade() IS
    'Trigger function (from migration 0004a or 0010 until functions/50 replaces it): derives sessions.status from session_end for writers that omit it, until sessions_before_write exists.';

SELECT claude.migration_execute_briefly('CREATE TRIGGER sessions_status_during_upgrade BEFORE INSERT ON claude.sessions FOR EACH ROW EXECUTE FUNCTION claude.sessions_status_during_upgrade()')
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t
                    WHERE t.tgrelid = 'claude.sessions'::regclass AND t.tgname IN ('sessions_status_during_upgrade', 'sessions_before_write'));

-- New rows without a start time start now (0005).
SELECT claude.migration_execute_briefly('ALTER TABLE claude.sessions ALTER COLUMN session_start SET DEFAULT now()')
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
   AND NOT (SELECT a.atthasdef FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = 'claude.sessions'::regclass AND a.attname = 'session_start');

-- ---------------------------------------------------------------------------------------------
-- 0005's indexes on the big tables, built while they take writes (the backfill below uses the
-- identity index).
SELECT claude.migration_index_online(i.name, i.table_name, i.columns, i.definition)
  FROM (VALUES (1, 'idx_sessions_identity',          'sessions',      ARRAY['identity_id'],   '(identity_id)'),
               (2, 'idx_sessions_project',           'sessions',      ARRAY['project_name'],  '(project_name)'),
               (3, 'idx_sessions_start',             'sessions',      ARRAY['session_start'], '(session_start DESC)'),
               (4, 'idx_sessions_project_id',        'sessions',      ARRAY['project_id'],    '(project_id)'),
               (5, 'idx_sessions_open',              'sessions',      NULL,                   '(session_start) WHERE session_end IS NULL'),
               (6, 'idx_activity_feed_created',      'activity_feed', ARRAY['created_at'],    '(created_at DESC)'),
               (7, 'idx_activity_feed_source',       'activity_feed', ARRAY['source_type', 'source_id', 'created_at'], '(source_type, source_id, created_at DESC)'),
               (8, 'idx_activity_feed_project_lower', 'activity_feed', NULL,                  '(lower(project_name::text), created_at DESC)'))
       AS i(ord, name, table_name, columns, definition)
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
 ORDER BY i.ord
\gexec

-- ---------------------------------------------------------------------------------------------
-- 0005's backfills, the same three UPDATEs chunk by chunk (0005 runs them again and finds only the
-- rows written since). A DO block at top level may commit, and so may the procedure it calls.
DO $backfill$
BEGIN
    IF NOT claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql') THEN
        RETURN;
    END IF;
    CALL claude.migration_update_in_chunks('sessions', $update$
UPDATE claude.sessions s
   SET status = 'ended'
 WHERE s.ctid >= $1 AND s.ctid < $2
   AND s.status IS NULL
   AND s.session_end IS NOT NULL
   AND s.session_start IS NOT NULL
   AND s.session_end >= s.session_start
   AND NULLIF(pg_catalog.btrim(s.session_summary), '') IS NOT NULL
$update$);
    CALL claude.migration_update_in_chunks('sessions', $update$
UPDATE claude.sessions s
   SET status = 'active'
 WHERE s.ctid >= $1 AND s.ctid < $2
   AND s.status IS NULL
   AND s.session_end IS NULL
   AND s.session_start IS NOT NULL
   AND (s.identity_id IS NULL
        OR (s.session_id = (SELECT o.session_id FROM claude.sessions o
                             WHERE o.identity_id = s.identity_id AND o.session_end IS NULL
                               AND o.status IS NULL AND o.session_start IS NOT NULL
                             ORDER BY o.session_start DESC, o.created_at DESC NULLS LAST, o.session_id
                             LIMIT 1)
            AND NOT EXISTS (SELECT 1 FROM claude.sessions a WHERE a.identity_id = s.identity_id AND a.status = 'active')))
$update$);
    CALL claude.migration_update_in_chunks('sessions', $update$
UPDATE claude.sessions s
   SET project_id = m.project_id
  FROM (SELECT pg_catalog.lower(pg_catalog.btrim(p.project_name)) AS key, pg_catalog.min(p.project_id::text)::uuid AS project_id
          FROM claude.projects p
         WHERE p.project_name IS NOT NULL
         GROUP BY 1
        HAVING pg_catalog.count(*) = 1) m
 WHERE s.ctid >= $1 AND s.ctid < $2
   AND s.project_id IS NULL
   AND pg_catalog.lower(pg_catalog.btrim(s.project_name)) = m.key
$update$);
END
$backfill$;

-- The backfill left dead rows, and a legacy table loaded in bulk was perhaps never vacuumed: done now,
-- so that autovacuum does not hold them when 0005 and 0008 ask for their brief locks.
SELECT claude.migration_vacuum_due(ARRAY['sessions', 'activity_feed'])
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
\gexec

-- One active session per identity, when the rows now allow it (otherwise 0005 falls back to its
-- trigger-enforced rule and a plain index).
SELECT claude.migration_index_online('sessions_one_active_per_identity', 'sessions', NULL,
                                     '(identity_id) WHERE status::text = ''active''', true)
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
   AND NOT EXISTS (SELECT 1 FROM claude.sessions s WHERE s.status = 'active' AND s.identity_id IS NOT NULL
                    GROUP BY s.identity_id HAVING pg_catalog.count(*) > 1)
\gexec

-- ---------------------------------------------------------------------------------------------
-- 0005's foreign keys and checks that lock sessions or activity_feed, or the identities and projects
-- every session insert reads through its foreign keys, with 0005's names, rules and comments: added NOT VALID one by one, then validated one by one (\gexec runs each generated call as
-- a statement, so in a transaction of its own).
SELECT pg_catalog.format('SELECT claude.migration_add_fk_not_valid(%L, %L, %L, %L, %L)', f.table_name, f.column_name, f.ref_table, f.ref_column, f.name),
       pg_catalog.format('SELECT claude.migration_validate(%L, %L)', f.table_name, f.name)
  FROM (VALUES (1, 'sessions',       'identity_id',       'identities', 'identity_id', 'sessions_identity_id_fkey'),
               (2, 'agent_sessions', 'parent_session_id', 'sessions',   'session_id',  'agent_sessions_parent_fkey'),
               (3, 'sessions',       'project_id',        'projects',   'project_id',  'sessions_project_id_fkey'))
       AS f(ord, table_name, column_name, ref_table, ref_column, name)
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
 ORDER BY f.ord
\gexec

SELECT pg_catalog.format('SELECT claude.migration_add_check_not_valid(%L, %L, %L, %L)', c.table_name, c.name, c.expression, c.note),
       pg_catalog.format('SELECT claude.migration_validate(%L, %L)', c.table_name, c.name)
  FROM (VALUES
    (1, 'sessions', 'sessions_identity_required_check',
        'identity_id IS NOT NULL',
        'seed 004 sessions rule 1: every session has an identity (claude.start_session falls back to the project''s default_identity_id)'),
    (2, 'sessions', 'sessions_project_required_check',
        'project_name IS NOT NULL AND btrim(project_name::text) <> ''''',
        'seed 004 sessions: project_name is required'),
    (3, 'sessions', 'sessions_start_required_check',
        'session_start IS NOT NULL',
        'seed 004 sessions: session_start is required (default now())'),
    (4, 'sessions', 'sessions_status_required_check',
        'status IS NOT NULL',
        'sessions.status is required; writers that do not set it get it derived from session_end by trigger sessions_before_write'),
    (5, 'sessions', 'sessions_status_matches_end_check',
        '(status::text = ''active'') = (session_end IS NULL)',
        'sessions.status is consistent with session_end: active <=> session_end IS NULL'),
    (6, 'sessions', 'sessions_end_after_start_check',
        'session_end IS NULL OR session_start IS NULL OR session_end >= session_start',
        'seed 004 sessions rule 3: session_end >= session_start'),
    (7, 'sessions', 'sessions_summary_required_check',
        'session_end IS NULL OR NULLIF(btrim(session_summary), '''') IS NOT NULL',
        'seed 004 sessions rule 4: a closed session (ended or abandoned) has a summary'),
    (8, 'activity_feed', 'activity_feed_required_check',
        'source_type IS NOT NULL AND activity_type IS NOT NULL AND title IS NOT NULL',
        'seed 004 activity_feed: source_type, activity_type and title are required'),
    -- An insert into sessions checks its identity and project rows (FOR KEY SHARE): an ACCESS
    -- EXCLUSIVE lock 0005 held on identities or projects until its commit would stop it too.
    (9, 'identities', 'identities_name_required_check',
        'identity_name IS NOT NULL AND btrim(identity_name::text) <> ''''',
        'seed 004 identities: identity_name is required'),
    (10, 'identities', 'identities_platform_required_check',
        'platform IS NOT NULL AND btrim(platform::text) <> ''''',
        'seed 004 identities: platform is required'),
    (11, 'identities', 'identities_status_required_check',
        'status IS NOT NULL',
        'seed 004 identities: status is required (default active)'),
    (12, 'identities', 'identities_capabilities_object_check',
        'capabilities IS NULL OR jsonb_typeof(capabilities) = ''object''',
        'seed 004 identities rule 4: capabilities is a JSON object (mcp_servers, tools, ...)'),
    (13, 'projects', 'projects_name_required_check',
        'project_name IS NOT NULL AND btrim(project_name::text) <> ''''',
        'projects: project_name is required'))
       AS c(ord, table_name, name, expression, note)
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
 ORDER BY c.ord
\gexec
