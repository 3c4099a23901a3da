-- claudedbkit:no-transaction
-- 0010 brownfield repair (issue 6, seed 000 "Data Quality Issues" and "Migration Path" phases 1-4): the legacy rows are repaired before the rules are validated, and every changed value is logged so it can be reviewed and undone. Tables claude.repair_log (every repaired value with its old value), claude.status_aliases (documented legacy value -> registered value) and claude.schema_expectations (what claude.check_health compares the schema with); procedures claude.repair_legacy_data(), claude.upgrade_constraints() and claude.undo_repair(id). No row is deleted. Runs outside a transaction: the repairs update big tables in chunks, each committed on its own, so no lock is held for long; a failure halfway leaves the committed chunks, and running it again continues (every step is idempotent).

-- Old hooks insert sessions without status. 0005 made status required (a NOT VALID check, so new
-- rows are checked), and the trigger that derives it (sessions_before_write, functions/50) is created
-- only after the migrations: while this repair runs, this trigger derives it instead, the way
-- sessions_before_write does. functions/50_sessions.sql drops it once sessions_before_write exists.
CREATE OR REPLACE FUNCTION claude.sessions_status_during_upgrade()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    NEW.status := COALESCE(NEW.status, CASE WHEN NEW.session_end IS NULL THEN 'active' ELSE 'ended' END);
    RETURN NEW;
END;
$fn$;
COMMENT ON FUNCTION claude.sessions_status_during_upgrade() IS
    'Trigger function (from migration 0010 until functions/50 replaces it): derives sessions.status from session_end for writers that omit it, until sessions_before_write exists.';
CREATE OR REPLACE TRIGGER sessions_status_during_upgrade
    BEFORE INSERT ON claude.sessions
    FOR EACH ROW EXECUTE FUNCTION claude.sessions_status_during_upgrade();

-- A database deployed by an earlier release has a claude.log_activity without the claude.repair_quiet
-- guard (functions/20_activity.sql has it, but is applied after the migrations): the live definition
-- gets the same guard now, so the activity triggers do not log the repair's writes.
DO $do$
DECLARE
    v_function regprocedure := pg_catalog.to_regprocedure('claude.log_activity(text, uuid, text, text, text, text, text, text)');
    v_definition text;
BEGIN
    IF v_function IS NULL THEN
        RETURN;
    END IF;
    v_definition := pg_catalog.pg_get_functiondef(v_function);
    IF pg_catalog.strpos(v_definition, 'current_setting(''claude.repair_quiet''') > 0 THEN
        RETURN;
    END IF;
    EXECUTE pg_catalog.regexp_replace(v_definition, '\nBEGIN\n',
        E'\nBEGIN\n    IF pg_catalog.current_setting(''claude.repair_quiet'', true) = ''on'' THEN\n        RETURN NULL;\n    END IF;\n');
END;
$do$;

-- ---------------------------------------------------------------------------------------------
-- The repair log: one row per changed value (or per inserted row, column_name '*').
CREATE TABLE IF NOT EXISTS claude.repair_log (
    repair_id   bigserial PRIMARY KEY,
    table_name  text NOT NULL,
    row_key     text NOT NULL,
    column_name text NOT NULL,
    old_value   text,
    new_value   text,
    reason      text NOT NULL,
    migration   text NOT NULL,
    repaired_at timestamp without time zone NOT NULL DEFAULT now(),
    undone_at   timestamp without time zone
);
COMMENT ON TABLE claude.repair_log IS
    'Every value the brownfield upgrade (migration 0010, claude.repair_legacy_data) changed: table, primary key of the row (as text), column, old and new value (as text), why, and by which migration; column_name ''*'' marks a row it inserted (a placeholder identity, a project registered for unmatched session project names). CALL claude.undo_repair(repair_id) puts the old values of that row back.';

-- ---------------------------------------------------------------------------------------------
-- Documented aliases of legacy values (existing-database.md, seeds 000/001/003). Only values listed
-- here (and case variants of a registered value) are changed; any other value outside the registry
-- is left as it is and reported by claude.check_health().
CREATE TABLE IF NOT EXISTS claude.status_aliases (
    table_name      text NOT NULL,
    column_name     text NOT NULL,
    legacy_value    text NOT NULL,
    canonical_value text NOT NULL,
    note            text,
    PRIMARY KEY (table_name, column_name, legacy_value)
);
COMMENT ON TABLE claude.status_aliases IS
    'Legacy values and the registered value each one means (e.g. build_tasks.status todo -> pending). claude.repair_legacy_data() maps the rows through it and logs each change in claude.repair_log; add a row and call the procedure again to map another value.';

INSERT INTO claude.status_aliases (table_name, column_name, legacy_value, canonical_value, note) VALUES
    ('build_tasks',     'status',      'todo',        'pending',      'seed 003 replaced todo with pending; the old briefing filtered on pending and never showed todo rows'),
    ('features',        'status',      'not_started', 'draft',        'seed 003 replaced not_started with draft'),
    ('projects',        'status',      'ACTIVE',      'active',       'upper-case copy of a registered value'),
    ('projects',        'status',      'IN_PROGRESS', 'active',       'a project being worked on is active (seed 001: active, paused, archived, completed)'),
    ('projects',        'status',      'ON_HOLD',     'paused',       'on hold = paused'),
    ('projects',        'status',      'CANCELLED',   'archived',     'a cancelled project is kept as archived (seed 001 has no cancelled)'),
    ('components',      'status',      'complete',    'completed',    'complete beside completed in the field'),
    ('scheduled_jobs',  'last_status', 'running',     'RUNNING',      'seed 004 job statuses are upper case'),
    ('job_run_history', 'status',      'running',     'RUNNING',      'seed 004 job statuses are upper case'),
    ('messages',        'status',      'actioned',    'acknowledged', 'a message acted upon has been acknowledged (seed 004: pending, read, acknowledged, expired)'),
    ('messages',        'status',      'deferred',    'pending',      'a deferred message is still waiting to be handled'),
    ('feedback',        'priority',    'critical',    '1',            'text priorities on the 1..5 scale other tables use (1 = highest)'),
    ('feedback',        'priority',    'high',        '2',            'text priorities on the 1..5 scale other tables use (1 = highest)'),
    ('feedback',        'priority',    'medium',      '3',            'text priorities on the 1..5 scale other tables use (1 = highest)'),
    ('feedback',        'priority',    'low',         '4',            'text priorities on the 1..5 scale other tables use (1 = highest)')
ON CONFLICT (table_name, column_name, legacy_value) DO NOTHING;

