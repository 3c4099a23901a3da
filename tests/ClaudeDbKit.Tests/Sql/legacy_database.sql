-- Legacy fixture: the user's ai_company_foundation "claude" schema as the field built it BEFORE ClaudeDbKit
-- (tables copied with CREATE TABLE AS, so plain columns without defaults/NOT NULL/UNIQUE/CHECK/indexes,
-- primary keys added afterwards, a few hand-made constraints with odd names, dirty data, and the two
-- user triggers on messages). Run it in an EMPTY database; plain SQL, no psql meta-commands, so it can
-- be sent as one command text. All uuids and timestamps are literal, so every run builds the same data.
--
-- Deliberate shape differences from the seeds (what the baseline migrations must cope with):
--   * feedback_comments is missing (the migrations must create it);
--   * sessions: no status, no project_id;  agent_sessions: no parent_session_id;
--   * workspaces: integer id without default (ids 1,2,3,5), no created_at;
--   * job_run_history: no session_id, no created_at;
--   * features: short_code already present as SERIAL (values 1..5, sequence at 5), no started_at/completed_at;
--   * feedback: priority is TEXT-like (high/medium/low), no created_session_id/short_code;
--   * build_tasks: no project_id/created_session_id/short_code/started_at; requirements: no project_id/
--     created_session_id/updated_at; components: no project_id/updated_at;
--   * projects has 28 columns, 11 of them unknown to the seeds; claude.mcp_usage is unknown to the seeds;
--   * column_registry as documented: data_type NOT NULL, UNIQUE (table_name, column_name), jsonb arrays;
--   * old compatibility views claude_family.session_history and claude_pm.projects depend on the tables.
-- Constraints added by hand with inconsistent names: fk_features_project, sessions_identity_id_fkey,
-- mcp_usage_session_id_fkey1. Triggers on messages: trg_notify_new_message, trg_message_activity.

CREATE SCHEMA claude;

-- ------------------------------------------------------------------------------------------------
-- identities
CREATE TABLE claude.identities (
    identity_id        uuid,
    identity_name      varchar(100),
    platform           varchar(50),
    role_description   text,
    capabilities       jsonb,
    personality_traits jsonb,
    learning_style     jsonb,
    status             varchar(20),
    created_at         timestamp without time zone,
    last_active_at     timestamp without time zone
);
ALTER TABLE claude.identities ADD PRIMARY KEY (identity_id);

INSERT INTO claude.identities VALUES
    ('10000000-0000-4000-8000-000000000001', 'claude-code-unified', 'claude-code', 'Shared Claude Code identity used across projects',
     '{"mcp_servers": ["postgres", "memory"], "tools": ["bash", "edit"]}', '{"style": "concise"}', NULL, 'active', '2025-10-01 09:00', '2025-12-30 08:30'),
    ('10000000-0000-4000-8000-000000000002', 'claude-desktop', 'claude-desktop', 'Claude Desktop app for planning and review',
     '{"mcp_servers": ["postgres"]}', NULL, NULL, 'active', '2025-10-01 09:05', '2025-12-28 11:56'),
    ('10000000-0000-4000-8000-000000000003', 'claude-claude-family', 'claude-code', 'Per-project identity for claude-family',
     '{}', NULL, '{"prefers": "examples"}', 'active', '2025-10-15 10:00', '2025-12-26 14:22'),
    ('10000000-0000-4000-8000-000000000004', 'claude-ato-tax-agent', 'claude-code', 'Per-project identity for ATO-Tax-Agent',
     NULL, NULL, NULL, 'active', '2025-11-01 10:00', '2025-12-12 08:24'),
    ('10000000-0000-4000-8000-000000000005', 'claude-mission-control', 'claude-code', 'Retired Mission Control identity',
     NULL, NULL, NULL, 'archived', '2025-09-01 10:00', '2025-12-02 14:34'),
    ('10000000-0000-4000-8000-000000000006', 'claude-code-console', 'claude-code', 'Console-only Claude Code instance',
     '{"tools": ["bash"]}', NULL, NULL, 'active', '2025-11-20 10:00', NULL);

-- ------------------------------------------------------------------------------------------------
-- projects: 28 columns in the field
CREATE TABLE claude.projects (
    project_id            uuid,
    project_name          varchar(200),
    project_code          varchar(20),
    description           text,
    status                varchar(50),
    phase                 varchar(50),
    priority              integer,
    is_archived           boolean,
    default_identity_id   uuid,
    project_schema        varchar(100),
    repository_url        text,
    project_path          text,
    tags                  text[],
    metadata              jsonb,
    created_at            timestamp without time zone,
    updated_at            timestamp without time zone,
    archived_at           timestamp without time zone,
    program_id            uuid,
    project_type          varchar(50),
    client_name           varchar(200),
    owner                 varchar(100),
    start_date            date,
    target_date           date,
    completion_percentage integer,
    health_status         varchar(20),
    tech_stack            text[],
    notes                 text,
    last_activity_at      timestamp without time zone
);
ALTER TABLE claude.projects ADD PRIMARY KEY (project_id);

