-- 0005 schema rules for sessions, identities, projects, workspaces, agent_sessions and activity_feed (issue 3): agent_sessions.agent_id, the activity_feed archive, the status backfill of sessions, foreign keys and checks (NOT VALID, then validated where the rows allow), seed 000's indexes, one active session per identity, unique names. Safe on the legacy database: existing constraints and indexes are found by their columns, rows that violate a rule are left as they are and the rule's constraint stays NOT VALID (new writes are checked), a unique index the data does not allow is replaced by trigger enforcement (functions/30 and 40). Triggers and functions live in functions/*.sql.

SET LOCAL client_min_messages = notice;

-- ---------------------------------------------------------------------------------------------
-- The helpers (claude.migration_*) are defined in 0000_migration_helpers.sql.

-- ---------------------------------------------------------------------------------------------
-- agent_sessions.agent_id: Claude Code's agent id (text such as 'agent-abc123'), the upsert key of
-- SubagentStart. Old rows that carried it in metadata get it when it is unambiguous.
ALTER TABLE claude.agent_sessions ADD COLUMN IF NOT EXISTS agent_id varchar(200);

UPDATE claude.agent_sessions a
   SET agent_id = a.metadata ->> 'agent_id'
 WHERE a.agent_id IS NULL
   AND pg_catalog.jsonb_typeof(a.metadata -> 'agent_id') = 'string'
   AND pg_catalog.length(a.metadata ->> 'agent_id') BETWEEN 1 AND 200
   AND NOT EXISTS (SELECT 1 FROM claude.agent_sessions o
                    WHERE o.session_id <> a.session_id
                      AND (o.agent_id = a.metadata ->> 'agent_id' OR o.metadata ->> 'agent_id' = a.metadata ->> 'agent_id'));

CREATE UNIQUE INDEX IF NOT EXISTS agent_sessions_agent_id_key ON claude.agent_sessions (agent_id);

-- ---------------------------------------------------------------------------------------------
-- activity_feed_archive: where claude.archive_activity() moves entries past the retention period.
CREATE TABLE IF NOT EXISTS claude.activity_feed_archive (
    id            uuid PRIMARY KEY,
    source_type   varchar(50),
    source_id     uuid,
    actor         varchar(100),
    activity_type varchar(100),
    title         varchar(500),
    summary       text,
    project_name  varchar(100),
    severity      varchar(20),
    created_at    timestamp without time zone,
    archived_at   timestamp without time zone NOT NULL DEFAULT now()
);
COMMENT ON TABLE claude.activity_feed_archive IS
    'activity_feed entries older than the retention period (90 days by default), moved here by claude.archive_activity(); same columns plus archived_at.';
CREATE INDEX IF NOT EXISTS idx_activity_feed_archive_created ON claude.activity_feed_archive (created_at DESC);

-- ---------------------------------------------------------------------------------------------
-- sessions: new rows without a start time start now.
DO $$
BEGIN
    IF NOT (SELECT a.atthasdef FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = 'claude.sessions'::regclass AND a.attname = 'session_start') THEN
        ALTER TABLE claude.sessions ALTER COLUMN session_start SET DEFAULT now();
    END IF;
END;
$$;

-- Status backfill, only where the row satisfies every session rule with it; session_end and
-- session_summary of old rows are never changed here.
--   * closed rows (session_end set) with a summary and a sane end time -> 'ended';
--   * open rows (session_end NULL): the newest open session of each identity -> 'active', unless the
--     identity already has an active session; open rows without identity -> 'active' (the one-active
--     rule does not apply to them).
-- The other rows keep status NULL: the brownfield upgrade (issue 6) repairs them.
UPDATE claude.sessions s
   SET status = 'ended'
 WHERE s.status IS NULL
   AND s.session_end IS NOT NULL
   AND s.session_start IS NOT NULL
   AND s.session_end >= s.session_start
   AND NULLIF(pg_catalog.btrim(s.session_summary), '') IS NOT NULL;

UPDATE claude.sessions s
   SET status = 'active'
 WHERE s.status IS NULL
   AND s.session_end IS NULL
   AND s.session_start IS NOT NULL
   AND (s.identity_id IS NULL
        OR (s.session_id = (SELECT o.session_id FROM claude.sessions o
                             WHERE o.identity_id = s.identity_id AND o.session_end IS NULL
                               AND o.status IS NULL AND o.session_start IS NOT NULL
                             ORDER BY o.session_start DESC, o.created_at DESC NULLS LAST, o.session_id
                             LIMIT 1)
            AND NOT EXISTS (SELECT 1 FROM claude.sessions a WHERE a.identity_id = s.identity_id AND a.status = 'active')));

-- project_id of old rows: the project whose name matches case-insensitively, when exactly one does.
UPDATE claude.sessions s
   SET project_id = m.project_id
  FROM (SELECT pg_catalog.lower(pg_catalog.btrim(p.project_name)) AS key, pg_catalog.min(p.project_id::text)::uuid AS project_id
          FROM claude.projects p
         WHERE p.project_name IS NOT NULL
         GROUP BY 1
        HAVING pg_catalog.count(*) = 1) m
 WHERE s.project_id IS NULL
   AND pg_catalog.lower(pg_catalog.btrim(s.project_name)) = m.key;

-- ---------------------------------------------------------------------------------------------
-- Foreign keys (seed 000 priority 1 and 3, issue 3), found by columns first.
SELECT claude.migration_ensure_fk('sessions',       'identity_id',          'identities', 'identity_id', 'sessions_identity_id_fkey');
SELECT claude.migration_ensure_fk('workspaces',     'added_by_identity_id', 'identities', 'identity_id', 'workspaces_identity_fkey');
SELECT claude.migration_ensure_fk('agent_sessions', 'parent_session_id',    'sessions',   'session_id',  'agent_sessions_parent_fkey');
SELECT claude.migration_ensure_fk('sessions',       'project_id',           'projects',   'project_id',  'sessions_project_id_fkey');

-- ---------------------------------------------------------------------------------------------
-- Session rules (seed 004 table 1, seed 001 sessions.status).
SELECT claude.migration_ensure_check('sessions', 'sessions_identity_required_check',
    'identity_id IS NOT NULL',
    'seed 004 sessions rule 1: every session has an identity (claude.start_session falls back to the project''s default_identity_id)');
SELECT claude.migration_ensure_check('sessions', 'sessions_project_required_check',
    'project_name IS NOT NULL AND btrim(project_name::text) <> ''''',
    'seed 004 sessions: project_name is required');
SELECT claude.migration_ensure_check('sessions', 'sessions_start_required_check',
    'session_start IS NOT NULL',
    'seed 004 sessions: session_start is required (default now())');
SELECT claude.migration_ensure_check('sessions', 'sessions_status_required_check',
    'status IS NOT NULL',
    'sessions.status is required; writers that do not set it get it derived from session_end by trigger sessions_before_write');
SELECT claude.migration_ensure_check('sessions', 'sessions_status_matches_end_check',
    '(status::text = ''active'') = (session_end IS NULL)',
    'sessions.status is consistent with session_end: active <=> session_end IS NULL');
SELECT claude.migration_ensure_check('sessions', 'sessions_end_after_start_check',
    'session_end IS NULL OR session_start IS NULL OR session_end >= session_start',
    'seed 004 sessions rule 3: session_end >= session_start');
SELECT claude.migration_ensure_check('sessions', 'sessions_summary_required_check',
    'session_end IS NULL OR NULLIF(btrim(session_summary), '''') IS NOT NULL',
    'seed 004 sessions rule 4: a closed session (ended or abandoned) has a summary');

-- One active session per identity (seed 004 sessions rule 2), race-free.
SELECT claude.migration_ensure_unique_index('sessions_one_active_per_identity', 'sessions',
    '(identity_id) WHERE status::text = ''active''', 'idx_sessions_active_identity',
    'one active session per identity');

-- ---------------------------------------------------------------------------------------------
-- Identity rules (seed 004 table 3).
SELECT claude.migration_ensure_check('identities', 'identities_name_required_check',
    'identity_name IS NOT NULL AND btrim(identity_name::text) <> ''''',
    'seed 004 identities: identity_name is required');
SELECT claude.migration_ensure_check('identities', 'identities_platform_required_check',
    'platform IS NOT NULL AND btrim(platform::text) <> ''''',
    'seed 004 identities: platform is required');
SELECT claude.migration_ensure_check('identities', 'identities_status_required_check',
    'status IS NOT NULL',
    'seed 004 identities: status is required (default active)');
SELECT claude.migration_ensure_check('identities', 'identities_capabilities_object_check',
    'capabilities IS NULL OR jsonb_typeof(capabilities) = ''object''',
    'seed 004 identities rule 4: capabilities is a JSON object (mcp_servers, tools, ...)');
SELECT claude.migration_ensure_unique_index('identities_active_name_unique', 'identities',
    '(lower(btrim(identity_name::text))) WHERE status::text = ''active''', 'idx_identities_active_name',
    'identity_name unique among active identities, case-insensitively');

-- ---------------------------------------------------------------------------------------------
-- Project rules.
SELECT claude.migration_ensure_check('projects', 'projects_name_required_check',
    'project_name IS NOT NULL AND btrim(project_name::text) <> ''''',
    'projects: project_name is required');
SELECT claude.migration_ensure_unique_index('projects_name_unique', 'projects',
    '(lower(btrim(project_name::text)))', 'idx_projects_name_lower',
    'project names unique, case-insensitively');

-- ---------------------------------------------------------------------------------------------
-- activity_feed required fields (seed 004 table 6).
SELECT claude.migration_ensure_check('activity_feed', 'activity_feed_required_check',
    'source_type IS NOT NULL AND activity_type IS NOT NULL AND title IS NOT NULL',
    'seed 004 activity_feed: source_type, activity_type and title are required');
SELECT claude.migration_ensure_check('agent_sessions', 'agent_sessions_completed_after_spawn_check',
    'completed_at IS NULL OR spawned_at IS NULL OR completed_at >= spawned_at',
    'agent_sessions: completed_at >= spawned_at');

-- ---------------------------------------------------------------------------------------------
-- Indexes: seed 000 priority 2 and 3, then what the functions need.
SELECT claude.migration_ensure_index('idx_sessions_identity',       'sessions',       ARRAY['identity_id'],       '(identity_id)');
SELECT claude.migration_ensure_index('idx_sessions_project',        'sessions',       ARRAY['project_name'],      '(project_name)');
SELECT claude.migration_ensure_index('idx_sessions_start',          'sessions',       ARRAY['session_start'],     '(session_start DESC)');
SELECT claude.migration_ensure_index('idx_identities_name',         'identities',     ARRAY['identity_name'],     '(identity_name)');
SELECT claude.migration_ensure_index('idx_projects_name',           'projects',       ARRAY['project_name'],      '(project_name)');
SELECT claude.migration_ensure_index('idx_agent_sessions_parent',   'agent_sessions', ARRAY['parent_session_id'], '(parent_session_id)');
SELECT claude.migration_ensure_index('idx_sessions_project_id',     'sessions',       ARRAY['project_id'],        '(project_id)');
SELECT claude.migration_ensure_index('idx_workspaces_added_by',     'workspaces',     ARRAY['added_by_identity_id'], '(added_by_identity_id)');
SELECT claude.migration_ensure_index('idx_activity_feed_created',   'activity_feed',  ARRAY['created_at'],        '(created_at DESC)');
SELECT claude.migration_ensure_index('idx_activity_feed_source',    'activity_feed',  ARRAY['source_type', 'source_id', 'created_at'], '(source_type, source_id, created_at DESC)');
CREATE INDEX IF NOT EXISTS idx_activity_feed_project_lower
    ON claude.activity_feed (lower(project_name::text), created_at DESC);
-- Open sessions (stale-session sweep, identity archive check).
CREATE INDEX IF NOT EXISTS idx_sessions_open
    ON claude.sessions (session_start) WHERE session_end IS NULL;

