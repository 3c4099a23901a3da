-- 0002 baseline: coordination tables (messages, scheduled_jobs, job_run_history, reminders, activity_feed, knowledge); safe on an existing database: it only creates what is missing, adds missing columns as nullable without defaults, and sets defaults only where none exist (no drop, rename, retype, constraint, trigger or row change).

-- Keep the output readable: hide the "already exists, skipping" notices (transaction-local).
SET LOCAL client_min_messages = warning;

CREATE SCHEMA IF NOT EXISTS claude;

-- ---------------------------------------------------------------------------------------------
-- messages (seed 004 table 2; from_project, parent_message_id, thread_id from the field).
-- Existing triggers on this table (pg_notify, activity_feed) are left exactly as they are.
CREATE TABLE IF NOT EXISTS claude.messages (
    message_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    from_session_id   uuid,
    to_session_id     uuid,
    to_project        varchar(100),
    message_type      varchar(50),
    priority          varchar(20) DEFAULT 'normal',
    subject           varchar(200),
    body              text,
    metadata          jsonb,
    status            varchar(20) DEFAULT 'pending',
    read_at           timestamp without time zone,
    acknowledged_at   timestamp without time zone,
    created_at        timestamp without time zone DEFAULT now(),
    expires_at        timestamp without time zone,
    from_project      varchar(100),
    parent_message_id uuid,
    thread_id         uuid
);
ALTER TABLE claude.messages
    ADD COLUMN IF NOT EXISTS message_id        uuid,
    ADD COLUMN IF NOT EXISTS from_session_id   uuid,
    ADD COLUMN IF NOT EXISTS to_session_id     uuid,
    ADD COLUMN IF NOT EXISTS to_project        varchar(100),
    ADD COLUMN IF NOT EXISTS message_type      varchar(50),
    ADD COLUMN IF NOT EXISTS priority          varchar(20),
    ADD COLUMN IF NOT EXISTS subject           varchar(200),
    ADD COLUMN IF NOT EXISTS body              text,
    ADD COLUMN IF NOT EXISTS metadata          jsonb,
    ADD COLUMN IF NOT EXISTS status            varchar(20),
    ADD COLUMN IF NOT EXISTS read_at           timestamp without time zone,
    ADD COLUMN IF NOT EXISTS acknowledged_at   timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at        timestamp without time zone,
    ADD COLUMN IF NOT EXISTS expires_at        timestamp without time zone,
    ADD COLUMN IF NOT EXISTS from_project      varchar(100),
    ADD COLUMN IF NOT EXISTS parent_message_id uuid,
    ADD COLUMN IF NOT EXISTS thread_id         uuid;

-- ---------------------------------------------------------------------------------------------
-- scheduled_jobs (seed 004 table 4)
CREATE TABLE IF NOT EXISTS claude.scheduled_jobs (
    job_id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id             uuid,
    job_name               varchar(200),
    job_description        text,
    job_type               varchar(50),
    schedule               varchar(100),
    last_run               timestamp without time zone,
    last_status            varchar(20),
    last_output            text,
    last_error             text,
    next_run               timestamp without time zone,
    run_count              integer,
    success_count          integer,
    is_active              boolean DEFAULT true,
    timeout_seconds        integer,
    retry_on_failure       boolean,
    max_retries            integer,
    command                text,
    working_directory      text,
    created_at             timestamp without time zone DEFAULT now(),
    created_by_identity_id uuid,
    updated_at             timestamp without time zone DEFAULT now(),
    metadata               jsonb,
    trigger_type           varchar(50) DEFAULT 'session_start',
    trigger_condition      jsonb DEFAULT '{}'::jsonb,
    priority               integer DEFAULT 5
);
ALTER TABLE claude.scheduled_jobs
    ADD COLUMN IF NOT EXISTS job_id                 uuid,
    ADD COLUMN IF NOT EXISTS project_id             uuid,
    ADD COLUMN IF NOT EXISTS job_name               varchar(200),
    ADD COLUMN IF NOT EXISTS job_description        text,
    ADD COLUMN IF NOT EXISTS job_type               varchar(50),
    ADD COLUMN IF NOT EXISTS schedule               varchar(100),
    ADD COLUMN IF NOT EXISTS last_run               timestamp without time zone,
    ADD COLUMN IF NOT EXISTS last_status            varchar(20),
    ADD COLUMN IF NOT EXISTS last_output            text,
    ADD COLUMN IF NOT EXISTS last_error             text,
    ADD COLUMN IF NOT EXISTS next_run               timestamp without time zone,
    ADD COLUMN IF NOT EXISTS run_count              integer,
    ADD COLUMN IF NOT EXISTS success_count          integer,
    ADD COLUMN IF NOT EXISTS is_active              boolean,
    ADD COLUMN IF NOT EXISTS timeout_seconds        integer,
    ADD COLUMN IF NOT EXISTS retry_on_failure       boolean,
    ADD COLUMN IF NOT EXISTS max_retries            integer,
    ADD COLUMN IF NOT EXISTS command                text,
    ADD COLUMN IF NOT EXISTS working_directory      text,
    ADD COLUMN IF NOT EXISTS created_at             timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_by_identity_id uuid,
    ADD COLUMN IF NOT EXISTS updated_at             timestamp without time zone,
    ADD COLUMN IF NOT EXISTS metadata               jsonb,
    ADD COLUMN IF NOT EXISTS trigger_type           varchar(50),
    ADD COLUMN IF NOT EXISTS trigger_condition      jsonb,
    ADD COLUMN IF NOT EXISTS priority               integer;

