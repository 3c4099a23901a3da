-- One call of every API function, on the data of generate.sql: the benchmark times each call and
-- the test suite's seq-scan guard explains it. `-- @values` is one query whose columns name the
-- placeholders (:'name' becomes a quoted literal); `-- @call <function> read|write` starts a call.
-- A write call runs as BEGIN; call; ROLLBACK in one round trip, so every iteration sees the same data.
-- `audit` marks a call that reads every row by design (the health report): the guard lets it scan.

-- @values
WITH me AS (
    SELECT s.session_id, s.identity_id, s.project_name, i.identity_name
      FROM claude.sessions s JOIN claude.identities i ON i.identity_id = s.identity_id
     WHERE s.status = 'active' AND i.identity_name LIKE 'bench-identity-%'
     ORDER BY i.identity_name LIMIT 1),
idle AS (
    SELECT i.identity_id, i.identity_name FROM claude.identities i
     WHERE i.identity_name LIKE 'bench-identity-%'
       AND NOT EXISTS (SELECT 1 FROM claude.sessions s WHERE s.identity_id = i.identity_id AND s.status = 'active')
     ORDER BY i.identity_name LIMIT 1)
SELECT me.session_id, me.identity_id, me.project_name AS project, me.identity_name,
       idle.identity_id AS idle_identity_id, idle.identity_name AS idle_identity_name,
       (SELECT s.session_id FROM claude.sessions s WHERE s.status = 'active' AND s.session_id <> me.session_id
         ORDER BY s.session_id LIMIT 1) AS other_session_id,
       (SELECT a.source_id FROM claude.activity_feed a WHERE a.source_type = 'session'
         ORDER BY a.created_at DESC LIMIT 1) AS busy_session_id,
       (SELECT m.message_id FROM claude.messages m WHERE m.status = 'pending' AND m.to_session_id IS NOT NULL
         ORDER BY m.created_at DESC LIMIT 1) AS message_id,
       (SELECT j.job_id FROM claude.scheduled_jobs j JOIN claude.projects p ON p.project_id = j.project_id
         WHERE j.is_active AND j.next_run <= now() AND p.project_name = me.project_name
         ORDER BY j.priority, j.next_run LIMIT 1) AS job_id,
       (SELECT r.reminder_id FROM claude.reminders r WHERE r.status = 'pending' AND r.check_after <= now()
         AND r.project_name = me.project_name ORDER BY r.check_after LIMIT 1) AS reminder_id,
       (SELECT k.knowledge_id FROM claude.knowledge k ORDER BY k.created_at DESC LIMIT 1) AS knowledge_id,
       (SELECT 'F' || f.short_code FROM claude.features f WHERE f.status = 'draft' ORDER BY f.short_code DESC LIMIT 1) AS feature_code,
       (SELECT 'BT' || t.short_code FROM claude.build_tasks t ORDER BY t.short_code DESC LIMIT 1) AS task_code,
       (SELECT 'FB' || b.short_code FROM claude.feedback b ORDER BY b.short_code DESC LIMIT 1) AS feedback_code,
       (SELECT a.agent_id FROM claude.agent_sessions a WHERE a.completed_at IS NULL ORDER BY a.spawned_at DESC LIMIT 1) AS agent_id,
       (SELECT a.parent_session_id FROM claude.agent_sessions a WHERE a.completed_at IS NULL ORDER BY a.spawned_at DESC LIMIT 1) AS agent_parent_id
  FROM me, idle;

