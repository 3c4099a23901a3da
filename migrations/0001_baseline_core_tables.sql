-- 0001 baseline: schema claude + core tables (identities, projects, sessions, workspaces, agent_sessions, column_registry); safe on an existing database: it only creates what is missing, adds missing columns as nullable without defaults, and sets defaults only where none exist (no drop, rename, retype, constraint or row change).

-- Keep the output readable: hide the "already exists, skipping" notices (transaction-local).
SET LOCAL client_min_messages = warning;

CREATE SCHEMA IF NOT EXISTS claude;

-- ---------------------------------------------------------------------------------------------
-- identities (seed 004 table 3)
CREATE TABLE IF NOT EXISTS claude.identities (
    identity_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    identity_name      varchar(100),
    platform           varchar(50),
    role_description   text,
    capabilities       jsonb,
    personality_traits jsonb,
    learning_style     jsonb,
    status             varchar(20) DEFAULT 'active',
    created_at         timestamp without time zone DEFAULT now(),
    last_active_at     timestamp without time zone
);
ALTER TABLE claude.identities
    ADD COLUMN IF NOT EXISTS identity_id        uuid,
    ADD COLUMN IF NOT EXISTS identity_name      varchar(100),
    ADD COLUMN IF NOT EXISTS platform           varchar(50),
    ADD COLUMN IF NOT EXISTS role_description   text,
    ADD COLUMN IF NOT EXISTS capabilities       jsonb,
    ADD COLUMN IF NOT EXISTS personality_traits jsonb,
    ADD COLUMN IF NOT EXISTS learning_style     jsonb,
    ADD COLUMN IF NOT EXISTS status             varchar(20),
    ADD COLUMN IF NOT EXISTS created_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS last_active_at     timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- projects (seed 001: project registry, ~28 columns in the field; these are the ones we rely on)
CREATE TABLE IF NOT EXISTS claude.projects (
    project_id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_name        varchar(200),
    description         text,
    status              varchar(50),
    phase               varchar(50),
    priority            integer,
    is_archived         boolean DEFAULT false,
    default_identity_id uuid,
    project_schema      varchar(100),
    repository_url      text,
    project_path        text,
    tags                text[],
    metadata            jsonb,
    created_at          timestamp without time zone DEFAULT now(),
    updated_at          timestamp without time zone DEFAULT now(),
    archived_at         timestamp without time zone
);
ALTER TABLE claude.projects
    ADD COLUMN IF NOT EXISTS project_id          uuid,
    ADD COLUMN IF NOT EXISTS project_name        varchar(200),
    ADD COLUMN IF NOT EXISTS description         text,
    ADD COLUMN IF NOT EXISTS status              varchar(50),
    ADD COLUMN IF NOT EXISTS phase               varchar(50),
    ADD COLUMN IF NOT EXISTS priority            integer,
    ADD COLUMN IF NOT EXISTS is_archived         boolean,
    ADD COLUMN IF NOT EXISTS default_identity_id uuid,
    ADD COLUMN IF NOT EXISTS project_schema      varchar(100),
    ADD COLUMN IF NOT EXISTS repository_url      text,
    ADD COLUMN IF NOT EXISTS project_path        text,
    ADD COLUMN IF NOT EXISTS tags                text[],
    ADD COLUMN IF NOT EXISTS metadata            jsonb,
    ADD COLUMN IF NOT EXISTS created_at          timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at          timestamp without time zone,
    ADD COLUMN IF NOT EXISTS archived_at         timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- sessions (seed 004 table 1; status from seed 001; project_id for the later name->id link).
