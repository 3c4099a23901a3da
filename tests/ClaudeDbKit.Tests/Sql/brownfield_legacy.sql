-- Brownfield fixture (issue 6): run AFTER legacy_database.sql. It adds the dirty rows that fixture
-- lacks, so every repair of migration 0010 has something to do and something it must leave alone:
--   * session 31: no identity, still "active" since 2025-12-22, its last evidence a message at 11:30;
--   * session 36: no identity, started an hour ago: not stale, stays without identity (reported);
--   * sessions 32/33: two claude-family sessions open at the same time: agent 9, spawned inside both,
--     has no unambiguous parent; agent 10 was spawned when no session was open (both reported);
--   * session 34 'Mission_Control_Web ' (punctuation, case, a trailing blank) and sessions 35/37
--     'Scratch_Experiments' / 'scratch-experiments' beside session 13's 'scratch-experiments';
--   * project 6 with status 'Paused' (a case variant of a registered value);
--   * build task 7 with status 'wip', which no alias maps (reported, left alone).
INSERT INTO claude.projects (project_id, project_name, project_code, status, phase, priority, is_archived, created_at)
VALUES ('20000000-0000-4000-8000-000000000006', 'legacy-tools', 'LT', 'Paused', 'maintenance', 2, false, '2025-10-01 10:00');

INSERT INTO claude.sessions (session_id, identity_id, project_schema, project_name, session_start, session_end, session_summary, created_at) VALUES
    ('30000000-0000-4000-8000-000000000031', NULL, 'ato', 'ATO-TAX-AGENT', '2025-12-22 10:00', NULL, NULL, '2025-12-22 10:00'),
    ('30000000-0000-4000-8000-000000000032', '10000000-0000-4000-8000-000000000003', 'claude', 'claude-family', '2025-12-31 10:00', '2025-12-31 12:00', 'Session 32: paired on hooks', '2025-12-31 10:00'),
    ('30000000-0000-4000-8000-000000000033', '10000000-0000-4000-8000-000000000006', 'claude', 'claude-family', '2025-12-31 10:30', '2025-12-31 11:30', 'Session 33: paired on hooks', '2025-12-31 10:30'),
    ('30000000-0000-4000-8000-000000000034', '10000000-0000-4000-8000-000000000002', 'claude', 'Mission_Control_Web ', '2026-01-02 09:00', '2026-01-02 10:00', 'Session 34: dashboard', '2026-01-02 09:00'),
    ('30000000-0000-4000-8000-000000000035', '10000000-0000-4000-8000-000000000002', NULL, 'Scratch_Experiments', '2026-01-03 09:00', '2026-01-03 10:00', NULL, '2026-01-03 09:00'),
    ('30000000-0000-4000-8000-000000000037', '10000000-0000-4000-8000-000000000002', NULL, 'scratch-experiments', '2026-01-04 09:00', '2026-01-04 10:00', 'Session 37: more experiments', '2026-01-04 09:00'),
    ('30000000-0000-4000-8000-000000000036', NULL, 'claude', 'claude-family', localtimestamp - interval '1 hour', NULL, NULL, localtimestamp - interval '1 hour');

INSERT INTO claude.messages (message_id, from_session_id, to_project, message_type, priority, subject, body, status, created_at, from_project) VALUES
    ('60000000-0000-4000-8000-000000000031', '30000000-0000-4000-8000-000000000031', 'ATO-Tax-Agent', 'status_update', 'normal',
     'Tax tables half done', 'Continuing tomorrow.', 'read', '2025-12-22 11:30', 'ATO-Tax-Agent');

INSERT INTO claude.agent_sessions (session_id, agent_type, task_description, workspace_dir, spawned_at, completed_at, success, model, created_by) VALUES
    ('50000000-0000-4000-8000-000000000009', 'reviewer-sonnet', 'Review the pairing diff', 'C:\Projects\claude-family', '2025-12-31 11:00', '2025-12-31 11:10', true, 'claude-sonnet-4-5', 'claude-claude-family'),
    ('50000000-0000-4000-8000-000000000010', 'researcher', 'Look for prior art', 'C:\Projects\claude-family', '2025-11-01 03:00', '2025-11-01 03:20', true, 'claude-haiku-4-5', NULL);

INSERT INTO claude.build_tasks (task_id, task_name, feature_id, status, priority, created_at) VALUES
    ('e0000000-0000-4000-8000-000000000007', 'Port the importer', 'b0000000-0000-4000-8000-000000000005', 'wip', 2, '2025-12-02 12:00');
