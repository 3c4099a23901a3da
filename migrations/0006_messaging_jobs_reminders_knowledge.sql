-- 0006 schema rules for messages, scheduled_jobs, job_run_history, reminders and knowledge (issue 4, seed 004 tables 2, 4, 5, 7): required fields as CHECK constraints (NOT VALID, then validated where the rows allow; a rule old rows break stays NOT VALID with a NOTICE and holds for new writes), foreign keys found by their columns first, ranges (job priority 1..10, confidence 1..10, ...), one job name per job case-insensitively (a unique index when the data allows, always the trigger of functions/75_jobs.sql), the registry row of job_run_history.status, defaults for new rows, and the indexes the functions need (pending messages by recipient, due reminders, due jobs, knowledge full text). No row is changed. Triggers and functions live in functions/70..90.

SET LOCAL client_min_messages = notice;

-- ---------------------------------------------------------------------------------------------
-- The helpers (claude.migration_*) are defined in 0000_migration_helpers.sql.

-- ---------------------------------------------------------------------------------------------
-- Defaults for new rows (seed 004 defaults; counters start at 0).
SELECT claude.migration_set_default_if_missing(v.table_name, v.column_name, v.default_expr)
  FROM (VALUES
       ('scheduled_jobs',  'run_count',        '0'),
       ('scheduled_jobs',  'success_count',    '0'),
       ('scheduled_jobs',  'retry_on_failure', 'false'),
       ('scheduled_jobs',  'max_retries',      '0'),
       ('scheduled_jobs',  'timeout_seconds',  '300'),
       ('job_run_history', 'started_at',       'now()'),
       ('reminders',       'check_type',       '''manual'''),
       ('knowledge',       'times_applied',    '0'),
       ('knowledge',       'times_failed',     '0')
       ) AS v(table_name, column_name, default_expr);

-- ---------------------------------------------------------------------------------------------
-- job_run_history.status: the same values as scheduled_jobs.last_status, registered so that its
-- CHECK is derived like every other enumerated column (functions/10_registry.sql derives it; on a
-- database where that file is already deployed the registry trigger derives it right here).
SELECT pg_catalog.set_config('claude.registry_change_reason', 'migration 0006: job_run_history.status', true);
INSERT INTO claude.column_registry
       (id, table_name, column_name, data_type, is_nullable, default_value, description, valid_values, created_at, updated_at)
SELECT gen_random_uuid(), 'job_run_history', 'status',
       COALESCE(pg_catalog.format_type(a.atttypid, a.atttypmod), 'character varying(20)'), true, NULL,
       'Status of one job run: RUNNING while claimed, then SUCCESS, FAILED, TIMEOUT or SKIPPED (as scheduled_jobs.last_status). Issue 4.',
       '["SUCCESS", "FAILED", "TIMEOUT", "SKIPPED", "RUNNING"]'::jsonb, now(), now()
  FROM pg_catalog.pg_attribute a
 WHERE a.attrelid = 'claude.job_run_history'::regclass AND a.attname = 'status' AND NOT a.attisdropped
   AND NOT EXISTS (SELECT 1 FROM claude.column_registry r WHERE r.table_name = 'job_run_history' AND r.column_name = 'status');
SELECT pg_catalog.set_config('claude.registry_change_reason', '', true);

-- ---------------------------------------------------------------------------------------------
-- Foreign keys, found by columns first.
SELECT claude.migration_ensure_fk('messages',        'from_session_id',        'sessions',       'session_id',  'messages_from_session_id_fkey');
SELECT claude.migration_ensure_fk('messages',        'to_session_id',          'sessions',       'session_id',  'messages_to_session_id_fkey');
SELECT claude.migration_ensure_fk('messages',        'parent_message_id',      'messages',       'message_id',  'messages_parent_message_id_fkey');
SELECT claude.migration_ensure_fk('scheduled_jobs',  'project_id',             'projects',       'project_id',  'scheduled_jobs_project_id_fkey');
SELECT claude.migration_ensure_fk('scheduled_jobs',  'created_by_identity_id', 'identities',     'identity_id', 'scheduled_jobs_created_by_identity_id_fkey');
SELECT claude.migration_ensure_fk('job_run_history', 'job_id',                 'scheduled_jobs', 'job_id',      'job_run_history_job_id_fkey');
SELECT claude.migration_ensure_fk('job_run_history', 'session_id',             'sessions',       'session_id',  'job_run_history_session_id_fkey');
SELECT claude.migration_ensure_fk('knowledge',       'learned_by_identity_id', 'identities',     'identity_id', 'knowledge_learned_by_identity_id_fkey');