-- session_id is Claude Code's own session id when written by hooks; the default only serves
-- callers that do not bring one. status has no default on purpose: legacy writers never set it.
CREATE TABLE IF NOT EXISTS claude.sessions (
    session_id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    identity_id            uuid,
    project_schema         varchar(100),
    project_name           varchar(200),
    session_start          timestamp without time zone,
    session_end            timestamp without time zone,
    tasks_completed        text[],
    learnings_gained       text[],
    challenges_encountered text[],
    session_summary        text,
    session_metadata       jsonb,
    created_at             timestamp without time zone DEFAULT now(),
    status                 varchar(20),
    project_id             uuid
);
ALTER TABLE claude.sessions
    ADD COLUMN IF NOT EXISTS session_id             uuid,
    ADD COLUMN IF NOT EXISTS identity_id            uuid,
    ADD COLUMN IF NOT EXISTS project_schema         varchar(100),
    ADD COLUMN IF NOT EXISTS project_name           varchar(200),
    ADD COLUMN IF NOT EXISTS session_start          timestamp without time zone,
    ADD COLUMN IF NOT EXISTS session_end            timestamp without time zone,
    ADD COLUMN IF NOT EXISTS tasks_completed        text[],
    ADD COLUMN IF NOT EXISTS learnings_gained       text[],
    ADD COLUMN IF NOT EXISTS challenges_encountered text[],
    ADD COLUMN IF NOT EXISTS session_summary        text,
    ADD COLUMN IF NOT EXISTS session_metadata       jsonb,
    ADD COLUMN IF NOT EXISTS created_at             timestamp without time zone,
    ADD COLUMN IF NOT EXISTS status                 varchar(20),
    ADD COLUMN IF NOT EXISTS project_id             uuid;

