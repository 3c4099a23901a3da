-- claudedbkit:no-transaction
-- 0013 after the brownfield repair (issue 6): vacuum, and the stand-in status trigger. 0010 rewrote many rows of the big tables, and
-- autovacuum would start on them now, while the function scripts that follow ask for brief table
-- locks (a lock request waits for autovacuum up to deadlock_timeout, and every writer of the table
-- queues behind it). The tables autovacuum would pick up are vacuumed here instead, which blocks no
-- reader or writer. Nothing happens where autovacuum has nothing to do.
SELECT claude.migration_vacuum_due(ARRAY['sessions', 'activity_feed', 'agent_sessions', 'messages'])
\gexec

-- On a database deployed by an earlier release, sessions_before_write (functions/50) already derives
-- the status, and functions/50 runs again only if it changed: the stand-in trigger 0010 created for the
-- repair goes here instead (on a first deploy, functions/50 drops it after this script).
SELECT claude.migration_execute_briefly('DROP TRIGGER sessions_status_during_upgrade ON claude.sessions')
 WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t WHERE t.tgrelid = 'claude.sessions'::regclass AND t.tgname = 'sessions_before_write')
   AND EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t WHERE t.tgrelid = 'claude.sessions'::regclass AND t.tgname = 'sessions_status_during_upgrade');