-- ---------------------------------------------------------------------------------------------
-- messages (seed 004 table 2).
SELECT claude.migration_ensure_check('messages', 'messages_sender_required_check',
    'from_session_id IS NOT NULL',
    'seed 004 messages: from_session_id is required (who sent it?)');
SELECT claude.migration_ensure_check('messages', 'messages_one_recipient_check',
    '(to_session_id IS NULL) <> (NULLIF(btrim(to_project::text), '''') IS NULL)',
    'seed 004 messages rules 1 and 2: exactly one recipient, to_session_id (direct) or to_project (broadcast)');
SELECT claude.migration_ensure_check('messages', 'messages_type_required_check',
    'message_type IS NOT NULL',
    'seed 004 messages: message_type is required');
SELECT claude.migration_ensure_check('messages', 'messages_subject_required_check',
    'NULLIF(btrim(subject::text), '''') IS NOT NULL',
    'seed 004 messages: subject is required');
SELECT claude.migration_ensure_check('messages', 'messages_body_required_check',
    'NULLIF(btrim(body), '''') IS NOT NULL',
    'seed 004 messages: body is required');
SELECT claude.migration_ensure_check('messages', 'messages_status_required_check',
    'status IS NOT NULL',
    'seed 004 messages: status is required (default pending)');
SELECT claude.migration_ensure_check('messages', 'messages_priority_required_check',
    'priority IS NOT NULL',
    'seed 004 messages rule 5: priority is required; writers that omit it get normal (default and trigger messages_before_write)');

-- ---------------------------------------------------------------------------------------------
-- scheduled_jobs (seed 004 table 4).
SELECT claude.migration_ensure_check('scheduled_jobs', 'scheduled_jobs_name_required_check',
    'NULLIF(btrim(job_name::text), '''') IS NOT NULL',
    'seed 004 scheduled_jobs: job_name is required (and unique, see scheduled_jobs_name_unique)');
SELECT claude.migration_ensure_check('scheduled_jobs', 'scheduled_jobs_type_required_check',
    'job_type IS NOT NULL',
    'seed 004 scheduled_jobs: job_type is required');
SELECT claude.migration_ensure_check('scheduled_jobs', 'scheduled_jobs_trigger_type_required_check',
    'trigger_type IS NOT NULL',
    'seed 004 scheduled_jobs: trigger_type is required (default session_start)');
SELECT claude.migration_ensure_check('scheduled_jobs', 'scheduled_jobs_active_required_check',
    'is_active IS NOT NULL',
    'seed 004 scheduled_jobs: is_active is required (default true)');
SELECT claude.migration_ensure_check('scheduled_jobs', 'scheduled_jobs_priority_required_check',
    'priority IS NOT NULL',
    'seed 004 scheduled_jobs: priority is required (default 5)');
SELECT claude.migration_ensure_check('scheduled_jobs', 'scheduled_jobs_priority_range_check',
    'priority IS NULL OR priority BETWEEN 1 AND 10',
    'seed 004 scheduled_jobs rule 2: priority 1 (highest) .. 10');
SELECT claude.migration_ensure_check('scheduled_jobs', 'scheduled_jobs_timeout_range_check',
    'timeout_seconds IS NULL OR timeout_seconds BETWEEN 1 AND 86400',
    'seed 004 scheduled_jobs rule 4: timeout_seconds 1 .. 86400 (one day)');
