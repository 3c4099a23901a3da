-- 95 hooks: one function per Claude Code hook event, so a hook makes one round trip. Each takes the
-- event id the hook generated; an event already in claude.hook_events (a replay from the local queue)
-- changes nothing a second time.

-- Rule: an event id is applied at most once; returns false for an event seen before.
CREATE OR REPLACE FUNCTION claude.hook_event_first_seen(p_event_id uuid, p_event_name text, p_session_id uuid, p_occurred_at timestamp)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF p_event_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('a hook event id is required for %s', p_event_name),
            HINT = 'Generate a new uuid per hook event (claudedb hook does).';
    END IF;
    INSERT INTO claude.hook_events (event_id, event_name, session_id, occurred_at)
    VALUES (p_event_id, p_event_name, p_session_id, p_occurred_at)
    ON CONFLICT (event_id) DO NOTHING;
    RETURN FOUND;
END;
$fn$;
COMMENT ON FUNCTION claude.hook_event_first_seen(uuid, text, uuid, timestamp) IS
    'Internal: records a hook event id; false when it was recorded before (a replay), so the event is not applied twice.';

-- Rule: an identity named by a hook (uuid or name, any case) resolves to an existing identity; an unknown name is registered for the hook's platform.
CREATE OR REPLACE FUNCTION claude.resolve_hook_identity(p_identity text)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_name text := NULLIF(pg_catalog.btrim(p_identity), '');
    v_id uuid;
BEGIN
    IF v_name IS NULL THEN
        RETURN NULL;
    END IF;
    IF v_name ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
        SELECT i.identity_id INTO v_id FROM claude.identities i WHERE i.identity_id = v_name::uuid;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('identity %s does not exist', v_name),
                HINT = 'Set CLAUDE_IDENTITY to an identity name or an id from claude.get_active_identities().';
        END IF;
        RETURN v_id;
    END IF;
    SELECT i.identity_id INTO v_id
      FROM claude.identities i
     WHERE lower(i.identity_name) = lower(v_name) AND i.status IS DISTINCT FROM 'archived'
     ORDER BY i.last_active_at DESC NULLS LAST
     LIMIT 1;
    IF FOUND THEN
        RETURN v_id;
    END IF;
    RETURN claude.register_identity(v_name, 'claude-code', 'Registered by a Claude Code session start hook');
END;
$fn$;
COMMENT ON FUNCTION claude.resolve_hook_identity(text) IS
    'Internal: the identity a hook names (uuid: must exist, CD002; name: the active identity of that name in any case, registered for claude-code when unknown); NULL for no name.';

-- Rule: SessionStart records the session (an upsert on Claude''s session id, superseding the identity''s stale session), closes stale sessions, and returns the briefing -- one statement.
CREATE OR REPLACE FUNCTION claude.hook_session_start(
    p_event_id     uuid,
    p_session_id   uuid,
    p_project_name text,
    p_identity     text DEFAULT NULL,
    p_source       text DEFAULT 'startup',
    p_occurred_at  timestamp DEFAULT NULL,
    p_stale_after  interval DEFAULT '12 hours')
RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_project_id uuid;
    v_project claude.projects;
    v_identity_id uuid;
    v_identity_name text;
    v_first boolean;
BEGIN
    IF p_session_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'the SessionStart payload has no session_id',
            HINT = 'Claude Code sends session_id on stdin; pass it as p_session_id.';
    END IF;
    v_project_id := claude.resolve_project(p_project_name, true);
    SELECT * INTO v_project FROM claude.projects p WHERE p.project_id = v_project_id;
    v_first := claude.hook_event_first_seen(p_event_id, 'SessionStart', p_session_id, p_occurred_at);

    IF v_first THEN
        v_identity_id := COALESCE(v_project.default_identity_id, claude.resolve_hook_identity(p_identity));
        IF v_identity_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM claude.sessions s WHERE s.session_id = p_session_id) THEN
            RAISE EXCEPTION USING ERRCODE = 'CD005',
                MESSAGE = format('no identity for project %s: the project has no default identity and none was given', v_project.project_name),
                HINT = 'Set CLAUDE_IDENTITY (a name or id), configure a default identity (claudedb hook --identity), or set projects.default_identity_id.';
        END IF;
        PERFORM claude.abandon_stale_sessions(p_stale_after);
        PERFORM claude.start_session(v_identity_id, v_project.project_name, NULL, p_session_id, true);
    END IF;

    SELECT s.identity_id, i.identity_name INTO v_identity_id, v_identity_name
      FROM claude.sessions s LEFT JOIN claude.identities i ON i.identity_id = s.identity_id
     WHERE s.session_id = p_session_id;
    RETURN claude.get_startup_briefing(p_session_id, v_project.project_name)
        || jsonb_build_object('session_id', p_session_id, 'project_name', v_project.project_name,
                              'identity_id', v_identity_id, 'identity_name', v_identity_name,
                              'source', p_source, 'replayed', NOT v_first);