INSERT INTO claude.projects VALUES
    ('20000000-0000-4000-8000-000000000001', 'claude-family', 'CF', 'Infrastructure for the Claude family of instances',
     'active', 'implementation', 1, false, '10000000-0000-4000-8000-000000000003', 'claude',
     'https://github.com/example/claude-family', 'C:\Projects\claude-family', ARRAY['infrastructure','database'], '{"owner_team": "core"}',
     '2025-09-01 10:00', '2025-12-30 09:25', NULL, NULL, 'infrastructure', NULL, 'john', '2025-09-01', NULL, 60, 'green',
     ARRAY['postgresql','python'], NULL, '2025-12-30 09:25'),
    ('20000000-0000-4000-8000-000000000002', 'ATO-Tax-Agent', 'ATO', 'Tax return assistant for Australian tax rules',
     'ACTIVE', 'implementation', 9, false, '10000000-0000-4000-8000-000000000004', 'ato',
     'https://github.com/example/ato-tax-agent', 'C:\Projects\ATO-Tax-Agent', ARRAY['web','tax'], NULL,
     '2025-10-20 10:00', '2025-12-29 17:31', NULL, NULL, 'web-app', 'Self', 'john', '2025-10-20', '2026-06-30', 35, 'amber',
     ARRAY['nextjs','postgresql'], 'Priority 9 came from the old PM tool', '2025-12-29 17:31'),
    ('20000000-0000-4000-8000-000000000003', 'nimbus-user-loader', 'NUL', 'Bulk user import tool',
     'ON_HOLD', 'planning', 0, false, NULL, 'nimbus',
     NULL, 'C:\Projects\nimbus-user-loader', NULL, NULL,
     '2025-11-05 10:00', '2025-12-26 15:49', NULL, NULL, 'csharp-desktop', 'Nimbus', NULL, NULL, NULL, 10, NULL,
     ARRAY['csharp','wpf'], NULL, '2025-12-26 15:49'),
    ('20000000-0000-4000-8000-000000000004', 'mission-control-web', 'MCW', 'Mission Control web dashboard',
     'IN_PROGRESS', 'maintenance', 3, false, '10000000-0000-4000-8000-000000000001', 'claude',
     NULL, 'C:\Projects\mission-control-web', ARRAY['web'], '{}',
     '2025-09-15 10:00', '2025-12-23 17:07', NULL, NULL, 'web-app', NULL, 'john', NULL, NULL, 80, 'green',
     NULL, NULL, '2025-12-23 17:07'),
    ('20000000-0000-4000-8000-000000000005', 'finance-htmx', 'FIN', 'Abandoned finance tracker',
     'CANCELLED', 'archived', 5, true, NULL, NULL,
     NULL, 'C:\Projects\finance-htmx', NULL, NULL,
     '2025-08-01 10:00', '2025-11-30 10:00', '2025-11-30 10:00', NULL, 'web-app', NULL, NULL, NULL, NULL, 5, 'red',
     ARRAY['htmx'], NULL, NULL);

-- ------------------------------------------------------------------------------------------------
-- sessions: no status and no project_id column in the field
CREATE TABLE claude.sessions (
    session_id             uuid,
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
    created_at             timestamp without time zone
);
ALTER TABLE claude.sessions ADD PRIMARY KEY (session_id);

