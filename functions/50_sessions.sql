-- 50 sessions (seed 004 table 1, seed 001 sessions.status): status kept consistent with
-- session_end, one active session per identity (partial unique index + the identity row lock taken
-- by every writer that activates a session), lifecycle events in the activity feed exactly once,
-- and the session API: start (with resume and supersede), end, active, stale sweep, list.

-- Rule: a session is open when it is active, or a legacy row without status whose session_end is NULL.
CREATE OR REPLACE FUNCTION claude.session_is_open(p_status text, p_session_end timestamp)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT p_status = 'active' OR (p_status IS NULL AND p_session_end IS NULL);
$fn$;
COMMENT ON FUNCTION claude.session_is_open(text, timestamp) IS
    'Internal: true for an active session, or a legacy session row without status that has no session_end.';

-- Rule: writers that do not set status (legacy hooks) get it derived from session_end; NULL identity falls back to the project's default identity; project_id follows project_name; one active session per identity (CD004 with the way out in the HINT).
CREATE OR REPLACE FUNCTION claude.sessions_before_write()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_other record;
BEGIN
    -- status derived from session_end when the writer did not set it.
    IF NEW.status IS NULL
       OR (TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status
           AND (NEW.session_end IS NULL) <> (OLD.session_end IS NULL)) THEN
        NEW.status := CASE WHEN NEW.session_end IS NULL THEN 'active' ELSE 'ended' END;
    END IF;

    -- project_id from the project name (case-insensitive), never registering anything here.
    IF NEW.project_id IS NULL AND NEW.project_name IS NOT NULL
       AND (TG_OP = 'INSERT' OR NEW.project_name IS DISTINCT FROM OLD.project_name) THEN
        NEW.project_id := claude.find_project(NEW.project_name);
    END IF;

    -- identity: the project's default identity when the writer gave none.
    IF TG_OP = 'INSERT' AND NEW.identity_id IS NULL AND NEW.project_id IS NOT NULL THEN
        SELECT p.default_identity_id INTO NEW.identity_id FROM claude.projects p WHERE p.project_id = NEW.project_id;
    END IF;

    -- one active session per identity.
    IF NEW.status = 'active' AND NEW.identity_id IS NOT NULL
       AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'active' OR OLD.identity_id IS DISTINCT FROM NEW.identity_id) THEN
        PERFORM 1 FROM claude.identities i WHERE i.identity_id = NEW.identity_id FOR NO KEY UPDATE;
        SELECT s.session_id, s.session_start, s.project_name INTO v_other
          FROM claude.sessions s
         WHERE s.identity_id = NEW.identity_id AND s.status = 'active' AND s.session_id <> NEW.session_id
         LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'CD004',
                MESSAGE = format('identity %s already has an active session %s (project %s, started %s): one active session per identity',
                                 NEW.identity_id, v_other.session_id, v_other.project_name, v_other.session_start),
                HINT = format('End the old session first (claude.end_session(''%s'', ''<summary>'')), or call claude.start_session(..., p_supersede => true) to close it as abandoned and start the new one.',
                              v_other.session_id);
        END IF;
    END IF;
    RETURN NEW;
END;
$fn$;
COMMENT ON FUNCTION claude.sessions_before_write() IS
    'Trigger function (BEFORE INSERT/UPDATE on sessions): derives status from session_end for writers that do not set it, fills project_id and a missing identity from the project, and refuses a second active session of an identity (CD004).';

CREATE OR REPLACE TRIGGER sessions_before_write
    BEFORE INSERT OR UPDATE ON claude.sessions
    FOR EACH ROW EXECUTE FUNCTION claude.sessions_before_write();

-- Migration 0010 derives status with a stand-in trigger while it repairs old rows (old hooks omit
-- status); sessions_before_write does it from here on.
DROP TRIGGER IF EXISTS sessions_status_during_upgrade ON claude.sessions;
DROP FUNCTION IF EXISTS claude.sessions_status_during_upgrade();

