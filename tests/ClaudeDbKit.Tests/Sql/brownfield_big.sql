-- Big brownfield fixture (issue 6): run AFTER legacy_database.sql. One million sessions and one million
-- activity entries, generated in SQL, dirty in the proportions seed 000 counts: 10% without identity,
-- 40% closed without a summary, project names in three spellings of ATO-Tax-Agent plus one no project
-- has, and ten sessions of one identity left open since 2024. Ids are derived from the row number,
-- so every run builds the same data.
INSERT INTO claude.sessions (session_id, identity_id, project_schema, project_name, session_start, session_end,
                             session_summary, session_metadata, created_at)
SELECT md5('session ' || i)::uuid,
       CASE WHEN i % 10 = 0 THEN NULL ELSE ('10000000-0000-4000-8000-00000000000' || (1 + i % 6))::uuid END,
       'claude',
       (ARRAY['claude-family', 'ATO-Tax-Agent', 'mission-control-web', 'ato-tax-agent', 'claude-family', 'ato_tax_agent', 'Big-Scratch'])[1 + i % 7],
       timestamp '2024-01-01' + i * interval '1 minute',
       CASE WHEN i % 100000 = 7 THEN NULL ELSE timestamp '2024-01-01' + i * interval '1 minute' + interval '30 minutes' END,
       CASE WHEN i % 5 < 2 THEN NULL ELSE 'Session ' || i END,
       '{"source": "session_startup_hook"}',
       timestamp '2024-01-01' + i * interval '1 minute'
  FROM generate_series(1, 1000000) AS i;

INSERT INTO claude.activity_feed (id, source_type, source_id, actor, activity_type, title, summary, project_name, severity, created_at)
SELECT md5('activity ' || i)::uuid, 'session', md5('session ' || i)::uuid, 'claude-code-unified',
       CASE WHEN i % 2 = 0 THEN 'session_started' ELSE 'session_ended' END,
       'Session activity ' || i, NULL, 'claude-family', 'info',
       timestamp '2024-01-01' + i * interval '1 minute' + interval '5 minutes'
  FROM generate_series(1, 1000000) AS i;

ANALYZE claude.sessions;
ANALYZE claude.activity_feed;
