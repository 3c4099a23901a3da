-- 0005 schema rules for sessions, identities, projects, workspaces, agent_sessions and activity_feed (issue 3): agent_sessions.agent_id, the activity_feed archive, the status backfill of sessions, foreign keys and checks (NOT VALID, then validated where the rows allow), seed 000's indexes, one active session per identity, unique names. Safe on the legacy database: existing constraints and indexes are found by their columns, rows that violate a rule are left as they are and the rule's constraint stays NOT VALID (new writes are checked), a unique index the data does not allow is replaced by trigger enforcement (functions/30 and 40). Triggers and functions live in functions/*.sql.

SET LOCAL client_min_messages = notice;

-- ---------------------------------------------------------------------------------------------
-- Helpers for this script only (pg_temp: private to this session, dropped at the end).

-- Adds a foreign key on claude.<table>(<column>) -> claude.<ref_table>(<ref_column>) unless one on
-- those columns already exists (whatever its name); NOT VALID first, then VALIDATE in a
-- subtransaction: when existing rows violate it, it stays NOT VALID and a NOTICE says so.
CREATE FUNCTION pg_temp.ensure_fk(p_table text, p_column text, p_ref_table text, p_ref_column text, p_name text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rel oid := pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_table));
    v_ref oid := pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_ref_table));
    v_att smallint;
    v_ref_att smallint;
BEGIN
    SELECT attnum INTO v_att FROM pg_catalog.pg_attribute WHERE attrelid = v_rel AND attname = p_column AND NOT attisdropped;
    SELECT attnum INTO v_ref_att FROM pg_catalog.pg_attribute WHERE attrelid = v_ref AND attname = p_ref_column AND NOT attisdropped;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c
                WHERE c.contype = 'f' AND c.conrelid = v_rel AND c.confrelid = v_ref
                  AND c.conkey = ARRAY[v_att] AND c.confkey = ARRAY[v_ref_att]) THEN
        RETURN;
    END IF;
    EXECUTE pg_catalog.format('ALTER TABLE claude.%I ADD CONSTRAINT %I FOREIGN KEY (%I) REFERENCES claude.%I (%I) NOT VALID',
                              p_table, p_name, p_column, p_ref_table, p_ref_column);
    BEGIN
        EXECUTE pg_catalog.format('ALTER TABLE claude.%I VALIDATE CONSTRAINT %I', p_table, p_name);
    EXCEPTION WHEN foreign_key_violation THEN
        RAISE NOTICE 'claude.%.%: existing rows reference missing claude.% rows; foreign key % stays NOT VALID (new writes are checked)',
            p_table, p_column, p_ref_table, p_name;
    END;
END;
$fn$;

-- Adds CHECK constraint <p_name> on claude.<table> unless a constraint of that name exists there;
-- NOT VALID first, then VALIDATE in a subtransaction (stays NOT VALID when old rows violate it).
CREATE FUNCTION pg_temp.ensure_check(p_table text, p_name text, p_expression text, p_comment text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
                    WHERE conrelid = pg_catalog.format('claude.%I', p_table)::regclass AND conname = p_name) THEN
        EXECUTE pg_catalog.format('ALTER TABLE claude.%I ADD CONSTRAINT %I CHECK (%s) NOT VALID', p_table, p_name, p_expression);
        EXECUTE pg_catalog.format('COMMENT ON CONSTRAINT %I ON claude.%I IS %L', p_name, p_table, p_comment);
    END IF;
    BEGIN
        EXECUTE pg_catalog.format('ALTER TABLE claude.%I VALIDATE CONSTRAINT %I', p_table, p_name);
    EXCEPTION WHEN check_violation THEN
        RAISE NOTICE 'claude.%: existing rows violate % (%); it stays NOT VALID (new writes are checked)', p_table, p_name, p_comment;
    END;
END;
$fn$;

-- Creates a plain index on claude.<table>(<columns>) unless an index on exactly those columns
-- (any name, any order direction, no expression, no predicate) already exists.
CREATE FUNCTION pg_temp.ensure_index(p_name text, p_table text, p_columns text[], p_definition text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rel oid := pg_catalog.format('claude.%I', p_table)::regclass;
    v_attnums smallint[];
BEGIN
    SELECT pg_catalog.array_agg(a.attnum ORDER BY c.ord)
      INTO v_attnums
      FROM pg_catalog.unnest(p_columns) WITH ORDINALITY AS c(name, ord)
      JOIN pg_catalog.pg_attribute a ON a.attrelid = v_rel AND a.attname = c.name AND NOT a.attisdropped;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                WHERE i.indrelid = v_rel AND i.indexprs IS NULL AND i.indpred IS NULL
                  AND i.indnkeyatts = pg_catalog.array_length(v_attnums, 1)
                  AND (pg_catalog.string_to_array(i.indkey::text, ' ')::smallint[])[1:i.indnkeyatts] = v_attnums)
       OR pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_name)) IS NOT NULL THEN
        RETURN;
    END IF;
    EXECUTE pg_catalog.format('CREATE INDEX %I ON claude.%I %s', p_name, p_table, p_definition);
END;
$fn$;

-- Creates a unique index when the existing rows allow it; otherwise a NOTICE, and the rule is
-- enforced for new writes by a trigger (functions/30_projects.sql, functions/40_identities.sql,
-- functions/50_sessions.sql). A non-unique index with the same key is created for lookups.
CREATE FUNCTION pg_temp.ensure_unique_index(p_name text, p_table text, p_definition text, p_fallback_name text, p_rule text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_name)) IS NOT NULL THEN
        RETURN;
    END IF;
    BEGIN
        EXECUTE pg_catalog.format('CREATE UNIQUE INDEX %I ON claude.%I %s', p_name, p_table, p_definition);
    EXCEPTION WHEN unique_violation THEN
        RAISE NOTICE 'claude.%: existing rows break the rule "%"; unique index % not created, the rule is enforced for new writes by a trigger',
            p_table, p_rule, p_name;
        EXECUTE pg_catalog.format('CREATE INDEX IF NOT EXISTS %I ON claude.%I %s', p_fallback_name, p_table, p_definition);
    END;
END;
$fn$;

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
SELECT pg_temp.ensure_fk('sessions',       'identity_id',          'identities', 'identity_id', 'sessions_identity_id_fkey');
SELECT pg_temp.ensure_fk('workspaces',     'added_by_identity_id', 'identities', 'identity_id', 'workspaces_identity_fkey');
SELECT pg_temp.ensure_fk('agent_sessions', 'parent_session_id',    'sessions',   'session_id',  'agent_sessions_parent_fkey');
SELECT pg_temp.ensure_fk('sessions',       'project_id',           'projects',   'project_id',  'sessions_project_id_fkey');

-- ---------------------------------------------------------------------------------------------
-- Session rules (seed 004 table 1, seed 001 sessions.status).
SELECT pg_temp.ensure_check('sessions', 'sessions_identity_required_check',
    'identity_id IS NOT NULL',
    'seed 004 sessions rule 1: every session has an identity (claude.start_session falls back to the project''s default_identity_id)');
SELECT pg_temp.ensure_check('sessions', 'sessions_project_required_check',
    'project_name IS NOT NULL AND btrim(project_name::text) <> ''''',
    'seed 004 sessions: project_name is required');
SELECT pg_temp.ensure_check('sessions', 'sessions_start_required_check',
    'session_start IS NOT NULL',
    'seed 004 sessions: session_start is required (default now())');
SELECT pg_temp.ensure_check('sessions', 'sessions_status_required_check',
    'status IS NOT NULL',
    'sessions.status is required; writers that do not set it get it derived from session_end by trigger sessions_before_write');
SELECT pg_temp.ensure_check('sessions', 'sessions_status_matches_end_check',
    '(status::text = ''active'') = (session_end IS NULL)',
    'sessions.status is consistent with session_end: active <=> session_end IS NULL');
SELECT pg_temp.ensure_check('sessions', 'sessions_end_after_start_check',
    'session_end IS NULL OR session_start IS NULL OR session_end >= session_start',
    'seed 004 sessions rule 3: session_end >= session_start');
SELECT pg_temp.ensure_check('sessions', 'sessions_summary_required_check',
    'session_end IS NULL OR NULLIF(btrim(session_summary), '''') IS NOT NULL',
    'seed 004 sessions rule 4: a closed session (ended or abandoned) has a summary');

-- One active session per identity (seed 004 sessions rule 2), race-free.
SELECT pg_temp.ensure_unique_index('sessions_one_active_per_identity', 'sessions',
    '(identity_id) WHERE status::text = ''active''', 'idx_sessions_active_identity',
    'one active session per identity');

-- ---------------------------------------------------------------------------------------------
-- Identity rules (seed 004 table 3).
SELECT pg_temp.ensure_check('identities', 'identities_name_required_check',
    'identity_name IS NOT NULL AND btrim(identity_name::text) <> ''''',
    'seed 004 identities: identity_name is required');
SELECT pg_temp.ensure_check('identities', 'identities_platform_required_check',
    'platform IS NOT NULL AND btrim(platform::text) <> ''''',
    'seed 004 identities: platform is required');
SELECT pg_temp.ensure_check('identities', 'identities_status_required_check',
    'status IS NOT NULL',
    'seed 004 identities: status is required (default active)');
SELECT pg_temp.ensure_check('identities', 'identities_capabilities_object_check',
    'capabilities IS NULL OR jsonb_typeof(capabilities) = ''object''',
    'seed 004 identities rule 4: capabilities is a JSON object (mcp_servers, tools, ...)');
SELECT pg_temp.ensure_unique_index('identities_active_name_unique', 'identities',
    '(lower(btrim(identity_name::text))) WHERE status::text = ''active''', 'idx_identities_active_name',
    'identity_name unique among active identities, case-insensitively');

-- ---------------------------------------------------------------------------------------------
-- Project rules.
SELECT pg_temp.ensure_check('projects', 'projects_name_required_check',
    'project_name IS NOT NULL AND btrim(project_name::text) <> ''''',
    'projects: project_name is required');
SELECT pg_temp.ensure_unique_index('projects_name_unique', 'projects',
    '(lower(btrim(project_name::text)))', 'idx_projects_name_lower',
    'project names unique, case-insensitively');

-- ---------------------------------------------------------------------------------------------
-- activity_feed required fields (seed 004 table 6).
SELECT pg_temp.ensure_check('activity_feed', 'activity_feed_required_check',
    'source_type IS NOT NULL AND activity_type IS NOT NULL AND title IS NOT NULL',
    'seed 004 activity_feed: source_type, activity_type and title are required');
SELECT pg_temp.ensure_check('agent_sessions', 'agent_sessions_completed_after_spawn_check',
    'completed_at IS NULL OR spawned_at IS NULL OR completed_at >= spawned_at',
    'agent_sessions: completed_at >= spawned_at');

-- ---------------------------------------------------------------------------------------------
-- Indexes: seed 000 priority 2 and 3, then what the functions need.
SELECT pg_temp.ensure_index('idx_sessions_identity',       'sessions',       ARRAY['identity_id'],       '(identity_id)');
SELECT pg_temp.ensure_index('idx_sessions_project',        'sessions',       ARRAY['project_name'],      '(project_name)');
SELECT pg_temp.ensure_index('idx_sessions_start',          'sessions',       ARRAY['session_start'],     '(session_start DESC)');
SELECT pg_temp.ensure_index('idx_identities_name',         'identities',     ARRAY['identity_name'],     '(identity_name)');
SELECT pg_temp.ensure_index('idx_projects_name',           'projects',       ARRAY['project_name'],      '(project_name)');
SELECT pg_temp.ensure_index('idx_agent_sessions_parent',   'agent_sessions', ARRAY['parent_session_id'], '(parent_session_id)');
SELECT pg_temp.ensure_index('idx_sessions_project_id',     'sessions',       ARRAY['project_id'],        '(project_id)');
SELECT pg_temp.ensure_index('idx_workspaces_added_by',     'workspaces',     ARRAY['added_by_identity_id'], '(added_by_identity_id)');
SELECT pg_temp.ensure_index('idx_activity_feed_created',   'activity_feed',  ARRAY['created_at'],        '(created_at DESC)');
SELECT pg_temp.ensure_index('idx_activity_feed_source',    'activity_feed',  ARRAY['source_type', 'source_id', 'created_at'], '(source_type, source_id, created_at DESC)');
CREATE INDEX IF NOT EXISTS idx_activity_feed_project_lower
    ON claude.activity_feed (lower(project_name::text), created_at DESC);
-- Open sessions (stale-session sweep, identity archive check).
CREATE INDEX IF NOT EXISTS idx_sessions_open
    ON claude.sessions (session_start) WHERE session_end IS NULL;

DROP FUNCTION pg_temp.ensure_fk(text, text, text, text, text);
DROP FUNCTION pg_temp.ensure_check(text, text, text, text);
DROP FUNCTION pg_temp.ensure_index(text, text, text[], text);
DROP FUNCTION pg_temp.ensure_unique_index(text, text, text, text, text);