-- ---------------------------------------------------------------------------------------------
-- What the schema is expected to hold after the migrations (0001-0010 and functions/): what
-- claude.check_health() reports as drift when it is missing or not validated. Constraints and
-- indexes are matched as the migrations find them: foreign keys by their column and referenced
-- table, plain indexes by their columns (any name), the rest by name. The registry's CHECKs are
-- derived from claude.column_registry and checked from it. Later migrations add their own rows.
CREATE TABLE IF NOT EXISTS claude.schema_expectations (
    object_type text NOT NULL CHECK (object_type IN ('check', 'foreign_key', 'index', 'unique_index', 'not_null', 'trigger', 'function')),
    table_name  text NOT NULL,
    object_name text NOT NULL,
    columns     text[],
    ref_table   text,
    definition  text,
    PRIMARY KEY (object_type, table_name, object_name)
);
COMMENT ON TABLE claude.schema_expectations IS
    'Objects the toolkit expects in schema claude (constraints, indexes, NOT NULL rules, triggers, API functions), read by claude.check_health() to report drift. foreign_key: matched by columns[1] and ref_table; index: by columns when given, else by name; definition: what claude.upgrade_constraints() creates a missing index with. table_name is '''' for functions.';

INSERT INTO claude.schema_expectations (object_type, table_name, object_name, columns, ref_table, definition) VALUES
    ('check', 'activity_feed', 'activity_feed_required_check', NULL, NULL, NULL),
    ('check', 'agent_sessions', 'agent_sessions_completed_after_spawn_check', NULL, NULL, NULL),
    ('check', 'identities', 'identities_capabilities_object_check', NULL, NULL, NULL),
    ('check', 'identities', 'identities_name_required_check', NULL, NULL, NULL),
    ('check', 'identities', 'identities_platform_required_check', NULL, NULL, NULL),
    ('check', 'identities', 'identities_status_required_check', NULL, NULL, NULL),
    ('check', 'job_run_history', 'job_run_history_completed_after_start_check', NULL, NULL, NULL),
    ('check', 'job_run_history', 'job_run_history_duration_check', NULL, NULL, NULL),
    ('check', 'job_run_history', 'job_run_history_job_required_check', NULL, NULL, NULL),
    ('check', 'job_run_history', 'job_run_history_started_required_check', NULL, NULL, NULL),
    ('check', 'job_run_history', 'job_run_history_status_required_check', NULL, NULL, NULL),
    ('check', 'knowledge', 'knowledge_confidence_range_check', NULL, NULL, NULL),
    ('check', 'knowledge', 'knowledge_confidence_required_check', NULL, NULL, NULL),
    ('check', 'knowledge', 'knowledge_counts_check', NULL, NULL, NULL),
    ('check', 'knowledge', 'knowledge_description_required_check', NULL, NULL, NULL),
    ('check', 'knowledge', 'knowledge_title_required_check', NULL, NULL, NULL),
    ('check', 'knowledge', 'knowledge_type_required_check', NULL, NULL, NULL),
    ('check', 'messages', 'messages_body_required_check', NULL, NULL, NULL),
    ('check', 'messages', 'messages_one_recipient_check', NULL, NULL, NULL),
    ('check', 'messages', 'messages_priority_required_check', NULL, NULL, NULL),
    ('check', 'messages', 'messages_sender_required_check', NULL, NULL, NULL),
    ('check', 'messages', 'messages_status_required_check', NULL, NULL, NULL),
    ('check', 'messages', 'messages_subject_required_check', NULL, NULL, NULL),
    ('check', 'messages', 'messages_type_required_check', NULL, NULL, NULL),
    ('check', 'projects', 'projects_name_required_check', NULL, NULL, NULL),
    ('check', 'reminders', 'reminders_check_after_required_check', NULL, NULL, NULL),
    ('check', 'reminders', 'reminders_condition_required_check', NULL, NULL, NULL),
    ('check', 'reminders', 'reminders_counts_check', NULL, NULL, NULL),
    ('check', 'reminders', 'reminders_status_required_check', NULL, NULL, NULL),
    ('check', 'reminders', 'reminders_title_required_check', NULL, NULL, NULL),
    ('check', 'scheduled_jobs', 'scheduled_jobs_active_required_check', NULL, NULL, NULL),
    ('check', 'scheduled_jobs', 'scheduled_jobs_counts_check', NULL, NULL, NULL),
    ('check', 'scheduled_jobs', 'scheduled_jobs_max_retries_check', NULL, NULL, NULL),
    ('check', 'scheduled_jobs', 'scheduled_jobs_name_required_check', NULL, NULL, NULL),
    ('check', 'scheduled_jobs', 'scheduled_jobs_priority_range_check', NULL, NULL, NULL),
    ('check', 'scheduled_jobs', 'scheduled_jobs_priority_required_check', NULL, NULL, NULL),
    ('check', 'scheduled_jobs', 'scheduled_jobs_schedule_required_check', NULL, NULL, NULL),
    ('check', 'scheduled_jobs', 'scheduled_jobs_timeout_range_check', NULL, NULL, NULL),
    ('check', 'scheduled_jobs', 'scheduled_jobs_trigger_condition_object_check', NULL, NULL, NULL),
    ('check', 'scheduled_jobs', 'scheduled_jobs_trigger_type_required_check', NULL, NULL, NULL),
    ('check', 'scheduled_jobs', 'scheduled_jobs_type_required_check', NULL, NULL, NULL),
    ('check', 'sessions', 'sessions_end_after_start_check', NULL, NULL, NULL),
    ('check', 'sessions', 'sessions_identity_required_check', NULL, NULL, NULL),
    ('check', 'sessions', 'sessions_project_required_check', NULL, NULL, NULL),
    ('check', 'sessions', 'sessions_start_required_check', NULL, NULL, NULL),
    ('check', 'sessions', 'sessions_status_matches_end_check', NULL, NULL, NULL),
    ('check', 'sessions', 'sessions_status_required_check', NULL, NULL, NULL),
    ('check', 'sessions', 'sessions_summary_required_check', NULL, NULL, NULL),
    ('foreign_key', 'agent_sessions', 'agent_sessions_parent_fkey', ARRAY['parent_session_id'], 'sessions', NULL),
    ('foreign_key', 'architecture_decisions', 'architecture_decisions_created_session_id_fkey', ARRAY['created_session_id'], 'sessions', NULL),
    ('foreign_key', 'architecture_decisions', 'architecture_decisions_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'architecture_decisions', 'architecture_decisions_superseded_by_id_fkey', ARRAY['superseded_by_id'], 'architecture_decisions', NULL),
    ('foreign_key', 'async_tasks', 'async_tasks_agent_session_id_fkey', ARRAY['agent_session_id'], 'agent_sessions', NULL),
    ('foreign_key', 'async_tasks', 'async_tasks_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'audit_schedule', 'audit_schedule_last_audit_id_fkey', ARRAY['last_audit_id'], 'compliance_audits', NULL),
    ('foreign_key', 'audit_schedule', 'audit_schedule_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'build_tasks', 'fk_build_tasks_component', ARRAY['component_id'], 'components', NULL),
    ('foreign_key', 'build_tasks', 'fk_build_tasks_feature', ARRAY['feature_id'], 'features', NULL),
    ('foreign_key', 'build_tasks', 'fk_build_tasks_project', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'build_tasks', 'fk_build_tasks_session', ARRAY['created_session_id'], 'sessions', NULL),
    ('foreign_key', 'capability_usage', 'capability_usage_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'compliance_audits', 'compliance_audits_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'compliance_audits', 'compliance_audits_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'components', 'fk_components_feature', ARRAY['feature_id'], 'features', NULL),
    ('foreign_key', 'components', 'fk_components_project', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'config_deployment_log', 'config_deployment_log_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'config_deployment_log', 'config_deployment_log_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'config_deployment_log', 'config_deployment_log_template_id_fkey', ARRAY['template_id'], 'config_templates', NULL),
    ('foreign_key', 'document_projects', 'document_projects_document_id_fkey', ARRAY['document_id'], 'documents', NULL),
    ('foreign_key', 'document_projects', 'document_projects_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'enforcement_log', 'enforcement_log_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'feature_usage', 'feature_usage_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'feature_usage', 'feature_usage_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'features', 'fk_features_project', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'features', 'fk_features_session', ARRAY['created_session_id'], 'sessions', NULL),
    ('foreign_key', 'feedback', 'fk_feedback_project', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'feedback', 'fk_feedback_session', ARRAY['created_session_id'], 'sessions', NULL),
    ('foreign_key', 'feedback_comments', 'fk_feedback_comments_feedback', ARRAY['feedback_id'], 'feedback', NULL),
    ('foreign_key', 'feedback_screenshots', 'feedback_screenshots_feedback_id_fkey', ARRAY['feedback_id'], 'feedback', NULL),
    ('foreign_key', 'ideas', 'ideas_created_session_id_fkey', ARRAY['created_session_id'], 'sessions', NULL),
    ('foreign_key', 'ideas', 'ideas_feature_id_fkey', ARRAY['feature_id'], 'features', NULL),
    ('foreign_key', 'ideas', 'ideas_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'job_run_history', 'job_run_history_job_id_fkey', ARRAY['job_id'], 'scheduled_jobs', NULL),
    ('foreign_key', 'job_run_history', 'job_run_history_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'knowledge', 'knowledge_learned_by_identity_id_fkey', ARRAY['learned_by_identity_id'], 'identities', NULL),
    ('foreign_key', 'knowledge_retrieval_log', 'knowledge_retrieval_log_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'mcp_configs', 'mcp_configs_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'mcp_usage', 'mcp_usage_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'messages', 'messages_from_session_id_fkey', ARRAY['from_session_id'], 'sessions', NULL),
    ('foreign_key', 'messages', 'messages_parent_message_id_fkey', ARRAY['parent_message_id'], 'messages', NULL),
    ('foreign_key', 'messages', 'messages_to_session_id_fkey', ARRAY['to_session_id'], 'sessions', NULL),
    ('foreign_key', 'phases', 'phases_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'pm_tasks', 'pm_tasks_created_session_id_fkey', ARRAY['created_session_id'], 'sessions', NULL),
    ('foreign_key', 'pm_tasks', 'pm_tasks_phase_id_fkey', ARRAY['phase_id'], 'phases', NULL),
    ('foreign_key', 'pm_tasks', 'pm_tasks_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'process_classification_log', 'process_classification_log_process_id_fkey', ARRAY['process_id'], 'process_registry', NULL),
    ('foreign_key', 'process_classification_log', 'process_classification_log_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'process_dependencies', 'process_dependencies_depends_on_process_id_fkey', ARRAY['depends_on_process_id'], 'process_registry', NULL),
    ('foreign_key', 'process_dependencies', 'process_dependencies_process_id_fkey', ARRAY['process_id'], 'process_registry', NULL),
    ('foreign_key', 'process_runs', 'process_runs_process_id_fkey', ARRAY['process_id'], 'process_registry', NULL),
    ('foreign_key', 'process_runs', 'process_runs_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'process_steps', 'process_steps_process_id_fkey', ARRAY['process_id'], 'process_registry', NULL),
    ('foreign_key', 'process_triggers', 'process_triggers_process_id_fkey', ARRAY['process_id'], 'process_registry', NULL),
    ('foreign_key', 'project_command_assignments', 'project_command_assignments_command_id_fkey', ARRAY['command_id'], 'shared_commands', NULL),
    ('foreign_key', 'project_command_assignments', 'project_command_assignments_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'project_config_assignments', 'project_config_assignments_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'project_config_assignments', 'project_config_assignments_template_id_fkey', ARRAY['template_id'], 'config_templates', NULL),
    ('foreign_key', 'project_docs', 'project_docs_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'projects', 'projects_program_id_fkey', ARRAY['program_id'], 'programs', NULL),
    ('foreign_key', 'requirements', 'fk_requirements_feature', ARRAY['feature_id'], 'features', NULL),
    ('foreign_key', 'requirements', 'fk_requirements_project', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'requirements', 'fk_requirements_session', ARRAY['created_session_id'], 'sessions', NULL),
    ('foreign_key', 'reviewer_runs', 'reviewer_runs_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'reviewer_runs', 'reviewer_runs_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'reviewer_runs', 'reviewer_runs_spec_id_fkey', ARRAY['spec_id'], 'reviewer_specs', NULL),
    ('foreign_key', 'scheduled_jobs', 'scheduled_jobs_created_by_identity_id_fkey', ARRAY['created_by_identity_id'], 'identities', NULL),
    ('foreign_key', 'scheduled_jobs', 'scheduled_jobs_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'session_state', 'session_state_identity_id_fkey', ARRAY['identity_id'], 'identities', NULL),
    ('foreign_key', 'session_state', 'session_state_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'session_state', 'session_state_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'sessions', 'sessions_identity_id_fkey', ARRAY['identity_id'], 'identities', NULL),
    ('foreign_key', 'sessions', 'sessions_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'test_runs', 'test_runs_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'test_runs', 'test_runs_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'work_tasks', 'work_tasks_assigned_identity_id_fkey', ARRAY['assigned_identity_id'], 'identities', NULL),
    ('foreign_key', 'work_tasks', 'work_tasks_created_session_id_fkey', ARRAY['created_session_id'], 'sessions', NULL),
    ('foreign_key', 'work_tasks', 'work_tasks_project_id_fkey', ARRAY['project_id'], 'projects', NULL),
    ('foreign_key', 'workflow_state', 'workflow_state_process_id_fkey', ARRAY['process_id'], 'process_registry', NULL),
    ('foreign_key', 'workflow_state', 'workflow_state_run_id_fkey', ARRAY['run_id'], 'process_runs', NULL),
    ('foreign_key', 'workflow_state', 'workflow_state_session_id_fkey', ARRAY['session_id'], 'sessions', NULL),
    ('foreign_key', 'workspaces', 'workspaces_identity_fkey', ARRAY['added_by_identity_id'], 'identities', NULL),
    ('index', 'actions', 'idx_actions_context', ARRAY['context', 'sort_order'], NULL, 'USING btree (context, sort_order)'),
    ('index', 'activity_feed', 'idx_activity_feed_created', ARRAY['created_at'], NULL, 'USING btree (created_at DESC)'),
    ('index', 'activity_feed', 'idx_activity_feed_project_lower', NULL, NULL, 'USING btree (lower((project_name)::text), created_at DESC)'),
    ('index', 'activity_feed', 'idx_activity_feed_source', ARRAY['source_type', 'source_id', 'created_at'], NULL, 'USING btree (source_type, source_id, created_at DESC)'),
    ('index', 'activity_feed_archive', 'idx_activity_feed_archive_created', ARRAY['created_at'], NULL, 'USING btree (created_at DESC)'),
    ('index', 'agent_sessions', 'idx_agent_sessions_parent', ARRAY['parent_session_id'], NULL, 'USING btree (parent_session_id)'),
    ('index', 'architecture_decisions', 'idx_architecture_decisions_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'architecture_decisions', 'idx_architecture_decisions_session', ARRAY['created_session_id'], NULL, 'USING btree (created_session_id)'),
    ('index', 'architecture_decisions', 'idx_architecture_decisions_superseded_by', ARRAY['superseded_by_id'], NULL, 'USING btree (superseded_by_id)'),
    ('index', 'async_tasks', 'idx_async_tasks_agent_session', ARRAY['agent_session_id'], NULL, 'USING btree (agent_session_id)'),
    ('index', 'async_tasks', 'idx_async_tasks_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'audit_schedule', 'idx_audit_schedule_last_audit', ARRAY['last_audit_id'], NULL, 'USING btree (last_audit_id)'),
    ('index', 'audit_schedule', 'idx_audit_schedule_next_due', ARRAY['next_due_at'], NULL, 'USING btree (next_due_at)'),
    ('index', 'audit_schedule', 'idx_audit_schedule_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'build_tasks', 'idx_build_tasks_component', ARRAY['component_id'], NULL, 'USING btree (component_id)'),
    ('index', 'build_tasks', 'idx_build_tasks_feature', ARRAY['feature_id'], NULL, 'USING btree (feature_id)'),
    ('index', 'build_tasks', 'idx_build_tasks_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'capability_usage', 'idx_capability_usage_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'column_registry_history', 'idx_column_registry_history_column', ARRAY['table_name', 'column_name', 'changed_at'], NULL, 'USING btree (table_name, column_name, changed_at)'),
    ('index', 'compliance_audits', 'idx_compliance_audits_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'compliance_audits', 'idx_compliance_audits_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'components', 'idx_components_feature', ARRAY['feature_id'], NULL, 'USING btree (feature_id)'),
    ('index', 'config_deployment_log', 'idx_config_deployment_log_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'config_deployment_log', 'idx_config_deployment_log_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'config_deployment_log', 'idx_config_deployment_log_template', ARRAY['template_id'], NULL, 'USING btree (template_id)'),
    ('index', 'document_projects', 'idx_document_projects_document', ARRAY['document_id'], NULL, 'USING btree (document_id)'),
    ('index', 'document_projects', 'idx_document_projects_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'enforcement_log', 'idx_enforcement_log_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'feature_usage', 'idx_feature_usage_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'feature_usage', 'idx_feature_usage_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'features', 'idx_features_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'features', 'idx_features_status', ARRAY['status'], NULL, 'USING btree (status)'),
    ('index', 'feedback', 'idx_feedback_open_by_project', NULL, NULL, 'USING btree (project_id) WHERE ((status)::text = ANY ((ARRAY[''new''::character varying, ''triaged''::character varying, ''in_progress''::character varying])::text[]))'),
    ('index', 'feedback', 'idx_feedback_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'feedback', 'idx_feedback_status', ARRAY['status'], NULL, 'USING btree (status)'),
    ('index', 'feedback_comments', 'idx_feedback_comments_feedback', ARRAY['feedback_id'], NULL, 'USING btree (feedback_id)'),
    ('index', 'feedback_screenshots', 'idx_feedback_screenshots_feedback', ARRAY['feedback_id'], NULL, 'USING btree (feedback_id)'),
    ('index', 'hook_events', 'hook_events_received_at_idx', ARRAY['received_at'], NULL, 'USING btree (received_at)'),
    ('index', 'ideas', 'idx_ideas_created_session', ARRAY['created_session_id'], NULL, 'USING btree (created_session_id)'),
    ('index', 'ideas', 'idx_ideas_feature', ARRAY['feature_id'], NULL, 'USING btree (feature_id)'),
    ('index', 'ideas', 'idx_ideas_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'identities', 'idx_identities_name', ARRAY['identity_name'], NULL, 'USING btree (identity_name)'),
    ('index', 'job_run_history', 'idx_job_run_history_job', ARRAY['job_id', 'started_at'], NULL, 'USING btree (job_id, started_at DESC)'),
    ('index', 'job_run_history', 'idx_job_run_history_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'knowledge', 'idx_knowledge_fts', NULL, NULL, 'USING gin (to_tsvector(''english''::regconfig, ((COALESCE((title)::text, ''''::text) || '' ''::text) || COALESCE(description, ''''::text))))'),
    ('index', 'knowledge', 'idx_knowledge_type', ARRAY['knowledge_type'], NULL, 'USING btree (knowledge_type)'),
    ('index', 'knowledge_retrieval_log', 'idx_knowledge_retrieval_log_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'mcp_configs', 'idx_mcp_configs_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'mcp_usage', 'idx_mcp_usage_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'mcp_usage_stats', 'idx_mcp_usage_stats_server_tool', ARRAY['mcp_server', 'tool_name'], NULL, 'USING btree (mcp_server, tool_name)'),
    ('index', 'messages', 'idx_messages_expiring', NULL, NULL, 'USING btree (expires_at) WHERE ((status)::text = ANY (ARRAY[''pending''::text, ''read''::text]))'),
    ('index', 'messages', 'idx_messages_from_session', ARRAY['from_session_id'], NULL, 'USING btree (from_session_id)'),
    ('index', 'messages', 'idx_messages_pending_project', NULL, NULL, 'USING btree (lower((to_project)::text), created_at) WHERE ((status)::text = ''pending''::text)'),
    ('index', 'messages', 'idx_messages_pending_session', NULL, NULL, 'USING btree (to_session_id, created_at) WHERE ((status)::text = ''pending''::text)'),
    ('index', 'phases', 'idx_phases_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'pm_tasks', 'idx_pm_tasks_created_session', ARRAY['created_session_id'], NULL, 'USING btree (created_session_id)'),
    ('index', 'pm_tasks', 'idx_pm_tasks_phase', ARRAY['phase_id'], NULL, 'USING btree (phase_id)'),
    ('index', 'pm_tasks', 'idx_pm_tasks_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'process_classification_log', 'idx_process_classification_log_process', ARRAY['process_id'], NULL, 'USING btree (process_id)'),
    ('index', 'process_classification_log', 'idx_process_classification_log_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'process_dependencies', 'idx_process_dependencies_depends_on', ARRAY['depends_on_process_id'], NULL, 'USING btree (depends_on_process_id)'),
    ('index', 'process_dependencies', 'idx_process_dependencies_process', ARRAY['process_id'], NULL, 'USING btree (process_id)'),
    ('index', 'process_runs', 'idx_process_runs_process', ARRAY['process_id'], NULL, 'USING btree (process_id)'),
    ('index', 'process_runs', 'idx_process_runs_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'process_steps', 'idx_process_steps_process', ARRAY['process_id', 'step_number'], NULL, 'USING btree (process_id, step_number)'),
    ('index', 'process_triggers', 'idx_process_triggers_process', ARRAY['process_id'], NULL, 'USING btree (process_id)'),
    ('index', 'project_command_assignments', 'idx_project_command_assignments_command', ARRAY['command_id'], NULL, 'USING btree (command_id)'),
    ('index', 'project_command_assignments', 'idx_project_command_assignments_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'project_config_assignments', 'idx_project_config_assignments_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'project_config_assignments', 'idx_project_config_assignments_template', ARRAY['template_id'], NULL, 'USING btree (template_id)'),
    ('index', 'project_docs', 'idx_project_docs_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'projects', 'idx_projects_name', ARRAY['project_name'], NULL, 'USING btree (project_name)'),
    ('index', 'projects', 'idx_projects_program', ARRAY['program_id'], NULL, 'USING btree (program_id)'),
    ('index', 'reminders', 'idx_reminders_due', NULL, NULL, 'USING btree (check_after) WHERE ((status)::text = ''pending''::text)'),
    ('index', 'requirements', 'idx_requirements_feature', ARRAY['feature_id'], NULL, 'USING btree (feature_id)'),
    ('index', 'reviewer_runs', 'idx_reviewer_runs_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'reviewer_runs', 'idx_reviewer_runs_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'reviewer_runs', 'idx_reviewer_runs_spec', ARRAY['spec_id'], NULL, 'USING btree (spec_id)'),
    ('index', 'scheduled_jobs', 'idx_scheduled_jobs_due', NULL, NULL, 'USING btree (priority, next_run) WHERE is_active'),
    ('index', 'scheduled_jobs', 'idx_scheduled_jobs_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'session_state', 'idx_session_state_identity', ARRAY['identity_id'], NULL, 'USING btree (identity_id)'),
    ('index', 'session_state', 'idx_session_state_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'session_state', 'idx_session_state_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'sessions', 'idx_sessions_identity', ARRAY['identity_id'], NULL, 'USING btree (identity_id)'),
    ('index', 'sessions', 'idx_sessions_open', NULL, NULL, 'USING btree (session_start) WHERE (session_end IS NULL)'),
    ('index', 'sessions', 'idx_sessions_project', ARRAY['project_name'], NULL, 'USING btree (project_name)'),
    ('index', 'sessions', 'idx_sessions_project_id', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'sessions', 'idx_sessions_start', ARRAY['session_start'], NULL, 'USING btree (session_start DESC)'),
    ('index', 'test_runs', 'idx_test_runs_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'test_runs', 'idx_test_runs_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'work_tasks', 'idx_work_tasks_assigned_identity', ARRAY['assigned_identity_id'], NULL, 'USING btree (assigned_identity_id)'),
    ('index', 'work_tasks', 'idx_work_tasks_created_session', ARRAY['created_session_id'], NULL, 'USING btree (created_session_id)'),
    ('index', 'work_tasks', 'idx_work_tasks_project', ARRAY['project_id'], NULL, 'USING btree (project_id)'),
    ('index', 'workflow_state', 'idx_workflow_state_process', ARRAY['process_id'], NULL, 'USING btree (process_id)'),
    ('index', 'workflow_state', 'idx_workflow_state_run', ARRAY['run_id'], NULL, 'USING btree (run_id)'),
    ('index', 'workflow_state', 'idx_workflow_state_session', ARRAY['session_id'], NULL, 'USING btree (session_id)'),
    ('index', 'workspaces', 'idx_workspaces_added_by', ARRAY['added_by_identity_id'], NULL, 'USING btree (added_by_identity_id)'),
    ('unique_index', 'agent_sessions', 'agent_sessions_agent_id_key', NULL, NULL, 'USING btree (agent_id)'),
    ('unique_index', 'build_tasks', 'build_tasks_short_code_key', NULL, NULL, 'USING btree (short_code)'),
    ('unique_index', 'features', 'features_short_code_key', NULL, NULL, 'USING btree (short_code)'),
    ('unique_index', 'feedback', 'feedback_short_code_key', NULL, NULL, 'USING btree (short_code)'),
    ('unique_index', 'identities', 'identities_active_name_unique', NULL, NULL, 'USING btree (lower(btrim((identity_name)::text))) WHERE ((status)::text = ''active''::text)'),
    ('unique_index', 'job_run_history', 'job_run_history_one_running', NULL, NULL, 'USING btree (job_id) WHERE (upper((status)::text) = ''RUNNING''::text)'),
    ('unique_index', 'projects', 'projects_name_unique', NULL, NULL, 'USING btree (lower(btrim((project_name)::text)))'),
    ('unique_index', 'scheduled_jobs', 'scheduled_jobs_name_unique', NULL, NULL, 'USING btree (lower(btrim((job_name)::text)))'),
    ('unique_index', 'sessions', 'sessions_one_active_per_identity', NULL, NULL, 'USING btree (identity_id) WHERE ((status)::text = ''active''::text)'),
    ('trigger', 'activity_feed', 'activity_feed_immutable', NULL, NULL, NULL),
    ('trigger', 'activity_feed', 'activity_feed_no_truncate', NULL, NULL, NULL),
    ('trigger', 'agent_sessions', 'agent_sessions_log_activity', NULL, NULL, NULL),
    ('trigger', 'build_tasks', 'build_tasks_feature_project', NULL, NULL, NULL),
    ('trigger', 'build_tasks', 'build_tasks_log_created', NULL, NULL, NULL),
    ('trigger', 'build_tasks', 'build_tasks_log_status', NULL, NULL, NULL),
    ('trigger', 'build_tasks', 'build_tasks_short_code_immutable', NULL, NULL, NULL),
    ('trigger', 'build_tasks', 'build_tasks_status_timestamps', NULL, NULL, NULL),
    ('trigger', 'column_registry', 'column_registry_history', NULL, NULL, NULL),
    ('trigger', 'column_registry', 'column_registry_refresh_constraints', NULL, NULL, NULL),
    ('trigger', 'column_registry', 'column_registry_touch', NULL, NULL, NULL),
    ('trigger', 'components', 'components_feature_project', NULL, NULL, NULL),
    ('trigger', 'features', 'features_log_created', NULL, NULL, NULL),
    ('trigger', 'features', 'features_log_status', NULL, NULL, NULL),
    ('trigger', 'features', 'features_moved', NULL, NULL, NULL),
    ('trigger', 'features', 'features_short_code_immutable', NULL, NULL, NULL),
    ('trigger', 'features', 'features_status_timestamps', NULL, NULL, NULL),
    ('trigger', 'feedback', 'feedback_log_created', NULL, NULL, NULL),
    ('trigger', 'feedback', 'feedback_log_status', NULL, NULL, NULL),
    ('trigger', 'feedback', 'feedback_short_code_immutable', NULL, NULL, NULL),
    ('trigger', 'feedback', 'feedback_status_timestamps', NULL, NULL, NULL),
    ('trigger', 'identities', 'identities_log_activity', NULL, NULL, NULL),
    ('trigger', 'identities', 'identities_no_delete', NULL, NULL, NULL),
    ('trigger', 'identities', 'identities_no_truncate', NULL, NULL, NULL),
    ('trigger', 'identities', 'identities_unique_active_name', NULL, NULL, NULL),
    ('trigger', 'messages', 'messages_before_write', NULL, NULL, NULL),
    ('trigger', 'messages', 'messages_log_activity', NULL, NULL, NULL),
    ('trigger', 'projects', 'projects_log_registered', NULL, NULL, NULL),
    ('trigger', 'projects', 'projects_unique_name', NULL, NULL, NULL),
    ('trigger', 'reminders', 'reminders_before_write', NULL, NULL, NULL),
    ('trigger', 'requirements', 'requirements_feature_project', NULL, NULL, NULL),
    ('trigger', 'scheduled_jobs', 'scheduled_jobs_before_write', NULL, NULL, NULL),
    ('trigger', 'sessions', 'sessions_before_write', NULL, NULL, NULL),
    ('trigger', 'sessions', 'sessions_log_activity', NULL, NULL, NULL),
    ('function', '', 'abandon_stale_sessions', NULL, NULL, NULL),
    ('function', '', 'acknowledge_message', NULL, NULL, NULL),
    ('function', '', 'add_requirement', NULL, NULL, NULL),
    ('function', '', 'apply_knowledge', NULL, NULL, NULL),
    ('function', '', 'archive_activity', NULL, NULL, NULL),
    ('function', '', 'archive_identity', NULL, NULL, NULL),
    ('function', '', 'broadcast_to_project', NULL, NULL, NULL),
    ('function', '', 'check_reminder', NULL, NULL, NULL),
    ('function', '', 'complete_agent_session', NULL, NULL, NULL),
    ('function', '', 'complete_reminder', NULL, NULL, NULL),
    ('function', '', 'create_build_task', NULL, NULL, NULL),
    ('function', '', 'create_feature', NULL, NULL, NULL),
    ('function', '', 'create_feedback', NULL, NULL, NULL),
    ('function', '', 'create_reminder', NULL, NULL, NULL),
    ('function', '', 'create_scheduled_job', NULL, NULL, NULL),
    ('function', '', 'dismiss_reminder', NULL, NULL, NULL),
    ('function', '', 'end_session', NULL, NULL, NULL),
    ('function', '', 'execute_job', NULL, NULL, NULL),
    ('function', '', 'expire_messages', NULL, NULL, NULL),
    ('function', '', 'get_active_identities', NULL, NULL, NULL),
    ('function', '', 'get_active_session', NULL, NULL, NULL),
    ('function', '', 'get_activity_by_source', NULL, NULL, NULL),
    ('function', '', 'get_due_jobs', NULL, NULL, NULL),
    ('function', '', 'get_due_reminders', NULL, NULL, NULL),
    ('function', '', 'get_pending_messages', NULL, NULL, NULL),
    ('function', '', 'get_recent_activity', NULL, NULL, NULL),
    ('function', '', 'get_sessions', NULL, NULL, NULL),
    ('function', '', 'get_startup_briefing', NULL, NULL, NULL),
    ('function', '', 'get_valid_values', NULL, NULL, NULL),
    ('function', '', 'get_work_item', NULL, NULL, NULL),
    ('function', '', 'log_activity', NULL, NULL, NULL),
    ('function', '', 'mark_message_read', NULL, NULL, NULL),
    ('function', '', 'next_cron_run', NULL, NULL, NULL),
    ('function', '', 'record_knowledge', NULL, NULL, NULL),
    ('function', '', 'refresh_registry_constraints', NULL, NULL, NULL),
    ('function', '', 'register_identity', NULL, NULL, NULL),
    ('function', '', 'reschedule_reminder', NULL, NULL, NULL),
    ('function', '', 'search_knowledge', NULL, NULL, NULL),
    ('function', '', 'send_message', NULL, NULL, NULL),
    ('function', '', 'set_work_item_status', NULL, NULL, NULL),
    ('function', '', 'start_agent_session', NULL, NULL, NULL),
    ('function', '', 'start_session', NULL, NULL, NULL),
    ('function', '', 'update_identity_activity', NULL, NULL, NULL),
    ('function', '', 'update_job_result', NULL, NULL, NULL),
    ('function', '', 'update_knowledge', NULL, NULL, NULL),
    ('function', '', 'check_health', NULL, NULL, NULL),
    ('index', 'repair_log', 'idx_repair_log_row', ARRAY['table_name', 'row_key'], NULL, 'USING btree (table_name, row_key)'),
    ('not_null', 'features', 'features_project_id_not_null', ARRAY['project_id'], NULL, NULL),
    ('not_null', 'feedback', 'feedback_project_id_not_null', ARRAY['project_id'], NULL, NULL)
ON CONFLICT (object_type, table_name, object_name) DO NOTHING;

-- ---------------------------------------------------------------------------------------------
-- Project names match case- and punctuation-insensitively ('ATO-Tax-Agent' = 'ato_tax_agent'), as
-- resolve_project's hint does; NULL when nothing is left to compare.
CREATE OR REPLACE FUNCTION claude.repair_project_key(p_name text)
RETURNS text
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT NULLIF(regexp_replace(lower(p_name), '[^a-z0-9]', '', 'g'), '');
$fn$;
COMMENT ON FUNCTION claude.repair_project_key(text) IS
    'Internal (migrations): the comparison key of a project name: lower case, letters and digits only (NULL when none are left).';

-- One chunk of a repair, in the caller's transaction: sets p_columns[i] = p_values[i] (SQL
-- expressions over alias t) on the rows of claude.<p_table> matching p_condition whose values
-- change, and logs every changed value with its old value. Activity triggers stay quiet
-- (claude.repair_quiet): a repair is not an event of the session or message it touches.
CREATE OR REPLACE FUNCTION claude.repair_rows(p_table text, p_columns text[], p_values text[], p_condition text, p_reasons text[])
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
-- The chunk's rows are updated by their ctid; a hash or merge join would read the whole table for
-- every chunk.
SET enable_hashjoin = off
SET enable_mergejoin = off
AS $fn$
DECLARE
    v_rel regclass := pg_catalog.format('claude.%I', p_table)::regclass;
    v_key text;
    v_select text := '';
    v_differs text := '';
    v_set text := '';
    v_log text := '';
    v_before text := '';
    v_returning text := '';
    r record;
    v_statement text;
    v_row text;
    v_one integer;
    v_count integer;
BEGIN
    SELECT a.attname INTO v_key
      FROM pg_catalog.pg_index i
      JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
     WHERE i.indrelid = v_rel AND i.indisprimary AND i.indnkeyatts = 1;
    IF v_key IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = pg_catalog.format('claude.%s has no single-column primary key, so its repaired rows could not be logged', p_table),
            HINT = 'Add a primary key to the table, then run CALL claude.repair_legacy_data() again.';
    END IF;
    FOR i IN 1 .. pg_catalog.array_length(p_columns, 1) LOOP
        v_select  := v_select  || pg_catalog.format(', (%s) AS new_%s, t.%I AS old_%s', p_values[i], i, p_columns[i], i);
        v_differs := v_differs || pg_catalog.format('%sx.new_%s IS DISTINCT FROM x.old_%s', CASE WHEN i > 1 THEN ' OR ' ELSE '' END, i, i);
        v_set     := v_set     || pg_catalog.format('%s%I = b.new_%s', CASE WHEN i > 1 THEN ', ' ELSE '' END, p_columns[i], i);
    END LOOP;
    -- Every column is compared before and after, so a value a trigger of the table derives from the
    -- repaired ones (updated_at, acknowledged_at, ...) is logged too.
    FOR r IN
        SELECT a.attnum, a.attname::text AS column_name, pg_catalog.array_position(p_columns, a.attname::text) AS repaired
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = v_rel AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum
    LOOP
        v_before    := v_before    || pg_catalog.format(', t.%I AS before_%s', r.column_name, r.attnum);
        v_returning := v_returning || pg_catalog.format(', t.%I AS after_%s', r.column_name, r.attnum);
        v_log       := v_log       || pg_catalog.format('%s(%L, b.before_%s::text, b.after_%s::text, %L)', CASE WHEN v_log = '' THEN '' ELSE ', ' END,
                                                        r.column_name, r.attnum, r.attnum,
                                                        CASE WHEN r.repaired IS NOT NULL THEN COALESCE(p_reasons[r.repaired], p_reasons[1])
                                                             ELSE pg_catalog.format('set by a trigger of claude.%s when the repair changed %s', p_table,
                                                                                    pg_catalog.array_to_string(p_columns, ', ')) END);
    END LOOP;
    v_statement := pg_catalog.format(
        'WITH batch AS (SELECT x.* FROM (SELECT t.ctid AS repair_ctid, t.%1$I AS repair_key %2$s %12$s FROM claude.%3$I t
                                          WHERE (%4$s) AND (%11$s) FOR UPDATE OF t) x
                         WHERE %5$s),
              changed AS (UPDATE claude.%3$I t SET %6$s FROM batch b WHERE t.ctid = b.repair_ctid RETURNING b.* %13$s),
              logged AS (INSERT INTO claude.repair_log (table_name, row_key, column_name, old_value, new_value, reason, migration)
                         SELECT %7$L, b.repair_key::text, v.column_name, v.old_value, v.new_value, v.reason, %9$L
                           FROM changed b
                          CROSS JOIN LATERAL (VALUES %10$s) AS v(column_name, old_value, new_value, reason)
                          WHERE v.old_value IS DISTINCT FROM v.new_value)
         SELECT pg_catalog.count(*)::integer FROM changed',
        v_key, v_select, p_table, p_condition, v_differs, v_set, p_table, NULL, '0010_brownfield_repair', v_log, '/*row filter*/ true',
        v_before, v_returning);
    PERFORM pg_catalog.set_config('claude.repair_quiet', 'on', true);
    BEGIN
        EXECUTE v_statement INTO v_count;
    EXCEPTION WHEN check_violation OR foreign_key_violation OR unique_violation OR not_null_violation
                   OR SQLSTATE 'CD001' OR SQLSTATE 'CD003' OR SQLSTATE 'CD004' THEN
        -- A row that breaks another rule (new values of a row are checked against every rule, also
        -- NOT VALID ones) cannot be repaired here: the rows are tried one by one, that one is skipped.
        v_count := 0;
        FOR v_row IN EXECUTE pg_catalog.format('SELECT x.repair_key::text FROM (SELECT t.%I AS repair_key %s FROM claude.%I t WHERE %s) x WHERE %s',
                                               v_key, v_select, p_table, p_condition, v_differs) LOOP
            BEGIN
                EXECUTE pg_catalog.replace(v_statement, '/*row filter*/ true', pg_catalog.format('t.%I::text = %L', v_key, v_row)) INTO v_one;
                v_count := v_count + v_one;
            EXCEPTION WHEN check_violation OR foreign_key_violation OR unique_violation OR not_null_violation
                           OR SQLSTATE 'CD001' OR SQLSTATE 'CD003' OR SQLSTATE 'CD004' THEN
                RAISE NOTICE 'claude.% row %: not repaired (%): %', p_table, v_row, p_reasons[1], SQLERRM;
            END;
        END LOOP;
    END;
    PERFORM pg_catalog.set_config('claude.repair_quiet', '', true);
    RETURN v_count;
END;
$fn$;
COMMENT ON FUNCTION claude.repair_rows(text, text[], text[], text, text[]) IS
    'Internal (migrations): One chunk of a repair, in the caller''s transaction: sets p_columns[i] = p_values[i] (SQL over alias t) on the rows of claude.<p_table> matching p_condition whose values change, logs each changed value (also those the table''s triggers derive) with its old value and p_reasons[i] in claude.repair_log; activity triggers stay quiet (setting claude.repair_quiet).';

-- A repair over a whole table in chunks of 1024 pages (8 MB), each committed on its own, so row
-- locks are held briefly and no table lock beyond ROW EXCLUSIVE is taken. Procedures that commit
-- cannot carry a SET clause: every name inside is schema-qualified instead.
CREATE OR REPLACE PROCEDURE claude.repair_in_chunks(p_table text, p_columns text[], p_values text[], p_condition text, p_reasons text[],
                                                    INOUT p_changed bigint DEFAULT 0)
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_pages bigint := pg_catalog.pg_relation_size(pg_catalog.format('claude.%I', p_table)::regclass)
                      / pg_catalog.current_setting('block_size')::bigint;
    v_first bigint := 0;
    v_chunk constant bigint := 1024;
BEGIN
    p_changed := COALESCE(p_changed, 0);
    LOOP
        p_changed := p_changed + claude.repair_rows(p_table, p_columns, p_values,
            pg_catalog.format('(%s) AND t.ctid >= ''(%s,0)''::tid AND t.ctid < ''(%s,0)''::tid', p_condition, v_first, v_first + v_chunk),
            p_reasons);
        COMMIT;
        v_first := v_first + v_chunk;
        EXIT WHEN v_first > v_pages;
    END LOOP;
END;
$fn$;
COMMENT ON PROCEDURE claude.repair_in_chunks(text, text[], text[], text, text[], bigint) IS
    'Internal (migrations): Runs claude.repair_rows over claude.<p_table> in chunks of 1024 pages, committing after each, so a repair of a big table holds its row locks briefly; p_changed returns the number of rows changed.';

-- Inserts a row the repair needs (a placeholder identity, a project for unmatched names) and logs it.
CREATE OR REPLACE FUNCTION claude.repair_log_insert(p_table text, p_key text, p_value text, p_reason text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    INSERT INTO claude.repair_log (table_name, row_key, column_name, old_value, new_value, reason, migration)
    VALUES (p_table, p_key, '*', NULL, p_value, p_reason, '0010_brownfield_repair');
END;
$fn$;
COMMENT ON FUNCTION claude.repair_log_insert(text, text, text, text) IS
    'Internal (migrations): Logs a row the brownfield repair inserted (column_name ''*''); such rows are never deleted by claude.undo_repair.';

-- ---------------------------------------------------------------------------------------------
-- Phase 4 of seed 000 before the rules are validated. Each step changes only what the evidence
-- decides, logs every changed value, and is idempotent (a second call changes nothing):
--   1. legacy values with a documented alias (claude.status_aliases), then case variants of a
--      registered value (RUNNING for running, active for Active);
--   2. session project names: a spelling that matches one project case- and punctuation-
--      insensitively takes that project's name and id; names matching no project are registered
--      as projects (the most used spelling) and linked;
--   3. sessions still open p_stale_days after their start are closed as abandoned, ending at their
--      latest evidence (activity feed entries, messages sent, agent sessions already linked to
--      them; else session_start), with a summary saying so (a summary they had is kept);
--   4. closed sessions without identity are linked to the archived placeholder identity
--      'legacy-unknown-identity' (nobody is guessed); closed sessions without status get 'ended',
--      without summary one that says none was recorded (steps 2-4 are one update per session row);
--   5. agent sessions without parent get the session of the same project (workspace folder name)
--      whose time window holds spawned_at, when exactly one does (windows of at most a day, or
--      still open).
-- What is left (values without alias, ambiguous agent sessions, open sessions without identity,
-- rows a rule of another column refuses, ...) is reported by claude.check_health().
CREATE OR REPLACE PROCEDURE claude.repair_legacy_data(p_stale_days integer DEFAULT 7)
LANGUAGE plpgsql
AS $fn$
DECLARE
    r record;
    v_changed bigint;
    v_cases text;
    v_list text;
    v_names text;
    v_ids text;
    v_placeholder uuid;
    v_stale_before timestamp := LOCALTIMESTAMP - pg_catalog.make_interval(days => p_stale_days);
    v_stale text;
    v_closed text;
    v_stale_summary constant text := 'Closed as abandoned by the ClaudeDbKit upgrade (migration 0010): the session was still active %s days after it started and no SessionEnd was recorded. session_end is its latest evidence (activity feed, messages, agent sessions), else its start.';
    v_missing_summary constant text := 'No summary was recorded for this session (added by the ClaudeDbKit upgrade, migration 0010).';
BEGIN
    IF p_stale_days IS NULL OR p_stale_days < 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = pg_catalog.format('stale threshold %s days is not valid', COALESCE(p_stale_days::text, 'NULL')),
            HINT = 'Pass p_stale_days of 1 or more (default 7).';
    END IF;

    -- 1a. Documented aliases, per column that exists here.
    FOR r IN
        SELECT a.table_name, a.column_name, pg_catalog.format_type(c.atttypid, c.atttypmod) AS column_type,
               pg_catalog.string_agg(pg_catalog.format('WHEN %L THEN %L', a.legacy_value, a.canonical_value), ' ' ORDER BY a.legacy_value) AS cases,
               pg_catalog.string_agg(pg_catalog.quote_literal(a.legacy_value), ', ' ORDER BY a.legacy_value) AS legacy_list
          FROM claude.status_aliases a
          JOIN pg_catalog.pg_attribute c
            ON c.attrelid = pg_catalog.to_regclass(pg_catalog.format('claude.%I', a.table_name))
           AND c.attname = a.column_name AND c.attnum > 0 AND NOT c.attisdropped
         GROUP BY 1, 2, 3
         ORDER BY 1, 2
    LOOP
        v_changed := 0;
        CALL claude.repair_in_chunks(r.table_name, ARRAY[r.column_name],
            ARRAY[pg_catalog.format('(CASE t.%I::text %s END)::%s', r.column_name, r.cases, r.column_type)],
            pg_catalog.format('t.%I::text IN (%s)', r.column_name, r.legacy_list),
            ARRAY['legacy value mapped through claude.status_aliases'], v_changed);
        IF v_changed > 0 THEN
            RAISE NOTICE 'claude.%.%: % legacy value(s) mapped through claude.status_aliases', r.table_name, r.column_name, v_changed;
        END IF;
    END LOOP;

    -- 1b. Case variants of a registered text value (only where exactly one registered value matches).
    FOR r IN
        SELECT g.table_name::text AS table_name, g.column_name::text AS column_name, g.valid_values,
               pg_catalog.format_type(c.atttypid, c.atttypmod) AS column_type
          FROM claude.column_registry g
          JOIN pg_catalog.pg_attribute c
            ON c.attrelid = pg_catalog.to_regclass(pg_catalog.format('claude.%I', g.table_name))
           AND c.attname = g.column_name AND c.attnum > 0 AND NOT c.attisdropped
         WHERE pg_catalog.jsonb_typeof(g.valid_values) = 'array'
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.jsonb_array_elements(g.valid_values) AS v(value)
                            WHERE pg_catalog.jsonb_typeof(v.value) <> 'string')
         ORDER BY 1, 2
    LOOP
        EXECUTE pg_catalog.format(
            'SELECT pg_catalog.string_agg(pg_catalog.format(''WHEN %%L THEN %%L'', d.value, m.canonical), '' ''),
                    pg_catalog.string_agg(pg_catalog.quote_literal(d.value), '', '')
               FROM (SELECT DISTINCT t.%1$I::text AS value FROM claude.%2$I t WHERE t.%1$I IS NOT NULL) d
              CROSS JOIN LATERAL (SELECT pg_catalog.min(v.value) AS canonical, pg_catalog.count(*) AS matches
                                    FROM pg_catalog.jsonb_array_elements_text($1) AS v(value)
                                   WHERE pg_catalog.lower(v.value) = pg_catalog.lower(d.value)) m
              WHERE m.matches = 1 AND NOT $1 @> pg_catalog.jsonb_build_array(d.value)',
            r.column_name, r.table_name)
          USING r.valid_values
          INTO v_cases, v_list;
        CONTINUE WHEN v_list IS NULL;
        v_changed := 0;
        CALL claude.repair_in_chunks(r.table_name, ARRAY[r.column_name],
            ARRAY[pg_catalog.format('(CASE t.%I::text %s END)::%s', r.column_name, v_cases, r.column_type)],
            pg_catalog.format('t.%I::text IN (%s)', r.column_name, v_list),
            ARRAY['case variant of a value registered in claude.column_registry'], v_changed);
        RAISE NOTICE 'claude.%.%: % case variant(s) of registered values corrected', r.table_name, r.column_name, v_changed;
    END LOOP;

    -- 2. Session project names that match no project become projects (the most used spelling).
    PERFORM pg_catalog.set_config('claude.repair_quiet', 'on', true);
    FOR r IN
        SELECT n.project_key, (pg_catalog.array_agg(n.project_name ORDER BY n.uses DESC, n.project_name))[1] AS project_name
          FROM (SELECT claude.repair_project_key(d.project_name) AS project_key, pg_catalog.btrim(d.project_name) AS project_name,
                       pg_catalog.sum(d.uses) AS uses
                  FROM (SELECT s.project_name::text AS project_name, pg_catalog.count(*) AS uses FROM claude.sessions s GROUP BY 1) d
                 WHERE claude.repair_project_key(d.project_name) IS NOT NULL
                 GROUP BY 1, 2) n
         WHERE NOT EXISTS (SELECT 1 FROM claude.projects p WHERE claude.repair_project_key(p.project_name) = n.project_key)
         GROUP BY n.project_key
         ORDER BY 2
    LOOP
        INSERT INTO claude.projects (project_id, project_name, status, is_archived, created_at, updated_at)
        VALUES (pg_catalog.gen_random_uuid(), r.project_name, 'active', false, pg_catalog.now(), pg_catalog.now())
        RETURNING project_id INTO v_placeholder;
        PERFORM claude.repair_log_insert('projects', v_placeholder::text, r.project_name,
            'registered by the upgrade: sessions name this project, which matched no registered project');
        RAISE NOTICE 'claude.projects: registered % (sessions named it; no project matched)', r.project_name;
    END LOOP;

    -- 3. The placeholder identity, when a session that is (or is about to be) closed has none.
    v_placeholder := NULL;
    IF EXISTS (SELECT 1 FROM claude.sessions s
                WHERE s.identity_id IS NULL AND (s.session_end IS NOT NULL OR s.session_start < v_stale_before)) THEN
        SELECT i.identity_id INTO v_placeholder FROM claude.identities i WHERE i.identity_name = 'legacy-unknown-identity';
        IF NOT FOUND THEN
            INSERT INTO claude.identities (identity_id, identity_name, platform, role_description, status, created_at)
            VALUES (pg_catalog.gen_random_uuid(), 'legacy-unknown-identity', 'unknown',
                    'Placeholder created by the ClaudeDbKit upgrade (migration 0010) for sessions recorded without an identity, so every session has one without guessing who ran it. Archived: no session starts as it.',
                    'archived', pg_catalog.now())
            RETURNING identity_id INTO v_placeholder;
            PERFORM claude.repair_log_insert('identities', v_placeholder::text, 'legacy-unknown-identity',
                'placeholder identity for sessions recorded without one');
        END IF;
    END IF;
    COMMIT;

    -- 4. Sessions, every rule of a row in one update (a row is checked against all rules, also the
    -- NOT VALID ones, so repairing one column at a time would fail on the others):
    --   * project name variants take their project's name and id (only where one project matches);
    --   * stale sessions are closed as abandoned at their latest evidence, with a summary saying so;
    --   * closed sessions without identity get the placeholder, without status 'ended', without
    --     summary one that says none was recorded.
    SELECT pg_catalog.string_agg(pg_catalog.format('WHEN %L THEN %L', m.spelling, m.project_name), ' '),
           pg_catalog.string_agg(pg_catalog.format('WHEN %L THEN %L::uuid', m.spelling, m.project_id), ' '),
           pg_catalog.string_agg(pg_catalog.quote_literal(m.spelling), ', ')
      INTO v_names, v_ids, v_list
      FROM (SELECT DISTINCT s.project_name::text AS spelling, p.project_name::text AS project_name, p.project_id
              FROM (SELECT DISTINCT project_name FROM claude.sessions) s
              JOIN claude.projects p ON claude.repair_project_key(p.project_name) = claude.repair_project_key(s.project_name)
             WHERE (SELECT pg_catalog.count(*) FROM claude.projects o
                     WHERE claude.repair_project_key(o.project_name) = claude.repair_project_key(s.project_name)) = 1) m;
    v_stale := pg_catalog.format('(t.session_end IS NULL AND t.session_start < %L::timestamp)', v_stale_before);
    v_closed := pg_catalog.format('(t.session_end IS NOT NULL OR %s)', v_stale);
    v_changed := 0;
    CALL claude.repair_in_chunks('sessions',
        ARRAY['project_name', 'project_id', 'identity_id', 'session_end', 'status', 'session_summary'],
        ARRAY[pg_catalog.format('COALESCE(CASE t.project_name::text %s END, t.project_name)', COALESCE(v_names, 'WHEN NULL THEN NULL::text')),
              pg_catalog.format('COALESCE(CASE t.project_name::text %s END, t.project_id)', COALESCE(v_ids, 'WHEN NULL THEN NULL::uuid')),
              pg_catalog.format('CASE WHEN t.identity_id IS NULL AND %s THEN %L::uuid ELSE t.identity_id END', v_closed, v_placeholder),
              pg_catalog.format('CASE WHEN %s THEN GREATEST(t.session_start,
                        (SELECT pg_catalog.max(a.created_at) FROM claude.activity_feed a WHERE a.source_type = ''session'' AND a.source_id = t.session_id),
                        (SELECT pg_catalog.max(m.created_at) FROM claude.messages m WHERE m.from_session_id = t.session_id),
                        (SELECT pg_catalog.max(COALESCE(g.completed_at, g.spawned_at)) FROM claude.agent_sessions g WHERE g.parent_session_id = t.session_id))
                     ELSE t.session_end END', v_stale),
              pg_catalog.format('CASE WHEN %s THEN ''abandoned'' WHEN t.status IS NULL AND t.session_end IS NOT NULL THEN ''ended'' ELSE t.status END', v_stale),
              pg_catalog.format('CASE WHEN NULLIF(pg_catalog.btrim(t.session_summary), '''') IS NOT NULL OR NOT %s THEN t.session_summary WHEN %s THEN %L ELSE %L END',
                                v_closed, v_stale, pg_catalog.format(v_stale_summary, p_stale_days), v_missing_summary)],
        pg_catalog.format('t.project_name::text IN (%s) OR %s OR (t.identity_id IS NULL AND %s) OR (t.status IS NULL AND t.session_end IS NOT NULL)
                           OR (t.session_end IS NOT NULL AND NULLIF(pg_catalog.btrim(t.session_summary), '''') IS NULL)',
                          COALESCE(v_list, 'NULL'), v_stale, v_closed),
        ARRAY['project name variant mapped to its project (case- and punctuation-insensitive)',
              'project name variant mapped to its project (case- and punctuation-insensitive)',
              'no identity recorded: linked to the placeholder identity legacy-unknown-identity',
              pg_catalog.format('stale: still active %s days after its start without a SessionEnd; closed at its latest evidence', p_stale_days),
              'status derived: abandoned for a stale session closed by the upgrade, ended for a closed session without status',
              'closed session without a summary: the summary says so (or why the upgrade closed it)'],
        v_changed);
    RAISE NOTICE 'claude.sessions: % session(s) repaired', v_changed;

    -- 5. Agent sessions: the parent when exactly one session of the same project was open at spawn time.
    v_changed := 0;
    CALL claude.repair_in_chunks('agent_sessions', ARRAY['parent_session_id'],
        ARRAY['(SELECT pg_catalog.min(w.session_id::text)::uuid
                  FROM (SELECT s.session_id, s.project_name FROM claude.sessions s
                         WHERE s.session_end IS NULL AND s.session_start <= t.spawned_at
                        UNION ALL
                        SELECT s.session_id, s.project_name FROM claude.sessions s
                         WHERE s.session_start BETWEEN t.spawned_at - interval ''1 day'' AND t.spawned_at AND s.session_end >= t.spawned_at) w
                 WHERE claude.repair_project_key(w.project_name) = claude.repair_project_key(pg_catalog.regexp_replace(t.workspace_dir, ''^.*[\\/]'', ''''))
                HAVING pg_catalog.count(*) = 1)'],
        't.parent_session_id IS NULL AND t.spawned_at IS NOT NULL AND t.workspace_dir IS NOT NULL',
        ARRAY['parent: the only session of the same project whose time window holds spawned_at'], v_changed);
    RAISE NOTICE 'claude.agent_sessions: % agent session(s) linked to their parent session', v_changed;
END;
$fn$;
COMMENT ON PROCEDURE claude.repair_legacy_data(integer) IS
    'Repairs legacy rows before their rules are validated (seed 000 phase 4), in committed chunks, logging every changed value in claude.repair_log: documented aliases and case variants of registered values, session project name variants, stale sessions closed as abandoned at their latest evidence, the placeholder identity for closed sessions without one, status and a says-so summary for closed sessions without them, unambiguous agent session parents. Idempotent; what it cannot decide is left and reported by claude.check_health().';

-- ---------------------------------------------------------------------------------------------
-- Phases 1-2 of seed 000 once the rows are repaired: every NOT VALID foreign key and CHECK of schema
-- claude is validated in its own transaction (VALIDATE takes SHARE UPDATE EXCLUSIVE: reads and
-- writes go on); one that old rows still break stays NOT VALID (new writes are checked) with a
-- NOTICE. NOT NULL rules stay validated CHECKs (SET NOT NULL would take ACCESS EXCLUSIVE). Expected
-- indexes that are missing (a unique index the data once did not allow, an index dropped by hand)
-- are created when no index on the same columns exists, each in its own transaction.
CREATE OR REPLACE PROCEDURE claude.upgrade_constraints()
LANGUAGE plpgsql
AS $fn$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.conrelid::regclass AS rel, c.conname::text AS conname
          FROM pg_catalog.pg_constraint c
         WHERE c.connamespace = 'claude'::regnamespace AND NOT c.convalidated AND c.contype IN ('c', 'f')
         ORDER BY 1, 2
    LOOP
        BEGIN
            EXECUTE pg_catalog.format('ALTER TABLE %s VALIDATE CONSTRAINT %I', r.rel, r.conname);
        EXCEPTION WHEN check_violation OR foreign_key_violation THEN
            RAISE NOTICE '%: existing rows still break %; it stays NOT VALID (new writes are checked), see claude.check_health()', r.rel, r.conname;
        END;
        COMMIT;
    END LOOP;

    FOR r IN
        SELECT e.object_type, e.table_name, e.object_name, e.definition
          FROM claude.schema_expectations e
         WHERE e.object_type IN ('index', 'unique_index') AND e.definition IS NOT NULL
           AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c  -- a view the user kept under a table's name is left alone (0008)
                        WHERE c.oid = pg_catalog.to_regclass(pg_catalog.format('claude.%I', e.table_name)) AND c.relkind IN ('r', 'p'))
           AND pg_catalog.to_regclass(pg_catalog.format('claude.%I', e.object_name)) IS NULL
           AND NOT (e.object_type = 'index' AND e.columns IS NOT NULL AND claude.index_on_columns_exists(e.table_name, e.columns))
         ORDER BY 2, 3
    LOOP
        BEGIN
            EXECUTE pg_catalog.format('CREATE %s INDEX %I ON claude.%I %s',
                                      CASE WHEN r.object_type = 'unique_index' THEN 'UNIQUE' ELSE '' END, r.object_name, r.table_name, r.definition);
        EXCEPTION WHEN unique_violation OR undefined_column OR undefined_function OR datatype_mismatch THEN
            RAISE NOTICE 'claude.%: index % not created (%), see claude.check_health()', r.table_name, r.object_name, SQLERRM;
        END;
        COMMIT;
    END LOOP;