END;
$fn$;
COMMENT ON FUNCTION claude.hook_session_start(uuid, uuid, text, text, text, timestamp, interval) IS
    'Internal (hook path, wrapped by Invoke-ClaudeHook and claudedb hook): SessionStart hook in one call: project by name (any case; registered when new), identity = project default, else p_identity (name or id; a new name is registered), stale sessions abandoned, the session started or resumed under Claude''s id (superseding the identity''s other active session), then the startup briefing plus session_id, identity and project. An event id seen before changes nothing.';

-- Rule: SessionEnd ends the session with the given or a generated summary, at the time the hook fired; an unknown or already closed session is reported, not an error.
CREATE OR REPLACE FUNCTION claude.hook_session_end(
    p_event_id    uuid,
    p_session_id  uuid,
    p_reason      text DEFAULT 'other',
    p_summary     text DEFAULT NULL,
    p_occurred_at timestamp DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_session claude.sessions;
    v_end timestamp := COALESCE(p_occurred_at, now());
BEGIN
    IF NOT isfinite(v_end) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('occurred_at %s is not a finite timestamp', p_occurred_at),
            HINT = 'Pass when the hook fired, or NULL for now.';
    END IF;
    IF NOT claude.hook_event_first_seen(p_event_id, 'SessionEnd', p_session_id, p_occurred_at) THEN
        RETURN 'replayed';
    END IF;
    SELECT * INTO v_session FROM claude.sessions s WHERE s.session_id = p_session_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'unknown_session';
    END IF;
    IF v_session.status IS DISTINCT FROM 'active' THEN
        RETURN 'already_closed';
    END IF;
    PERFORM claude.end_session(p_session_id,
        COALESCE(NULLIF(pg_catalog.btrim(p_summary), ''),
                 format('Ended by Claude Code (reason: %s) after %s; the session recorded no summary of its own.',
                        COALESCE(NULLIF(pg_catalog.btrim(p_reason), ''), 'other'),
                        date_trunc('second', GREATEST(v_end - v_session.session_start, interval '0')))));
    -- A replayed event ends the session when the hook fired, not when the queue was drained.
    IF p_occurred_at IS NOT NULL THEN
        UPDATE claude.sessions s SET session_end = GREATEST(p_occurred_at, s.session_start)
         WHERE s.session_id = p_session_id AND s.session_end > p_occurred_at;
    END IF;
    RETURN 'ended';
END;
$fn$;
COMMENT ON FUNCTION claude.hook_session_end(uuid, uuid, text, text, timestamp) IS
    'Internal (hook path, wrapped by Invoke-ClaudeHook and claudedb hook): SessionEnd hook in one call: ends the active session with p_summary or a generated one naming the reason and duration, at p_occurred_at when given; returns ended, already_closed, unknown_session or replayed.';

-- Rule: SubagentStart records the agent under its parent session (upsert on agent_id).
CREATE OR REPLACE FUNCTION claude.hook_subagent_start(
    p_event_id          uuid,
    p_agent_id          text,
    p_parent_session_id uuid,
    p_agent_type        text DEFAULT NULL,
    p_workspace_dir     text DEFAULT NULL,
    p_occurred_at       timestamp DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    PERFORM claude.hook_event_first_seen(p_event_id, 'SubagentStart', p_parent_session_id, p_occurred_at);
    RETURN claude.start_agent_session(p_agent_id, p_parent_session_id, p_agent_type, NULL, p_workspace_dir, NULL);
END;
$fn$;
COMMENT ON FUNCTION claude.hook_subagent_start(uuid, text, uuid, text, text, timestamp) IS
    'Internal (hook path, wrapped by Invoke-ClaudeHook and claudedb hook): SubagentStart hook: records the agent (upsert on agent_id, so a repeated or replayed event keeps one row) under the payload''s session_id as parent; returns the agent session id.';

-- Rule: SubagentStop records the outcome once; an agent whose start was never recorded is recorded first.
CREATE OR REPLACE FUNCTION claude.hook_subagent_stop(
    p_event_id          uuid,
    p_agent_id          text,
    p_parent_session_id uuid,
    p_success           boolean DEFAULT true,
    p_output_text       text DEFAULT NULL,
    p_error_message     text DEFAULT NULL,
    p_agent_type        text DEFAULT NULL,
    p_occurred_at       timestamp DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF NOT claude.hook_event_first_seen(p_event_id, 'SubagentStop', p_parent_session_id, p_occurred_at) THEN
        RETURN 'replayed';
    END IF;
    PERFORM claude.start_agent_session(p_agent_id, p_parent_session_id, p_agent_type, NULL, NULL, NULL);
    IF EXISTS (SELECT 1 FROM claude.agent_sessions a WHERE a.agent_id = pg_catalog.btrim(p_agent_id) AND a.completed_at IS NOT NULL) THEN
        RETURN 'already_completed';
    END IF;
    PERFORM claude.complete_agent_session(p_agent_id, COALESCE(p_success, true), p_output_text, p_error_message);
    RETURN 'completed';
END;
$fn$;
COMMENT ON FUNCTION claude.hook_subagent_stop(uuid, text, uuid, boolean, text, text, text, timestamp) IS
    'Internal (hook path, wrapped by Invoke-ClaudeHook and claudedb hook): SubagentStop hook: records the agent''s outcome once (recording the agent first if its start never arrived); returns completed, already_completed or replayed.';