-- ---------------------------------------------------------------------------------------------
-- workspaces (existing-database.md: integer id, Windows project paths)
CREATE TABLE IF NOT EXISTS claude.workspaces (
    id                   serial PRIMARY KEY,
    project_name         varchar(200),
    project_path         text,
    project_type         varchar(50),
    is_active            boolean,
    added_by_identity_id uuid,
    startup_config       jsonb,
    project_id           uuid,
    created_at           timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.workspaces
    ADD COLUMN IF NOT EXISTS id                   integer,
    ADD COLUMN IF NOT EXISTS project_name         varchar(200),
    ADD COLUMN IF NOT EXISTS project_path         text,
    ADD COLUMN IF NOT EXISTS project_type         varchar(50),
    ADD COLUMN IF NOT EXISTS is_active            boolean,
    ADD COLUMN IF NOT EXISTS added_by_identity_id uuid,
    ADD COLUMN IF NOT EXISTS startup_config       jsonb,
    ADD COLUMN IF NOT EXISTS project_id           uuid,
    ADD COLUMN IF NOT EXISTS created_at           timestamp without time zone;

-- A copied (CREATE TABLE AS) workspaces table lost its serial default: give new rows one again
-- with a sequence that starts after the highest existing id. Existing ids are not touched.
DO $$
DECLARE
    v_type text;
BEGIN
    SELECT pg_catalog.format_type(a.atttypid, a.atttypmod)
      INTO v_type
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = 'claude.workspaces'::regclass AND a.attname = 'id'
       AND NOT a.attisdropped AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = '';
    IF v_type IN ('integer', 'bigint') THEN
        EXECUTE format('CREATE SEQUENCE IF NOT EXISTS claude.workspaces_id_seq AS %s OWNED BY claude.workspaces.id', v_type);
        PERFORM pg_catalog.setval('claude.workspaces_id_seq',
                                  COALESCE((SELECT max(w.id) FROM claude.workspaces w), 0) + 1, false);
        ALTER TABLE claude.workspaces ALTER COLUMN id SET DEFAULT nextval('claude.workspaces_id_seq'::regclass);
    END IF;
END;
$$;

-- ---------------------------------------------------------------------------------------------
-- agent_sessions (existing-database.md; parent_session_id from seed 000's recommended fix)
CREATE TABLE IF NOT EXISTS claude.agent_sessions (
    session_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_type        varchar(100),
    task_description  text,
    workspace_dir     text,
    spawned_at        timestamp without time zone DEFAULT now(),
    completed_at      timestamp without time zone,
    success           boolean,
    output_text       text,
    error_message     text,
    model             varchar(100),
    metadata          jsonb,
    created_by        varchar(100),
    parent_session_id uuid
);
ALTER TABLE claude.agent_sessions
    ADD COLUMN IF NOT EXISTS session_id        uuid,
    ADD COLUMN IF NOT EXISTS agent_type        varchar(100),
    ADD COLUMN IF NOT EXISTS task_description  text,
    ADD COLUMN IF NOT EXISTS workspace_dir     text,
    ADD COLUMN IF NOT EXISTS spawned_at        timestamp without time zone,
    ADD COLUMN IF NOT EXISTS completed_at      timestamp without time zone,
    ADD COLUMN IF NOT EXISTS success           boolean,
    ADD COLUMN IF NOT EXISTS output_text       text,
    ADD COLUMN IF NOT EXISTS error_message     text,
    ADD COLUMN IF NOT EXISTS model             varchar(100),
    ADD COLUMN IF NOT EXISTS metadata          jsonb,
    ADD COLUMN IF NOT EXISTS created_by        varchar(100),
    ADD COLUMN IF NOT EXISTS parent_session_id uuid;

-- ---------------------------------------------------------------------------------------------
-- column_registry (seed 001 Data Gateway: valid values per column, jsonb array)
CREATE TABLE IF NOT EXISTS claude.column_registry (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    table_name    varchar(100),
    column_name   varchar(100),
    data_type     varchar(50) NOT NULL,
    is_nullable   boolean,
    default_value text,
    description   text,
    valid_values  jsonb,
    constraints   text,
    created_at    timestamp without time zone DEFAULT now(),
    updated_at    timestamp without time zone DEFAULT now(),
    UNIQUE (table_name, column_name)
);
ALTER TABLE claude.column_registry
    ADD COLUMN IF NOT EXISTS id            uuid,
    ADD COLUMN IF NOT EXISTS table_name    varchar(100),
    ADD COLUMN IF NOT EXISTS column_name   varchar(100),
    ADD COLUMN IF NOT EXISTS data_type     varchar(50),
    ADD COLUMN IF NOT EXISTS is_nullable   boolean,
    ADD COLUMN IF NOT EXISTS default_value text,
    ADD COLUMN IF NOT EXISTS description   text,
    ADD COLUMN IF NOT EXISTS valid_values  jsonb,
    ADD COLUMN IF NOT EXISTS constraints   text,
    ADD COLUMN IF NOT EXISTS created_at    timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at    timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- Documented defaults for new rows, where an existing table has none.
DO $$
BEGIN
    PERFORM claude.migration_set_default_if_missing(v.table_name, v.column_name, v.default_expr)
       FROM (VALUES
       ('identities',      'identity_id',    'gen_random_uuid()'),
       ('identities',      'status',         '''active'''),
       ('identities',      'created_at',     'now()'),
       ('projects',        'project_id',     'gen_random_uuid()'),
       ('projects',        'is_archived',    'false'),
       ('projects',        'created_at',     'now()'),
       ('projects',        'updated_at',     'now()'),
       ('sessions',        'session_id',     'gen_random_uuid()'),
       ('sessions',        'created_at',     'now()'),
       ('workspaces',      'created_at',     'now()'),
       ('agent_sessions',  'session_id',     'gen_random_uuid()'),
       ('agent_sessions',  'spawned_at',     'now()'),
       ('column_registry', 'id',             'gen_random_uuid()'),
       ('column_registry', 'created_at',     'now()'),
       ('column_registry', 'updated_at',     'now()')
       ) AS v(table_name, column_name, default_expr);
END;
$$;

DO $$
BEGIN
    PERFORM claude.migration_comment_table_if_missing(v.table_name, v.comment_text)
       FROM (VALUES
       ('identities',      'Registry of Claude instances (per-project and shared identities) and their capabilities; archived, never deleted.'),
       ('projects',        'Project registry: one row per project the Claude family works on, with status, phase and priority.'),
       ('sessions',        'Claude instance work sessions across projects (session_id = Claude Code session id); session_end NULL means active.'),
       ('workspaces',      'Registered project workspaces (paths on disk) and their startup configuration.'),
       ('agent_sessions',  'Spawned agent (subagent) sessions with their task, outcome and parent session.'),
       ('column_registry', 'Data Gateway: valid values (jsonb array) for every enumerated column; single source of truth for checks and error messages.')
       ) AS v(table_name, comment_text);
END;
$$;

