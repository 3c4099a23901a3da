-- 20 activity: the unified activity feed (seed 004 table 6). Entries are written by log_activity
-- (directly or from the lifecycle triggers of sessions, identities, projects and agent sessions),
-- read newest first, never edited: UPDATE, DELETE and TRUNCATE are refused (CD003) except the move
-- of old entries to claude.activity_feed_archive by claude.archive_activity.

-- Rule: an activity entry has a registered source_type and severity, an activity_type and a title (CD005/CD001 otherwise).
CREATE OR REPLACE FUNCTION claude.log_activity(
    p_source_type   text,
    p_source_id     uuid,
    p_actor         text,
    p_activity_type text,
    p_title         text,
    p_summary       text DEFAULT NULL,
    p_project_name  text DEFAULT NULL,
    p_severity      text DEFAULT 'info')
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_id uuid := gen_random_uuid();
BEGIN
    -- The brownfield repair (migration 0010) sets claude.repair_quiet for its own writes: correcting
    -- a legacy value is not an event of the session or message it touches.
    IF current_setting('claude.repair_quiet', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF claude.is_blank(p_source_type) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'activity source_type is required',
            HINT = format('Pass one of the registered source types: %s.',
                          (SELECT string_agg(v, ', ') FROM jsonb_array_elements_text(claude.get_valid_values('activity_feed', 'source_type')) AS v));
    END IF;
    IF claude.is_blank(p_activity_type) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'activity_type is required',
            HINT = 'Pass what happened, e.g. ''session_started'' or ''job_failed''.';
    END IF;
    IF claude.is_blank(p_title) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'activity title is required',
            HINT = 'Pass a one-line title a person reading the feed understands.';
    END IF;
    IF p_severity IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'activity severity is required',
            HINT = 'Omit p_severity to log at ''info'', or pass info, success, warning or error.';
    END IF;
    PERFORM claude.assert_valid_value('activity_feed', 'source_type', p_source_type);
    PERFORM claude.assert_valid_value('activity_feed', 'severity', p_severity);
    IF length(p_activity_type) > 100 OR length(p_title) > 500 OR length(p_actor) > 100 OR length(p_project_name) > 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('activity value too long: activity_type %s, title %s, actor %s, project_name %s characters',
                             length(p_activity_type), length(p_title), COALESCE(length(p_actor), 0), COALESCE(length(p_project_name), 0)),
            HINT = 'Limits: activity_type 100, title 500, actor 100, project_name 100 characters; put details in p_summary.';
    END IF;
    INSERT INTO claude.activity_feed (id, source_type, source_id, actor, activity_type, title, summary, project_name, severity, created_at)
    VALUES (v_id, p_source_type, p_source_id, NULLIF(btrim(p_actor), ''), btrim(p_activity_type), btrim(p_title), p_summary,
            NULLIF(btrim(p_project_name), ''), p_severity, clock_timestamp());
    RETURN v_id;
END;
$fn$;
COMMENT ON FUNCTION claude.log_activity(text, uuid, text, text, text, text, text, text) IS
    'Appends one activity_feed entry and returns its id. source_type and severity must be registered (CD001); source_type, activity_type, title required (CD005). Writes nothing (returns NULL) while claude.repair_quiet is on (the brownfield repair).';

-- Rule: the feed is read newest first, filtered by project (case-insensitive) and severity (registered), 1..1000 rows.
-- One static query per case, ordered as idx_activity_feed_project_lower / idx_activity_feed_created
-- are (created_at DESC, NULLs first in an index), so the newest rows come straight off the index
-- however long the feed grows; entries without a time follow the dated ones, as before.
CREATE OR REPLACE FUNCTION claude.get_recent_activity(p_project_name text DEFAULT NULL, p_severity text DEFAULT NULL, p_limit integer DEFAULT 50)
RETURNS TABLE(id uuid, source_type text, source_id uuid, actor text, activity_type text, title text, summary text,
              project_name text, severity text, created_at timestamp)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_project text := lower(NULLIF(btrim(p_project_name), ''));
    v_found integer;
BEGIN
    IF p_limit IS NULL OR p_limit < 1 OR p_limit > 1000 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('limit %s is not valid for get_recent_activity', COALESCE(p_limit::text, 'NULL')),
            HINT = 'Pass p_limit between 1 and 1000 (default 50).';
    END IF;
    PERFORM claude.assert_valid_value('activity_feed', 'severity', p_severity);
    IF v_project IS NOT NULL THEN
        RETURN QUERY
            SELECT a.id, a.source_type::text, a.source_id, a.actor::text, a.activity_type::text, a.title::text, a.summary,
                   a.project_name::text, a.severity::text, a.created_at
              FROM claude.activity_feed a
             WHERE lower(a.project_name::text) = v_project AND a.created_at IS NOT NULL
               AND (p_severity IS NULL OR a.severity = p_severity)
             ORDER BY a.created_at DESC, a.id
             LIMIT p_limit;
    ELSE
        RETURN QUERY
            SELECT a.id, a.source_type::text, a.source_id, a.actor::text, a.activity_type::text, a.title::text, a.summary,
                   a.project_name::text, a.severity::text, a.created_at
              FROM claude.activity_feed a
             WHERE a.created_at IS NOT NULL
               AND (p_severity IS NULL OR a.severity = p_severity)
             ORDER BY a.created_at DESC, a.id
             LIMIT p_limit;
    END IF;
    GET DIAGNOSTICS v_found = ROW_COUNT;
    IF v_found < p_limit THEN
        RETURN QUERY
            SELECT a.id, a.source_type::text, a.source_id, a.actor::text, a.activity_type::text, a.title::text, a.summary,
                   a.project_name::text, a.severity::text, a.created_at
              FROM claude.activity_feed a
             WHERE a.created_at IS NULL
               AND (v_project IS NULL OR lower(a.project_name::text) = v_project)
               AND (p_severity IS NULL OR a.severity = p_severity)
             ORDER BY a.id
             LIMIT p_limit - v_found;
    END IF;
END;
$fn$;
COMMENT ON FUNCTION claude.get_recent_activity(text, text, integer) IS
    'Newest activity entries, optionally for one project (case-insensitive) and one severity (CD001 if not registered); p_limit 1..1000 (CD001).';

-- Rule: the history of one source (e.g. every entry of a session), newest first; source_type must be registered.
CREATE OR REPLACE FUNCTION claude.get_activity_by_source(p_source_type text, p_source_id uuid)
RETURNS TABLE(id uuid, source_type text, source_id uuid, actor text, activity_type text, title text, summary text,
              project_name text, severity text, created_at timestamp)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF claude.is_blank(p_source_type) OR p_source_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'source_type and source_id are required',
            HINT = 'Call claude.get_activity_by_source(''session'', ''<session id>'').';
    END IF;
    PERFORM claude.assert_valid_value('activity_feed', 'source_type', p_source_type);
    RETURN QUERY
        SELECT a.id, a.source_type::text, a.source_id, a.actor::text, a.activity_type::text, a.title::text, a.summary,
               a.project_name::text, a.severity::text, a.created_at
          FROM claude.activity_feed a
         WHERE a.source_type = p_source_type AND a.source_id = p_source_id
         ORDER BY a.created_at DESC NULLS LAST, a.id;
END;
$fn$;
COMMENT ON FUNCTION claude.get_activity_by_source(text, uuid) IS
    'Every activity entry of one source (source_type registered, CD001; both arguments required, CD005), newest first.';

-- Rule: activity_feed is immutable; only claude.archive_activity may delete (it moves rows to the archive).
CREATE OR REPLACE FUNCTION claude.activity_feed_immutable()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    -- Anyone can set the flag; only archive_activity (SECURITY DEFINER, so current_user is its owner) may use it.
    IF TG_OP = 'DELETE' AND current_setting('claude.activity_archiving', true) = txid_current()::text
       AND current_user = (SELECT pg_get_userbyid(p.proowner) FROM pg_proc p WHERE p.oid = 'claude.archive_activity(interval)'::regprocedure) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'CD003',
        MESSAGE = format('%s on claude.activity_feed is refused: activity entries are immutable', TG_OP),
        HINT = 'Log a new entry with claude.log_activity to correct one; old entries leave only through claude.archive_activity(p_older_than), which moves them to claude.activity_feed_archive.';
END;
$fn$;
COMMENT ON FUNCTION claude.activity_feed_immutable() IS
    'Trigger function: refuses UPDATE, DELETE and TRUNCATE of claude.activity_feed (CD003), except deletes made by claude.archive_activity.';

CREATE OR REPLACE TRIGGER activity_feed_immutable
    BEFORE UPDATE OR DELETE ON claude.activity_feed
    FOR EACH ROW EXECUTE FUNCTION claude.activity_feed_immutable();

CREATE OR REPLACE TRIGGER activity_feed_no_truncate
    BEFORE TRUNCATE ON claude.activity_feed
    FOR EACH STATEMENT EXECUTE FUNCTION claude.activity_feed_immutable();

-- Rule: retention -- entries older than p_older_than (default 90 days) move to claude.activity_feed_archive.
CREATE OR REPLACE FUNCTION claude.archive_activity(p_older_than interval DEFAULT '90 days')
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_count integer;
BEGIN
    IF p_older_than IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a retention period is required',
            HINT = 'Omit p_older_than for 90 days, or pass e.g. interval ''30 days''.';
    END IF;
    -- Beyond 1000 years now() - p_older_than can leave the timestamp range (22008).
    IF p_older_than <= interval '0' OR p_older_than > interval '1000 years' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('retention period %s is not valid: it must be positive and at most 1000 years', p_older_than),
            HINT = 'Pass a positive interval, e.g. interval ''90 days''.';
    END IF;
    PERFORM set_config('claude.activity_archiving', txid_current()::text, true);
    WITH moved AS (
        DELETE FROM claude.activity_feed a
         WHERE a.created_at < now() - p_older_than
        RETURNING a.*
    )
    INSERT INTO claude.activity_feed_archive (id, source_type, source_id, actor, activity_type, title, summary, project_name, severity, created_at, archived_at)
    SELECT m.id, m.source_type, m.source_id, m.actor, m.activity_type, m.title, m.summary, m.project_name, m.severity, m.created_at, now()
      FROM moved m;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    PERFORM set_config('claude.activity_archiving', '', true);
    RETURN v_count;
END;
$fn$;
COMMENT ON FUNCTION claude.archive_activity(interval) IS
    'Retention: moves activity_feed entries older than p_older_than (default 90 days, positive, at most 1000 years) into claude.activity_feed_archive; returns how many.';

CREATE OR REPLACE VIEW claude.recent_activity AS
SELECT a.id, a.source_type, a.source_id, a.actor, a.activity_type, a.title, a.summary, a.project_name, a.severity, a.created_at
  FROM claude.activity_feed a
 WHERE a.created_at >= now() - interval '7 days'
 ORDER BY a.created_at DESC;
COMMENT ON VIEW claude.recent_activity IS 'Activity feed entries of the last 7 days, newest first.';