-- Rule: each lifecycle event of a session is logged exactly once: session_started, session_ended, session_abandoned, session_resumed.
CREATE OR REPLACE FUNCTION claude.session_events(p_old claude.sessions, p_new claude.sessions)
RETURNS TABLE(ordinal integer, activity_type text, title text, summary text, severity text)
LANGUAGE sql
IMMUTABLE
AS $fn$
    SELECT e.ordinal, e.activity_type, left(format(e.title, COALESCE(p_new.project_name, '(no project)')), 500), e.summary, e.severity
      FROM (VALUES
            (1, 'session_started', 'Session started on %s', NULL::text, 'info',
             p_old.session_id IS NULL),
            (2, 'session_resumed', 'Session resumed on %s', format('previously %s at %s', COALESCE(p_old.status, 'closed'), p_old.session_end), 'info',
             p_old.session_id IS NOT NULL AND p_new.status = 'active' AND p_old.session_end IS NOT NULL AND p_old.status IS DISTINCT FROM 'active'),
            (3, 'session_ended', 'Session ended on %s', p_new.session_summary, 'success',
             p_new.status = 'ended' AND p_new.status IS DISTINCT FROM p_old.status),
            (4, 'session_abandoned', 'Session abandoned on %s', p_new.session_summary, 'warning',
             p_new.status = 'abandoned' AND p_new.status IS DISTINCT FROM p_old.status)
           ) AS e(ordinal, activity_type, title, summary, severity, applies)
     WHERE e.applies;
$fn$;
-- No SET search_path (it names only pg_catalog functions): a SET clause would stop the planner from
-- inlining it into the trigger's INSERT.
COMMENT ON FUNCTION claude.session_events(claude.sessions, claude.sessions) IS
    'Internal: the activity entries a session row change makes (p_old NULL for an insert): session_started, session_resumed, session_ended, session_abandoned, each once.';

