-- Benchmark data: realistic volumes of every table the hooks read, generated in SQL so that a
-- million rows take seconds. The caller sets bench.scale (1 = 1,000,000 activity_feed rows,
-- 100,000 sessions over 50 projects and 200 identities, 100,000 messages, 10,000 jobs, reminders
-- and knowledge rows, 20,000 work items). Triggers are bypassed (session_replication_role =
-- replica) because the rows are written consistent by construction; constraints still hold.
-- The caller runs VACUUM ANALYZE afterwards (outside this script's implicit transaction).
-- Every generated name starts with 'bench-' so the rows are recognisable in a shared database.

SET session_replication_role = replica;

CREATE TEMP TABLE bench_size AS
SELECT greatest(1, round(1000000 * s))::int AS activity,
       greatest(1, round(100000 * s))::int  AS sessions,
       greatest(1, round(100000 * s))::int  AS messages,
       greatest(1, round(10000 * s))::int   AS jobs,
       greatest(1, round(10000 * s))::int   AS reminders,
       greatest(1, round(10000 * s))::int   AS knowledge,
       greatest(1, round(5000 * s))::int    AS features,
       greatest(1, round(10000 * s))::int   AS tasks,
       greatest(1, round(5000 * s))::int    AS feedback,
       greatest(1, round(10000 * s))::int   AS agents
FROM (SELECT current_setting('bench.scale')::numeric AS s) p;

INSERT INTO claude.identities (identity_name, platform, role_description, status, created_at, last_active_at)
SELECT 'bench-identity-' || i, 'claude-code', 'benchmark identity', 'active', now() - interval '400 days', now()
FROM generate_series(1, 200) i;

INSERT INTO claude.projects (project_name, description, status, phase, priority, is_archived, created_at)
SELECT 'bench-project-' || i, 'benchmark project', 'active', 'implementation', 1 + i % 5, false, now() - interval '400 days'
FROM generate_series(1, 50) i;

CREATE TEMP TABLE bench_identity AS
SELECT row_number() OVER (ORDER BY identity_name) AS n, identity_id, identity_name
FROM claude.identities WHERE identity_name LIKE 'bench-identity-%';
CREATE TEMP TABLE bench_project AS
SELECT row_number() OVER (ORDER BY project_name) AS n, project_id, project_name
FROM claude.projects WHERE project_name LIKE 'bench-project-%';

-- Closed sessions spread over a year; identity i (of 200) works on project i % 50.
INSERT INTO claude.sessions (session_id, identity_id, project_name, project_id, session_start, session_end, status,
                             session_summary, tasks_completed, created_at)
SELECT gen_random_uuid(), bi.identity_id, bp.project_name, bp.project_id, t.start, t.start + interval '47 minutes', 'ended',
       'benchmark session ' || g, ARRAY['task ' || g], t.start
FROM bench_size z, generate_series(1, z.sessions) g
CROSS JOIN LATERAL (SELECT now() - interval '365 days' * (g::float8 / z.sessions) - interval '2 hours' AS start) t
JOIN bench_identity bi ON bi.n = 1 + g % 200
JOIN bench_project bp ON bp.n = 1 + (g % 200) % 50;

-- Half of the identities are in a session now.
INSERT INTO claude.sessions (session_id, identity_id, project_name, project_id, session_start, status, created_at)
SELECT gen_random_uuid(), bi.identity_id, bp.project_name, bp.project_id, now() - interval '10 minutes', 'active', now() - interval '10 minutes'
FROM bench_identity bi JOIN bench_project bp ON bp.n = 1 + (bi.n % 200) % 50
WHERE bi.n % 2 = 0;

CREATE TEMP TABLE bench_session AS
SELECT row_number() OVER (ORDER BY session_start) AS n, session_id, project_name
FROM claude.sessions s WHERE EXISTS (SELECT 1 FROM bench_identity bi WHERE bi.identity_id = s.identity_id);
CREATE UNIQUE INDEX ON bench_session (n);
ANALYZE bench_session;

INSERT INTO claude.activity_feed (id, source_type, source_id, actor, activity_type, title, summary, project_name, severity, created_at)
SELECT gen_random_uuid(), 'session', bs.session_id, 'bench-identity', 'session_started', 'Session started', 'benchmark activity ' || g,
       bs.project_name, (ARRAY['info', 'info', 'info', 'success', 'warning', 'error'])[1 + g % 6],
       now() - interval '365 days' * (g::float8 / z.activity)
FROM bench_size z, generate_series(1, z.activity) g
JOIN bench_session bs ON bs.n = 1 + g % (SELECT count(*) FROM bench_session);

-- Subagents: all finished except the ten newest.
INSERT INTO claude.agent_sessions (agent_id, parent_session_id, agent_type, task_description, workspace_dir, spawned_at, completed_at, success,
                                   created_by)
SELECT 'bench-agent-' || g, bs.session_id, 'general-purpose', 'benchmark subagent ' || g, '/home/bench/' || bs.project_name,
       now() - interval '1 minute' * g, CASE WHEN g > 10 THEN now() - interval '1 minute' * g + interval '30 seconds' END,
       CASE WHEN g > 10 THEN true END, 'bench'
FROM bench_size z, generate_series(1, z.agents) g
JOIN bench_session bs ON bs.n = (SELECT count(*) FROM bench_session) - g % (SELECT count(*) FROM bench_session);

-- Messages: four in five direct, one in five a project broadcast; two in a hundred still pending.
INSERT INTO claude.messages (message_id, from_session_id, to_session_id, to_project, message_type, priority, subject, body, status,
                             read_at, acknowledged_at, created_at)
SELECT gen_random_uuid(), f.session_id, CASE WHEN g % 5 = 0 THEN NULL ELSE t.session_id END,
       CASE WHEN g % 5 = 0 THEN t.project_name END,
       CASE WHEN g % 5 = 0 THEN 'broadcast' ELSE 'notification' END, 'normal', 'benchmark message ' || g, 'body ' || g,
       CASE WHEN g % 100 IN (0, 1) THEN 'pending' ELSE 'acknowledged' END,
       CASE WHEN g % 100 IN (0, 1) THEN NULL ELSE c.at END, CASE WHEN g % 100 IN (0, 1) THEN NULL ELSE c.at END, c.at
FROM bench_size z, generate_series(1, z.messages) g
CROSS JOIN LATERAL (SELECT now() - interval '365 days' * (g::float8 / z.messages) AS at) c
JOIN bench_session f ON f.n = 1 + g % (SELECT count(*) FROM bench_session)
JOIN bench_session t ON t.n = 1 + (g * 7) % (SELECT count(*) FROM bench_session);

-- Jobs: nightly schedules; one in twenty due now, in every project.
INSERT INTO claude.scheduled_jobs (job_name, job_description, job_type, project_id, schedule, trigger_type, next_run, last_run, last_status,
                                   run_count, success_count, is_active, command, priority, created_at)
SELECT 'bench-job-' || g, 'benchmark job', 'maintenance', bp.project_id, '0 3 * * *', 'schedule',
       CASE WHEN (g / 50) % 20 = 0 THEN now() - interval '1 hour' ELSE now() + interval '1 day' * (g % 30) END,
       now() - interval '1 day', 'SUCCESS', 10, 10, true, 'true', 1 + g % 10, now() - interval '100 days'
FROM bench_size z, generate_series(1, z.jobs) g
JOIN bench_project bp ON bp.n = 1 + g % 50;

-- Reminders: two in three pending, of which one in ten due now, in every project.
INSERT INTO claude.reminders (title, description, check_after, check_type, status, project_name, created_by, created_at, completed_at)
SELECT 'bench-reminder-' || g, 'benchmark reminder', now() - interval '1 day' * (g % 400) + CASE WHEN (g / 50) % 10 = 0 THEN interval '0' ELSE interval '500 days' END,
       'manual', CASE WHEN g % 3 = 0 THEN 'done' ELSE 'pending' END, bp.project_name, 'bench', now() - interval '400 days',
       CASE WHEN g % 3 = 0 THEN now() - interval '1 day' END
FROM bench_size z, generate_series(1, z.reminders) g
JOIN bench_project bp ON bp.n = 1 + g % 50;

INSERT INTO claude.knowledge (title, description, knowledge_type, applies_to_projects, confidence_level, times_applied, times_failed,
                              learned_by_identity_id, created_at)
SELECT 'bench knowledge ' || g || ' ' || (ARRAY['postgres', 'locking', 'hooks', 'powershell', 'migrations'])[1 + g % 5],
       'how to handle ' || (ARRAY['deadlocks', 'vacuum', 'session start', 'module loading', 'checksums'])[1 + g % 5] || ' case ' || g,
       (ARRAY['pattern', 'gotcha', 'best-practice', 'bug-fix', 'reference'])[1 + g % 5], ARRAY[bp.project_name], 1 + g % 10, 3 + g % 7, g % 3,
       bi.identity_id, now() - interval '1 hour' * g
FROM bench_size z, generate_series(1, z.knowledge) g
JOIN bench_project bp ON bp.n = 1 + g % 50
JOIN bench_identity bi ON bi.n = 1 + g % 200;

INSERT INTO claude.features (project_id, feature_name, description, status, priority, created_at)
SELECT bp.project_id, 'bench-feature-' || g, 'benchmark feature', (ARRAY['draft', 'planned', 'in_progress', 'completed'])[1 + g % 4], 1 + g % 5,
       now() - interval '1 hour' * g
FROM bench_size z, generate_series(1, z.features) g
JOIN bench_project bp ON bp.n = 1 + g % 50;

INSERT INTO claude.build_tasks (feature_id, project_id, task_name, status, priority, created_at)
SELECT f.feature_id, f.project_id, 'bench-task-' || g, (ARRAY['pending', 'in_progress', 'completed'])[1 + g % 3], 1 + g % 5, now() - interval '1 hour' * g
FROM bench_size z, generate_series(1, z.tasks) g
JOIN (SELECT row_number() OVER (ORDER BY short_code) AS n, feature_id, project_id FROM claude.features WHERE feature_name LIKE 'bench-feature-%') f
  ON f.n = 1 + g % (SELECT features FROM bench_size);

INSERT INTO claude.feedback (project_id, feedback_type, title, description, status, created_at)
SELECT bp.project_id, (ARRAY['bug', 'design', 'question', 'change'])[1 + g % 4], 'bench-feedback-' || g, 'benchmark feedback',
       (ARRAY['new', 'triaged', 'resolved'])[1 + g % 3], now() - interval '1 hour' * g
FROM bench_size z, generate_series(1, z.feedback) g
JOIN bench_project bp ON bp.n = 1 + g % 50;

RESET session_replication_role;
DROP TABLE bench_size, bench_identity, bench_project, bench_session;
