-- claudedbkit:no-transaction
-- 0007a online groundwork for 0008 (issue 6). 0008 runs in one transaction: it adds projects.program_id
-- (ACCESS EXCLUSIVE on projects until it commits) and later adds the foreign keys of its tables to
-- sessions (SHARE ROW EXCLUSIVE on sessions). Meanwhile a client's session insert holds its lock on
-- sessions and waits for projects, because the foreign key check opens projects even for a NULL
-- project_id: the two deadlock until PostgreSQL cancels one after deadlock_timeout. This script creates
-- first, outside a transaction, the 0008 tables that reference sessions and agent_sessions (with 0008's
-- definitions, where they do not exist yet) and their foreign keys (0008's names and ON DELETE SET NULL,
-- added NOT VALID while taking the lock briefly, then validated on their own). 0008 then finds the
-- tables and the keys (by columns) and never asks for a lock on sessions; a session insert waits for
-- projects at most until 0008 commits. On a database where 0008 has already run (the journal has it)
-- this script does nothing.

DO $tables$
BEGIN
    IF NOT claude.migration_is_pending('migrations/0008_seed_supporting_tables.sql') THEN
        RETURN;
    END IF;
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
END
$tables$;

-- Each key is added, then validated, each call a statement (a transaction) of its own: \gexec runs the
-- values row by row, left to right.
SELECT pg_catalog.format('SELECT claude.migration_add_fk_not_valid(%L, %L, %L, %L, %L, %L)',
                         f.table_name, f.column_name, f.ref_table, f.ref_column, f.table_name || '_' || f.column_name || '_fkey', 'SET NULL'),
       pg_catalog.format('SELECT claude.migration_validate(%L, %L)', f.table_name, f.table_name || '_' || f.column_name || '_fkey')
  FROM (VALUES
       (1, 'session_state',               'session_id',            'sessions',               'session_id'),
       (2, 'mcp_usage',                   'session_id',            'sessions',               'session_id'),
       (3, 'work_tasks',                  'created_session_id',    'sessions',               'session_id'),
       (4, 'pm_tasks',                    'created_session_id',    'sessions',               'session_id'),
       (5, 'ideas',                       'created_session_id',    'sessions',               'session_id'),
       (6, 'process_runs',                'session_id',            'sessions',               'session_id'),
       (7, 'process_classification_log',  'session_id',            'sessions',               'session_id'),
       (8, 'workflow_state',              'session_id',            'sessions',               'session_id'),
       (9, 'enforcement_log',             'session_id',            'sessions',               'session_id'),
       (10, 'compliance_audits',           'session_id',            'sessions',               'session_id'),
       (11, 'reviewer_runs',               'session_id',            'sessions',               'session_id'),
       (12, 'test_runs',                   'session_id',            'sessions',               'session_id'),
       (13, 'knowledge_retrieval_log',     'session_id',            'sessions',               'session_id'),
       (14, 'async_tasks',                 'session_id',            'sessions',               'session_id'),
       (15, 'async_tasks',                 'agent_session_id',      'agent_sessions',         'session_id'),
       (16, 'config_deployment_log',       'session_id',            'sessions',               'session_id'),
       (17, 'architecture_decisions',      'created_session_id',    'sessions',               'session_id'),
       (18, 'capability_usage',            'session_id',            'sessions',               'session_id'),
       (19, 'feature_usage',               'session_id',            'sessions',               'session_id')
       ) AS f(ord, table_name, column_name, ref_table, ref_column)
 WHERE claude.migration_is_pending('migrations/0008_seed_supporting_tables.sql')
 ORDER BY f.ord
\gexec