-- Statement-level with transition tables: one INSERT into activity_feed per statement whatever its row
-- count, so the feed costs a bulk writer (a legacy import, a repair) little more than its own insert.
CREATE OR REPLACE FUNCTION claude.sessions_log_activity()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    -- The brownfield repair (migration 0010) sets claude.repair_quiet for its own writes: correcting
    -- a legacy value is not an event of the row it touches (log_activity keeps the same silence).
    IF current_setting('claude.repair_quiet', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO claude.activity_feed (source_type, source_id, actor, activity_type, title, summary, project_name, severity, created_at)
        SELECT 'session', n.session_id, left(i.identity_name, 100), e.activity_type, e.title, e.summary, left(n.project_name, 100), e.severity,
               clock_timestamp()
          FROM new_rows n
          LEFT JOIN claude.identities i ON i.identity_id = n.identity_id
         CROSS JOIN LATERAL claude.session_events(NULL, n::claude.sessions) e
         ORDER BY e.ordinal, n.session_start, n.session_id;
    ELSE
        INSERT INTO claude.activity_feed (source_type, source_id, actor, activity_type, title, summary, project_name, severity, created_at)
        SELECT 'session', n.session_id, left(i.identity_name, 100), e.activity_type, e.title, e.summary, left(n.project_name, 100), e.severity,
               clock_timestamp()
          FROM new_rows n
          JOIN old_rows o ON o.session_id = n.session_id AND o.status IS DISTINCT FROM n.status
          LEFT JOIN claude.identities i ON i.identity_id = n.identity_id
         CROSS JOIN LATERAL claude.session_events(o::claude.sessions, n::claude.sessions) e
         ORDER BY e.ordinal, n.session_start, n.session_id;
    END IF;
    RETURN NULL;
END;
$fn$;
COMMENT ON FUNCTION claude.sessions_log_activity() IS
    'Trigger function (AFTER INSERT and AFTER UPDATE on sessions, per statement): logs session_started, session_resumed, session_ended, session_abandoned once each (claude.session_events; actor = identity name, project_name filled, source_id = session_id).';

-- Plain UPDATE (not UPDATE OF status): a legacy writer that only sets session_end gets its status
-- changed by sessions_before_write, which UPDATE OF would not see. A trigger with transition tables
-- serves one event, hence two.
DROP TRIGGER IF EXISTS sessions_log_activity ON claude.sessions;
CREATE TRIGGER sessions_log_activity
    AFTER INSERT ON claude.sessions
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claude.sessions_log_activity();
CREATE OR REPLACE TRIGGER sessions_log_activity_update
    AFTER UPDATE ON claude.sessions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claude.sessions_log_activity();

-- Rule: closing the open session of an identity as abandoned, with an explanatory summary (supersede).
CREATE OR REPLACE FUNCTION claude.abandon_session(p_session_id uuid, p_reason text, p_end timestamp)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    UPDATE claude.sessions s
       SET status = 'abandoned',
           session_end = GREATEST(p_end, s.session_start),
           session_summary = CASE WHEN NULLIF(pg_catalog.btrim(s.session_summary), '') IS NULL THEN p_reason
                                  ELSE s.session_summary || E'\n' || p_reason END
     WHERE s.session_id = p_session_id;
$fn$;
COMMENT ON FUNCTION claude.abandon_session(uuid, text, timestamp) IS
    'Internal: closes one session as abandoned at p_end (not before its start), appending p_reason to its summary.';

-- Rule: seed 004 start_session + issue 3 -- one active session per identity (CD004 unless p_supersede), resume by session id without a second row, unknown projects registered, identity falls back to the project's default.
CREATE OR REPLACE FUNCTION claude.start_session(
    p_identity_id    uuid,
    p_project_name   text,
    p_project_schema text DEFAULT NULL,
    p_session_id     uuid DEFAULT NULL,
    p_supersede      boolean DEFAULT false)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_existing claude.sessions;
    v_project_id uuid;
    v_project claude.projects;
    v_identity claude.identities;
    v_session_id uuid := COALESCE(p_session_id, gen_random_uuid());
    v_other record;
BEGIN
    IF claude.is_blank(p_project_name) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a project name is required to start a session',
            HINT = 'Pass the project''s name, e.g. the base name of the working directory.';
    END IF;
    IF length(p_project_schema) > 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('project schema ''%s...'' is %s characters long', left(p_project_schema, 40), length(p_project_schema)),
            HINT = 'project_schema has at most 100 characters.';
    END IF;

    -- Two SessionStart hooks with one session id (startup + compaction) are serialised here.
    IF p_session_id IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext('claude.sessions.session_id'), hashtext(p_session_id::text));
        SELECT * INTO v_existing FROM claude.sessions s WHERE s.session_id = p_session_id;
    END IF;

    IF v_existing.session_id IS NOT NULL THEN
        -- Resume: same row; an ended/abandoned session becomes active again.
        IF p_identity_id IS NOT NULL AND v_existing.identity_id IS NOT NULL AND p_identity_id <> v_existing.identity_id THEN
            RAISE EXCEPTION USING ERRCODE = 'CD004',
                MESSAGE = format('session %s belongs to identity %s, not to %s', p_session_id, v_existing.identity_id, p_identity_id),
                HINT = 'Resume it with its own identity, or start a new session without p_session_id.';
        END IF;
        IF COALESCE(p_identity_id, v_existing.identity_id) IS NULL THEN
            SELECT * INTO v_project FROM claude.projects p WHERE p.project_id = v_existing.project_id;
        END IF;
        -- Lock order of every session writer: identity first, then its sessions.
        v_identity := claude.lock_active_identity(COALESCE(p_identity_id, v_existing.identity_id, v_project.default_identity_id));
        SELECT * INTO v_existing FROM claude.sessions s WHERE s.session_id = p_session_id FOR UPDATE;
        IF v_existing.status IS DISTINCT FROM 'active' THEN
            PERFORM claude.make_room_for_session(v_identity, v_existing.session_id, p_supersede);
            UPDATE claude.sessions s
               SET status = 'active', session_end = NULL, identity_id = v_identity.identity_id
             WHERE s.session_id = p_session_id;
        END IF;
        UPDATE claude.identities i SET last_active_at = now() WHERE i.identity_id = v_identity.identity_id;
        RETURN p_session_id;
    END IF;

    v_project_id := claude.resolve_project(p_project_name, true);
    SELECT * INTO v_project FROM claude.projects p WHERE p.project_id = v_project_id;
    IF p_identity_id IS NULL AND v_project.default_identity_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005',
            MESSAGE = format('no identity given and project ''%s'' has no default identity', v_project.project_name),
            HINT = format('Pass p_identity_id, or set claude.projects.default_identity_id for project ''%s''.', v_project.project_name);
    END IF;
    v_identity := claude.lock_active_identity(COALESCE(p_identity_id, v_project.default_identity_id));
    PERFORM claude.make_room_for_session(v_identity, v_session_id, p_supersede);

    BEGIN
        INSERT INTO claude.sessions (session_id, identity_id, project_schema, project_name, project_id, session_start, status, created_at)
        VALUES (v_session_id, v_identity.identity_id, COALESCE(NULLIF(btrim(p_project_schema), ''), v_project.project_schema),
                v_project.project_name, v_project_id, now(), 'active', now());
    EXCEPTION WHEN unique_violation THEN
        SELECT s.session_id INTO v_other FROM claude.sessions s
         WHERE s.identity_id = v_identity.identity_id AND s.status = 'active' LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'CD004',
            MESSAGE = format('identity %s already has an active session %s: one active session per identity',
                             v_identity.identity_id, COALESCE(v_other.session_id::text, '(just started by another caller)')),
            HINT = 'End it first with claude.end_session, or call claude.start_session(..., p_supersede => true).';
    END;
    UPDATE claude.identities i SET last_active_at = now() WHERE i.identity_id = v_identity.identity_id;
    RETURN v_session_id;
