-- claudedbkit:no-transaction
-- 0013 vacuum after the brownfield repair (issue 6): 0010 rewrote many rows of the big tables, and
-- autovacuum would start on them now, while the function scripts that follow ask for brief table
-- locks (a lock request waits for autovacuum up to deadlock_timeout, and every writer of the table
-- queues behind it). The tables autovacuum would pick up are vacuumed here instead, which blocks no
-- reader or writer. Nothing happens where autovacuum has nothing to do.
SELECT claude.migration_vacuum_due(ARRAY['sessions', 'activity_feed', 'agent_sessions', 'messages'])
\gexec