-- 30 sessions: 3 with NULL identity_id (7, 17, 27); 12 without summary (40%); sessions 21 and 22 of
-- claude-code-unified still "active" (session_end NULL) since 2025-12-21; project_name variants
-- ATO-Tax-Agent / ato-tax-agent / ATO-tax-agent / ato_tax_agent; 'scratch-experiments' matches no project.
INSERT INTO claude.sessions VALUES
    ('30000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000005', 'ato', 'ATO-Tax-Agent', '2025-12-01 11:17', '2025-12-01 12:19',
     ARRAY['task 1.1', 'task 1.2'], NULL, NULL, 'Session 1: worked on ATO-Tax-Agent', '{"source": "session_startup_hook"}', '2025-12-01 11:17'),
    ('30000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000005', 'ato', 'ato-tax-agent', '2025-12-02 14:34', '2025-12-02 16:13',
     ARRAY['task 2.1', 'task 2.2'], NULL, NULL, 'Session 2: worked on ato-tax-agent', NULL, '2025-12-02 14:34'),
    ('30000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000002', 'claude', 'mission-control-web', '2025-12-03 08:51', '2025-12-03 11:07',
     NULL, NULL, NULL, NULL, '{"source": "session_startup_hook"}', '2025-12-03 08:51'),
    ('30000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000006', 'claude', 'claude-family', '2025-12-04 11:08', '2025-12-04 14:01',
     ARRAY['task 4.1', 'task 4.2'], NULL, ARRAY['challenge 4'], 'Session 4: worked on claude-family', NULL, '2025-12-04 11:08'),
    ('30000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000001', 'ato', 'ATO-tax-agent', '2025-12-05 14:25', '2025-12-05 14:55',
     NULL, NULL, NULL, NULL, '{"source": "session_startup_hook"}', '2025-12-05 14:25'),
    ('30000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000003', 'nimbus', 'nimbus-user-loader', '2025-12-06 08:42', '2025-12-06 09:49',
     ARRAY['task 6.1', 'task 6.2'], ARRAY['learning 6'], NULL, 'Session 6: worked on nimbus-user-loader', NULL, '2025-12-06 08:42'),
    ('30000000-0000-4000-8000-000000000007', NULL, 'ato', 'ato_tax_agent', '2025-12-07 11:59', '2025-12-07 13:43',
     ARRAY['task 7.1', 'task 7.2'], NULL, NULL, 'Session 7: worked on ato_tax_agent', '{"source": "session_startup_hook"}', '2025-12-07 11:59'),
    ('30000000-0000-4000-8000-000000000008', '10000000-0000-4000-8000-000000000002', 'claude', 'claude-family', '2025-12-08 14:16', '2025-12-08 16:37',
     NULL, NULL, NULL, NULL, NULL, '2025-12-08 14:16'),
    ('30000000-0000-4000-8000-000000000009', '10000000-0000-4000-8000-000000000006', 'ato', 'ATO-Tax-Agent', '2025-12-09 08:33', '2025-12-09 11:31',
     ARRAY['task 9.1', 'task 9.2'], ARRAY['learning 9'], NULL, 'Session 9: worked on ATO-Tax-Agent', '{"source": "session_startup_hook"}', '2025-12-09 08:33'),
    ('30000000-0000-4000-8000-000000000010', '10000000-0000-4000-8000-000000000001', 'claude', 'claude-family', '2025-12-10 11:50', '2025-12-10 12:25',
     ARRAY['task 10.1', 'task 10.2'], NULL, NULL, 'Session 10: worked on claude-family', NULL, '2025-12-10 11:50'),
    ('30000000-0000-4000-8000-000000000011', '10000000-0000-4000-8000-000000000003', 'ato', 'ATO-Tax-Agent', '2025-12-11 14:07', '2025-12-11 15:19',
     NULL, NULL, NULL, NULL, '{"source": "session_startup_hook"}', '2025-12-11 14:07'),
    ('30000000-0000-4000-8000-000000000012', '10000000-0000-4000-8000-000000000004', 'ato', 'ato-tax-agent', '2025-12-12 08:24', '2025-12-12 10:13',
     ARRAY['task 12.1', 'task 12.2'], ARRAY['learning 12'], ARRAY['challenge 12'], 'Session 12: worked on ato-tax-agent', NULL, '2025-12-12 08:24'),
    ('30000000-0000-4000-8000-000000000013', '10000000-0000-4000-8000-000000000002', NULL, 'scratch-experiments', '2025-12-13 11:41', '2025-12-13 14:07',
     ARRAY['task 13.1', 'task 13.2'], NULL, NULL, 'Session 13: worked on scratch-experiments', '{"source": "session_startup_hook"}', '2025-12-13 11:41'),
    ('30000000-0000-4000-8000-000000000014', '10000000-0000-4000-8000-000000000006', 'claude', 'claude-family', '2025-12-14 14:58', '2025-12-14 18:01',
     NULL, NULL, NULL, NULL, NULL, '2025-12-14 14:58'),
    ('30000000-0000-4000-8000-000000000015', '10000000-0000-4000-8000-000000000001', 'ato', 'ATO-tax-agent', '2025-12-15 08:15', '2025-12-15 08:55',
     ARRAY['task 15.1', 'task 15.2'], ARRAY['learning 15'], NULL, 'Session 15: worked on ATO-tax-agent', '{"source": "session_startup_hook"}', '2025-12-15 08:15'),
    ('30000000-0000-4000-8000-000000000016', '10000000-0000-4000-8000-000000000003', 'nimbus', 'nimbus-user-loader', '2025-12-16 11:32', '2025-12-16 12:49',
     NULL, NULL, NULL, NULL, NULL, '2025-12-16 11:32'),
    ('30000000-0000-4000-8000-000000000017', NULL, 'ato', 'ato_tax_agent', '2025-12-17 14:49', '2025-12-17 16:43',
     ARRAY['task 17.1', 'task 17.2'], NULL, NULL, 'Session 17: worked on ato_tax_agent', '{"source": "session_startup_hook"}', '2025-12-17 14:49'),
    ('30000000-0000-4000-8000-000000000018', '10000000-0000-4000-8000-000000000002', 'claude', 'claude-family', '2025-12-18 08:06', '2025-12-18 10:37',
     ARRAY['task 18.1', 'task 18.2'], ARRAY['learning 18'], NULL, 'Session 18: worked on claude-family', NULL, '2025-12-18 08:06'),
    ('30000000-0000-4000-8000-000000000019', '10000000-0000-4000-8000-000000000006', 'ato', 'ATO-Tax-Agent', '2025-12-19 11:23', '2025-12-19 14:31',
     NULL, NULL, NULL, NULL, '{"source": "session_startup_hook"}', '2025-12-19 11:23'),
    ('30000000-0000-4000-8000-000000000020', '10000000-0000-4000-8000-000000000001', 'claude', 'claude-family', '2025-12-20 14:40', '2025-12-20 15:25',
     ARRAY['task 20.1', 'task 20.2'], NULL, ARRAY['challenge 20'], 'Session 20: worked on claude-family', NULL, '2025-12-20 14:40'),
    ('30000000-0000-4000-8000-000000000021', '10000000-0000-4000-8000-000000000001', 'ato', 'ATO-Tax-Agent', '2025-12-21 09:15', NULL,
     NULL, NULL, NULL, NULL, '{"source": "session_startup_hook"}', '2025-12-21 09:15'),
    ('30000000-0000-4000-8000-000000000022', '10000000-0000-4000-8000-000000000001', 'ato', 'ato-tax-agent', '2025-12-21 15:40', NULL,
     NULL, NULL, NULL, NULL, NULL, '2025-12-21 15:40'),
    ('30000000-0000-4000-8000-000000000023', '10000000-0000-4000-8000-000000000002', 'claude', 'mission-control-web', '2025-12-23 14:31', '2025-12-23 17:07',
     ARRAY['task 23.1', 'task 23.2'], NULL, NULL, 'Session 23: worked on mission-control-web', '{"source": "session_startup_hook"}', '2025-12-23 14:31'),
    ('30000000-0000-4000-8000-000000000024', '10000000-0000-4000-8000-000000000006', 'claude', 'claude-family', '2025-12-24 08:48', '2025-12-24 12:01',
     NULL, NULL, NULL, NULL, NULL, '2025-12-24 08:48'),
    ('30000000-0000-4000-8000-000000000025', '10000000-0000-4000-8000-000000000001', 'ato', 'ATO-tax-agent', '2025-12-25 11:05', '2025-12-25 11:55',
     ARRAY['task 25.1', 'task 25.2'], NULL, NULL, 'Session 25: worked on ATO-tax-agent', '{"source": "session_startup_hook"}', '2025-12-25 11:05'),
    ('30000000-0000-4000-8000-000000000026', '10000000-0000-4000-8000-000000000003', 'nimbus', 'nimbus-user-loader', '2025-12-26 14:22', '2025-12-26 15:49',
     NULL, NULL, NULL, NULL, NULL, '2025-12-26 14:22'),
    ('30000000-0000-4000-8000-000000000027', NULL, 'ato', 'ato_tax_agent', '2025-12-27 08:39', '2025-12-27 10:43',
     ARRAY['task 27.1', 'task 27.2'], ARRAY['learning 27'], NULL, 'Session 27: worked on ato_tax_agent', '{"source": "session_startup_hook"}', '2025-12-27 08:39'),
    ('30000000-0000-4000-8000-000000000028', '10000000-0000-4000-8000-000000000002', 'claude', 'claude-family', '2025-12-28 11:56', '2025-12-28 14:37',
     ARRAY['task 28.1', 'task 28.2'], NULL, ARRAY['challenge 28'], 'Session 28: worked on claude-family', NULL, '2025-12-28 11:56'),
    ('30000000-0000-4000-8000-000000000029', '10000000-0000-4000-8000-000000000006', 'ato', 'ATO-Tax-Agent', '2025-12-29 14:13', '2025-12-29 17:31',
     NULL, NULL, NULL, NULL, '{"source": "session_startup_hook"}', '2025-12-29 14:13'),
    ('30000000-0000-4000-8000-000000000030', '10000000-0000-4000-8000-000000000001', 'claude', 'claude-family', '2025-12-30 08:30', '2025-12-30 09:25',
     ARRAY['task 30.1', 'task 30.2'], ARRAY['learning 30'], NULL, 'Session 30: worked on claude-family', NULL, '2025-12-30 08:30');

