-- 0008 supporting tables: every other table seeds 000 and 001 name (session state, work items, process workflow, governance, knowledge, MCP orchestration, project management, configuration, usage), with their foreign keys (ON DELETE CASCADE for owned children, SET NULL for sessions, RESTRICT for projects and identities), indexes and comments; safe on an existing database: it only creates what is missing, adds missing columns as nullable without defaults, sets defaults only where none exist, finds constraints and indexes by their columns, and leaves a foreign key the existing rows or column types do not allow NOT VALID or out, with a NOTICE or WARNING (no drop, rename, retype or row change).

-- Keep the output readable: hide the "already exists, skipping" notices (transaction-local).
SET LOCAL client_min_messages = warning;

CREATE SCHEMA IF NOT EXISTS claude;

-- Conventions (as 0001-0003): uuid primary keys named <thing>_id with gen_random_uuid() defaults,
-- timestamp without time zone, created_at default now() on every table (the event time of the
-- append-only logs), updated_at default now() on tables whose rows are edited, priorities as
-- integers 1-5. Enumerated columns (status, *_type, category) are plain varchars without defaults:
-- their valid values belong in claude.column_registry once the seeds document them. Natural keys
-- of link tables are UNIQUE on fresh databases only; an existing table keeps what it has.
-- audits_due is a view over audit_schedule, created by its own migration.

-- ---------------------------------------------------------------------------------------------
-- claude.migration_ensure_fk with a delete rule (p_on_delete: CASCADE, SET NULL, RESTRICT or
-- NO ACTION); otherwise as the five-argument helper of 0000: an existing foreign key on those
-- columns (whatever its name or rule) is kept, a new one is added NOT VALID and then validated,
-- and stays NOT VALID with a NOTICE when existing rows break it. When the existing columns cannot
-- carry a foreign key at all (different types, no unique key on the referenced column) it is left
-- out with a WARNING instead of failing the migration.
CREATE OR REPLACE FUNCTION claude.migration_ensure_fk(p_table text, p_column text, p_ref_table text, p_ref_column text, p_name text, p_on_delete text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_rel oid := pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_table));
    v_ref oid := pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_ref_table));
    v_rule text := pg_catalog.upper(p_on_delete);
    v_att smallint;
    v_ref_att smallint;
BEGIN
    IF v_rule NOT IN ('CASCADE', 'SET NULL', 'RESTRICT', 'NO ACTION') THEN
        RAISE EXCEPTION 'on delete rule % is not one of CASCADE, SET NULL, RESTRICT, NO ACTION', p_on_delete;
    END IF;
    SELECT attnum INTO v_att FROM pg_catalog.pg_attribute WHERE attrelid = v_rel AND attname = p_column AND NOT attisdropped;
    SELECT attnum INTO v_ref_att FROM pg_catalog.pg_attribute WHERE attrelid = v_ref AND attname = p_ref_column AND NOT attisdropped;
    IF v_att IS NULL OR v_ref_att IS NULL THEN
        RAISE EXCEPTION 'claude.%.% or claude.%.% does not exist', p_table, p_column, p_ref_table, p_ref_column;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c
                WHERE c.contype = 'f' AND c.conrelid = v_rel AND c.confrelid = v_ref
                  AND c.conkey = ARRAY[v_att] AND c.confkey = ARRAY[v_ref_att]) THEN
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conrelid = v_rel AND c.conname = p_name) THEN
        RAISE NOTICE 'claude.%: a constraint named % exists on other columns; foreign key %.% -> %.% not added', p_table, p_name, p_table, p_column, p_ref_table, p_ref_column;
        RETURN;
    END IF;
    BEGIN
        EXECUTE pg_catalog.format('ALTER TABLE claude.%I ADD CONSTRAINT %I FOREIGN KEY (%I) REFERENCES claude.%I (%I) ON DELETE %s NOT VALID',
                                  p_table, p_name, p_column, p_ref_table, p_ref_column, v_rule);
    EXCEPTION WHEN datatype_mismatch OR invalid_foreign_key THEN
        RAISE WARNING 'claude.%.% (%) cannot reference claude.%.% (%) in this database: %; foreign key % not added',
            p_table, p_column, pg_catalog.format_type((SELECT atttypid FROM pg_catalog.pg_attribute WHERE attrelid = v_rel AND attnum = v_att), NULL),
            p_ref_table, p_ref_column, pg_catalog.format_type((SELECT atttypid FROM pg_catalog.pg_attribute WHERE attrelid = v_ref AND attnum = v_ref_att), NULL),
            SQLERRM, p_name;
        RETURN;
    END;
    BEGIN
        EXECUTE pg_catalog.format('ALTER TABLE claude.%I VALIDATE CONSTRAINT %I', p_table, p_name);
    EXCEPTION WHEN foreign_key_violation THEN
        RAISE NOTICE 'claude.%.%: existing rows reference missing claude.% rows; foreign key % stays NOT VALID (new writes are checked)',
            p_table, p_column, p_ref_table, p_name;
    END;
END;
$fn$;
COMMENT ON FUNCTION claude.migration_ensure_fk(text, text, text, text, text, text) IS
    'Internal (migrations): Adds a foreign key on claude.<table>(<column>) -> claude.<ref_table>(<ref_column>) with ON DELETE <p_on_delete> unless one on those columns already exists (whatever its name or rule); NOT VALID first, then VALIDATE in a subtransaction: when existing rows violate it, it stays NOT VALID and a NOTICE says so. When the columns cannot carry a foreign key (types differ, no unique key on the referenced column) it is left out with a WARNING.';

-- =============================================================================================
-- Core tracking (seed 000 domain 1; the tables seed 001 lists under Session & Identity and MCP)
-- =============================================================================================