SELECT claude.migration_ensure_check('scheduled_jobs', 'scheduled_jobs_max_retries_check',
    'max_retries IS NULL OR max_retries BETWEEN 0 AND 100',
    'seed 004 scheduled_jobs rule 5: max_retries 0 .. 100');
SELECT claude.migration_ensure_check('scheduled_jobs', 'scheduled_jobs_counts_check',
    '(run_count IS NULL OR run_count >= 0) AND (success_count IS NULL OR success_count >= 0) AND (success_count IS NULL OR run_count IS NULL OR success_count <= run_count)',
    'scheduled_jobs: run_count and success_count are not negative, success_count <= run_count');
SELECT claude.migration_ensure_check('scheduled_jobs', 'scheduled_jobs_schedule_required_check',
    'trigger_type IS DISTINCT FROM ''schedule'' OR NULLIF(btrim(schedule::text), '''') IS NOT NULL',
    'seed 004 scheduled_jobs: a schedule job has a cron expression in schedule');
SELECT claude.migration_ensure_check('scheduled_jobs', 'scheduled_jobs_trigger_condition_object_check',
    'trigger_condition IS NULL OR jsonb_typeof(trigger_condition) = ''object''',
    'seed 004 scheduled_jobs rule 1: trigger_condition is a JSON object such as {"days_since_last_run": 7}');

-- Unique job names, case-insensitively (seed 004: "job_name - unique name").
SELECT claude.migration_ensure_unique_index('scheduled_jobs_name_unique', 'scheduled_jobs',
    '(lower(btrim(job_name::text)))', 'idx_scheduled_jobs_name_lower',
    'job names unique, case-insensitively');

-- ---------------------------------------------------------------------------------------------
-- job_run_history (one row per run).
SELECT claude.migration_ensure_check('job_run_history', 'job_run_history_job_required_check',
    'job_id IS NOT NULL',
    'job_run_history: every run belongs to a job');
SELECT claude.migration_ensure_check('job_run_history', 'job_run_history_status_required_check',
    'status IS NOT NULL',
    'job_run_history: status is required (RUNNING while claimed)');
SELECT claude.migration_ensure_check('job_run_history', 'job_run_history_started_required_check',
    'started_at IS NOT NULL',
    'job_run_history: started_at is required');
SELECT claude.migration_ensure_check('job_run_history', 'job_run_history_completed_after_start_check',
    'completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at',
    'job_run_history: completed_at >= started_at');
SELECT claude.migration_ensure_check('job_run_history', 'job_run_history_duration_check',
    'duration_ms IS NULL OR duration_ms >= 0',
    'job_run_history: duration_ms is not negative');
-- At most one open (RUNNING) run per job: the claim of claude.execute_job, race-free.
SELECT claude.migration_ensure_unique_index('job_run_history_one_running', 'job_run_history',
    '(job_id) WHERE upper(status::text) = ''RUNNING''', 'idx_job_run_history_running',
    'at most one RUNNING run per job');

-- ---------------------------------------------------------------------------------------------
-- reminders (seed 004 table 5).
SELECT claude.migration_ensure_check('reminders', 'reminders_title_required_check',
    'NULLIF(btrim(title::text), '''') IS NOT NULL',
    'seed 004 reminders: title is required');
SELECT claude.migration_ensure_check('reminders', 'reminders_check_after_required_check',
    'check_after IS NOT NULL',
    'seed 004 reminders: check_after is required');
SELECT claude.migration_ensure_check('reminders', 'reminders_status_required_check',
    'status IS NOT NULL',
    'seed 004 reminders: status is required (default pending)');
SELECT claude.migration_ensure_check('reminders', 'reminders_condition_required_check',
    'check_type IS NULL OR check_type::text = ''manual'' OR NULLIF(btrim(check_condition), '''') IS NOT NULL',
    'seed 004 reminders: sql_query, table_empty and file_exists reminders carry a check_condition');