END;
$fn$;
COMMENT ON PROCEDURE claude.upgrade_constraints() IS
    'Validates every NOT VALID foreign key and CHECK of schema claude, each in its own transaction (rows that still break one leave it NOT VALID, with a NOTICE), and creates expected indexes that are missing (claude.schema_expectations) where no index on the same columns exists. Idempotent.';

-- True when claude.<table> has a plain index whose leading key columns are exactly p_columns (any
-- name): the way migration_ensure_index finds an existing index.
CREATE OR REPLACE FUNCTION claude.index_on_columns_exists(p_table text, p_columns text[])
RETURNS boolean
LANGUAGE sql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT EXISTS (
        SELECT 1
          FROM pg_catalog.pg_index i
         WHERE i.indrelid = pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_table))
           AND i.indexprs IS NULL AND i.indpred IS NULL
           AND i.indnkeyatts = pg_catalog.array_length(p_columns, 1)
           AND (SELECT pg_catalog.array_agg(a.attname::text ORDER BY k.ord)
                  FROM pg_catalog.unnest((pg_catalog.string_to_array(i.indkey::text, ' ')::smallint[])[1:i.indnkeyatts]) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) = p_columns);
$fn$;
COMMENT ON FUNCTION claude.index_on_columns_exists(text, text[]) IS
    'Internal: true when claude.<table> has a plain index (no expression, no predicate) whose key columns are exactly p_columns, whatever its name.';

