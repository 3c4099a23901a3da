-- 0003 baseline: work tracking tables (features, feedback, feedback_comments, build_tasks, requirements, components); safe on an existing database: it only creates what is missing, adds missing columns as nullable without defaults, and sets defaults only where none exist (no drop, rename, retype, constraint or row change; existing short codes are untouched).

-- Keep the output readable: hide the "already exists, skipping" notices (transaction-local).
SET LOCAL client_min_messages = warning;

CREATE SCHEMA IF NOT EXISTS claude;

-- short_code columns are plain integers here: a column that already exists (possibly SERIAL,
-- possibly holding codes used in branch names) is left exactly as it is, and sequences for new
-- rows are wired by a later migration. Priorities are integers (1-5) except feedback.priority,
-- which holds text (high/medium/low) in the field and is kept text on fresh databases too.

-- ---------------------------------------------------------------------------------------------
-- features (seed 003; seed 001 build tracker query)
CREATE TABLE IF NOT EXISTS claude.features (
    feature_id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id         uuid,
    feature_name       varchar(200),
    description        text,
    status             varchar(50),
    priority           integer,
    created_session_id uuid,
    short_code         integer,
    started_at         timestamp without time zone,
    completed_at       timestamp without time zone,
    created_at         timestamp without time zone DEFAULT now(),
    updated_at         timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.features
    ADD COLUMN IF NOT EXISTS feature_id         uuid,
    ADD COLUMN IF NOT EXISTS project_id         uuid,
    ADD COLUMN IF NOT EXISTS feature_name       varchar(200),
    ADD COLUMN IF NOT EXISTS description        text,
    ADD COLUMN IF NOT EXISTS status             varchar(50),
    ADD COLUMN IF NOT EXISTS priority           integer,
    ADD COLUMN IF NOT EXISTS created_session_id uuid,
    ADD COLUMN IF NOT EXISTS short_code         integer,
    ADD COLUMN IF NOT EXISTS started_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS completed_at       timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at         timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- feedback (seed 003; seed 001 dashboard queries)
CREATE TABLE IF NOT EXISTS claude.feedback (
    feedback_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id         uuid,
    feedback_type      varchar(50),
    title              varchar(200),
    description        text,
    status             varchar(50),
    priority           varchar(20),
    created_session_id uuid,
    short_code         integer,
    resolved_at        timestamp without time zone,
    created_at         timestamp without time zone DEFAULT now(),
    updated_at         timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.feedback
    ADD COLUMN IF NOT EXISTS feedback_id        uuid,
    ADD COLUMN IF NOT EXISTS project_id         uuid,
    ADD COLUMN IF NOT EXISTS feedback_type      varchar(50),
    ADD COLUMN IF NOT EXISTS title              varchar(200),
    ADD COLUMN IF NOT EXISTS description        text,
    ADD COLUMN IF NOT EXISTS status             varchar(50),
    ADD COLUMN IF NOT EXISTS priority           varchar(20),
    ADD COLUMN IF NOT EXISTS created_session_id uuid,
    ADD COLUMN IF NOT EXISTS short_code         integer,
    ADD COLUMN IF NOT EXISTS resolved_at        timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at         timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- feedback_comments (seed 000/001: comments on feedback)
CREATE TABLE IF NOT EXISTS claude.feedback_comments (
    comment_id  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    feedback_id uuid,
    author      varchar(100),
    comment     text,
    created_at  timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.feedback_comments
    ADD COLUMN IF NOT EXISTS comment_id  uuid,
    ADD COLUMN IF NOT EXISTS feedback_id uuid,
    ADD COLUMN IF NOT EXISTS author      varchar(100),
    ADD COLUMN IF NOT EXISTS comment     text,
    ADD COLUMN IF NOT EXISTS created_at  timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- build_tasks (seed 003; seed 001 build tracker query)
CREATE TABLE IF NOT EXISTS claude.build_tasks (
    task_id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    task_name          varchar(200),
    description        text,
    feature_id         uuid,
    component_id       uuid,
    project_id         uuid,
    status             varchar(50),
    priority           integer,
    created_session_id uuid,
    short_code         integer,
    started_at         timestamp without time zone,
    completed_at       timestamp without time zone,
    created_at         timestamp without time zone DEFAULT now(),
    updated_at         timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.build_tasks
    ADD COLUMN IF NOT EXISTS task_id            uuid,
    ADD COLUMN IF NOT EXISTS task_name          varchar(200),
    ADD COLUMN IF NOT EXISTS description        text,
    ADD COLUMN IF NOT EXISTS feature_id         uuid,
    ADD COLUMN IF NOT EXISTS component_id       uuid,
    ADD COLUMN IF NOT EXISTS project_id         uuid,
    ADD COLUMN IF NOT EXISTS status             varchar(50),
    ADD COLUMN IF NOT EXISTS priority           integer,
    ADD COLUMN IF NOT EXISTS created_session_id uuid,
    ADD COLUMN IF NOT EXISTS short_code         integer,
    ADD COLUMN IF NOT EXISTS started_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS completed_at       timestamp without time zone,
    ADD COLUMN IF NOT EXISTS created_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at         timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- requirements (seed 003: acceptance criteria per feature)
CREATE TABLE IF NOT EXISTS claude.requirements (
    requirement_id     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    feature_id         uuid,
    project_id         uuid,
    requirement_name   varchar(200),
    description        text,
    status             varchar(50),
    priority           integer,
    created_session_id uuid,
    created_at         timestamp without time zone DEFAULT now(),
    updated_at         timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.requirements
    ADD COLUMN IF NOT EXISTS requirement_id     uuid,
    ADD COLUMN IF NOT EXISTS feature_id         uuid,
    ADD COLUMN IF NOT EXISTS project_id         uuid,
    ADD COLUMN IF NOT EXISTS requirement_name   varchar(200),
    ADD COLUMN IF NOT EXISTS description        text,
    ADD COLUMN IF NOT EXISTS status             varchar(50),
    ADD COLUMN IF NOT EXISTS priority           integer,
    ADD COLUMN IF NOT EXISTS created_session_id uuid,
    ADD COLUMN IF NOT EXISTS created_at         timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at         timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- components (seed 001: components of a feature, ordered by sort_order)
CREATE TABLE IF NOT EXISTS claude.components (
    component_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    feature_id     uuid,
    project_id     uuid,
    component_name varchar(200),
    description    text,
    status         varchar(50),
    sort_order     integer,
    created_at     timestamp without time zone DEFAULT now(),
    updated_at     timestamp without time zone DEFAULT now()
);
ALTER TABLE claude.components
    ADD COLUMN IF NOT EXISTS component_id   uuid,
    ADD COLUMN IF NOT EXISTS feature_id     uuid,
    ADD COLUMN IF NOT EXISTS project_id     uuid,
    ADD COLUMN IF NOT EXISTS component_name varchar(200),
    ADD COLUMN IF NOT EXISTS description    text,
    ADD COLUMN IF NOT EXISTS status         varchar(50),
    ADD COLUMN IF NOT EXISTS sort_order     integer,
    ADD COLUMN IF NOT EXISTS created_at     timestamp without time zone,
    ADD COLUMN IF NOT EXISTS updated_at     timestamp without time zone;

-- ---------------------------------------------------------------------------------------------
-- Documented defaults for new rows, where an existing table has none.
DO $$
BEGIN
    PERFORM claude.migration_set_default_if_missing(v.table_name, v.column_name, v.default_expr)
       FROM (VALUES
       ('features',          'feature_id',     'gen_random_uuid()'),
       ('features',          'created_at',     'now()'),
       ('features',          'updated_at',     'now()'),
       ('feedback',          'feedback_id',    'gen_random_uuid()'),
       ('feedback',          'created_at',     'now()'),
       ('feedback',          'updated_at',     'now()'),
       ('feedback_comments', 'comment_id',     'gen_random_uuid()'),
       ('feedback_comments', 'created_at',     'now()'),
       ('build_tasks',       'task_id',        'gen_random_uuid()'),
       ('build_tasks',       'created_at',     'now()'),
       ('build_tasks',       'updated_at',     'now()'),
       ('requirements',      'requirement_id', 'gen_random_uuid()'),
       ('requirements',      'created_at',     'now()'),
       ('requirements',      'updated_at',     'now()'),
       ('components',        'component_id',   'gen_random_uuid()'),
       ('components',        'created_at',     'now()'),
       ('components',        'updated_at',     'now()')
       ) AS v(table_name, column_name, default_expr);
END;
$$;

DO $$
BEGIN
    PERFORM claude.migration_comment_table_if_missing(v.table_name, v.comment_text)
       FROM (VALUES
       ('features',          'Feature registry per project; short_code gives the human-readable id F<n> used in branch names and commits.'),
       ('feedback',          'Bugs, design notes, questions and change requests per project; short_code gives the id FB<n>.'),
       ('feedback_comments', 'Comments on feedback items.'),
       ('build_tasks',       'Implementation tasks of a feature/component; short_code gives the id BT<n>.'),
       ('requirements',      'Requirements and acceptance criteria of a feature.'),
       ('components',        'UI/system components that make up a feature, ordered by sort_order.')
       ) AS v(table_name, comment_text);
END;
$$;

