-- 0004 column registry: the valid values of every enumerated column the seeds name (seed 004 "Status Enums Reference", seed 001 "Common Constraints", seed 003 "Column Registry Values" -- 003 wins where they disagree -- plus sessions.status), and claude.column_registry_history, which records every change of valid_values (old and new) through a trigger. Safe on an existing database: missing rows are inserted, rows whose values differ from the seeds are updated (and the change is recorded), nothing is deleted. The CHECK constraints derived from the registry are created by functions/10_registry.sql.

SET LOCAL client_min_messages = warning;

-- ---------------------------------------------------------------------------------------------
-- History of valid_values: one row per change, whoever makes it (this migration, a user, a tool).
CREATE TABLE IF NOT EXISTS claude.column_registry_history (
    history_id  bigserial PRIMARY KEY,
    table_name  text,
    column_name text,
    old_values  jsonb,
    new_values  jsonb,
    changed_at  timestamp without time zone DEFAULT now(),
    changed_by  text DEFAULT current_user,
    reason      text
);

COMMENT ON TABLE claude.column_registry_history IS
    'Every change of claude.column_registry.valid_values (insert: old_values NULL; delete: new_values NULL), written by trigger column_registry_history; reason comes from the transaction setting claude.registry_change_reason when a tool sets it.';

CREATE INDEX IF NOT EXISTS idx_column_registry_history_column
    ON claude.column_registry_history (table_name, column_name, changed_at);

-- Rule: every change of a registry value list is recorded with its old and new values.
-- Bootstrap copy: functions/10_registry.sql owns this definition and re-applies it when it changes.
CREATE OR REPLACE FUNCTION claude.record_column_registry_history()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_reason text := NULLIF(pg_catalog.current_setting('claude.registry_change_reason', true), '');
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO claude.column_registry_history (table_name, column_name, old_values, new_values, reason)
        VALUES (NEW.table_name, NEW.column_name, NULL, NEW.valid_values, COALESCE(v_reason, 'registry row added'));
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO claude.column_registry_history (table_name, column_name, old_values, new_values, reason)
        VALUES (OLD.table_name, OLD.column_name, OLD.valid_values, NULL, COALESCE(v_reason, 'registry row deleted'));
    ELSIF NEW.table_name IS DISTINCT FROM OLD.table_name OR NEW.column_name IS DISTINCT FROM OLD.column_name THEN
        INSERT INTO claude.column_registry_history (table_name, column_name, old_values, new_values, reason)
        VALUES (OLD.table_name, OLD.column_name, OLD.valid_values, NULL,
                COALESCE(v_reason, 'registry row moved to ' || NEW.table_name || '.' || NEW.column_name)),
               (NEW.table_name, NEW.column_name, NULL, NEW.valid_values,
                COALESCE(v_reason, 'registry row moved from ' || OLD.table_name || '.' || OLD.column_name));
    ELSIF NEW.valid_values IS DISTINCT FROM OLD.valid_values THEN
        INSERT INTO claude.column_registry_history (table_name, column_name, old_values, new_values, reason)
        VALUES (NEW.table_name, NEW.column_name, OLD.valid_values, NEW.valid_values, COALESCE(v_reason, 'valid values changed'));
    END IF;
    RETURN NULL;
END;
$fn$;

COMMENT ON FUNCTION claude.record_column_registry_history() IS
    'Trigger function: records every change of claude.column_registry.valid_values in claude.column_registry_history (reason from setting claude.registry_change_reason).';

CREATE OR REPLACE TRIGGER column_registry_history
    AFTER INSERT OR UPDATE OR DELETE ON claude.column_registry
    FOR EACH ROW EXECUTE FUNCTION claude.record_column_registry_history();

-- ---------------------------------------------------------------------------------------------
-- The seed values. data_type and is_nullable come from the real column (NOT NULL column).
SELECT pg_catalog.set_config('claude.registry_change_reason',
                             'migration 0004: valid values from seeds 004, 001 and 003 (003 wins)', true);

CREATE TEMPORARY TABLE registry_seed (
    table_name    text,
    column_name   text,
    valid_values  jsonb,
    default_value text,
    description   text
) ON COMMIT DROP;