END;
$fn$;
COMMENT ON FUNCTION claude.start_session(uuid, text, text, uuid, boolean) IS
    'Starts (or resumes, by p_session_id) the active session of an identity and returns its id. CD005 no project / no identity and no project default; CD002 unknown identity; CD003 archived identity; CD004 the identity already has an active session (p_supersede => true closes it as abandoned). Unknown projects are registered; case variants resolve to the existing project.';

-- Rule: before an identity gets a new active session, its current one is refused (CD004) or, with p_supersede, abandoned.
CREATE OR REPLACE FUNCTION claude.make_room_for_session(p_identity claude.identities, p_new_session_id uuid, p_supersede boolean)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_other record;
BEGIN
    SELECT s.session_id, s.session_start, s.project_name INTO v_other
      FROM claude.sessions s
     WHERE s.identity_id = p_identity.identity_id AND s.status = 'active' AND s.session_id <> p_new_session_id
     FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF NOT COALESCE(p_supersede, false) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD004',
            MESSAGE = format('identity %s (%s) already has an active session %s (project %s, started %s): one active session per identity',
                             p_identity.identity_id, p_identity.identity_name, v_other.session_id, v_other.project_name, v_other.session_start),
            HINT = format('End it first with claude.end_session(''%s'', ''<summary>''), or call claude.start_session(..., p_supersede => true) to close it as abandoned.',
                          v_other.session_id);
    END IF;
    PERFORM claude.abandon_session(v_other.session_id,
        format('Abandoned: superseded by session %s of the same identity (claude.start_session with p_supersede) at %s.', p_new_session_id, to_char(clock_timestamp(), 'YYYY-MM-DD HH24:MI:SS')),
        now()::timestamp);
END;
$fn$;
COMMENT ON FUNCTION claude.make_room_for_session(claude.identities, uuid, boolean) IS
    'Internal (caller holds the identity lock): raises CD004 when the identity has another active session, or abandons it when p_supersede.';