-- session_state (seed 001: persisted todo/focus between sessions), one row per project/identity.
CREATE TABLE IF NOT EXISTS claude.session_state (
    state_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id      uuid,
    project_name    varchar(200),
    identity_id     uuid,
    session_id      uuid,
    current_focus   text,
    todo_list       jsonb,
    pending_actions text[],
    files_modified  text[],
    notes           text,
    created_at      timestamp without time zone DEFAULT now(),
    updated_at      timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.session_state
    ADD COLUMN IF NOT EXISTS state_id        uuid,
    ADD COLUMN IF NOT EXISTS project_id      uuid,
    ADD COLUMN IF NOT EXISTS project_name    varchar(200),
    ADD COLUMN IF NOT EXISTS identity_id     uuid,
    ADD COLUMN IF NOT EXISTS session_id      uuid,
    ADD COLUMN IF NOT EXISTS current_focus   text,
    ADD COLUMN IF NOT EXISTS todo_list       jsonb,
    ADD COLUMN IF NOT EXISTS pending_actions text[],
    ADD COLUMN IF NOT EXISTS files_modified  text[],
    ADD COLUMN IF NOT EXISTS notes           text,
    ADD COLUMN IF NOT EXISTS created_at      timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at      timestamp without time zone;

-- mcp_usage (seed 001: MCP tool call logging; the columns the field's table has, plus created_at)
CREATE TABLE IF NOT EXISTS claude.mcp_usage (
    usage_id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id        uuid,
    mcp_server        varchar(100),
    tool_name         varchar(200),
    called_at         timestamp without time zone DEFAULT now(),
    execution_time_ms integer,
    success           boolean,
    error_message     text,
    created_at        timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.mcp_usage
    ADD COLUMN IF NOT EXISTS usage_id          uuid,
    ADD COLUMN IF NOT EXISTS session_id        uuid,
    ADD COLUMN IF NOT EXISTS mcp_server        varchar(100),
    ADD COLUMN IF NOT EXISTS tool_name         varchar(200),
    ADD COLUMN IF NOT EXISTS called_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS execution_time_ms integer,
    ADD COLUMN IF NOT EXISTS success           boolean,
    ADD COLUMN IF NOT EXISTS error_message     text,
    ADD COLUMN IF NOT EXISTS created_at        timestamp without time zone;

-- mcp_usage_stats (seed 001: aggregated stats), one row per day, server and tool. Some databases
-- keep these aggregates as a view over mcp_usage: a view (or any relation that is not a table)
-- of this name is left exactly as it is.
DO $$
DECLARE
    v_kind "char" := (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass('claude.mcp_usage_stats'));
BEGIN
    IF v_kind IS NOT NULL AND v_kind NOT IN ('r', 'p') THEN
        RAISE NOTICE 'claude.mcp_usage_stats exists and is not a table (relkind %); left as it is', v_kind;
        RETURN;
    END IF;
    CREATE TABLE IF NOT EXISTS claude.mcp_usage_stats (
        stat_id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        stat_date          date,
        mcp_server         varchar(100),
        tool_name          varchar(200),
        call_count         integer DEFAULT 0,
        success_count      integer DEFAULT 0,
        failure_count      integer DEFAULT 0,
        total_execution_ms bigint DEFAULT 0,
        last_called_at     timestamp without time zone,
        created_at         timestamp without time zone DEFAULT now(),
        updated_at         timestamp without time zone DEFAULT now(),
        UNIQUE (stat_date, mcp_server, tool_name)
    );
    ALTER TABLE claude.mcp_usage_stats
        ADD COLUMN IF NOT EXISTS stat_id            uuid,
        ADD COLUMN IF NOT EXISTS stat_date          date,
        ADD COLUMN IF NOT EXISTS mcp_server         varchar(100),
        ADD COLUMN IF NOT EXISTS tool_name          varchar(200),
        ADD COLUMN IF NOT EXISTS call_count         integer,
        ADD COLUMN IF NOT EXISTS success_count      integer,
        ADD COLUMN IF NOT EXISTS failure_count      integer,
        ADD COLUMN IF NOT EXISTS total_execution_ms bigint,
        ADD COLUMN IF NOT EXISTS last_called_at     timestamp without time zone,
        ADD COLUMN IF NOT EXISTS created_at         timestamp without time zone,
        ADD COLUMN IF NOT EXISTS updated_at         timestamp without time zone;
    PERFORM claude.migration_set_default_if_missing('mcp_usage_stats', v.column_name, v.default_expr)
       FROM (VALUES ('stat_id', 'gen_random_uuid()'), ('call_count', '0'), ('success_count', '0'), ('failure_count', '0'),
                    ('total_execution_ms', '0'), ('created_at', 'now()'), ('updated_at', 'now()')) AS v(column_name, default_expr);
    PERFORM claude.migration_ensure_index('idx_mcp_usage_stats_server_tool', 'mcp_usage_stats', ARRAY['mcp_server', 'tool_name'], '(mcp_server, tool_name)');
    PERFORM claude.migration_comment_table_if_missing('mcp_usage_stats',
        'Aggregated MCP tool usage (seed 001): calls, successes, failures and total execution time per day, server and tool.');
END;
$$;

-- =============================================================================================
-- Work items (seed 000 domain 2; features, feedback, feedback_comments, build_tasks: 0003)
-- =============================================================================================

-- work_tasks (seeds 000/001: general work items)
CREATE TABLE IF NOT EXISTS claude.work_tasks (
    task_id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id           uuid,
    task_name            varchar(200),
    description          text,
    task_type            varchar(50),
    status               varchar(50),
    priority             integer,
    assigned_identity_id uuid,
    created_session_id   uuid,
    due_date             date,
    completed_at         timestamp without time zone,
    created_at           timestamp without time zone DEFAULT now(),
    updated_at           timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.work_tasks
    ADD COLUMN IF NOT EXISTS task_id              uuid,
    ADD COLUMN IF NOT EXISTS project_id           uuid,
    ADD COLUMN IF NOT EXISTS task_name            varchar(200),
    ADD COLUMN IF NOT EXISTS description          text,
    ADD COLUMN IF NOT EXISTS task_type            varchar(50),
    ADD COLUMN IF NOT EXISTS status               varchar(50),
    ADD COLUMN IF NOT EXISTS priority             integer,
    ADD COLUMN IF NOT EXISTS assigned_identity_id uuid,
    ADD COLUMN IF NOT EXISTS created_session_id   uuid,
    ADD COLUMN IF NOT EXISTS due_date             date,
    ADD COLUMN IF NOT EXISTS completed_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at           timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at           timestamp without time zone;

-- pm_tasks (seeds 000/001: project management tasks), optionally within a phase
CREATE TABLE IF NOT EXISTS claude.pm_tasks (
    task_id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id         uuid,
    phase_id           uuid,
    task_name          varchar(200),
    description        text,
    status             varchar(50),
    priority           integer,
    assigned_to        varchar(100),
    created_session_id uuid,
    due_date           date,
    completed_at       timestamp without time zone,
    created_at         timestamp without time zone DEFAULT now(),
    updated_at         timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.pm_tasks
    ADD COLUMN IF NOT EXISTS task_id            uuid,
    ADD COLUMN IF NOT EXISTS project_id         uuid,
    ADD COLUMN IF NOT EXISTS phase_id           uuid,
    ADD COLUMN IF NOT EXISTS task_name          varchar(200),
    ADD COLUMN IF NOT EXISTS description        text,
    ADD COLUMN IF NOT EXISTS status             varchar(50),
    ADD COLUMN IF NOT EXISTS priority           integer,
    ADD COLUMN IF NOT EXISTS assigned_to        varchar(100),
    ADD COLUMN IF NOT EXISTS created_session_id uuid,
    ADD COLUMN IF NOT EXISTS due_date           date,
    ADD COLUMN IF NOT EXISTS completed_at       timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at         timestamp without time zone;

-- feedback_screenshots (seeds 000/001: screenshot attachments of a feedback item)
CREATE TABLE IF NOT EXISTS claude.feedback_screenshots (
    screenshot_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    feedback_id   uuid,
    file_path     text,
    file_name     varchar(255),
    description   text,
    created_at    timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.feedback_screenshots
    ADD COLUMN IF NOT EXISTS screenshot_id uuid,
    ADD COLUMN IF NOT EXISTS feedback_id   uuid,
    ADD COLUMN IF NOT EXISTS file_path     text,
    ADD COLUMN IF NOT EXISTS file_name     varchar(255),
    ADD COLUMN IF NOT EXISTS description   text,
    ADD COLUMN IF NOT EXISTS created_at    timestamp without time zone;

-- ideas (seeds 000/001: idea capture); feature_id once an idea became a feature
CREATE TABLE IF NOT EXISTS claude.ideas (
    idea_id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id         uuid,
    title              varchar(200),
    description        text,
    category           varchar(50),
    status             varchar(50),
    priority           integer,
    tags               text[],
    feature_id         uuid,
    created_session_id uuid,
    created_at         timestamp without time zone DEFAULT now(),
    updated_at         timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.ideas
    ADD COLUMN IF NOT EXISTS idea_id            uuid,
    ADD COLUMN IF NOT EXISTS project_id         uuid,
    ADD COLUMN IF NOT EXISTS title              varchar(200),
    ADD COLUMN IF NOT EXISTS description        text,
    ADD COLUMN IF NOT EXISTS category           varchar(50),
    ADD COLUMN IF NOT EXISTS status             varchar(50),
    ADD COLUMN IF NOT EXISTS priority           integer,
    ADD COLUMN IF NOT EXISTS tags               text[],
    ADD COLUMN IF NOT EXISTS feature_id         uuid,
    ADD COLUMN IF NOT EXISTS created_session_id uuid,
    ADD COLUMN IF NOT EXISTS created_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at         timestamp without time zone;

-- =============================================================================================
-- Process workflow (seed 000 domain 3)
-- =============================================================================================

-- process_registry (seeds 000/001: workflow definitions)
CREATE TABLE IF NOT EXISTS claude.process_registry (
    process_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    process_name varchar(200),
    category     varchar(50),
    description  text,
    sop_ref      text,
    is_active    boolean DEFAULT true,
    created_at   timestamp without time zone DEFAULT now(),
    updated_at   timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.process_registry
    ADD COLUMN IF NOT EXISTS process_id   uuid,
    ADD COLUMN IF NOT EXISTS process_name varchar(200),
    ADD COLUMN IF NOT EXISTS category     varchar(50),
    ADD COLUMN IF NOT EXISTS description  text,
    ADD COLUMN IF NOT EXISTS sop_ref      text,
    ADD COLUMN IF NOT EXISTS is_active    boolean,
    ADD COLUMN IF NOT EXISTS created_at   timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at   timestamp without time zone;

-- process_steps (seeds 000/001: the ordered steps of a process)
CREATE TABLE IF NOT EXISTS claude.process_steps (
    step_id     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    process_id  uuid,
    step_number integer,
    step_name   varchar(200),
    description text,
    step_type   varchar(50),
    is_required boolean DEFAULT true,
    created_at  timestamp without time zone DEFAULT now(),
    updated_at  timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.process_steps
    ADD COLUMN IF NOT EXISTS step_id     uuid,
    ADD COLUMN IF NOT EXISTS process_id  uuid,
    ADD COLUMN IF NOT EXISTS step_number integer,
    ADD COLUMN IF NOT EXISTS step_name   varchar(200),
    ADD COLUMN IF NOT EXISTS description text,
    ADD COLUMN IF NOT EXISTS step_type   varchar(50),
    ADD COLUMN IF NOT EXISTS is_required boolean,
    ADD COLUMN IF NOT EXISTS created_at  timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at  timestamp without time zone;

-- process_triggers (seeds 000/001: keywords/patterns that route a prompt to a process)
CREATE TABLE IF NOT EXISTS claude.process_triggers (
    trigger_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    process_id   uuid,
    trigger_type varchar(50),
    pattern      text,
    priority     integer,
    is_active    boolean DEFAULT true,
    created_at   timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.process_triggers
    ADD COLUMN IF NOT EXISTS trigger_id   uuid,
    ADD COLUMN IF NOT EXISTS process_id   uuid,
    ADD COLUMN IF NOT EXISTS trigger_type varchar(50),
    ADD COLUMN IF NOT EXISTS pattern      text,
    ADD COLUMN IF NOT EXISTS priority     integer,
    ADD COLUMN IF NOT EXISTS is_active    boolean,
    ADD COLUMN IF NOT EXISTS created_at   timestamp without time zone;

-- process_runs (seeds 000/001: execution history of processes)
CREATE TABLE IF NOT EXISTS claude.process_runs (
    run_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    process_id    uuid,
    session_id    uuid,
    status        varchar(50),
    triggered_by  varchar(100),
    current_step  integer,
    started_at    timestamp without time zone DEFAULT now(),
    completed_at  timestamp without time zone,
    summary       text,
    error_message text,
    metadata      jsonb,
    created_at    timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.process_runs
    ADD COLUMN IF NOT EXISTS run_id        uuid,
    ADD COLUMN IF NOT EXISTS process_id    uuid,
    ADD COLUMN IF NOT EXISTS session_id    uuid,
    ADD COLUMN IF NOT EXISTS status        varchar(50),
    ADD COLUMN IF NOT EXISTS triggered_by  varchar(100),
    ADD COLUMN IF NOT EXISTS current_step  integer,
    ADD COLUMN IF NOT EXISTS started_at    timestamp without time zone,
    ADD COLUMN IF NOT EXISTS completed_at  timestamp without time zone,
    ADD COLUMN IF NOT EXISTS summary       text,
    ADD COLUMN IF NOT EXISTS error_message text,
    ADD COLUMN IF NOT EXISTS metadata      jsonb,
    ADD COLUMN IF NOT EXISTS created_at    timestamp without time zone;

-- process_dependencies (seeds 000/001: process interconnections, process -> depends_on_process)
CREATE TABLE IF NOT EXISTS claude.process_dependencies (
    dependency_id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    process_id            uuid,
    depends_on_process_id uuid,
    dependency_type       varchar(50),
    description           text,
    created_at            timestamp without time zone DEFAULT now(),
    UNIQUE (process_id, depends_on_process_id)
);
ALTER TABLE claude.process_dependencies
    ADD COLUMN IF NOT EXISTS dependency_id         uuid,
    ADD COLUMN IF NOT EXISTS process_id            uuid,
    ADD COLUMN IF NOT EXISTS depends_on_process_id uuid,
    ADD COLUMN IF NOT EXISTS dependency_type       varchar(50),
    ADD COLUMN IF NOT EXISTS description           text,
    ADD COLUMN IF NOT EXISTS created_at            timestamp without time zone;

-- process_classification_log (seeds 000/001: the router's decisions; process_id NULL = no match)
CREATE TABLE IF NOT EXISTS claude.process_classification_log (
    log_id      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id  uuid,
    prompt_text text,
    process_id  uuid,
    method      varchar(50),
    confidence  numeric(5, 4),
    candidates  jsonb,
    latency_ms  integer,
    created_at  timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.process_classification_log
    ADD COLUMN IF NOT EXISTS log_id      uuid,
    ADD COLUMN IF NOT EXISTS session_id  uuid,
    ADD COLUMN IF NOT EXISTS prompt_text text,
    ADD COLUMN IF NOT EXISTS process_id  uuid,
    ADD COLUMN IF NOT EXISTS method      varchar(50),
    ADD COLUMN IF NOT EXISTS confidence  numeric(5, 4),
    ADD COLUMN IF NOT EXISTS candidates  jsonb,
    ADD COLUMN IF NOT EXISTS latency_ms  integer,
    ADD COLUMN IF NOT EXISTS created_at  timestamp without time zone;

-- workflow_state (seeds 000/001: the active state of a running workflow in a session)
CREATE TABLE IF NOT EXISTS claude.workflow_state (
    state_id     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    process_id   uuid,
    run_id       uuid,
    session_id   uuid,
    status       varchar(50),
    current_step integer,
    state_data   jsonb,
    created_at   timestamp without time zone DEFAULT now(),
    updated_at   timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.workflow_state
    ADD COLUMN IF NOT EXISTS state_id     uuid,
    ADD COLUMN IF NOT EXISTS process_id   uuid,
    ADD COLUMN IF NOT EXISTS run_id       uuid,
    ADD COLUMN IF NOT EXISTS session_id   uuid,
    ADD COLUMN IF NOT EXISTS status       varchar(50),
    ADD COLUMN IF NOT EXISTS current_step integer,
    ADD COLUMN IF NOT EXISTS state_data   jsonb,
    ADD COLUMN IF NOT EXISTS created_at   timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at   timestamp without time zone;

-- procedures (seed 000: legacy procedures; seed 001: SOPs and procedures)
CREATE TABLE IF NOT EXISTS claude.procedures (
    procedure_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    procedure_name varchar(200),
    category       varchar(50),
    description    text,
    steps          jsonb,
    content        text,
    file_path      text,
    is_active      boolean DEFAULT true,
    created_at     timestamp without time zone DEFAULT now(),
    updated_at     timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.procedures
    ADD COLUMN IF NOT EXISTS procedure_id   uuid,
    ADD COLUMN IF NOT EXISTS procedure_name varchar(200),
    ADD COLUMN IF NOT EXISTS category       varchar(50),
    ADD COLUMN IF NOT EXISTS description    text,
    ADD COLUMN IF NOT EXISTS steps          jsonb,
    ADD COLUMN IF NOT EXISTS content        text,
    ADD COLUMN IF NOT EXISTS file_path      text,
    ADD COLUMN IF NOT EXISTS is_active      boolean,
    ADD COLUMN IF NOT EXISTS created_at     timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at     timestamp without time zone;

-- =============================================================================================
-- Governance (seed 000 domain 4; column_registry: 0001)
-- =============================================================================================

-- schema_registry (seeds 000/001: schema documentation; column_name NULL = the table itself)
CREATE TABLE IF NOT EXISTS claude.schema_registry (
    entry_id    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    schema_name varchar(100) DEFAULT 'claude',
    table_name  varchar(100),
    column_name varchar(100),
    domain      varchar(50),
    description text,
    created_at  timestamp without time zone DEFAULT now(),
    updated_at  timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.schema_registry
    ADD COLUMN IF NOT EXISTS entry_id    uuid,
    ADD COLUMN IF NOT EXISTS schema_name varchar(100),
    ADD COLUMN IF NOT EXISTS table_name  varchar(100),
    ADD COLUMN IF NOT EXISTS column_name varchar(100),
    ADD COLUMN IF NOT EXISTS domain      varchar(50),
    ADD COLUMN IF NOT EXISTS description text,
    ADD COLUMN IF NOT EXISTS created_at  timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at  timestamp without time zone;

-- enforcement_log (seeds 000/001: reminders and enforcement applied to a session)
CREATE TABLE IF NOT EXISTS claude.enforcement_log (
    log_id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id       uuid,
    enforcement_type varchar(50),
    rule_name        varchar(200),
    action_taken     varchar(50),
    message          text,
    details          jsonb,
    created_at       timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.enforcement_log
    ADD COLUMN IF NOT EXISTS log_id           uuid,
    ADD COLUMN IF NOT EXISTS session_id       uuid,
    ADD COLUMN IF NOT EXISTS enforcement_type varchar(50),
    ADD COLUMN IF NOT EXISTS rule_name        varchar(200),
    ADD COLUMN IF NOT EXISTS action_taken     varchar(50),
    ADD COLUMN IF NOT EXISTS message          text,
    ADD COLUMN IF NOT EXISTS details          jsonb,
    ADD COLUMN IF NOT EXISTS created_at       timestamp without time zone;

-- compliance_audits (seeds 000/001: audit results)
CREATE TABLE IF NOT EXISTS claude.compliance_audits (
    audit_id     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id   uuid,
    audit_type   varchar(50),
    session_id   uuid,
    auditor      varchar(100),
    status       varchar(50),
    score        integer,
    findings     jsonb,
    summary      text,
    completed_at timestamp without time zone,
    created_at   timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.compliance_audits
    ADD COLUMN IF NOT EXISTS audit_id     uuid,
    ADD COLUMN IF NOT EXISTS project_id   uuid,
    ADD COLUMN IF NOT EXISTS audit_type   varchar(50),
    ADD COLUMN IF NOT EXISTS session_id   uuid,
    ADD COLUMN IF NOT EXISTS auditor      varchar(100),
    ADD COLUMN IF NOT EXISTS status       varchar(50),
    ADD COLUMN IF NOT EXISTS score        integer,
    ADD COLUMN IF NOT EXISTS findings     jsonb,
    ADD COLUMN IF NOT EXISTS summary      text,
    ADD COLUMN IF NOT EXISTS completed_at timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at   timestamp without time zone;

-- audit_schedule (seeds 000/001: audit scheduling; the view audits_due reads it). An audit of
-- audit_type for project_id (NULL = every project) is due at next_due_at, or frequency_days after
-- last_run_at when next_due_at is not set; last_audit_id is the result of the last run.
CREATE TABLE IF NOT EXISTS claude.audit_schedule (
    schedule_id    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id     uuid,
    audit_type     varchar(50),
    description    text,
    frequency_days integer,
    last_run_at    timestamp without time zone,
    next_due_at    timestamp without time zone,
    last_audit_id  uuid,
    is_active      boolean DEFAULT true,
    created_at     timestamp without time zone DEFAULT now(),
    updated_at     timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.audit_schedule
    ADD COLUMN IF NOT EXISTS schedule_id    uuid,
    ADD COLUMN IF NOT EXISTS project_id     uuid,
    ADD COLUMN IF NOT EXISTS audit_type     varchar(50),
    ADD COLUMN IF NOT EXISTS description    text,
    ADD COLUMN IF NOT EXISTS frequency_days integer,
    ADD COLUMN IF NOT EXISTS last_run_at    timestamp without time zone,
    ADD COLUMN IF NOT EXISTS next_due_at    timestamp without time zone,
    ADD COLUMN IF NOT EXISTS last_audit_id  uuid,
    ADD COLUMN IF NOT EXISTS is_active      boolean,
    ADD COLUMN IF NOT EXISTS created_at     timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at     timestamp without time zone;

-- reviewer_specs (seeds 000/001: configurations of the automatic reviewers)
CREATE TABLE IF NOT EXISTS claude.reviewer_specs (
    spec_id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reviewer_name varchar(100),
    reviewer_type varchar(50),
    description   text,
    prompt        text,
    config        jsonb,
    is_active     boolean DEFAULT true,
    created_at    timestamp without time zone DEFAULT now(),
    updated_at    timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.reviewer_specs
    ADD COLUMN IF NOT EXISTS spec_id       uuid,
    ADD COLUMN IF NOT EXISTS reviewer_name varchar(100),
    ADD COLUMN IF NOT EXISTS reviewer_type varchar(50),
    ADD COLUMN IF NOT EXISTS description   text,
    ADD COLUMN IF NOT EXISTS prompt        text,
    ADD COLUMN IF NOT EXISTS config        jsonb,
    ADD COLUMN IF NOT EXISTS is_active     boolean,
    ADD COLUMN IF NOT EXISTS created_at    timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at    timestamp without time zone;

-- reviewer_runs (seeds 000/001: executions of a reviewer spec against a target)
CREATE TABLE IF NOT EXISTS claude.reviewer_runs (
    run_id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    spec_id        uuid,
    project_id     uuid,
    session_id     uuid,
    target         text,
    status         varchar(50),
    findings_count integer,
    findings       jsonb,
    summary        text,
    started_at     timestamp without time zone DEFAULT now(),
    completed_at   timestamp without time zone,
    created_at     timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.reviewer_runs
    ADD COLUMN IF NOT EXISTS run_id         uuid,
    ADD COLUMN IF NOT EXISTS spec_id        uuid,
    ADD COLUMN IF NOT EXISTS project_id     uuid,
    ADD COLUMN IF NOT EXISTS session_id     uuid,
    ADD COLUMN IF NOT EXISTS target         text,
    ADD COLUMN IF NOT EXISTS status         varchar(50),
    ADD COLUMN IF NOT EXISTS findings_count integer,
    ADD COLUMN IF NOT EXISTS findings       jsonb,
    ADD COLUMN IF NOT EXISTS summary        text,
    ADD COLUMN IF NOT EXISTS started_at     timestamp without time zone,
    ADD COLUMN IF NOT EXISTS completed_at   timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at     timestamp without time zone;

-- test_runs (seeds 000/001: test execution results)
CREATE TABLE IF NOT EXISTS claude.test_runs (
    run_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id    uuid,
    session_id    uuid,
    test_suite    varchar(200),
    test_type     varchar(50),
    command       text,
    status        varchar(50),
    tests_total   integer,
    tests_passed  integer,
    tests_failed  integer,
    tests_skipped integer,
    duration_ms   integer,
    output        text,
    started_at    timestamp without time zone DEFAULT now(),
    completed_at  timestamp without time zone,
    created_at    timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.test_runs
    ADD COLUMN IF NOT EXISTS run_id        uuid,
    ADD COLUMN IF NOT EXISTS project_id    uuid,
    ADD COLUMN IF NOT EXISTS session_id    uuid,
    ADD COLUMN IF NOT EXISTS test_suite    varchar(200),
    ADD COLUMN IF NOT EXISTS test_type     varchar(50),
    ADD COLUMN IF NOT EXISTS command       text,
    ADD COLUMN IF NOT EXISTS status        varchar(50),
    ADD COLUMN IF NOT EXISTS tests_total   integer,
    ADD COLUMN IF NOT EXISTS tests_passed  integer,
    ADD COLUMN IF NOT EXISTS tests_failed  integer,
    ADD COLUMN IF NOT EXISTS tests_skipped integer,
    ADD COLUMN IF NOT EXISTS duration_ms   integer,
    ADD COLUMN IF NOT EXISTS output        text,
    ADD COLUMN IF NOT EXISTS started_at    timestamp without time zone,
    ADD COLUMN IF NOT EXISTS completed_at  timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at    timestamp without time zone;

-- =============================================================================================
-- Knowledge (seed 000 domain 5; knowledge: 0002)
-- =============================================================================================

-- knowledge_retrieval_log (seeds 000/001: which knowledge a query asked for and what it returned)
CREATE TABLE IF NOT EXISTS claude.knowledge_retrieval_log (
    log_id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id       uuid,
    query_text       text,
    query_type       varchar(50),
    results_count    integer,
    knowledge_ids    uuid[],
    was_helpful      boolean,
    response_time_ms integer,
    created_at       timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.knowledge_retrieval_log
    ADD COLUMN IF NOT EXISTS log_id           uuid,
    ADD COLUMN IF NOT EXISTS session_id       uuid,
    ADD COLUMN IF NOT EXISTS query_text       text,
    ADD COLUMN IF NOT EXISTS query_type       varchar(50),
    ADD COLUMN IF NOT EXISTS results_count    integer,
    ADD COLUMN IF NOT EXISTS knowledge_ids    uuid[],
    ADD COLUMN IF NOT EXISTS was_helpful      boolean,
    ADD COLUMN IF NOT EXISTS response_time_ms integer,
    ADD COLUMN IF NOT EXISTS created_at       timestamp without time zone;

-- documents (seeds 000/001: document registry)
CREATE TABLE IF NOT EXISTS claude.documents (
    document_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title       varchar(500),
    doc_type    varchar(50),
    file_path   text,
    file_hash   varchar(64),
    description text,
    status      varchar(50),
    tags        text[],
    created_at  timestamp without time zone DEFAULT now(),
    updated_at  timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.documents
    ADD COLUMN IF NOT EXISTS document_id uuid,
    ADD COLUMN IF NOT EXISTS title       varchar(500),
    ADD COLUMN IF NOT EXISTS doc_type    varchar(50),
    ADD COLUMN IF NOT EXISTS file_path   text,
    ADD COLUMN IF NOT EXISTS file_hash   varchar(64),
    ADD COLUMN IF NOT EXISTS description text,
    ADD COLUMN IF NOT EXISTS status      varchar(50),
    ADD COLUMN IF NOT EXISTS tags        text[],
    ADD COLUMN IF NOT EXISTS created_at  timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at  timestamp without time zone;

-- doc_templates (seeds 000/001: document templates)
CREATE TABLE IF NOT EXISTS claude.doc_templates (
    template_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    template_name varchar(200),
    doc_type      varchar(50),
    description   text,
    content       text,
    version       integer DEFAULT 1,
    is_active     boolean DEFAULT true,
    created_at    timestamp without time zone DEFAULT now(),
    updated_at    timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.doc_templates
    ADD COLUMN IF NOT EXISTS template_id   uuid,
    ADD COLUMN IF NOT EXISTS template_name varchar(200),
    ADD COLUMN IF NOT EXISTS doc_type      varchar(50),
    ADD COLUMN IF NOT EXISTS description   text,
    ADD COLUMN IF NOT EXISTS content       text,
    ADD COLUMN IF NOT EXISTS version       integer,
    ADD COLUMN IF NOT EXISTS is_active     boolean,
    ADD COLUMN IF NOT EXISTS created_at    timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at    timestamp without time zone;

-- document_projects (seeds 000/001: which projects a document belongs to)
CREATE TABLE IF NOT EXISTS claude.document_projects (
    link_id     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    document_id uuid,
    project_id  uuid,
    is_primary  boolean DEFAULT false,
    created_at  timestamp without time zone DEFAULT now(),
    UNIQUE (document_id, project_id)
);
ALTER TABLE claude.document_projects
    ADD COLUMN IF NOT EXISTS link_id     uuid,
    ADD COLUMN IF NOT EXISTS document_id uuid,
    ADD COLUMN IF NOT EXISTS project_id  uuid,
    ADD COLUMN IF NOT EXISTS is_primary  boolean,
    ADD COLUMN IF NOT EXISTS created_at  timestamp without time zone;

-- =============================================================================================
-- MCP orchestration (seed 000 domain 6; messages: 0002)
-- =============================================================================================

-- mcp_configs (seeds 000/001: MCP server configurations; project_id NULL = for every project)
CREATE TABLE IF NOT EXISTS claude.mcp_configs (
    config_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id  uuid,
    server_name varchar(100),
    server_type varchar(50),
    command     text,
    args        jsonb,
    env         jsonb,
    config      jsonb,
    description text,
    is_active   boolean DEFAULT true,
    created_at  timestamp without time zone DEFAULT now(),
    updated_at  timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.mcp_configs
    ADD COLUMN IF NOT EXISTS config_id   uuid,
    ADD COLUMN IF NOT EXISTS project_id  uuid,
    ADD COLUMN IF NOT EXISTS server_name varchar(100),
    ADD COLUMN IF NOT EXISTS server_type varchar(50),
    ADD COLUMN IF NOT EXISTS command     text,
    ADD COLUMN IF NOT EXISTS args        jsonb,
    ADD COLUMN IF NOT EXISTS env         jsonb,
    ADD COLUMN IF NOT EXISTS config      jsonb,
    ADD COLUMN IF NOT EXISTS description text,
    ADD COLUMN IF NOT EXISTS is_active   boolean,
    ADD COLUMN IF NOT EXISTS created_at  timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at  timestamp without time zone;

-- async_tasks (seeds 000/001: asynchronous agent work started from a session)
CREATE TABLE IF NOT EXISTS claude.async_tasks (
    task_id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id       uuid,
    agent_session_id uuid,
    agent_type       varchar(100),
    task_description text,
    status           varchar(50),
    result           text,
    error_message    text,
    started_at       timestamp without time zone,
    completed_at     timestamp without time zone,
    created_at       timestamp without time zone DEFAULT now(),
    updated_at       timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.async_tasks
    ADD COLUMN IF NOT EXISTS task_id          uuid,
    ADD COLUMN IF NOT EXISTS session_id       uuid,
    ADD COLUMN IF NOT EXISTS agent_session_id uuid,
    ADD COLUMN IF NOT EXISTS agent_type       varchar(100),
    ADD COLUMN IF NOT EXISTS task_description text,
    ADD COLUMN IF NOT EXISTS status           varchar(50),
    ADD COLUMN IF NOT EXISTS result           text,
    ADD COLUMN IF NOT EXISTS error_message    text,
    ADD COLUMN IF NOT EXISTS started_at       timestamp without time zone,
    ADD COLUMN IF NOT EXISTS completed_at     timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at       timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at       timestamp without time zone;

-- actions (seeds 000/001: shared actions of Mission Control and the CLI, per UI context; the
-- columns of seed 001's "Adding New Actions" and "Getting Actions for Context" queries, plus what
-- an action runs)
CREATE TABLE IF NOT EXISTS claude.actions (
    action_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    action_name varchar(100),
    action_type varchar(50),
    description text,
    context     varchar(100),
    icon        varchar(100),
    hotkey      varchar(50),
    command     text,
    parameters  jsonb,
    is_active   boolean DEFAULT true,
    sort_order  integer DEFAULT 0,
    created_at  timestamp without time zone DEFAULT now(),
    updated_at  timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.actions
    ADD COLUMN IF NOT EXISTS action_id   uuid,
    ADD COLUMN IF NOT EXISTS action_name varchar(100),
    ADD COLUMN IF NOT EXISTS action_type varchar(50),
    ADD COLUMN IF NOT EXISTS description text,
    ADD COLUMN IF NOT EXISTS context     varchar(100),
    ADD COLUMN IF NOT EXISTS icon        varchar(100),
    ADD COLUMN IF NOT EXISTS hotkey      varchar(50),
    ADD COLUMN IF NOT EXISTS command     text,
    ADD COLUMN IF NOT EXISTS parameters  jsonb,
    ADD COLUMN IF NOT EXISTS is_active   boolean,
    ADD COLUMN IF NOT EXISTS sort_order  integer,
    ADD COLUMN IF NOT EXISTS created_at  timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at  timestamp without time zone;

-- config_deployment_log (seed 000: config deployment history; template_id NULL = not from a template)
CREATE TABLE IF NOT EXISTS claude.config_deployment_log (
    deployment_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id    uuid,
    template_id   uuid,
    session_id    uuid,
    config_type   varchar(50),
    target_path   text,
    status        varchar(50),
    deployed_by   varchar(100),
    details       jsonb,
    error_message text,
    created_at    timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.config_deployment_log
    ADD COLUMN IF NOT EXISTS deployment_id uuid,
    ADD COLUMN IF NOT EXISTS project_id    uuid,
    ADD COLUMN IF NOT EXISTS template_id   uuid,
    ADD COLUMN IF NOT EXISTS session_id    uuid,
    ADD COLUMN IF NOT EXISTS config_type   varchar(50),
    ADD COLUMN IF NOT EXISTS target_path   text,
    ADD COLUMN IF NOT EXISTS status        varchar(50),
    ADD COLUMN IF NOT EXISTS deployed_by   varchar(100),
    ADD COLUMN IF NOT EXISTS details       jsonb,
    ADD COLUMN IF NOT EXISTS error_message text,
    ADD COLUMN IF NOT EXISTS created_at    timestamp without time zone;

-- =============================================================================================
-- Project management (seed 000 domain 8; projects: 0001, requirements: 0003)
-- =============================================================================================

-- programs (seeds 000/001: program groupings of projects, through projects.program_id)
CREATE TABLE IF NOT EXISTS claude.programs (
    program_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    program_name varchar(200),
    description  text,
    status       varchar(50),
    priority     integer,
    created_at   timestamp without time zone DEFAULT now(),
    updated_at   timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.programs
    ADD COLUMN IF NOT EXISTS program_id   uuid,
    ADD COLUMN IF NOT EXISTS program_name varchar(200),
    ADD COLUMN IF NOT EXISTS description  text,
    ADD COLUMN IF NOT EXISTS status       varchar(50),
    ADD COLUMN IF NOT EXISTS priority     integer,
    ADD COLUMN IF NOT EXISTS created_at   timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at   timestamp without time zone;

-- The grouping itself: a project belongs to at most one program (nullable, no default).
ALTER TABLE claude.projects
    ADD COLUMN IF NOT EXISTS program_id uuid;

-- phases (seeds 000/001: the phases of a project, in phase_order)
CREATE TABLE IF NOT EXISTS claude.phases (
    phase_id     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id   uuid,
    phase_name   varchar(200),
    description  text,
    phase_order  integer,
    status       varchar(50),
    target_date  date,
    started_at   timestamp without time zone,
    completed_at timestamp without time zone,
    created_at   timestamp without time zone DEFAULT now(),
    updated_at   timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.phases
    ADD COLUMN IF NOT EXISTS phase_id     uuid,
    ADD COLUMN IF NOT EXISTS project_id   uuid,
    ADD COLUMN IF NOT EXISTS phase_name   varchar(200),
    ADD COLUMN IF NOT EXISTS description  text,
    ADD COLUMN IF NOT EXISTS phase_order  integer,
    ADD COLUMN IF NOT EXISTS status       varchar(50),
    ADD COLUMN IF NOT EXISTS target_date  date,
    ADD COLUMN IF NOT EXISTS started_at   timestamp without time zone,
    ADD COLUMN IF NOT EXISTS completed_at timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at   timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at   timestamp without time zone;

-- project_docs (seed 000: document metadata; seed 001: project-specific docs)
CREATE TABLE IF NOT EXISTS claude.project_docs (
    doc_id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id       uuid,
    doc_type         varchar(50),
    title            varchar(500),
    file_path        text,
    description      text,
    version          varchar(50),
    last_reviewed_at timestamp without time zone,
    created_at       timestamp without time zone DEFAULT now(),
    updated_at       timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.project_docs
    ADD COLUMN IF NOT EXISTS doc_id           uuid,
    ADD COLUMN IF NOT EXISTS project_id       uuid,
    ADD COLUMN IF NOT EXISTS doc_type         varchar(50),
    ADD COLUMN IF NOT EXISTS title            varchar(500),
    ADD COLUMN IF NOT EXISTS file_path        text,
    ADD COLUMN IF NOT EXISTS description      text,
    ADD COLUMN IF NOT EXISTS version          varchar(50),
    ADD COLUMN IF NOT EXISTS last_reviewed_at timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at       timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at       timestamp without time zone;

-- project_command_assignments (seed 000: which shared commands a project gets)
CREATE TABLE IF NOT EXISTS claude.project_command_assignments (
    assignment_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id    uuid,
    command_id    uuid,
    is_enabled    boolean DEFAULT true,
    overrides     jsonb,
    created_at    timestamp without time zone DEFAULT now(),
    updated_at    timestamp without time zone DEFAULT now(),
    UNIQUE (project_id, command_id)
);
ALTER TABLE claude.project_command_assignments
    ADD COLUMN IF NOT EXISTS assignment_id uuid,
    ADD COLUMN IF NOT EXISTS project_id    uuid,
    ADD COLUMN IF NOT EXISTS command_id    uuid,
    ADD COLUMN IF NOT EXISTS is_enabled    boolean,
    ADD COLUMN IF NOT EXISTS overrides     jsonb,
    ADD COLUMN IF NOT EXISTS created_at    timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at    timestamp without time zone;

-- project_config_assignments (seed 000: which config templates a project gets)
CREATE TABLE IF NOT EXISTS claude.project_config_assignments (
    assignment_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id    uuid,
    template_id   uuid,
    is_enabled    boolean DEFAULT true,
    overrides     jsonb,
    created_at    timestamp without time zone DEFAULT now(),
    updated_at    timestamp without time zone DEFAULT now(),
    UNIQUE (project_id, template_id)
);
ALTER TABLE claude.project_config_assignments
    ADD COLUMN IF NOT EXISTS assignment_id uuid,
    ADD COLUMN IF NOT EXISTS project_id    uuid,
    ADD COLUMN IF NOT EXISTS template_id   uuid,
    ADD COLUMN IF NOT EXISTS is_enabled    boolean,
    ADD COLUMN IF NOT EXISTS overrides     jsonb,
    ADD COLUMN IF NOT EXISTS created_at    timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at    timestamp without time zone;

-- =============================================================================================
-- Configuration (seed 000 domain 9; components: 0003)
-- =============================================================================================

-- config_templates (seed 000: config template definitions, e.g. CLAUDE.md, settings, hooks)
CREATE TABLE IF NOT EXISTS claude.config_templates (
    template_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    template_name varchar(200),
    template_type varchar(50),
    description   text,
    content       text,
    config        jsonb,
    version       integer DEFAULT 1,
    is_active     boolean DEFAULT true,
    created_at    timestamp without time zone DEFAULT now(),
    updated_at    timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.config_templates
    ADD COLUMN IF NOT EXISTS template_id   uuid,
    ADD COLUMN IF NOT EXISTS template_name varchar(200),
    ADD COLUMN IF NOT EXISTS template_type varchar(50),
    ADD COLUMN IF NOT EXISTS description   text,
    ADD COLUMN IF NOT EXISTS content       text,
    ADD COLUMN IF NOT EXISTS config        jsonb,
    ADD COLUMN IF NOT EXISTS version       integer,
    ADD COLUMN IF NOT EXISTS is_active     boolean,
    ADD COLUMN IF NOT EXISTS created_at    timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at    timestamp without time zone;

-- shared_commands (seed 000: shared slash commands)
CREATE TABLE IF NOT EXISTS claude.shared_commands (
    command_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    command_name varchar(100),
    category     varchar(50),
    description  text,
    content      text,
    version      integer DEFAULT 1,
    is_active    boolean DEFAULT true,
    created_at   timestamp without time zone DEFAULT now(),
    updated_at   timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.shared_commands
    ADD COLUMN IF NOT EXISTS command_id   uuid,
    ADD COLUMN IF NOT EXISTS command_name varchar(100),
    ADD COLUMN IF NOT EXISTS category     varchar(50),
    ADD COLUMN IF NOT EXISTS description  text,
    ADD COLUMN IF NOT EXISTS content      text,
    ADD COLUMN IF NOT EXISTS version      integer,
    ADD COLUMN IF NOT EXISTS is_active    boolean,
    ADD COLUMN IF NOT EXISTS created_at   timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at   timestamp without time zone;

-- =============================================================================================
-- Activity and usage (seed 000 domain 10, "Other"; activity_feed: 0002)
-- =============================================================================================

-- architecture_decisions (seed 000: ADR tracking; superseded_by_id points at the replacing ADR)
CREATE TABLE IF NOT EXISTS claude.architecture_decisions (
    decision_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id         uuid,
    adr_number         integer,
    title              varchar(200),
    status             varchar(50),
    context            text,
    decision           text,
    consequences       text,
    superseded_by_id   uuid,
    created_session_id uuid,
    decided_at         timestamp without time zone,
    created_at         timestamp without time zone DEFAULT now(),
    updated_at         timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.architecture_decisions
    ADD COLUMN IF NOT EXISTS decision_id        uuid,
    ADD COLUMN IF NOT EXISTS project_id         uuid,
    ADD COLUMN IF NOT EXISTS adr_number         integer,
    ADD COLUMN IF NOT EXISTS title              varchar(200),
    ADD COLUMN IF NOT EXISTS status             varchar(50),
    ADD COLUMN IF NOT EXISTS context            text,
    ADD COLUMN IF NOT EXISTS decision           text,
    ADD COLUMN IF NOT EXISTS consequences       text,
    ADD COLUMN IF NOT EXISTS superseded_by_id   uuid,
    ADD COLUMN IF NOT EXISTS created_session_id uuid,
    ADD COLUMN IF NOT EXISTS decided_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at         timestamp without time zone;

-- capability_usage (seed 000: use of a capability (skill, command, agent, tool) in a session)
CREATE TABLE IF NOT EXISTS claude.capability_usage (
    usage_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id      uuid,
    capability_type varchar(50),
    capability_name varchar(200),
    success         boolean,
    duration_ms     integer,
    details         jsonb,
    created_at      timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.capability_usage
    ADD COLUMN IF NOT EXISTS usage_id        uuid,
    ADD COLUMN IF NOT EXISTS session_id      uuid,
    ADD COLUMN IF NOT EXISTS capability_type varchar(50),
    ADD COLUMN IF NOT EXISTS capability_name varchar(200),
    ADD COLUMN IF NOT EXISTS success         boolean,
    ADD COLUMN IF NOT EXISTS duration_ms     integer,
    ADD COLUMN IF NOT EXISTS details         jsonb,
    ADD COLUMN IF NOT EXISTS created_at      timestamp without time zone;

-- feature_usage (seed 000: feature toggle tracking; project_id NULL = the toggle is global)
CREATE TABLE IF NOT EXISTS claude.feature_usage (
    usage_id     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    feature_name varchar(200),
    project_id   uuid,
    session_id   uuid,
    is_enabled   boolean,
    usage_count  integer DEFAULT 0,
    last_used_at timestamp without time zone,
    created_at   timestamp without time zone DEFAULT now(),
    updated_at   timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.feature_usage
    ADD COLUMN IF NOT EXISTS usage_id     uuid,
    ADD COLUMN IF NOT EXISTS feature_name varchar(200),
    ADD COLUMN IF NOT EXISTS project_id   uuid,
    ADD COLUMN IF NOT EXISTS session_id   uuid,
    ADD COLUMN IF NOT EXISTS is_enabled   boolean,
    ADD COLUMN IF NOT EXISTS usage_count  integer,
    ADD COLUMN IF NOT EXISTS last_used_at timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at   timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at   timestamp without time zone;

-- =============================================================================================
-- Documented defaults for new rows, where an existing table has none (mcp_usage_stats: above).
-- =============================================================================================
SELECT claude.migration_set_default_if_missing(v.table_name, v.column_name, v.default_expr)
  FROM (VALUES
       -- core tracking
       ('session_state',               'state_id',      'gen_random_uuid()'),
       ('session_state',               'created_at',    'now()'),
       ('session_state',               'updated_at',    'now()'),
       ('mcp_usage',                   'usage_id',      'gen_random_uuid()'),
       ('mcp_usage',                   'called_at',     'now()'),
       ('mcp_usage',                   'created_at',    'now()'),
       -- work items
       ('work_tasks',                  'task_id',       'gen_random_uuid()'),
       ('work_tasks',                  'created_at',    'now()'),
       ('work_tasks',                  'updated_at',    'now()'),
       ('pm_tasks',                    'task_id',       'gen_random_uuid()'),
       ('pm_tasks',                    'created_at',    'now()'),
       ('pm_tasks',                    'updated_at',    'now()'),
       ('feedback_screenshots',        'screenshot_id', 'gen_random_uuid()'),
       ('feedback_screenshots',        'created_at',    'now()'),
       ('ideas',                       'idea_id',       'gen_random_uuid()'),
       ('ideas',                       'created_at',    'now()'),
       ('ideas',                       'updated_at',    'now()'),
       -- process workflow
       ('process_registry',            'process_id',    'gen_random_uuid()'),
       ('process_registry',            'is_active',     'true'),
       ('process_registry',            'created_at',    'now()'),
       ('process_registry',            'updated_at',    'now()'),
       ('process_steps',               'step_id',       'gen_random_uuid()'),
       ('process_steps',               'is_required',   'true'),
       ('process_steps',               'created_at',    'now()'),
       ('process_steps',               'updated_at',    'now()'),
       ('process_triggers',            'trigger_id',    'gen_random_uuid()'),
       ('process_triggers',            'is_active',     'true'),
       ('process_triggers',            'created_at',    'now()'),
       ('process_runs',                'run_id',        'gen_random_uuid()'),
       ('process_runs',                'started_at',    'now()'),
       ('process_runs',                'created_at',    'now()'),
       ('process_dependencies',        'dependency_id', 'gen_random_uuid()'),
       ('process_dependencies',        'created_at',    'now()'),
       ('process_classification_log',  'log_id',        'gen_random_uuid()'),
       ('process_classification_log',  'created_at',    'now()'),
       ('workflow_state',              'state_id',      'gen_random_uuid()'),
       ('workflow_state',              'created_at',    'now()'),
       ('workflow_state',              'updated_at',    'now()'),
       ('procedures',                  'procedure_id',  'gen_random_uuid()'),
       ('procedures',                  'is_active',     'true'),
       ('procedures',                  'created_at',    'now()'),
       ('procedures',                  'updated_at',    'now()'),
       -- governance
       ('schema_registry',             'entry_id',      'gen_random_uuid()'),
       ('schema_registry',             'schema_name',   '''claude'''),
       ('schema_registry',             'created_at',    'now()'),
       ('schema_registry',             'updated_at',    'now()'),
       ('enforcement_log',             'log_id',        'gen_random_uuid()'),
       ('enforcement_log',             'created_at',    'now()'),
       ('compliance_audits',           'audit_id',      'gen_random_uuid()'),
       ('compliance_audits',           'created_at',    'now()'),
       ('audit_schedule',              'schedule_id',   'gen_random_uuid()'),
       ('audit_schedule',              'is_active',     'true'),
       ('audit_schedule',              'created_at',    'now()'),
       ('audit_schedule',              'updated_at',    'now()'),
       ('reviewer_specs',              'spec_id',       'gen_random_uuid()'),
       ('reviewer_specs',              'is_active',     'true'),
       ('reviewer_specs',              'created_at',    'now()'),
       ('reviewer_specs',              'updated_at',    'now()'),
       ('reviewer_runs',               'run_id',        'gen_random_uuid()'),
       ('reviewer_runs',               'started_at',    'now()'),
       ('reviewer_runs',               'created_at',    'now()'),
       ('test_runs',                   'run_id',        'gen_random_uuid()'),
       ('test_runs',                   'started_at',    'now()'),
       ('test_runs',                   'created_at',    'now()'),
       -- knowledge
       ('knowledge_retrieval_log',     'log_id',        'gen_random_uuid()'),
       ('knowledge_retrieval_log',     'created_at',    'now()'),
       ('documents',                   'document_id',   'gen_random_uuid()'),
       ('documents',                   'created_at',    'now()'),
       ('documents',                   'updated_at',    'now()'),
       ('doc_templates',               'template_id',   'gen_random_uuid()'),
       ('doc_templates',               'version',       '1'),
       ('doc_templates',               'is_active',     'true'),
       ('doc_templates',               'created_at',    'now()'),
       ('doc_templates',               'updated_at',    'now()'),
       ('document_projects',           'link_id',       'gen_random_uuid()'),
       ('document_projects',           'is_primary',    'false'),
       ('document_projects',           'created_at',    'now()'),
       -- MCP orchestration
       ('mcp_configs',                 'config_id',     'gen_random_uuid()'),
       ('mcp_configs',                 'is_active',     'true'),
       ('mcp_configs',                 'created_at',    'now()'),
       ('mcp_configs',                 'updated_at',    'now()'),
       ('async_tasks',                 'task_id',       'gen_random_uuid()'),
       ('async_tasks',                 'created_at',    'now()'),
       ('async_tasks',                 'updated_at',    'now()'),
       ('actions',                     'action_id',     'gen_random_uuid()'),
       ('actions',                     'is_active',     'true'),
       ('actions',                     'sort_order',    '0'),
       ('actions',                     'created_at',    'now()'),
       ('actions',                     'updated_at',    'now()'),
       ('config_deployment_log',       'deployment_id', 'gen_random_uuid()'),
       ('config_deployment_log',       'created_at',    'now()'),
       -- project management
       ('programs',                    'program_id',    'gen_random_uuid()'),
       ('programs',                    'created_at',    'now()'),
       ('programs',                    'updated_at',    'now()'),
       ('phases',                      'phase_id',      'gen_random_uuid()'),
       ('phases',                      'created_at',    'now()'),
       ('phases',                      'updated_at',    'now()'),
       ('project_docs',                'doc_id',        'gen_random_uuid()'),
       ('project_docs',                'created_at',    'now()'),
       ('project_docs',                'updated_at',    'now()'),
       ('project_command_assignments', 'assignment_id', 'gen_random_uuid()'),
       ('project_command_assignments', 'is_enabled',    'true'),
       ('project_command_assignments', 'created_at',    'now()'),
       ('project_command_assignments', 'updated_at',    'now()'),
       ('project_config_assignments',  'assignment_id', 'gen_random_uuid()'),
       ('project_config_assignments',  'is_enabled',    'true'),
       ('project_config_assignments',  'created_at',    'now()'),
       ('project_config_assignments',  'updated_at',    'now()'),
       -- configuration
       ('config_templates',            'template_id',   'gen_random_uuid()'),
       ('config_templates',            'version',       '1'),
       ('config_templates',            'is_active',     'true'),
       ('config_templates',            'created_at',    'now()'),
       ('config_templates',            'updated_at',    'now()'),
       ('shared_commands',             'command_id',    'gen_random_uuid()'),
       ('shared_commands',             'version',       '1'),
       ('shared_commands',             'is_active',     'true'),
       ('shared_commands',             'created_at',    'now()'),
       ('shared_commands',             'updated_at',    'now()'),
       -- activity and usage
       ('architecture_decisions',      'decision_id',   'gen_random_uuid()'),
       ('architecture_decisions',      'created_at',    'now()'),
       ('architecture_decisions',      'updated_at',    'now()'),
       ('capability_usage',            'usage_id',      'gen_random_uuid()'),
       ('capability_usage',            'created_at',    'now()'),
       ('feature_usage',               'usage_id',      'gen_random_uuid()'),
       ('feature_usage',               'usage_count',   '0'),
       ('feature_usage',               'created_at',    'now()'),
       ('feature_usage',               'updated_at',    'now()')
       ) AS v(table_name, column_name, default_expr);

-- =============================================================================================
-- Foreign keys, found by their columns first. ON DELETE: CASCADE for rows owned by their parent
-- (steps of a process, runs of a reviewer, a link row), SET NULL for sessions and for references
-- a row outlives (a log's template, an idea's feature), RESTRICT for projects and identities
-- (archived, never deleted). Show the NOTICEs about foreign keys that stay NOT VALID.
-- =============================================================================================
SET LOCAL client_min_messages = notice;

SELECT claude.migration_ensure_fk(v.table_name, v.column_name, v.ref_table, v.ref_column, v.table_name || '_' || v.column_name || '_fkey', v.on_delete)
  FROM (VALUES
       -- core tracking
       ('session_state',               'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('session_state',               'identity_id',           'identities',             'identity_id',      'RESTRICT'),
       ('session_state',               'session_id',            'sessions',               'session_id',       'SET NULL'),
       ('mcp_usage',                   'session_id',            'sessions',               'session_id',       'SET NULL'),
       -- work items
       ('work_tasks',                  'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('work_tasks',                  'assigned_identity_id',  'identities',             'identity_id',      'RESTRICT'),
       ('work_tasks',                  'created_session_id',    'sessions',               'session_id',       'SET NULL'),
       ('pm_tasks',                    'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('pm_tasks',                    'phase_id',              'phases',                 'phase_id',         'SET NULL'),
       ('pm_tasks',                    'created_session_id',    'sessions',               'session_id',       'SET NULL'),
       ('feedback_screenshots',        'feedback_id',           'feedback',               'feedback_id',      'CASCADE'),
       ('ideas',                       'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('ideas',                       'feature_id',            'features',               'feature_id',       'SET NULL'),
       ('ideas',                       'created_session_id',    'sessions',               'session_id',       'SET NULL'),
       -- process workflow
       ('process_steps',               'process_id',            'process_registry',       'process_id',       'CASCADE'),
       ('process_triggers',            'process_id',            'process_registry',       'process_id',       'CASCADE'),
       ('process_runs',                'process_id',            'process_registry',       'process_id',       'CASCADE'),
       ('process_runs',                'session_id',            'sessions',               'session_id',       'SET NULL'),
       ('process_dependencies',        'process_id',            'process_registry',       'process_id',       'CASCADE'),
       ('process_dependencies',        'depends_on_process_id', 'process_registry',       'process_id',       'CASCADE'),
       ('process_classification_log',  'process_id',            'process_registry',       'process_id',       'SET NULL'),
       ('process_classification_log',  'session_id',            'sessions',               'session_id',       'SET NULL'),
       ('workflow_state',              'process_id',            'process_registry',       'process_id',       'CASCADE'),
       ('workflow_state',              'run_id',                'process_runs',           'run_id',           'CASCADE'),
       ('workflow_state',              'session_id',            'sessions',               'session_id',       'SET NULL'),
       -- governance
       ('enforcement_log',             'session_id',            'sessions',               'session_id',       'SET NULL'),
       ('compliance_audits',           'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('compliance_audits',           'session_id',            'sessions',               'session_id',       'SET NULL'),
       ('audit_schedule',              'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('audit_schedule',              'last_audit_id',         'compliance_audits',      'audit_id',         'SET NULL'),
       ('reviewer_runs',               'spec_id',               'reviewer_specs',         'spec_id',          'CASCADE'),
       ('reviewer_runs',               'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('reviewer_runs',               'session_id',            'sessions',               'session_id',       'SET NULL'),
       ('test_runs',                   'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('test_runs',                   'session_id',            'sessions',               'session_id',       'SET NULL'),
       -- knowledge
       ('knowledge_retrieval_log',     'session_id',            'sessions',               'session_id',       'SET NULL'),
       ('document_projects',           'document_id',           'documents',              'document_id',      'CASCADE'),
       ('document_projects',           'project_id',            'projects',               'project_id',       'RESTRICT'),
       -- MCP orchestration
       ('mcp_configs',                 'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('async_tasks',                 'session_id',            'sessions',               'session_id',       'SET NULL'),
       ('async_tasks',                 'agent_session_id',      'agent_sessions',         'session_id',       'SET NULL'),
       ('config_deployment_log',       'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('config_deployment_log',       'template_id',           'config_templates',       'template_id',      'SET NULL'),
       ('config_deployment_log',       'session_id',            'sessions',               'session_id',       'SET NULL'),
       -- project management
       ('projects',                    'program_id',            'programs',               'program_id',       'SET NULL'),
       ('phases',                      'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('project_docs',                'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('project_command_assignments', 'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('project_command_assignments', 'command_id',            'shared_commands',        'command_id',       'CASCADE'),
       ('project_config_assignments',  'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('project_config_assignments',  'template_id',           'config_templates',       'template_id',      'CASCADE'),
       -- activity and usage
       ('architecture_decisions',      'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('architecture_decisions',      'superseded_by_id',      'architecture_decisions', 'decision_id',      'SET NULL'),
       ('architecture_decisions',      'created_session_id',    'sessions',               'session_id',       'SET NULL'),
       ('capability_usage',            'session_id',            'sessions',               'session_id',       'SET NULL'),
       ('feature_usage',               'project_id',            'projects',               'project_id',       'RESTRICT'),
       ('feature_usage',               'session_id',            'sessions',               'session_id',       'SET NULL')
       ) AS v(table_name, column_name, ref_table, ref_column, on_delete);

-- =============================================================================================
-- Indexes: one per foreign key column (the joins and the ON DELETE checks use them), plus the
-- lookups seed 001 and the audits_due view make. An index already on those columns is kept.
-- =============================================================================================
SELECT claude.migration_ensure_index(v.index_name, v.table_name, v.columns, v.definition)
  FROM (VALUES
       -- core tracking
       ('idx_session_state_project',                 'session_state',               ARRAY['project_id'],            '(project_id)'),
       ('idx_session_state_identity',                'session_state',               ARRAY['identity_id'],           '(identity_id)'),
       ('idx_session_state_session',                 'session_state',               ARRAY['session_id'],            '(session_id)'),
       ('idx_mcp_usage_session',                     'mcp_usage',                   ARRAY['session_id'],            '(session_id)'),
       -- work items
       ('idx_work_tasks_project',                    'work_tasks',                  ARRAY['project_id'],            '(project_id)'),
       ('idx_work_tasks_assigned_identity',          'work_tasks',                  ARRAY['assigned_identity_id'],  '(assigned_identity_id)'),
       ('idx_work_tasks_created_session',            'work_tasks',                  ARRAY['created_session_id'],    '(created_session_id)'),
       ('idx_pm_tasks_project',                      'pm_tasks',                    ARRAY['project_id'],            '(project_id)'),
       ('idx_pm_tasks_phase',                        'pm_tasks',                    ARRAY['phase_id'],              '(phase_id)'),
       ('idx_pm_tasks_created_session',              'pm_tasks',                    ARRAY['created_session_id'],    '(created_session_id)'),
       ('idx_feedback_screenshots_feedback',         'feedback_screenshots',        ARRAY['feedback_id'],           '(feedback_id)'),
       ('idx_ideas_project',                         'ideas',                       ARRAY['project_id'],            '(project_id)'),
       ('idx_ideas_feature',                         'ideas',                       ARRAY['feature_id'],            '(feature_id)'),
       ('idx_ideas_created_session',                 'ideas',                       ARRAY['created_session_id'],    '(created_session_id)'),
       -- process workflow
       ('idx_process_steps_process',                 'process_steps',               ARRAY['process_id', 'step_number'], '(process_id, step_number)'),
       ('idx_process_triggers_process',              'process_triggers',            ARRAY['process_id'],            '(process_id)'),
       ('idx_process_runs_process',                  'process_runs',                ARRAY['process_id'],            '(process_id)'),
       ('idx_process_runs_session',                  'process_runs',                ARRAY['session_id'],            '(session_id)'),
       ('idx_process_dependencies_process',          'process_dependencies',        ARRAY['process_id'],            '(process_id)'),
       ('idx_process_dependencies_depends_on',       'process_dependencies',        ARRAY['depends_on_process_id'], '(depends_on_process_id)'),
       ('idx_process_classification_log_process',    'process_classification_log',  ARRAY['process_id'],            '(process_id)'),
       ('idx_process_classification_log_session',    'process_classification_log',  ARRAY['session_id'],            '(session_id)'),
       ('idx_workflow_state_process',                'workflow_state',              ARRAY['process_id'],            '(process_id)'),
       ('idx_workflow_state_run',                    'workflow_state',              ARRAY['run_id'],                '(run_id)'),
       ('idx_workflow_state_session',                'workflow_state',              ARRAY['session_id'],            '(session_id)'),
       -- governance
       ('idx_enforcement_log_session',               'enforcement_log',             ARRAY['session_id'],            '(session_id)'),
       ('idx_compliance_audits_project',             'compliance_audits',           ARRAY['project_id'],            '(project_id)'),
       ('idx_compliance_audits_session',             'compliance_audits',           ARRAY['session_id'],            '(session_id)'),
       ('idx_audit_schedule_project',                'audit_schedule',              ARRAY['project_id'],            '(project_id)'),
       ('idx_audit_schedule_last_audit',             'audit_schedule',              ARRAY['last_audit_id'],         '(last_audit_id)'),
       ('idx_audit_schedule_next_due',               'audit_schedule',              ARRAY['next_due_at'],           '(next_due_at)'),
       ('idx_reviewer_runs_spec',                    'reviewer_runs',               ARRAY['spec_id'],               '(spec_id)'),
       ('idx_reviewer_runs_project',                 'reviewer_runs',               ARRAY['project_id'],            '(project_id)'),
       ('idx_reviewer_runs_session',                 'reviewer_runs',               ARRAY['session_id'],            '(session_id)'),
       ('idx_test_runs_project',                     'test_runs',                   ARRAY['project_id'],            '(project_id)'),
       ('idx_test_runs_session',                     'test_runs',                   ARRAY['session_id'],            '(session_id)'),
       -- knowledge
       ('idx_knowledge_retrieval_log_session',       'knowledge_retrieval_log',     ARRAY['session_id'],            '(session_id)'),
       ('idx_document_projects_document',           'document_projects',           ARRAY['document_id'],           '(document_id)'),
       ('idx_document_projects_project',            'document_projects',           ARRAY['project_id'],            '(project_id)'),
       -- MCP orchestration
       ('idx_mcp_configs_project',                   'mcp_configs',                 ARRAY['project_id'],            '(project_id)'),
       ('idx_async_tasks_session',                   'async_tasks',                 ARRAY['session_id'],            '(session_id)'),
       ('idx_async_tasks_agent_session',             'async_tasks',                 ARRAY['agent_session_id'],      '(agent_session_id)'),
       ('idx_actions_context',                       'actions',                     ARRAY['context', 'sort_order'], '(context, sort_order)'),
       ('idx_config_deployment_log_project',         'config_deployment_log',       ARRAY['project_id'],            '(project_id)'),
       ('idx_config_deployment_log_template',        'config_deployment_log',       ARRAY['template_id'],           '(template_id)'),
       ('idx_config_deployment_log_session',         'config_deployment_log',       ARRAY['session_id'],            '(session_id)'),
       -- project management
       ('idx_projects_program',                      'projects',                    ARRAY['program_id'],            '(program_id)'),
       ('idx_phases_project',                        'phases',                      ARRAY['project_id'],            '(project_id)'),
       ('idx_project_docs_project',                  'project_docs',                ARRAY['project_id'],            '(project_id)'),
       ('idx_project_command_assignments_project',   'project_command_assignments', ARRAY['project_id'],            '(project_id)'),
       ('idx_project_command_assignments_command',   'project_command_assignments', ARRAY['command_id'],            '(command_id)'),
       ('idx_project_config_assignments_project',    'project_config_assignments',  ARRAY['project_id'],            '(project_id)'),
       ('idx_project_config_assignments_template',   'project_config_assignments',  ARRAY['template_id'],           '(template_id)'),
       -- activity and usage
       ('idx_architecture_decisions_project',        'architecture_decisions',      ARRAY['project_id'],            '(project_id)'),
       ('idx_architecture_decisions_superseded_by',  'architecture_decisions',      ARRAY['superseded_by_id'],      '(superseded_by_id)'),
       ('idx_architecture_decisions_session',        'architecture_decisions',      ARRAY['created_session_id'],    '(created_session_id)'),
       ('idx_capability_usage_session',              'capability_usage',            ARRAY['session_id'],            '(session_id)'),
       ('idx_feature_usage_project',                 'feature_usage',               ARRAY['project_id'],            '(project_id)'),
       ('idx_feature_usage_session',                 'feature_usage',               ARRAY['session_id'],            '(session_id)')
       ) AS v(index_name, table_name, columns, definition);

-- =============================================================================================
-- Table comments (the purpose from seeds 000 and 001), kept where the user wrote one.
-- =============================================================================================
SELECT claude.migration_comment_table_if_missing(v.table_name, v.comment_text)
  FROM (VALUES
       -- core tracking
       ('session_state',               'Persisted todo list and focus of a project between sessions (seed 001), updated by the session that last worked on it.'),
       ('mcp_usage',                   'MCP tool call log (seed 001): server, tool, duration and outcome of each call in a session.'),
       -- work items
       ('work_tasks',                  'General work items of a project (seeds 000/001), outside the feature/build-task tree.'),
       ('pm_tasks',                    'Project management tasks (seeds 000/001), optionally within a project phase.'),
       ('feedback_screenshots',        'Screenshot attachments of feedback items (seeds 000/001).'),
       ('ideas',                       'Idea capture (seeds 000/001); feature_id links an idea that became a feature.'),
       -- process workflow
       ('process_registry',            'Workflow (process) definitions (seeds 000/001).'),
       ('process_steps',               'The ordered steps of a process in process_registry (seeds 000/001).'),
       ('process_triggers',            'Keyword and pattern triggers that route a prompt to a process (seeds 000/001).'),
       ('process_runs',                'Execution history of processes (seeds 000/001).'),
       ('process_dependencies',        'Process interconnections: process_id depends on depends_on_process_id (seeds 000/001).'),
       ('process_classification_log',  'Router decisions: which process a prompt was classified as, how and how confidently (seeds 000/001).'),
       ('workflow_state',              'Active workflow state of a running process in a session (seeds 000/001).'),
       ('procedures',                  'SOPs and procedures (seed 001); legacy, superseded by process_registry (seed 000).'),
       -- governance
       ('schema_registry',             'Schema documentation per table and column (seeds 000/001); column_name NULL documents the table.'),
       ('enforcement_log',             'Reminder and enforcement log (seeds 000/001): which rule fired in a session and what was done.'),
       ('compliance_audits',           'Compliance audit results per project (seeds 000/001).'),
       ('audit_schedule',              'Audit scheduling (seeds 000/001): which audit is due for which project, every frequency_days; read by the audits_due view.'),
       ('reviewer_specs',              'Automatic reviewer configurations (seeds 000/001).'),
       ('reviewer_runs',               'Automatic reviewer executions and their findings (seeds 000/001).'),
       ('test_runs',                   'Test execution results per project (seeds 000/001).'),
       -- knowledge
       ('knowledge_retrieval_log',     'Knowledge query tracking (seeds 000/001): what was asked, what was returned, whether it helped.'),
       ('documents',                   'Document registry (seeds 000/001).'),
       ('doc_templates',               'Document templates (seeds 000/001).'),
       ('document_projects',           'Links between documents and projects (seeds 000/001).'),
       -- MCP orchestration
       ('mcp_configs',                 'MCP server configurations (seeds 000/001); project_id NULL applies to every project.'),
       ('async_tasks',                 'Asynchronous agent task tracking (seeds 000/001).'),
       ('actions',                     'Shared actions of Mission Control and the CLI per UI context, ordered by sort_order (seeds 000/001).'),
       ('config_deployment_log',       'Configuration deployment history (seed 000).'),
       -- project management
       ('programs',                    'Program groupings of projects (seeds 000/001); projects.program_id names the program of a project.'),
       ('phases',                      'Project phases in phase_order (seeds 000/001).'),
       ('project_docs',                'Project-specific document metadata (seeds 000/001).'),
       ('project_command_assignments', 'Shared slash commands assigned to projects (seed 000).'),
       ('project_config_assignments',  'Config templates assigned to projects (seed 000).'),
       -- configuration
       ('config_templates',            'Configuration template definitions (seed 000).'),
       ('shared_commands',             'Shared slash commands (seed 000).'),
       -- activity and usage
       ('architecture_decisions',      'Architecture decision records (ADRs) per project (seed 000).'),
       ('capability_usage',            'Capability usage tracking (seed 000): skills, commands, agents and tools used in sessions.'),
       ('feature_usage',               'Feature toggle tracking (seed 000): whether a feature is enabled, per project, and how often it is used.')
       ) AS v(table_name, comment_text);