INSERT INTO registry_seed VALUES
    -- seed 004, Status Enums Reference
    ('identities',     'status',         '["active", "archived"]', 'active',
     'Identity lifecycle: active, or archived (never deleted). Seed 004.'),
    ('messages',       'status',         '["pending", "read", "acknowledged", "expired"]', 'pending',
     'Message state, moving forward only: pending -> read -> acknowledged; expired when past expires_at. Seed 004.'),
    ('messages',       'priority',       '["urgent", "normal", "low"]', 'normal',
     'Message priority; normal when not given. Seed 004.'),
    ('messages',       'message_type',   '["task_request", "status_update", "notification", "broadcast", "question", "handoff"]', NULL,
     'Kind of message. Seeds 004 and 001.'),
    ('scheduled_jobs', 'job_type',       '["maintenance", "sync", "backup", "audit", "health_check", "indexer", "security"]', NULL,
     'Category of scheduled job. Seed 004.'),
    ('scheduled_jobs', 'trigger_type',   '["session_start", "schedule", "on_demand", "session_end"]', 'session_start',
     'When a job runs: at session start/end, on a cron schedule, or on demand. Seed 004.'),
    ('scheduled_jobs', 'last_status',    '["SUCCESS", "FAILED", "TIMEOUT", "SKIPPED", "RUNNING"]', NULL,
     'Result of the last run (upper case). Seed 004.'),
    ('reminders',      'status',         '["pending", "done", "dismissed", "expired"]', 'pending',
     'Reminder state: pending -> done | dismissed | expired. Seed 004.'),
    ('reminders',      'check_type',     '["manual", "sql_query", "file_exists", "table_empty"]', 'manual',
     'How a reminder is verified. Seed 004.'),
    ('activity_feed',  'source_type',    '["session", "message", "job", "test", "feedback", "commit", "alert", "identity", "project", "agent"]', NULL,
     'What produced an activity entry. Seed 004 lists session, message, job, test, feedback, commit, alert; identity, project and agent were added by issue 3 for identity_registered/identity_archived, project_registered and agent_started/agent_completed events.'),
    ('activity_feed',  'severity',       '["info", "success", "warning", "error"]', 'info',
     'Importance of an activity entry; info when not given. Seed 004.'),
    ('knowledge',      'knowledge_type', '["pattern", "gotcha", "best-practice", "bug-fix", "reference", "architecture", "troubleshooting", "api-reference"]', NULL,
     'Standardised knowledge categories. Seed 004.'),
    -- seed 001, Common Constraints
    ('projects',       'status',         '["active", "paused", "archived", "completed"]', 'active',
     'Project status. Seed 001.'),
    ('projects',       'phase',          '["idea", "research", "planning", "implementation", "maintenance", "archived"]', NULL,
     'Project phase. Seed 001.'),
    ('projects',       'priority',       '[1, 2, 3, 4, 5]', NULL,
     'Project priority, 1 = highest. Seed 001.'),
    ('feedback',       'feedback_type',  '["bug", "design", "question", "change"]', NULL,
     'Kind of feedback. Seed 001.'),
    ('sessions',       'status',         '["active", "ended", "abandoned"]', NULL,
     'Session state, kept consistent with session_end (active <=> session_end IS NULL); abandoned = closed without a SessionEnd (stale or superseded). Seed 001.'),
    -- seed 003, Column Registry Values (newest: wins over seed 001)
    ('features',       'status',         '["draft", "planned", "in_progress", "blocked", "completed", "cancelled"]', 'draft',
     'Feature status. Seed 003 (replaces seed 001''s not_started with draft).'),
    ('feedback',       'status',         '["new", "triaged", "in_progress", "resolved", "wont_fix", "duplicate"]', 'new',
     'Feedback workflow state. Seed 003 (adds triaged to seed 001''s list).'),
    ('build_tasks',    'status',         '["pending", "in_progress", "blocked", "completed", "cancelled"]', 'pending',
     'Build task status. Seed 003 (replaces seed 001''s todo with pending).');

-- Existing rows whose value list differs from the seeds: updated (the history trigger records it).
UPDATE claude.column_registry r
   SET valid_values = s.valid_values,
       description  = COALESCE(r.description, s.description),
       updated_at   = now()
  FROM registry_seed s
 WHERE r.table_name = s.table_name
   AND r.column_name = s.column_name
   AND r.valid_values IS DISTINCT FROM s.valid_values;

-- Missing rows: inserted, typed from the real column.
INSERT INTO claude.column_registry
       (id, table_name, column_name, data_type, is_nullable, default_value, description, valid_values, created_at, updated_at)
SELECT gen_random_uuid(), s.table_name, s.column_name,
       COALESCE(pg_catalog.format_type(a.atttypid, a.atttypmod), 'unknown'),
       COALESCE(NOT a.attnotnull, true),
       s.default_value, s.description, s.valid_values, now(), now()
  FROM registry_seed s
  LEFT JOIN pg_catalog.pg_attribute a
         ON a.attrelid = pg_catalog.to_regclass(pg_catalog.format('claude.%I', s.table_name))
        AND a.attname = s.column_name AND a.attnum > 0 AND NOT a.attisdropped
 WHERE NOT EXISTS (SELECT 1 FROM claude.column_registry r
                    WHERE r.table_name = s.table_name AND r.column_name = s.column_name);

SELECT pg_catalog.set_config('claude.registry_change_reason', '', true);