-- Rule: seed 004 end_session -- only an open session ends (CD003), with a summary (CD005); tasks, learnings and challenges are appended.
CREATE OR REPLACE FUNCTION claude.end_session(
    p_session_id uuid,
    p_summary    text,
    p_tasks      text[] DEFAULT '{}',
    p_learnings  text[] DEFAULT '{}',
    p_challenges text[] DEFAULT '{}')
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_session claude.sessions;
BEGIN
    IF p_session_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a session id is required to end a session',
            HINT = 'Pass the session_id returned by claude.start_session (or claude.get_active_session(identity_id)).';
    END IF;
    IF claude.is_blank(p_summary) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('a summary is required to end session %s', p_session_id),
            HINT = 'Pass a short summary of what the session did.';
    END IF;
    SELECT * INTO v_session FROM claude.sessions s WHERE s.session_id = p_session_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('session %s does not exist', p_session_id),
            HINT = 'Check the id; claude.get_sessions() lists sessions.';
    END IF;
    IF NOT claude.session_is_open(v_session.status, v_session.session_end) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('session %s is %s (since %s), not active', p_session_id, COALESCE(v_session.status, 'closed'), v_session.session_end),
            HINT = 'Only an active session can be ended; resume it with claude.start_session(..., p_session_id => ...) first if it continues.';
    END IF;
    UPDATE claude.sessions s
       SET status = 'ended',
           session_end = GREATEST(now()::timestamp, s.session_start),
           session_summary = btrim(p_summary),
           tasks_completed = COALESCE(s.tasks_completed, '{}') || COALESCE(p_tasks, '{}'),
           learnings_gained = COALESCE(s.learnings_gained, '{}') || COALESCE(p_learnings, '{}'),
           challenges_encountered = COALESCE(s.challenges_encountered, '{}') || COALESCE(p_challenges, '{}')
     WHERE s.session_id = p_session_id;
END;
$fn$;
COMMENT ON FUNCTION claude.end_session(uuid, text, text[], text[], text[]) IS
    'Ends an active session: status ended, session_end now, summary, arrays appended; logs session_ended. CD005 no id/summary, CD002 unknown, CD003 not active.';

-- Rule: seed 004 get_active_session -- the identity's active session id, or NULL.
CREATE OR REPLACE FUNCTION claude.get_active_session(p_identity_id uuid)
RETURNS uuid
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF p_identity_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'an identity id is required',
            HINT = 'Pass the identity_id whose active session you want.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM claude.identities i WHERE i.identity_id = p_identity_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('identity %s does not exist', p_identity_id),
            HINT = 'Pick one from claude.get_active_identities().';
    END IF;
    RETURN (SELECT s.session_id FROM claude.sessions s
             WHERE s.identity_id = p_identity_id AND s.status = 'active'
             ORDER BY s.session_start DESC LIMIT 1);
END;
$fn$;
COMMENT ON FUNCTION claude.get_active_session(uuid) IS
    'The active session of an identity, or NULL. CD005 NULL id, CD002 unknown identity.';

-- Rule: open sessions older than p_older_than are closed as abandoned at their latest evidence (latest activity entry, else start), with an explanatory summary.
CREATE OR REPLACE FUNCTION claude.abandon_stale_sessions(p_older_than interval DEFAULT '12 hours')
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    r record;
    v_count integer := 0;
BEGIN
    IF p_older_than IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'an age threshold is required',
            HINT = 'Omit p_older_than for 12 hours, or pass e.g. interval ''1 day''.';
    END IF;
    -- Beyond 1000 years now() - p_older_than can leave the timestamp range (22008).
    IF p_older_than <= interval '0' OR p_older_than > interval '1000 years' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('age threshold %s is not valid: it must be positive and at most 1000 years', p_older_than),
            HINT = 'Pass a positive interval, e.g. interval ''12 hours''.';
    END IF;
    FOR r IN
        SELECT s.session_id, s.session_start,
               GREATEST(s.session_start,
                        (SELECT max(a.created_at) FROM claude.activity_feed a
                          WHERE a.source_type = 'session' AND a.source_id = s.session_id)) AS last_evidence
          FROM claude.sessions s
         WHERE s.session_end IS NULL
           AND (s.status = 'active' OR s.status IS NULL)
           AND s.session_start < now() - p_older_than
         ORDER BY s.session_start
           FOR UPDATE OF s SKIP LOCKED
    LOOP
        PERFORM claude.abandon_session(r.session_id,
            format('Abandoned by claude.abandon_stale_sessions: no session end was recorded within %s of the start; the end time is the latest evidence of the session (%s).',
                   p_older_than, r.last_evidence),
            r.last_evidence);
        v_count := v_count + 1;
    END LOOP;
    RETURN v_count;
