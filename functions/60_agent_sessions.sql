-- 60 agent sessions: subagents spawned inside a session (Claude Code SubagentStart/SubagentStop).
-- Keyed by Claude Code's agent_id (text), recorded with their parent session, completed once; the
-- feed shows agent_started and agent_completed once each.

-- Rule: an agent start and an agent completion each appear once in the activity feed (source_type agent).
CREATE OR REPLACE FUNCTION claude.agent_sessions_log_activity()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_project text;
    v_actor text := left(COALESCE(NEW.agent_id, NEW.agent_type, 'agent'), 100);
BEGIN
    IF TG_OP = 'UPDATE' AND NOT (OLD.completed_at IS NULL AND NEW.completed_at IS NOT NULL) THEN
        RETURN NULL;
    END IF;
    SELECT left(s.project_name, 100) INTO v_project FROM claude.sessions s WHERE s.session_id = NEW.parent_session_id;
    IF TG_OP = 'INSERT' THEN
        PERFORM claude.log_activity('agent', NEW.session_id, v_actor, 'agent_started',
                                    left(format('Agent %s started: %s', COALESCE(NEW.agent_type, '(untyped)'), COALESCE(NEW.task_description, '(no task)')), 500),
                                    NULL, v_project, 'info');
    END IF;
    IF NEW.completed_at IS NOT NULL THEN
        PERFORM claude.log_activity('agent', NEW.session_id, v_actor, 'agent_completed',
                                    left(format('Agent %s %s', COALESCE(NEW.agent_type, '(untyped)'),
                                                CASE WHEN NEW.success THEN 'succeeded' ELSE 'failed' END), 500),
                                    COALESCE(NEW.error_message, left(NEW.output_text, 2000)), v_project,
                                    CASE WHEN NEW.success THEN 'success' ELSE 'error' END);
    END IF;
    RETURN NULL;
END;
$fn$;
COMMENT ON FUNCTION claude.agent_sessions_log_activity() IS
    'Trigger function: logs agent_started on insert and agent_completed when completed_at is first set (source_type agent, source_id = agent_sessions.session_id).';

CREATE OR REPLACE TRIGGER agent_sessions_log_activity
    AFTER INSERT OR UPDATE ON claude.agent_sessions
    FOR EACH ROW EXECUTE FUNCTION claude.agent_sessions_log_activity();

-- Rule: an agent is recorded once per agent_id (SubagentStart may fire twice) with an existing parent session.
CREATE OR REPLACE FUNCTION claude.start_agent_session(
    p_agent_id          text,
    p_parent_session_id uuid,
    p_agent_type        text DEFAULT NULL,
    p_task_description  text DEFAULT NULL,
    p_workspace_dir     text DEFAULT NULL,
    p_model             text DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_agent_id text := btrim(p_agent_id);
    v_parent record;
    v_id uuid;
BEGIN
    IF claude.is_blank(v_agent_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'an agent id is required',
            HINT = 'Pass the agent_id of the SubagentStart hook payload, e.g. ''agent-abc123''.';
    END IF;
    IF p_parent_session_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('a parent session id is required for agent %s', v_agent_id),
            HINT = 'Pass the session_id of the hook payload: inside a subagent it is the parent session''s id.';
    END IF;
    IF length(v_agent_id) > 200 OR length(p_agent_type) > 100 OR length(p_model) > 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('agent value too long: agent_id %s, agent_type %s, model %s characters',
                             length(v_agent_id), COALESCE(length(p_agent_type), 0), COALESCE(length(p_model), 0)),
            HINT = 'Limits: agent_id 200, agent_type 100, model 100 characters.';
    END IF;
    SELECT s.session_id, i.identity_name INTO v_parent
      FROM claude.sessions s LEFT JOIN claude.identities i ON i.identity_id = s.identity_id
     WHERE s.session_id = p_parent_session_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('parent session %s of agent %s does not exist', p_parent_session_id, v_agent_id),
            HINT = 'Record the parent session first (claude.start_session with p_session_id).';
    END IF;
    INSERT INTO claude.agent_sessions AS a (session_id, agent_id, parent_session_id, agent_type, task_description, workspace_dir, model, spawned_at, created_by)
    VALUES (gen_random_uuid(), v_agent_id, p_parent_session_id, p_agent_type, p_task_description, p_workspace_dir, p_model, now(), left(v_parent.identity_name, 100))
    ON CONFLICT (agent_id) DO UPDATE
       SET parent_session_id = COALESCE(a.parent_session_id, EXCLUDED.parent_session_id),
           agent_type        = COALESCE(a.agent_type, EXCLUDED.agent_type),
           task_description  = COALESCE(a.task_description, EXCLUDED.task_description),
           workspace_dir     = COALESCE(a.workspace_dir, EXCLUDED.workspace_dir),
           model             = COALESCE(a.model, EXCLUDED.model)
    RETURNING a.session_id INTO v_id;
    RETURN v_id;
END;
$fn$;
COMMENT ON FUNCTION claude.start_agent_session(text, uuid, text, text, text, text) IS
    'Records a spawned agent (upsert on agent_id: a repeated SubagentStart returns the same row and fills only missing fields); returns agent_sessions.session_id. CD005 blank agent id / NULL parent, CD002 unknown parent, CD001 too long.';

-- Rule: an agent completes once (CD003 when already completed) with its outcome.
CREATE OR REPLACE FUNCTION claude.complete_agent_session(
    p_agent_id      text,
    p_success       boolean,
    p_output_text   text DEFAULT NULL,
    p_error_message text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_agent claude.agent_sessions;
BEGIN
    IF claude.is_blank(p_agent_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'an agent id is required',
            HINT = 'Pass the agent_id of the SubagentStop hook payload.';
    END IF;
    IF p_success IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('the outcome of agent %s is required', btrim(p_agent_id)),
            HINT = 'Pass p_success => true or false.';
    END IF;
    SELECT * INTO v_agent FROM claude.agent_sessions a WHERE a.agent_id = btrim(p_agent_id) FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('agent %s does not exist', btrim(p_agent_id)),
            HINT = 'Record it first with claude.start_agent_session(agent_id, parent_session_id).';
    END IF;
    IF v_agent.completed_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('agent %s already completed at %s (%s)', btrim(p_agent_id), v_agent.completed_at,
                             CASE WHEN v_agent.success THEN 'succeeded' ELSE 'failed' END),
            HINT = 'An agent completes once; start a new agent id for a new run.';
    END IF;
    UPDATE claude.agent_sessions a
       SET completed_at = GREATEST(now()::timestamp, a.spawned_at),
           success = p_success,
           output_text = p_output_text,
           error_message = p_error_message
     WHERE a.session_id = v_agent.session_id;
END;
$fn$;
COMMENT ON FUNCTION claude.complete_agent_session(text, boolean, text, text) IS
    'Completes an agent session once (completed_at, success, output, error) and logs agent_completed. CD005 blank id / NULL success, CD002 unknown, CD003 already completed.';