-- ---------------------------------------------------------------------------------------------
-- job_run_history (seed 000/001: job execution history)
CREATE TABLE IF NOT EXISTS claude.job_run_history (
    run_id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    job_id       uuid,
    session_id   uuid,
    started_at   timestamp without time zone,
    completed_at timestamp without time zone,
    status       varchar(20),
    output       text,
    error        text,
    duration_ms  integer,
    triggered_by varchar(100),
    created_at   timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.job_run_history
    ADD COLUMN IF NOT EXISTS run_id       uuid,
    ADD COLUMN IF NOT EXISTS job_id       uuid,
    ADD COLUMN IF NOT EXISTS session_id   uuid,
    ADD COLUMN IF NOT EXISTS started_at   timestamp without time zone,
    ADD COLUMN IF NOT EXISTS completed_at timestamp without time zone,
    ADD COLUMN IF NOT EXISTS status       varchar(20),
    ADD COLUMN IF NOT EXISTS output       text,
    ADD COLUMN IF NOT EXISTS error        text,
    ADD COLUMN IF NOT EXISTS duration_ms  integer,
    ADD COLUMN IF NOT EXISTS triggered_by varchar(100),
    ADD COLUMN IF NOT EXISTS created_at   timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- reminders (seed 004 table 5). title and check_after are documented NOT NULL; that constraint
-- is added later, together with the data repair, not here.
CREATE TABLE IF NOT EXISTS claude.reminders (
    reminder_id     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title           varchar(200),
    description     text,
    check_after     timestamp without time zone,
    check_type      varchar(50),
    check_condition text,
    reschedule_days integer DEFAULT 7,
    max_reminders   integer DEFAULT 3,
    reminder_count  integer DEFAULT 0,
    status          varchar(20) DEFAULT 'pending',
    completed_at    timestamp without time zone,
    project_name    varchar(100),
    created_by      varchar(100),
    created_at      timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.reminders
    ADD COLUMN IF NOT EXISTS reminder_id     uuid,
    ADD COLUMN IF NOT EXISTS title           varchar(200),
    ADD COLUMN IF NOT EXISTS description     text,
    ADD COLUMN IF NOT EXISTS check_after     timestamp without time zone,
    ADD COLUMN IF NOT EXISTS check_type      varchar(50),
    ADD COLUMN IF NOT EXISTS check_condition text,
    ADD COLUMN IF NOT EXISTS reschedule_days integer,
    ADD COLUMN IF NOT EXISTS max_reminders   integer,
    ADD COLUMN IF NOT EXISTS reminder_count  integer,
    ADD COLUMN IF NOT EXISTS status          varchar(20),
    ADD COLUMN IF NOT EXISTS completed_at    timestamp without time zone,
    ADD COLUMN IF NOT EXISTS project_name    varchar(100),
    ADD COLUMN IF NOT EXISTS created_by      varchar(100),
    ADD COLUMN IF NOT EXISTS created_at      timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- activity_feed (seed 004 table 6). source_type, activity_type and title are documented NOT
-- NULL; added later with the constraints issue.
CREATE TABLE IF NOT EXISTS claude.activity_feed (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    source_type   varchar(50),
    source_id     uuid,
    actor         varchar(100),
    activity_type varchar(100),
    title         varchar(500),
    summary       text,
    project_name  varchar(100),
    severity      varchar(20) DEFAULT 'info',
    created_at    timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.activity_feed
    ADD COLUMN IF NOT EXISTS id            uuid,
    ADD COLUMN IF NOT EXISTS source_type   varchar(50),
    ADD COLUMN IF NOT EXISTS source_id     uuid,
    ADD COLUMN IF NOT EXISTS actor         varchar(100),
    ADD COLUMN IF NOT EXISTS activity_type varchar(100),
    ADD COLUMN IF NOT EXISTS title         varchar(500),
    ADD COLUMN IF NOT EXISTS summary       text,
    ADD COLUMN IF NOT EXISTS project_name  varchar(100),
    ADD COLUMN IF NOT EXISTS severity      varchar(20),
    ADD COLUMN IF NOT EXISTS created_at    timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- knowledge (seed 004 table 7)
CREATE TABLE IF NOT EXISTS claude.knowledge (
    knowledge_id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    learned_by_identity_id uuid,
    knowledge_type         varchar(50),
    knowledge_category     varchar(100),
    title                  varchar(200),
    description            text,
    applies_to_projects    text[],
    applies_to_platforms   text[],
    confidence_level       integer DEFAULT 5,
    times_applied          integer,
    times_failed           integer,
    code_example           text,
    related_knowledge      text[],
    created_at             timestamp without time zone DEFAULT now(),
    updated_at             timestamp without time zone DEFAULT now(),
    last_applied_at        timestamp without time zone
);
ALTER TABLE claude.knowledge
    ADD COLUMN IF NOT EXISTS knowledge_id           uuid,
    ADD COLUMN IF NOT EXISTS learned_by_identity_id uuid,
    ADD COLUMN IF NOT EXISTS knowledge_type         varchar(50),
    ADD COLUMN IF NOT EXISTS knowledge_category     varchar(100),
    ADD COLUMN IF NOT EXISTS title                  varchar(200),
    ADD COLUMN IF NOT EXISTS description            text,
    ADD COLUMN IF NOT EXISTS applies_to_projects    text[],
    ADD COLUMN IF NOT EXISTS applies_to_platforms   text[],
    ADD COLUMN IF NOT EXISTS confidence_level       integer,
    ADD COLUMN IF NOT EXISTS times_applied          integer,
    ADD COLUMN IF NOT EXISTS times_failed           integer,
    ADD COLUMN IF NOT EXISTS code_example           text,
    ADD COLUMN IF NOT EXISTS related_knowledge      text[],
    ADD COLUMN IF NOT EXISTS created_at             timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at             timestamp without time zone,
    ADD COLUMN IF NOT EXISTS last_applied_at        timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- Documented defaults for new rows, where an existing table has none.
DO $$
BEGIN
    PERFORM claude.migration_set_default_if_missing(v.table_name, v.column_name, v.default_expr)
       FROM (VALUES
       ('messages',        'message_id',        'gen_random_uuid()'),
       ('messages',        'priority',          '''normal'''),
       ('messages',        'status',            '''pending'''),
       ('messages',        'created_at',        'now()'),
       ('scheduled_jobs',  'job_id',            'gen_random_uuid()'),
       ('scheduled_jobs',  'is_active',         'true'),
       ('scheduled_jobs',  'created_at',        'now()'),
       ('scheduled_jobs',  'updated_at',        'now()'),
       ('scheduled_jobs',  'trigger_type',      '''session_start'''),
       ('scheduled_jobs',  'trigger_condition', '''{}''::jsonb'),
       ('scheduled_jobs',  'priority',          '5'),
       ('job_run_history', 'run_id',            'gen_random_uuid()'),
       ('job_run_history', 'created_at',        'now()'),
       ('reminders',       'reminder_id',       'gen_random_uuid()'),
       ('reminders',       'reschedule_days',   '7'),
       ('reminders',       'max_reminders',     '3'),
       ('reminders',       'reminder_count',    '0'),
       ('reminders',       'status',            '''pending'''),
       ('reminders',       'created_at',        'now()'),
       ('activity_feed',   'id',                'gen_random_uuid()'),
       ('activity_feed',   'severity',          '''info'''),
       ('activity_feed',   'created_at',        'now()'),
       ('knowledge',       'knowledge_id',      'gen_random_uuid()'),
       ('knowledge',       'confidence_level',  '5'),
       ('knowledge',       'created_at',        'now()'),
       ('knowledge',       'updated_at',        'now()')
       ) AS v(table_name, column_name, default_expr);
END;
$$;

DO $$
BEGIN
    PERFORM claude.migration_comment_table_if_missing(v.table_name, v.comment_text)
       FROM (VALUES
       ('messages',        'Inter-Claude instance messaging and coordination: direct messages (to_session_id) or project broadcasts (to_project).'),
       ('scheduled_jobs',  'Event-driven and cron-like job scheduling; jobs run on session start, on schedule, on demand or at session end.'),
       ('job_run_history', 'Execution history of scheduled jobs: one row per run with status, output, error and duration.'),
       ('reminders',       'Follow-up reminders surfaced at session start once due, with auto-rescheduling up to max_reminders.'),
       ('activity_feed',   'Unified, append-only activity log for all system events (sessions, messages, jobs, feedback, ...).'),
       ('knowledge',       'Shared knowledge base across Claude instances (patterns, gotchas, fixes) with confidence and usage tracking.')
       ) AS v(table_name, comment_text);
END;
$$;

