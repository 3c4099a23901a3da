-- 90 startup briefing (seed 004 "Integration Points", Session Startup Hook): one call, one round
-- trip, one statement (one snapshot): due reminders, pending messages, due jobs (at most 5) and the
-- 10 most recent activity entries of the project, each a JSON array of objects with the field names
-- of get_due_reminders, get_pending_messages, get_due_jobs and get_recent_activity. Reads only:
-- nothing is claimed, marked read or checked.

-- Rule: seed 004 session startup hook -- reminders, messages, jobs (max 5) and activity (10 newest) of the project in one statement; the project must exist (CD002), the session too when given (CD002).
CREATE OR REPLACE FUNCTION claude.get_startup_briefing(p_session_id uuid, p_project_name text)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_project text;
    v_project_id uuid;
BEGIN
    IF claude.is_blank(p_project_name) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a project name is required for the startup briefing',
            HINT = 'Pass the project of the session, e.g. the base name of the working directory.';
    END IF;
    v_project_id := claude.resolve_project(p_project_name, false);
    SELECT p.project_name INTO v_project FROM claude.projects p WHERE p.project_id = v_project_id;
    IF p_session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claude.sessions s WHERE s.session_id = p_session_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('session %s does not exist', p_session_id),
            HINT = 'Start the session first (claude.start_session), then ask for its briefing.';
    END IF;
    RETURN (
        SELECT jsonb_build_object(
            'session_id', p_session_id,
            'project_name', v_project,
            'reminders', COALESCE((SELECT jsonb_agg(to_jsonb(r) - 'ordinality' ORDER BY r.ordinality)
                                     FROM claude.get_due_reminders(v_project) WITH ORDINALITY AS r), '[]'::jsonb),
            'messages', COALESCE((SELECT jsonb_agg(to_jsonb(m) - 'ordinality' ORDER BY m.ordinality)
                                    FROM claude.get_pending_messages(p_session_id, v_project) WITH ORDINALITY AS m), '[]'::jsonb),
            'jobs', COALESCE((SELECT jsonb_agg(to_jsonb(j) - 'ordinality' ORDER BY j.ordinality)
                                FROM claude.get_due_jobs(v_project) WITH ORDINALITY AS j), '[]'::jsonb),
            'activity', COALESCE((SELECT jsonb_agg(to_jsonb(a) - 'ordinality' ORDER BY a.ordinality)
                                    FROM claude.get_recent_activity(v_project, NULL, 10) WITH ORDINALITY AS a), '[]'::jsonb)));
END;
$fn$;
COMMENT ON FUNCTION claude.get_startup_briefing(uuid, text) IS
    'Session start briefing in one statement: {session_id, project_name (canonical), reminders: get_due_reminders, messages: get_pending_messages (direct + project broadcasts), jobs: get_due_jobs (at most 5, not claimed), activity: get_recent_activity (10 newest of the project)}; each a JSON array of objects with those functions'' column names. Reads only. CD005 blank project, CD002 unknown project or session.';