-- ------------------------------------------------------------------------------------------------
-- workspaces: integer id (the copy lost the serial default), Windows paths, no created_at
CREATE TABLE claude.workspaces (
    id                   integer,
    project_name         varchar(200),
    project_path         text,
    project_type         varchar(50),
    is_active            boolean,
    added_by_identity_id uuid,
    startup_config       jsonb,
    project_id           uuid
);
ALTER TABLE claude.workspaces ADD PRIMARY KEY (id);

INSERT INTO claude.workspaces VALUES
    (1, 'claude-family', 'C:\Projects\claude-family', 'infrastructure', true, '10000000-0000-4000-8000-000000000003',
        '{"auto_start": true, "mcp_servers": ["postgres"]}', '20000000-0000-4000-8000-000000000001'),
    (2, 'ATO-Tax-Agent', 'C:\Projects\ATO-Tax-Agent', 'web-app', true, '10000000-0000-4000-8000-000000000004',
        '{"auto_start": false}', '20000000-0000-4000-8000-000000000002'),
    (3, 'nimbus-user-loader', 'C:\Projects\nimbus-user-loader', 'csharp-desktop', false, NULL, NULL, NULL),
    (5, 'mission-control-web', 'C:\Projects\mission-control-web', 'web-app', true, '10000000-0000-4000-8000-000000000001',
        '{}', '20000000-0000-4000-8000-000000000004');

-- ------------------------------------------------------------------------------------------------
-- agent_sessions: no parent_session_id in the field; every agent session is orphaned
CREATE TABLE claude.agent_sessions (
    session_id       uuid,
    agent_type       varchar(100),
    task_description text,
    workspace_dir    text,
    spawned_at       timestamp without time zone,
    completed_at     timestamp without time zone,
    success          boolean,
    output_text      text,
    error_message    text,
    model            varchar(100),
    metadata         jsonb,
    created_by       varchar(100)
);
ALTER TABLE claude.agent_sessions ADD PRIMARY KEY (session_id);

INSERT INTO claude.agent_sessions VALUES
    ('50000000-0000-4000-8000-000000000001', 'coder-haiku', 'Add login form validation', 'C:\Projects\ATO-Tax-Agent', '2025-12-09 09:00', '2025-12-09 09:12', true, 'Validation added', NULL, 'claude-haiku-4-5', '{"agent_id": "agent-a1b2c3"}', 'claude-code-unified'),
    ('50000000-0000-4000-8000-000000000002', 'reviewer-sonnet', 'Review session hook changes', 'C:\Projects\claude-family', '2025-12-10 12:00', '2025-12-10 12:20', true, 'Two issues found', NULL, 'claude-sonnet-4-5', NULL, 'claude-code-unified'),
    ('50000000-0000-4000-8000-000000000003', 'python-coder', 'Fix session end hook', 'C:\Projects\claude-family', '2025-12-14 15:00', '2025-12-14 15:40', false, NULL, 'UPDATE ... ORDER BY is not valid in PostgreSQL', 'claude-sonnet-4-5', NULL, 'claude-claude-family'),
    ('50000000-0000-4000-8000-000000000004', 'researcher', 'Research ATO deduction rules', 'C:\Projects\ATO-Tax-Agent', '2025-12-15 08:20', '2025-12-15 08:50', true, 'Summary written', NULL, 'claude-opus-4-1', NULL, 'claude-code-unified'),
    ('50000000-0000-4000-8000-000000000005', 'tester', 'Run the test suite', 'C:\Projects\nimbus-user-loader', '2025-12-16 11:40', NULL, NULL, NULL, NULL, 'claude-haiku-4-5', NULL, NULL),
    ('50000000-0000-4000-8000-000000000006', 'coder-haiku', 'Rename columns in import mapper', 'C:\Projects\nimbus-user-loader', '2025-12-16 12:00', '2025-12-16 12:05', true, 'Done', NULL, 'claude-haiku-4-5', '{}', 'claude-claude-family'),
    ('50000000-0000-4000-8000-000000000007', 'researcher', 'Compare dashboard chart libraries', 'C:\Projects\mission-control-web', '2025-12-23 15:00', '2025-12-23 15:30', true, 'Recommend a small library', NULL, 'claude-sonnet-4-5', NULL, 'claude-desktop'),
    ('50000000-0000-4000-8000-000000000008', 'reviewer-sonnet', 'Review database schema doc', 'C:\Projects\claude-family', '2025-12-28 12:30', '2025-12-28 12:45', false, NULL, 'timeout', 'claude-sonnet-4-5', NULL, 'claude-desktop');

-- ------------------------------------------------------------------------------------------------
-- messages: seed 004 columns plus from_project, parent_message_id, thread_id
CREATE TABLE claude.messages (
    message_id        uuid,
    from_session_id   uuid,
    to_session_id     uuid,
    to_project        varchar(100),
    message_type      varchar(50),
    priority          varchar(20),
    subject           varchar(200),
    body              text,
    metadata          jsonb,
    status            varchar(20),
    read_at           timestamp without time zone,
    acknowledged_at   timestamp without time zone,
    created_at        timestamp without time zone,
    expires_at        timestamp without time zone,
    from_project      varchar(100),
    parent_message_id uuid,
    thread_id         uuid
);
ALTER TABLE claude.messages ADD PRIMARY KEY (message_id);