-- ---------------------------------------------------------------------------------------------
-- Undo: puts back the old values of one repaired row (every column the same repair changed on it,
-- so rules that tie columns together hold), refusing when a value has changed since.
CREATE OR REPLACE PROCEDURE claude.undo_repair(p_repair_id bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_entry claude.repair_log;
    v_rel regclass;
    v_key text;
    v_key_type text;
    v_set text;
    v_current text;
    r record;
BEGIN
    SELECT * INTO v_entry FROM claude.repair_log WHERE repair_id = p_repair_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('repair %s does not exist', COALESCE(p_repair_id::text, 'NULL')),
            HINT = 'SELECT repair_id, table_name, row_key, column_name, old_value, new_value FROM claude.repair_log ORDER BY repair_id;';
    END IF;
    IF v_entry.undone_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003', MESSAGE = format('repair %s was already undone at %s', p_repair_id, v_entry.undone_at),
            HINT = 'Nothing to do: the old value is back.';
    END IF;
    IF v_entry.column_name = '*' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('repair %s inserted claude.%s row %s; rows are never deleted', p_repair_id, v_entry.table_name, v_entry.row_key),
            HINT = 'Undo the repairs that point rows at it instead; archive the row yourself if it is not wanted.';
    END IF;
    v_rel := format('claude.%I', v_entry.table_name)::regclass;
    SELECT a.attname, format_type(a.atttypid, a.atttypmod) INTO v_key, v_key_type
      FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
     WHERE i.indrelid = v_rel AND i.indisprimary;
    v_set := '';
    FOR r IN
        SELECT l.repair_id, l.column_name, l.old_value, l.new_value, format_type(a.atttypid, a.atttypmod) AS column_type
          FROM claude.repair_log l
          JOIN pg_attribute a ON a.attrelid = v_rel AND a.attname = l.column_name
         WHERE l.table_name = v_entry.table_name AND l.row_key = v_entry.row_key AND l.repaired_at = v_entry.repaired_at
           AND l.reason = v_entry.reason AND l.undone_at IS NULL
         ORDER BY l.repair_id
    LOOP
        EXECUTE format('SELECT t.%I::text FROM %s t WHERE t.%I = $1::%s FOR UPDATE', r.column_name, v_rel, v_key, v_key_type)
           INTO v_current USING v_entry.row_key;
        IF v_current IS DISTINCT FROM r.new_value THEN
            RAISE EXCEPTION USING ERRCODE = 'CD003',
                MESSAGE = format('claude.%s %s.%s is %s now, not the repaired value %s: it changed after the repair, so repair %s is not undone',
                                 v_entry.table_name, v_entry.row_key, r.column_name, COALESCE(quote_literal(v_current), 'NULL'),
                                 COALESCE(quote_literal(r.new_value), 'NULL'), r.repair_id),
                HINT = 'Set the value you want with an UPDATE; the repair log keeps the old value for reference.';
        END IF;
        v_set := v_set || format('%s%I = %L::%s', CASE WHEN v_set = '' THEN '' ELSE ', ' END, r.column_name, r.old_value, r.column_type);
        UPDATE claude.repair_log SET undone_at = now() WHERE repair_id = r.repair_id;
    END LOOP;
    BEGIN
        EXECUTE format('UPDATE %s t SET %s WHERE t.%I = $1::%s', v_rel, v_set, v_key, v_key_type) USING v_entry.row_key;
    EXCEPTION WHEN check_violation OR foreign_key_violation OR not_null_violation THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('repair %s is not undone: the old values break a rule validated since (%s)', p_repair_id, SQLERRM),
            HINT = 'The rule now holds for every row; set another value with an UPDATE, or drop the rule first if you really need the old value back.';
    END;
END;
$fn$;
COMMENT ON PROCEDURE claude.undo_repair(bigint) IS
    'Puts back the old values of the row repair p_repair_id changed (with every other column the same repair changed on that row) and marks those log rows undone. CD002 unknown id; CD003 already undone, an inserted row (never deleted), or a value changed since the repair.';

-- ---------------------------------------------------------------------------------------------
-- The repair, then the rules. Both are idempotent: a second deploy of this script changes nothing.
-- The big tables were just rewritten in part by 0005 (status backfill): VACUUM sets the hint bits
-- and the visibility map once, so the chunked scans below read the pages instead of rewriting them.
-- It takes SHARE UPDATE EXCLUSIVE only: reads and writes go on.
VACUUM (ANALYZE) claude.sessions;
VACUUM (ANALYZE) claude.activity_feed;
CALL claude.repair_legacy_data();
CALL claude.upgrade_constraints();
-- Built after the repair rather than maintained row by row during it.
CREATE INDEX IF NOT EXISTS idx_repair_log_row ON claude.repair_log (table_name, row_key);