SELECT claude.migration_ensure_check('reminders', 'reminders_counts_check',
    '(reschedule_days IS NULL OR reschedule_days BETWEEN 1 AND 3650) AND (max_reminders IS NULL OR max_reminders BETWEEN 1 AND 1000) AND (reminder_count IS NULL OR reminder_count >= 0)',
    'seed 004 reminders rules 2 and 3: reschedule_days 1 .. 3650, max_reminders 1 .. 1000, reminder_count not negative');

-- ---------------------------------------------------------------------------------------------
-- knowledge (seed 004 table 7).
SELECT claude.migration_ensure_check('knowledge', 'knowledge_type_required_check',
    'knowledge_type IS NOT NULL',
    'seed 004 knowledge: knowledge_type is required');
SELECT claude.migration_ensure_check('knowledge', 'knowledge_title_required_check',
    'NULLIF(btrim(title::text), '''') IS NOT NULL',
    'seed 004 knowledge: title is required');
SELECT claude.migration_ensure_check('knowledge', 'knowledge_description_required_check',
    'NULLIF(btrim(description), '''') IS NOT NULL',
    'seed 004 knowledge: description is required');
SELECT claude.migration_ensure_check('knowledge', 'knowledge_confidence_required_check',
    'confidence_level IS NOT NULL',
    'seed 004 knowledge: confidence_level is required (default 5)');
SELECT claude.migration_ensure_check('knowledge', 'knowledge_confidence_range_check',
    'confidence_level IS NULL OR confidence_level BETWEEN 1 AND 10',
    'seed 004 knowledge: confidence_level on the 1 .. 10 scale (legacy rows on 1 .. 100 keep it NOT VALID)');
SELECT claude.migration_ensure_check('knowledge', 'knowledge_counts_check',
    '(times_applied IS NULL OR times_applied >= 0) AND (times_failed IS NULL OR times_failed >= 0) AND (times_failed IS NULL OR times_applied IS NULL OR times_failed <= times_applied)',
    'seed 004 knowledge rule 2: times_applied and times_failed are not negative, times_failed <= times_applied');

-- ---------------------------------------------------------------------------------------------
-- Indexes the functions need.
-- Pending messages by recipient (get_pending_messages), and messages to expire (expire_messages).
CREATE INDEX IF NOT EXISTS idx_messages_pending_session
    ON claude.messages (to_session_id, created_at) WHERE status::text = 'pending';
CREATE INDEX IF NOT EXISTS idx_messages_pending_project
    ON claude.messages (lower(to_project::text), created_at) WHERE status::text = 'pending';
CREATE INDEX IF NOT EXISTS idx_messages_expiring
    ON claude.messages (expires_at) WHERE status::text IN ('pending', 'read');
SELECT claude.migration_ensure_index('idx_messages_from_session', 'messages', ARRAY['from_session_id'], '(from_session_id)');
-- Due jobs (get_due_jobs) and run history per job / per session.
CREATE INDEX IF NOT EXISTS idx_scheduled_jobs_due
    ON claude.scheduled_jobs (priority, next_run) WHERE is_active;
SELECT claude.migration_ensure_index('idx_scheduled_jobs_project', 'scheduled_jobs', ARRAY['project_id'], '(project_id)');
SELECT claude.migration_ensure_index('idx_job_run_history_job', 'job_run_history', ARRAY['job_id', 'started_at'], '(job_id, started_at DESC)');
SELECT claude.migration_ensure_index('idx_job_run_history_session', 'job_run_history', ARRAY['session_id'], '(session_id)');
-- Due reminders (get_due_reminders).
CREATE INDEX IF NOT EXISTS idx_reminders_due
    ON claude.reminders (check_after) WHERE status::text = 'pending';
-- Knowledge full text over title + description (search_knowledge uses exactly this expression).
CREATE INDEX IF NOT EXISTS idx_knowledge_fts
    ON claude.knowledge USING gin (to_tsvector('english'::regconfig, COALESCE(title::text, '') || ' ' || COALESCE(description, '')));
SELECT claude.migration_ensure_index('idx_knowledge_type', 'knowledge', ARRAY['knowledge_type'], '(knowledge_type)');