-- Statuses outside the documented set: actioned, deferred.
INSERT INTO claude.messages VALUES
    ('60000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000010', NULL, 'ATO-Tax-Agent', 'task_request', 'urgent',
     'Migrate the tax tables', 'Please move the tax tables to the new schema.', NULL, 'pending', NULL, NULL, '2025-12-10 12:10', '2026-12-31 00:00',
     'claude-family', NULL, NULL),
    ('60000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000012', '30000000-0000-4000-8000-000000000010', NULL, 'status_update', 'normal',
     'Tax tables migrated', 'Done, see the commit.', '{"commit": "abc1234"}', 'read', '2025-12-12 11:00', NULL, '2025-12-12 10:00', NULL,
     'ato-tax-agent', '60000000-0000-4000-8000-000000000001', '60000000-0000-4000-8000-000000000001'),
    ('60000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000018', NULL, 'claude-family', 'broadcast', 'low',
     'Weekly summary', 'All jobs ran.', NULL, 'acknowledged', '2025-12-18 09:00', '2025-12-18 09:05', '2025-12-18 08:30', NULL,
     'claude-family', NULL, NULL),
    ('60000000-0000-4000-8000-000000000004', '30000000-0000-4000-8000-000000000023', NULL, 'mission-control-web', 'question', 'normal',
     'Which chart library?', 'Do we already have a preference?', NULL, 'actioned', '2025-12-23 16:00', NULL, '2025-12-23 15:35', NULL,
     'mission-control-web', NULL, NULL),
    ('60000000-0000-4000-8000-000000000005', '30000000-0000-4000-8000-000000000024', NULL, 'nimbus-user-loader', 'handoff', 'normal',
     'Import mapper half done', 'Picking this up after the holidays.', NULL, 'deferred', NULL, NULL, '2025-12-24 11:50', NULL,
     'claude-family', NULL, NULL),
    ('60000000-0000-4000-8000-000000000006', '30000000-0000-4000-8000-000000000028', NULL, 'ato-tax-agent', 'notification', NULL,
     'Stale sessions', 'Two sessions have been open since 2025-12-21.', NULL, 'pending', NULL, NULL, '2025-12-28 12:00', NULL,
     'claude-family', NULL, NULL),
    ('60000000-0000-4000-8000-000000000007', '30000000-0000-4000-8000-000000000029', '30000000-0000-4000-8000-000000000028', NULL, 'status_update', 'normal',
     'Re: Stale sessions', 'They are mine, forgot to close them.', NULL, 'pending', NULL, NULL, '2025-12-29 15:00', '2025-12-31 00:00',
     'ATO-Tax-Agent', '60000000-0000-4000-8000-000000000006', '60000000-0000-4000-8000-000000000006'),
    ('60000000-0000-4000-8000-000000000008', NULL, NULL, 'claude-family', 'notification', 'normal',
     'Backup finished', 'Nightly backup OK.', NULL, 'read', '2025-12-30 08:35', NULL, '2025-12-30 02:00', NULL,
     NULL, NULL, NULL);

-- ------------------------------------------------------------------------------------------------
-- scheduled_jobs: last_status both 'running' and 'RUNNING'
CREATE TABLE claude.scheduled_jobs (
    job_id                 uuid,
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
    is_active              boolean,
    timeout_seconds        integer,
    retry_on_failure       boolean,
    max_retries            integer,
    command                text,
    working_directory      text,
    created_at             timestamp without time zone,
    created_by_identity_id uuid,
    updated_at             timestamp without time zone,
    metadata               jsonb,
    trigger_type           varchar(50),
    trigger_condition      jsonb,
    priority               integer
);
ALTER TABLE claude.scheduled_jobs ADD PRIMARY KEY (job_id);

INSERT INTO claude.scheduled_jobs VALUES
    ('70000000-0000-4000-8000-000000000001', NULL, 'nightly-backup', 'pg_dump of ai_company_foundation', 'backup', '0 2 * * *',
     '2025-12-30 02:00', 'SUCCESS', 'backup ok', NULL, '2025-12-31 02:00', 40, 39, true, 600, true, 2,
     'python scripts/backup.py', 'C:\Projects\claude-family', '2025-11-01 10:00', '10000000-0000-4000-8000-000000000001', '2025-12-30 02:05',
     NULL, 'schedule', '{}', 3),
    ('70000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001', 'stale-session-cleanup', 'Close sessions left open', 'maintenance', NULL,
     '2025-12-21 09:15', 'running', NULL, NULL, NULL, 12, 11, true, 300, false, 0,
     'python scripts/cleanup_sessions.py', 'C:\Projects\claude-family', '2025-11-10 10:00', '10000000-0000-4000-8000-000000000003', '2025-12-21 09:15',
     NULL, 'session_start', '{"days_since_last_run": 1}', 1),
    ('70000000-0000-4000-8000-000000000003', NULL, 'vault-indexer', 'Index the Obsidian vault into knowledge', 'indexer', NULL,
     '2025-12-28 11:56', 'RUNNING', NULL, NULL, NULL, 7, 6, true, 900, false, NULL,
     'python scripts/sync_vault.py', 'C:\Projects\claude-family', '2025-11-15 10:00', NULL, '2025-12-28 11:56',
     '{"vault": "knowledge-vault"}', 'session_start', '{"days_since_last_run": 7}', 5),
    ('70000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000002', 'security-scan', 'Dependency audit', 'security', '0 6 * * 1',
     '2025-12-29 06:00', 'FAILED', NULL, 'npm audit exited with 1', '2026-01-05 06:00', 5, 3, false, 300, true, 3,
     'npm audit', 'C:\Projects\ATO-Tax-Agent', '2025-11-20 10:00', NULL, NULL,
     NULL, 'schedule', NULL, NULL);

-- ------------------------------------------------------------------------------------------------
-- job_run_history: no session_id, no created_at in this database
CREATE TABLE claude.job_run_history (
    run_id       uuid,
    job_id       uuid,
    started_at   timestamp without time zone,
    completed_at timestamp without time zone,
    status       varchar(20),
    output       text,
    error        text,
    duration_ms  integer,
    triggered_by varchar(100)
);
ALTER TABLE claude.job_run_history ADD PRIMARY KEY (run_id);

INSERT INTO claude.job_run_history VALUES
    ('71000000-0000-4000-8000-000000000001', '70000000-0000-4000-8000-000000000001', '2025-12-29 02:00', '2025-12-29 02:04', 'SUCCESS', 'backup ok', NULL, 240000, 'schedule'),
    ('71000000-0000-4000-8000-000000000002', '70000000-0000-4000-8000-000000000001', '2025-12-30 02:00', '2025-12-30 02:05', 'SUCCESS', 'backup ok', NULL, 300000, 'schedule'),
    ('71000000-0000-4000-8000-000000000003', '70000000-0000-4000-8000-000000000002', '2025-12-21 09:15', NULL, 'running', NULL, NULL, NULL, 'session_start'),
    ('71000000-0000-4000-8000-000000000004', '70000000-0000-4000-8000-000000000003', '2025-12-28 11:56', NULL, 'RUNNING', NULL, NULL, NULL, 'session_start'),
    ('71000000-0000-4000-8000-000000000005', '70000000-0000-4000-8000-000000000004', '2025-12-29 06:00', '2025-12-29 06:01', 'FAILED', NULL, 'npm audit exited with 1', 61000, 'schedule');