END;
$fn$;
COMMENT ON FUNCTION claude.abandon_stale_sessions(interval) IS
    'Closes open sessions started more than p_older_than ago (default 12 hours, positive, at most 1000 years) as abandoned; end time = latest activity entry of the session, else its start; returns how many. Rows locked by others are skipped.';

-- Rule: sessions listed newest first, filtered by identity, project (any case) and registered status, 1..1000 rows.
CREATE OR REPLACE FUNCTION claude.get_sessions(
    p_identity_id  uuid DEFAULT NULL,
    p_project_name text DEFAULT NULL,
    p_status       text DEFAULT NULL,
    p_limit        integer DEFAULT 50)
RETURNS TABLE(session_id uuid, identity_id uuid, identity_name text, project_id uuid, project_name text, status text,
              session_start timestamp, session_end timestamp, session_summary text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_project_id uuid;
BEGIN
    IF p_limit IS NULL OR p_limit < 1 OR p_limit > 1000 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('limit %s is not valid for get_sessions', COALESCE(p_limit::text, 'NULL')),
            HINT = 'Pass p_limit between 1 and 1000 (default 50).';
    END IF;
    PERFORM claude.assert_valid_value('sessions', 'status', p_status);
    IF NOT claude.is_blank(p_project_name) THEN
        v_project_id := claude.find_project(p_project_name);
    END IF;
    -- With an identity, a query of its own that walks idx_sessions_identity_start newest first and stops
    -- at the limit; a generic plan of one query for every filter combination would sort them all.
    IF p_identity_id IS NOT NULL THEN
        RETURN QUERY
            SELECT s.session_id, s.identity_id, i.identity_name::text, s.project_id, s.project_name::text, s.status::text,
                   s.session_start, s.session_end, s.session_summary
              FROM claude.sessions s
              LEFT JOIN claude.identities i ON i.identity_id = s.identity_id
             WHERE s.identity_id = p_identity_id
               AND (claude.is_blank(p_project_name)
                    OR s.project_id = v_project_id
                    OR lower(btrim(s.project_name::text)) = lower(btrim(p_project_name)))
               AND (p_status IS NULL OR s.status = p_status)
             ORDER BY s.session_start DESC NULLS LAST, s.session_id
             LIMIT p_limit;
        RETURN;
    END IF;
    RETURN QUERY
        SELECT s.session_id, s.identity_id, i.identity_name::text, s.project_id, s.project_name::text, s.status::text,
               s.session_start, s.session_end, s.session_summary
          FROM claude.sessions s
          LEFT JOIN claude.identities i ON i.identity_id = s.identity_id
         WHERE (claude.is_blank(p_project_name)
                OR s.project_id = v_project_id
                OR lower(btrim(s.project_name::text)) = lower(btrim(p_project_name)))
           AND (p_status IS NULL OR s.status = p_status)
         ORDER BY s.session_start DESC NULLS LAST, s.session_id
         LIMIT p_limit;
END;
$fn$;
COMMENT ON FUNCTION claude.get_sessions(uuid, text, text, integer) IS
    'Sessions newest first, optionally by identity, project (case-insensitive, or its project_id) and status (CD001 if not registered); p_limit 1..1000 (CD001).';

CREATE OR REPLACE VIEW claude.active_sessions AS
SELECT s.session_id, s.identity_id, i.identity_name, i.platform, s.project_id, s.project_name, s.project_schema,
       s.session_start, now()::timestamp - s.session_start AS running_for, s.session_metadata
  FROM claude.sessions s
  LEFT JOIN claude.identities i ON i.identity_id = s.identity_id
 WHERE s.status = 'active'
 ORDER BY s.session_start DESC;
COMMENT ON VIEW claude.active_sessions IS 'Active sessions (status active) with their identity name, newest first.';