-- @call get_startup_briefing read
SELECT claude.get_startup_briefing(:'session_id', :'project');
-- @call hook_session_start write
SELECT claude.hook_session_start(gen_random_uuid(), gen_random_uuid(), :'project', :'idle_identity_name', 'startup', now()::timestamp, interval '12 hours');
-- @call hook_session_end write
SELECT claude.hook_session_end(gen_random_uuid(), :'session_id', 'exit', 'benchmark summary', now()::timestamp);
-- @call hook_subagent_start write
SELECT claude.hook_subagent_start(gen_random_uuid(), 'bench-new-agent', :'session_id', 'general-purpose', '/home/bench', now()::timestamp);
-- @call hook_subagent_stop write
SELECT claude.hook_subagent_stop(gen_random_uuid(), :'agent_id', :'agent_parent_id', true, 'done', NULL, 'general-purpose', now()::timestamp);
-- @call start_session write
SELECT claude.start_session(:'idle_identity_id', :'project');
-- @call end_session write
SELECT claude.end_session(:'session_id', 'benchmark summary');
-- @call get_active_session read
SELECT claude.get_active_session(:'identity_id');
-- @call get_sessions read
SELECT * FROM claude.get_sessions(:'identity_id', NULL, NULL, 50);
-- @call abandon_stale_sessions write
SELECT claude.abandon_stale_sessions(interval '12 hours');
-- @call get_active_identities read
SELECT * FROM claude.get_active_identities();
-- @call register_identity write
SELECT claude.register_identity('bench-new-identity', 'claude-code');
-- @call update_identity_activity write
SELECT claude.update_identity_activity(:'identity_id');
-- @call archive_identity write
SELECT claude.archive_identity(:'idle_identity_id');
-- @call get_pending_messages read
SELECT * FROM claude.get_pending_messages(:'session_id', :'project');
-- @call send_message write
SELECT claude.send_message(:'session_id', :'other_session_id', 'benchmark', 'benchmark body');
-- @call broadcast_to_project write
SELECT claude.broadcast_to_project(:'session_id', :'project', 'benchmark', 'benchmark body');
-- @call mark_message_read write
SELECT claude.mark_message_read(:'message_id');
-- @call acknowledge_message write
SELECT claude.acknowledge_message(:'message_id');
-- @call expire_messages write
SELECT claude.expire_messages();
-- @call get_due_jobs read
SELECT * FROM claude.get_due_jobs(:'project');
-- @call execute_job write
SELECT claude.execute_job(:'job_id', :'session_id');
-- @call claim_due_job write
SELECT * FROM claude.claim_due_job(:'project', :'session_id');
-- @call update_job_result write
SELECT claude.execute_job(:'job_id', :'session_id'); SELECT claude.update_job_result(:'job_id', 'SUCCESS', 'ok');
-- @call create_scheduled_job write
SELECT claude.create_scheduled_job('bench-new-job', 'maintenance', 'true', 'schedule', '{}', 5, 300, '0 4 * * *', :'project');
-- @call next_cron_run read
SELECT claude.next_cron_run('*/15 9-17 * * 1-5', now()::timestamp);
-- @call get_due_reminders read
SELECT * FROM claude.get_due_reminders(:'project');
-- @call create_reminder write
SELECT claude.create_reminder('benchmark reminder', (now() + interval '1 day')::timestamp, NULL, 'manual', NULL, 7, 3, :'project');
-- @call check_reminder write
SELECT claude.check_reminder(:'reminder_id');
-- @call complete_reminder write
SELECT claude.complete_reminder(:'reminder_id');
-- @call dismiss_reminder write
SELECT claude.dismiss_reminder(:'reminder_id');
-- @call reschedule_reminder write
SELECT claude.reschedule_reminder(:'reminder_id');
-- @call search_knowledge read
SELECT * FROM claude.search_knowledge(:'project', NULL, 'deadlocks', 1);
-- @call record_knowledge write
SELECT claude.record_knowledge('benchmark knowledge', 'benchmark description', 'pattern', ARRAY[:'project']);
-- @call apply_knowledge write
SELECT claude.apply_knowledge(:'knowledge_id', true);
-- @call update_knowledge write
SELECT claude.update_knowledge(:'knowledge_id', '{"confidence_level": 7}');
-- @call get_recent_activity read
SELECT * FROM claude.get_recent_activity(:'project');
-- @call get_activity_by_source read
SELECT * FROM claude.get_activity_by_source('session', :'busy_session_id');
-- @call log_activity write
SELECT claude.log_activity('session', :'session_id', 'bench', 'bench_event', 'benchmark entry', NULL, :'project');
-- @call archive_activity write
SELECT claude.archive_activity(interval '364 days');
-- @call check_health read audit
SELECT claude.check_health();
-- @call get_valid_values read
SELECT claude.get_valid_values('sessions', 'status');
-- @call refresh_registry_constraints write
SELECT claude.refresh_registry_constraints('messages', 'priority');
-- @call start_agent_session write
SELECT claude.start_agent_session('bench-new-agent', :'session_id', 'general-purpose');
-- @call complete_agent_session write
SELECT claude.complete_agent_session(:'agent_id', true);
-- @call create_feature write
SELECT claude.create_feature(:'project', 'benchmark feature');
-- @call create_build_task write
SELECT claude.create_build_task(:'feature_code', 'benchmark task');
-- @call add_requirement write
SELECT claude.add_requirement(:'feature_code', 'benchmark requirement');
-- @call create_feedback write
SELECT claude.create_feedback(:'project', 'bug', 'benchmark feedback');
-- @call set_work_item_status write
SELECT claude.set_work_item_status(:'feature_code', 'planned');
-- @call get_work_item read
SELECT claude.get_work_item(:'task_code');