-- ------------------------------------------------------------------------------------------------
-- reminders
CREATE TABLE claude.reminders (
    reminder_id     uuid,
    title           varchar(200),
    description     text,
    check_after     timestamp without time zone,
    check_type      varchar(50),
    check_condition text,
    reschedule_days integer,
    max_reminders   integer,
    reminder_count  integer,
    status          varchar(20),
    completed_at    timestamp without time zone,
    project_name    varchar(100),
    created_by      varchar(100),
    created_at      timestamp without time zone
);
ALTER TABLE claude.reminders ADD PRIMARY KEY (reminder_id);

INSERT INTO claude.reminders VALUES
    ('80000000-0000-4000-8000-000000000001', 'Drop deprecated claude_pm schema', 'Views still reference it', '2025-12-08 00:00', 'sql_query',
     'SELECT count(*) = 0 FROM information_schema.views WHERE table_schema = ''claude_pm''', 7, 3, 1, 'pending', NULL, 'claude-family', 'claude-code-unified', '2025-12-01 10:00'),
    ('80000000-0000-4000-8000-000000000002', 'Review ATO deduction research', NULL, '2026-12-01 00:00', 'manual',
     NULL, 7, 3, 0, 'pending', NULL, 'ATO-Tax-Agent', 'claude-desktop', '2025-12-15 09:00'),
    ('80000000-0000-4000-8000-000000000003', 'Rotate the backup password', NULL, '2025-12-10 00:00', 'manual',
     NULL, 14, 3, 0, 'done', '2025-12-11 10:00', 'claude-family', 'claude-code-unified', '2025-12-03 10:00'),
    ('80000000-0000-4000-8000-000000000004', 'Archive finance-htmx repository', NULL, '2025-12-01 00:00', 'manual',
     NULL, NULL, NULL, NULL, 'dismissed', '2025-12-02 10:00', 'finance-htmx', NULL, '2025-11-30 10:00');

-- ------------------------------------------------------------------------------------------------
-- activity_feed
CREATE TABLE claude.activity_feed (
    id            uuid,
    source_type   varchar(50),
    source_id     uuid,
    actor         varchar(100),
    activity_type varchar(100),
    title         varchar(500),
    summary       text,
    project_name  varchar(100),
    severity      varchar(20),
    created_at    timestamp without time zone
);
ALTER TABLE claude.activity_feed ADD PRIMARY KEY (id);

INSERT INTO claude.activity_feed VALUES
    ('90000000-0000-4000-8000-000000000001', 'session', '30000000-0000-4000-8000-000000000010', 'claude-code-unified', 'session_started', 'Session started on claude-family', NULL, 'claude-family', 'info', '2025-12-10 11:50'),
    ('90000000-0000-4000-8000-000000000002', 'message', '60000000-0000-4000-8000-000000000001', 'claude-code-unified', 'message_sent', 'Message: Migrate the tax tables', NULL, 'ATO-Tax-Agent', 'info', '2025-12-10 12:10'),
    ('90000000-0000-4000-8000-000000000003', 'session', '30000000-0000-4000-8000-000000000010', 'claude-code-unified', 'session_ended', 'Session ended on claude-family', 'Session 10: worked on claude-family', 'claude-family', 'info', '2025-12-10 12:25'),
    ('90000000-0000-4000-8000-000000000004', 'job', '70000000-0000-4000-8000-000000000004', 'scheduler', 'job_failed', 'security-scan failed', 'npm audit exited with 1', 'ATO-Tax-Agent', 'error', '2025-12-29 06:01'),
    ('90000000-0000-4000-8000-000000000005', 'job', '70000000-0000-4000-8000-000000000001', 'scheduler', 'job_completed', 'nightly-backup completed', NULL, 'claude-family', 'success', '2025-12-30 02:05'),
    ('90000000-0000-4000-8000-000000000006', 'session', '30000000-0000-4000-8000-000000000021', 'claude-code-unified', 'session_started', 'Session started on ATO-Tax-Agent', NULL, 'ATO-Tax-Agent', 'info', '2025-12-21 09:15'),
    ('90000000-0000-4000-8000-000000000007', 'feedback', 'c0000000-0000-4000-8000-000000000001', 'claude-desktop', 'feedback_created', 'New bug: Login button misaligned', NULL, 'ATO-Tax-Agent', NULL, '2025-12-12 09:00'),
    ('90000000-0000-4000-8000-000000000008', 'alert', NULL, NULL, 'alert_raised', 'Two sessions open for more than a week', NULL, NULL, 'warning', '2025-12-28 12:00');

-- ------------------------------------------------------------------------------------------------
-- knowledge: confidence_level on both scales (1-10 documented, 1-100 in some rows)
CREATE TABLE claude.knowledge (
    knowledge_id           uuid,
    learned_by_identity_id uuid,
    knowledge_type         varchar(50),
    knowledge_category     varchar(100),
    title                  varchar(200),
    description            text,
    applies_to_projects    text[],
    applies_to_platforms   text[],
    confidence_level       integer,
    times_applied          integer,
    times_failed           integer,
    code_example           text,
    related_knowledge      text[],
    created_at             timestamp without time zone,
    updated_at             timestamp without time zone,
    last_applied_at        timestamp without time zone
);
ALTER TABLE claude.knowledge ADD PRIMARY KEY (knowledge_id);

INSERT INTO claude.knowledge VALUES
    ('a0000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'gotcha', 'postgresql', 'UPDATE has no ORDER BY/LIMIT',
     'PostgreSQL rejects UPDATE ... ORDER BY ... LIMIT; use a subquery on the key.', ARRAY['claude-family'], ARRAY['claude-code'], 7, 3, 0,
     'UPDATE t SET x = 1 WHERE id = (SELECT id FROM t ORDER BY ts DESC LIMIT 1);', NULL, '2025-12-14 16:00', '2025-12-14 16:00', '2025-12-20 10:00'),
    ('a0000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000003', 'pattern', 'postgresql', 'Upsert keyed on the natural id',
     'Use INSERT ... ON CONFLICT for hook writes that may repeat.', NULL, NULL, 85, 12, 1,
     NULL, ARRAY['a0000000-0000-4000-8000-000000000001'], '2025-12-05 10:00', '2025-12-18 10:00', '2025-12-28 10:00'),
    ('a0000000-0000-4000-8000-000000000003', NULL, 'best-practice', 'testing', 'Test against a real database',
     'Mocks hid two migration bugs.', ARRAY['claude-family', 'mission-control-web'], NULL, 9, NULL, NULL,
     NULL, NULL, '2025-12-01 10:00', NULL, NULL),
    ('a0000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000002', 'reference', 'csharp', 'Npgsql timestamp mapping',
     'timestamp without time zone maps to DateTime Kind Unspecified.', NULL, ARRAY['claude-desktop'], 4, 0, 0,
     NULL, NULL, '2025-12-20 10:00', '2025-12-20 10:00', NULL),
    ('a0000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000004', 'bug-fix', 'react', 'Hydration mismatch on dates',
     'Render dates on the client only.', ARRAY['ATO-Tax-Agent'], NULL, 60, 2, 1,
     NULL, NULL, '2025-12-09 10:00', '2025-12-09 10:00', '2025-12-12 10:00');

-- ------------------------------------------------------------------------------------------------
-- features: seed 003's script was partly applied here: short_code SERIAL exists (values 1..5) and
-- the FK got the name fk_features_project; started_at/completed_at do not exist.
CREATE TABLE claude.features (
    feature_id         uuid,
    project_id         uuid,
    feature_name       varchar(200),
    description        text,
    status             varchar(50),
    priority           integer,
    created_session_id uuid,
    short_code         integer,
    created_at         timestamp without time zone,
    updated_at         timestamp without time zone
);
ALTER TABLE claude.features ADD PRIMARY KEY (feature_id);

INSERT INTO claude.features VALUES
    ('b0000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002', 'User login', 'Email and password login', 'completed', 1, NULL, 1, '2025-11-01 10:00', '2025-12-12 10:00'),
    ('b0000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000002', 'Deduction wizard', 'Step-by-step deduction entry', 'in_progress', 2, '30000000-0000-4000-8000-000000000012', 2, '2025-11-05 10:00', '2025-12-21 10:00'),
    ('b0000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001', 'Session hooks', 'SessionStart/SessionEnd logging', 'not_started', 1, NULL, 3, '2025-11-10 10:00', NULL),
    ('b0000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000004', 'Activity dashboard', 'Activity feed page', 'planned', 3, NULL, 4, '2025-11-20 10:00', NULL),
    ('b0000000-0000-4000-8000-000000000005', '20000000-0000-4000-8000-000000000003', 'CSV import', 'Bulk user import from CSV', 'not_started', NULL, NULL, 5, '2025-12-01 10:00', NULL);

CREATE SEQUENCE claude.features_short_code_seq AS integer OWNED BY claude.features.short_code;
SELECT setval('claude.features_short_code_seq', 5, true);
ALTER TABLE claude.features ALTER COLUMN short_code SET DEFAULT nextval('claude.features_short_code_seq'::regclass);
ALTER TABLE claude.features ADD CONSTRAINT fk_features_project FOREIGN KEY (project_id) REFERENCES claude.projects (project_id);

-- ------------------------------------------------------------------------------------------------
-- feedback: priority holds text; no created_session_id, no short_code
CREATE TABLE claude.feedback (
    feedback_id   uuid,
    project_id    uuid,
    feedback_type varchar(50),
    title         varchar(200),
    description   text,
    status        varchar(50),
    priority      varchar(20),
    resolved_at   timestamp without time zone,
    created_at    timestamp without time zone,
    updated_at    timestamp without time zone
);
ALTER TABLE claude.feedback ADD PRIMARY KEY (feedback_id);

INSERT INTO claude.feedback VALUES
    ('c0000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002', 'bug', 'Login button misaligned', 'On small screens', 'new', 'high', NULL, '2025-12-12 09:00', NULL),
    ('c0000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000002', 'design', 'Wizard needs a progress bar', NULL, 'in_progress', 'medium', NULL, '2025-12-13 09:00', '2025-12-20 09:00'),
    ('c0000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001', 'bug', 'Session end closes all sessions', 'The end hook closed every open session of the project', 'resolved', 'high', '2025-12-20 10:00', '2025-12-14 09:00', '2025-12-20 10:00'),
    ('c0000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000004', 'question', 'Should the feed show job output?', NULL, 'triaged', 'low', NULL, '2025-12-23 09:00', NULL),
    ('c0000000-0000-4000-8000-000000000005', '20000000-0000-4000-8000-000000000003', 'change', 'Support semicolon CSV', NULL, 'wont_fix', NULL, '2025-12-26 09:00', '2025-12-16 09:00', '2025-12-26 09:00');

-- ------------------------------------------------------------------------------------------------
-- components: 'complete' beside 'completed'; no project_id, no updated_at
CREATE TABLE claude.components (
    component_id   uuid,
    feature_id     uuid,
    component_name varchar(200),
    description    text,
    status         varchar(50),
    sort_order     integer,
    created_at     timestamp without time zone
);
ALTER TABLE claude.components ADD PRIMARY KEY (component_id);

INSERT INTO claude.components VALUES
    ('d0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'LoginForm', 'Form component', 'complete', 1, '2025-11-01 11:00'),
    ('d0000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000001', 'AuthService', 'Token handling', 'completed', 2, '2025-11-01 11:05'),
    ('d0000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000002', 'WizardShell', NULL, 'in_progress', 1, '2025-11-05 11:00'),
    ('d0000000-0000-4000-8000-000000000004', 'b0000000-0000-4000-8000-000000000004', 'FeedList', NULL, 'planned', NULL, '2025-11-20 11:00');

-- ------------------------------------------------------------------------------------------------
-- build_tasks: 'todo' (documented: pending); no project_id, created_session_id, short_code, started_at
CREATE TABLE claude.build_tasks (
    task_id      uuid,
    task_name    varchar(200),
    description  text,
    feature_id   uuid,
    component_id uuid,
    status       varchar(50),
    priority     integer,
    created_at   timestamp without time zone,
    updated_at   timestamp without time zone,
    completed_at timestamp without time zone
);
ALTER TABLE claude.build_tasks ADD PRIMARY KEY (task_id);

INSERT INTO claude.build_tasks VALUES
    ('e0000000-0000-4000-8000-000000000001', 'Build login form', NULL, 'b0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'completed', 1, '2025-11-01 12:00', '2025-12-10 12:00', '2025-12-10 12:00'),
    ('e0000000-0000-4000-8000-000000000002', 'Wizard step 1', NULL, 'b0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000003', 'in_progress', 1, '2025-11-05 12:00', '2025-12-21 12:00', NULL),
    ('e0000000-0000-4000-8000-000000000003', 'Wizard step 2', NULL, 'b0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000003', 'todo', 2, '2025-11-05 12:05', NULL, NULL),
    ('e0000000-0000-4000-8000-000000000004', 'Write SessionStart hook', 'Record the session and print the briefing', 'b0000000-0000-4000-8000-000000000003', NULL, 'todo', 1, '2025-11-10 12:00', NULL, NULL),
    ('e0000000-0000-4000-8000-000000000005', 'Feed list paging', NULL, 'b0000000-0000-4000-8000-000000000004', 'd0000000-0000-4000-8000-000000000004', 'pending', 3, '2025-11-20 12:00', NULL, NULL),
    ('e0000000-0000-4000-8000-000000000006', 'CSV parser', NULL, 'b0000000-0000-4000-8000-000000000005', NULL, 'blocked', NULL, '2025-12-01 12:00', NULL, NULL);

-- ------------------------------------------------------------------------------------------------
-- requirements: no project_id, no created_session_id, no updated_at
CREATE TABLE claude.requirements (
    requirement_id   uuid,
    feature_id       uuid,
    requirement_name varchar(200),
    description      text,
    status           varchar(50),
    priority         integer,
    created_at       timestamp without time zone
);
ALTER TABLE claude.requirements ADD PRIMARY KEY (requirement_id);

INSERT INTO claude.requirements VALUES
    ('f0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'Lock account after 5 failures', NULL, 'completed', 1, '2025-11-01 13:00'),
    ('f0000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000002', 'Wizard can be resumed', 'Progress is saved per step', 'in_progress', 2, '2025-11-05 13:00'),
    ('f0000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000003', 'Hook finishes in under 1 s', NULL, 'draft', 1, '2025-11-10 13:00');

-- ------------------------------------------------------------------------------------------------
-- column_registry: documented shape (data_type NOT NULL, unique per column), valid_values jsonb arrays
CREATE TABLE claude.column_registry (
    id            uuid,
    table_name    varchar(100),
    column_name   varchar(100),
    data_type     varchar(50) NOT NULL,
    is_nullable   boolean,
    default_value text,
    description   text,
    valid_values  jsonb,
    constraints   text,
    created_at    timestamp without time zone,
    updated_at    timestamp without time zone,
    UNIQUE (table_name, column_name)
);
ALTER TABLE claude.column_registry ADD PRIMARY KEY (id);

INSERT INTO claude.column_registry VALUES
    ('12000000-0000-4000-8000-000000000001', 'feedback', 'status', 'varchar', true, 'new', 'Feedback workflow state',
     '["new", "in_progress", "resolved", "wont_fix", "duplicate"]', NULL, '2025-12-20 10:00', '2025-12-20 10:00'),
    ('12000000-0000-4000-8000-000000000002', 'projects', 'priority', 'integer', true, NULL, '1 = highest',
     '[1, 2, 3, 4, 5]', 'CHECK (priority BETWEEN 1 AND 5)', '2025-12-20 10:00', NULL),
    ('12000000-0000-4000-8000-000000000003', 'build_tasks', 'status', 'varchar', true, 'todo', NULL,
     '["todo", "in_progress", "completed", "blocked", "cancelled"]', NULL, '2025-12-20 10:00', NULL);

-- ------------------------------------------------------------------------------------------------
-- mcp_usage: a table the seeds do not know, with an oddly named foreign key to sessions
CREATE TABLE claude.mcp_usage (
    usage_id          uuid,
    session_id        uuid,
    mcp_server        varchar(100),
    tool_name         varchar(200),
    called_at         timestamp without time zone,
    execution_time_ms integer,
    success           boolean,
    error_message     text
);
ALTER TABLE claude.mcp_usage ADD PRIMARY KEY (usage_id);

INSERT INTO claude.mcp_usage VALUES
    ('13000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000010', 'postgres', 'execute_sql', '2025-12-10 11:55', 42, true, NULL),
    ('13000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000010', 'memory', 'create_entities', '2025-12-10 12:00', 15, true, NULL),
    ('13000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000021', 'postgres', 'execute_sql', '2025-12-21 09:20', 5000, false, 'statement timeout'),
    ('13000000-0000-4000-8000-000000000004', NULL, 'filesystem', 'read_file', '2025-12-22 10:00', 3, true, NULL);

-- ------------------------------------------------------------------------------------------------
-- Constraints added back by hand (2026-01-03/04), with inconsistent names.
ALTER TABLE claude.sessions ADD CONSTRAINT sessions_identity_id_fkey
    FOREIGN KEY (identity_id) REFERENCES claude.identities (identity_id);
ALTER TABLE claude.mcp_usage ADD CONSTRAINT mcp_usage_session_id_fkey1
    FOREIGN KEY (session_id) REFERENCES claude.sessions (session_id);

-- ------------------------------------------------------------------------------------------------
-- Old compatibility views over the consolidated tables.
CREATE SCHEMA claude_family;
CREATE VIEW claude_family.session_history AS SELECT * FROM claude.sessions;
CREATE SCHEMA claude_pm;
CREATE VIEW claude_pm.projects AS SELECT * FROM claude.projects;

-- ------------------------------------------------------------------------------------------------
-- The user's triggers on messages, installed after the rows above (so the data stays deterministic).
-- A live listener depends on the notification; the second trigger writes activity_feed.
CREATE FUNCTION claude.notify_new_message() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('claude_messages', NEW.message_id::text);
    RETURN NEW;
END;
$$;

CREATE TRIGGER trg_notify_new_message
    AFTER INSERT ON claude.messages
    FOR EACH ROW EXECUTE FUNCTION claude.notify_new_message();

CREATE FUNCTION claude.log_message_activity() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO claude.activity_feed (id, source_type, source_id, actor, activity_type, title, summary, project_name, severity, created_at)
    VALUES (gen_random_uuid(), 'message', NEW.message_id, NEW.from_session_id::text, 'message_sent',
            'Message: ' || COALESCE(NEW.subject, '(no subject)'), left(NEW.body, 200),
            COALESCE(NEW.to_project, NEW.from_project), 'info', now());
    RETURN NEW;
END;
$$;

CREATE TRIGGER trg_message_activity
    AFTER INSERT ON claude.messages
    FOR EACH ROW EXECUTE FUNCTION claude.log_message_activity();
