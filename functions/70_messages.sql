-- 70 messages (seed 004 table 2): inter-Claude messaging. Exactly one recipient, required fields
-- and registered values are CHECK constraints (migration 0006, registry); this file adds the rules
-- a constraint cannot express for every writer -- defaults (priority normal, status pending), status
-- only moving forward (pending -> read -> acknowledged, pending/read -> expired), no reading an
-- expired message -- the activity entries message_sent / message_acknowledged, and the API.
--
-- Existing user triggers on claude.messages are never touched. If one of them already writes
-- activity_feed rows on INSERT (the field's trg_message_activity), our message_sent entry is skipped
-- so that each message is logged once. This is decided AT TRIGGER RUN TIME (per inserted row, by a
-- catalog lookup), so dropping or disabling the user's trigger later hands the job back to ours
-- without a redeploy.

-- Rule: a user-owned (not ClaudeDbKit) enabled row trigger fires on INSERT into claude.messages and its function body writes activity_feed.
CREATE OR REPLACE FUNCTION claude.messages_user_activity_trigger()
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT t.tgname::text
      FROM pg_catalog.pg_trigger t
      JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
     WHERE t.tgrelid = 'claude.messages'::regclass
       AND NOT t.tgisinternal
       AND t.tgenabled IN ('O', 'A')
       AND (t.tgtype::integer & 4) <> 0                       -- fires on INSERT
       AND t.tgname NOT IN ('messages_before_write', 'messages_log_activity')
       AND p.proname NOT IN ('messages_before_write', 'messages_log_activity')
       AND p.prosrc ILIKE '%activity_feed%'
     ORDER BY t.tgname
     LIMIT 1;
$fn$;
COMMENT ON FUNCTION claude.messages_user_activity_trigger() IS
    'Internal: name of a user-owned enabled INSERT trigger on claude.messages whose function body references activity_feed (e.g. the field''s trg_message_activity), or NULL. When present, claude.messages_log_activity does not log message_sent itself (decided per row at run time).';

-- Rule: new messages get priority normal and status pending when the writer omits them; status moves only forward (pending -> read -> acknowledged; pending/read -> expired), an expired message cannot be read or acknowledged (CD003); read_at / acknowledged_at follow the status.
CREATE OR REPLACE FUNCTION claude.messages_before_write()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_rank_old integer;
    v_rank_new integer;
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.priority := COALESCE(NEW.priority, 'normal');
        NEW.status := COALESCE(NEW.status, 'pending');
        NEW.created_at := COALESCE(NEW.created_at, now());
        RETURN NEW;
    END IF;

    IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
        RETURN NEW;
    END IF;
    -- Legacy statuses outside the registry (actioned, deferred, NULL) may move to any registered
    -- status: that is how they get repaired. The registry CHECK guards the new value.
    v_rank_old := CASE OLD.status WHEN 'pending' THEN 1 WHEN 'read' THEN 2 WHEN 'acknowledged' THEN 3 WHEN 'expired' THEN 3 END;
    v_rank_new := CASE NEW.status WHEN 'pending' THEN 1 WHEN 'read' THEN 2 WHEN 'acknowledged' THEN 3 WHEN 'expired' THEN 3 END;
    IF v_rank_old IS NOT NULL AND (v_rank_new IS NULL OR v_rank_new <= v_rank_old) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('message %s cannot go from %s to %s: status only moves forward (pending -> read -> acknowledged; pending or read -> expired)',
                             OLD.message_id, OLD.status, COALESCE(NEW.status, 'NULL')),
            HINT = CASE OLD.status
                       WHEN 'pending' THEN 'Mark it read (claude.mark_message_read) or acknowledge it (claude.acknowledge_message).'
                       WHEN 'read' THEN 'Acknowledge it with claude.acknowledge_message.'
                       ELSE format('A message that is %s is final; send a new message instead.', OLD.status) END;
    END IF;
    IF NEW.status IN ('read', 'acknowledged') AND NEW.expires_at IS NOT NULL AND NEW.expires_at <= now() THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('message %s expired at %s and cannot be %s', OLD.message_id, NEW.expires_at, NEW.status),
            HINT = 'Expired messages are ignored; claude.expire_messages() marks them expired. Ask the sender to send it again if it still matters.';
    END IF;
    IF NEW.status IN ('read', 'acknowledged') THEN
        NEW.read_at := COALESCE(NEW.read_at, now());
    END IF;
    IF NEW.status = 'acknowledged' THEN
        NEW.acknowledged_at := COALESCE(NEW.acknowledged_at, now());
    END IF;
    RETURN NEW;
END;
$fn$;
COMMENT ON FUNCTION claude.messages_before_write() IS
    'Trigger function (BEFORE INSERT/UPDATE on messages): defaults priority normal, status pending, created_at now; refuses a status that does not move forward or reading/acknowledging an expired message (CD003); fills read_at and acknowledged_at.';

CREATE OR REPLACE TRIGGER messages_before_write
    BEFORE INSERT OR UPDATE ON claude.messages
    FOR EACH ROW EXECUTE FUNCTION claude.messages_before_write();

-- Rule: every sent message is logged once as message_sent (unless a user trigger already logs it), every acknowledgement as message_acknowledged.
CREATE OR REPLACE FUNCTION claude.messages_log_activity()
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
        IF claude.messages_user_activity_trigger() IS NOT NULL THEN
            RETURN NULL;
        END IF;
        -- Sessions are looked up per row (scalar subqueries on the primary key): as joins, a statement of a
        -- few thousand rows gets a hash join that reads every session.
        INSERT INTO claude.activity_feed (source_type, source_id, actor, activity_type, title, summary, project_name, severity, created_at)
        SELECT 'message', n.message_id,
               COALESCE((SELECT left(i.identity_name, 100) FROM claude.sessions s JOIN claude.identities i ON i.identity_id = s.identity_id
                          WHERE s.session_id = n.from_session_id),
                        left(n.from_session_id::text, 100)),
               'message_sent',
               left(format('Message sent: %s', COALESCE(n.subject, '(no subject)')), 500),
               format('%s %s message to %s', COALESCE(n.priority, 'normal'), COALESCE(n.message_type, 'untyped'),
                      COALESCE('session ' || n.to_session_id::text, 'project ' || n.to_project)),
               left(COALESCE(NULLIF(btrim(n.to_project), ''),
                             (SELECT s.project_name FROM claude.sessions s WHERE s.session_id = n.to_session_id),
                             n.from_project), 100),
               'info', clock_timestamp()
          FROM new_rows n
         ORDER BY n.created_at, n.message_id;
    ELSE
        INSERT INTO claude.activity_feed (source_type, source_id, actor, activity_type, title, summary, project_name, severity, created_at)
        SELECT 'message', n.message_id,
               (SELECT left(i.identity_name, 100) FROM claude.sessions s JOIN claude.identities i ON i.identity_id = s.identity_id
                 WHERE s.session_id = n.to_session_id),
               'message_acknowledged',
               left(format('Message acknowledged: %s', COALESCE(n.subject, '(no subject)')), 500),
               format('%s message to %s', COALESCE(n.message_type, 'untyped'), COALESCE('session ' || n.to_session_id::text, 'project ' || n.to_project)),
               left(COALESCE(NULLIF(btrim(n.to_project), ''),
                             (SELECT s.project_name FROM claude.sessions s WHERE s.session_id = n.to_session_id),
                             n.from_project), 100),
               'info', clock_timestamp()
          FROM new_rows n
          JOIN old_rows o ON o.message_id = n.message_id AND o.status IS DISTINCT FROM 'acknowledged'
         WHERE n.status = 'acknowledged'
         ORDER BY n.created_at, n.message_id;
    END IF;
    RETURN NULL;
END;
$fn$;
COMMENT ON FUNCTION claude.messages_log_activity() IS
    'Trigger function (AFTER INSERT and AFTER UPDATE on messages, per statement): logs message_sent once per message -- skipped when a user-owned INSERT trigger already writes activity_feed (claude.messages_user_activity_trigger(), decided per statement at run time) -- and message_acknowledged once when status becomes acknowledged.';

-- Per statement with transition tables (one event each): one INSERT into activity_feed per statement.
DROP TRIGGER IF EXISTS messages_log_activity ON claude.messages;
CREATE TRIGGER messages_log_activity
    AFTER INSERT ON claude.messages
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claude.messages_log_activity();
CREATE OR REPLACE TRIGGER messages_log_activity_update
    AFTER UPDATE ON claude.messages
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claude.messages_log_activity();

-- Rule: message_type and priority are registered values (CD001, priority NULL means normal); subject and body are required (CD005); subject at most 200 characters.
CREATE OR REPLACE FUNCTION claude.assert_message_content(p_subject text, p_body text, p_message_type text, p_priority text)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF claude.is_blank(p_subject) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a message subject is required',
            HINT = 'Pass a one-line subject saying what the message is about.';
    END IF;
    IF claude.is_blank(p_body) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('a message body is required (subject ''%s'')', left(p_subject, 80)),
            HINT = 'Pass the message content in p_body.';
    END IF;
    IF length(btrim(p_subject)) > 200 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('message subject ''%s...'' is %s characters long', left(p_subject, 40), length(btrim(p_subject))),
            HINT = 'Subjects have at most 200 characters; put the details in the body.';
    END IF;
    IF p_message_type IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a message type is required',
            HINT = format('Pass one of: %s.', (SELECT string_agg(v, ', ') FROM jsonb_array_elements_text(claude.get_valid_values('messages', 'message_type')) AS v));
    END IF;
    PERFORM claude.assert_valid_value('messages', 'message_type', p_message_type);
    PERFORM claude.assert_valid_value('messages', 'priority', p_priority);
END;
$fn$;
COMMENT ON FUNCTION claude.assert_message_content(text, text, text, text) IS
    'Internal: CD005 blank subject/body or NULL message type; CD001 subject over 200 characters, message_type or priority not in claude.column_registry.';

-- Rule: seed 004 send_message -- a direct message between two existing sessions (CD002), valid type/priority (CD001), subject and body (CD005), expiring in 1..365 days (CD001).
CREATE OR REPLACE FUNCTION claude.send_message(
    p_from_session_id uuid,
    p_to_session_id   uuid,
    p_subject         text,
    p_body            text,
    p_message_type    text DEFAULT 'notification',
    p_priority        text DEFAULT 'normal',
    p_expires_in_days integer DEFAULT 7)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_from claude.sessions;
    v_id uuid;
BEGIN
    IF p_from_session_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'the sender session id is required',
            HINT = 'Pass your own session_id (claude.start_session returned it) as p_from_session_id.';
    END IF;
    IF p_to_session_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'the recipient session id is required',
            HINT = 'Pass the recipient''s session_id, or use claude.broadcast_to_project to reach every session of a project.';
    END IF;
    PERFORM claude.assert_message_content(p_subject, p_body, p_message_type, p_priority);
    IF p_expires_in_days IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'expires_in_days is required',
            HINT = 'Omit p_expires_in_days for 7 days, or pass 1 .. 365.';
    END IF;
    IF p_expires_in_days NOT BETWEEN 1 AND 365 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('expires_in_days %s is not valid: a message expires after 1 to 365 days', p_expires_in_days),
            HINT = 'Pass p_expires_in_days between 1 and 365 (default 7).';
    END IF;
    SELECT * INTO v_from FROM claude.sessions s WHERE s.session_id = p_from_session_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('sender session %s does not exist', p_from_session_id),
            HINT = 'Pass the session_id returned by claude.start_session.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM claude.sessions s WHERE s.session_id = p_to_session_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('recipient session %s does not exist', p_to_session_id),
            HINT = 'Check the id (claude.get_sessions() lists sessions), or use claude.broadcast_to_project.';
    END IF;
    INSERT INTO claude.messages (message_id, from_session_id, to_session_id, to_project, message_type, priority, subject, body,
                                 status, created_at, expires_at, from_project)
    VALUES (gen_random_uuid(), p_from_session_id, p_to_session_id, NULL, p_message_type, COALESCE(p_priority, 'normal'),
            btrim(p_subject), p_body, 'pending', now(), now() + make_interval(days => p_expires_in_days), left(v_from.project_name, 100))
    RETURNING message_id INTO v_id;
    RETURN v_id;
END;
$fn$;
COMMENT ON FUNCTION claude.send_message(uuid, uuid, text, text, text, text, integer) IS
    'Sends a direct message (status pending, expires after p_expires_in_days) and returns its id; logs message_sent. CD005 missing session ids/subject/body/type, CD001 unregistered type or priority / subject over 200 / expires_in_days outside 1..365, CD002 unknown sender or recipient session.';

-- Rule: seed 004 broadcast_to_project -- one message to every session of an existing project (case variants resolve; the canonical name is stored), expiring in 7 days.
CREATE OR REPLACE FUNCTION claude.broadcast_to_project(
    p_from_session_id uuid,
    p_project_name    text,
    p_subject         text,
    p_body            text,
    p_message_type    text DEFAULT 'broadcast',
    p_priority        text DEFAULT 'normal')
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_from claude.sessions;
    v_project text;
    v_project_id uuid;
    v_id uuid;
BEGIN
    IF p_from_session_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'the sender session id is required',
            HINT = 'Pass your own session_id (claude.start_session returned it) as p_from_session_id.';
    END IF;
    PERFORM claude.assert_message_content(p_subject, p_body, p_message_type, p_priority);
    v_project_id := claude.resolve_project(p_project_name, false);
    SELECT p.project_name INTO v_project FROM claude.projects p WHERE p.project_id = v_project_id;
    IF length(v_project) > 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('project name ''%s...'' is %s characters long; messages.to_project holds at most 100', left(v_project, 40), length(v_project)),
            HINT = 'Broadcast to a project with a shorter name, or message its sessions directly with claude.send_message.';
    END IF;
    SELECT * INTO v_from FROM claude.sessions s WHERE s.session_id = p_from_session_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('sender session %s does not exist', p_from_session_id),
            HINT = 'Pass the session_id returned by claude.start_session.';
    END IF;
    INSERT INTO claude.messages (message_id, from_session_id, to_session_id, to_project, message_type, priority, subject, body,
                                 status, created_at, expires_at, from_project)
    VALUES (gen_random_uuid(), p_from_session_id, NULL, v_project, p_message_type, COALESCE(p_priority, 'normal'),
            btrim(p_subject), p_body, 'pending', now(), now() + interval '7 days', left(v_from.project_name, 100))
    RETURNING message_id INTO v_id;
    RETURN v_id;
END;
$fn$;
COMMENT ON FUNCTION claude.broadcast_to_project(uuid, text, text, text, text, text) IS
    'Broadcasts a message to a project (to_project = the project''s canonical name; any case resolves), status pending, expiring in 7 days; returns its id and logs message_sent. CD005 missing sender/project/subject/body/type, CD001 unregistered type or priority, CD002 unknown sender session or project.';

-- Rule: seed 004 get_pending_messages -- pending, not expired messages to the session and broadcasts to its project (or p_project_name, any case); urgent first, then oldest first.
CREATE OR REPLACE FUNCTION claude.get_pending_messages(p_session_id uuid DEFAULT NULL, p_project_name text DEFAULT NULL)
RETURNS TABLE(message_id uuid, from_session_id uuid, to_session_id uuid, to_project text, message_type text, priority text,
              subject text, body text, status text, created_at timestamp, expires_at timestamp)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_session_project text;
    v_project text := lower(NULLIF(btrim(p_project_name), ''));
BEGIN
    IF p_session_id IS NULL AND v_project IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a session id or a project name is required to read pending messages',
            HINT = 'Pass p_session_id (direct messages and broadcasts to its project) and/or p_project_name (broadcasts to that project).';
    END IF;
    IF p_session_id IS NOT NULL THEN
        SELECT lower(btrim(s.project_name)) INTO v_session_project FROM claude.sessions s WHERE s.session_id = p_session_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('session %s does not exist', p_session_id),
                HINT = 'Pass the session_id returned by claude.start_session.';
        END IF;
    END IF;
    RETURN QUERY
        SELECT m.message_id, m.from_session_id, m.to_session_id, m.to_project::text, m.message_type::text, m.priority::text,
               m.subject::text, m.body, m.status::text, m.created_at, m.expires_at
          FROM claude.messages m
         WHERE m.status = 'pending'
           AND (m.expires_at IS NULL OR m.expires_at > now())
           AND ((p_session_id IS NOT NULL AND m.to_session_id = p_session_id)
                OR lower(m.to_project::text) = v_session_project
                OR lower(m.to_project::text) = v_project)
         ORDER BY COALESCE(m.priority = 'urgent', false) DESC, m.created_at, m.message_id;
END;
$fn$;
COMMENT ON FUNCTION claude.get_pending_messages(uuid, text) IS
    'Pending, unexpired messages: direct ones to p_session_id plus broadcasts to that session''s project and to p_project_name (case-insensitive); urgent first, then oldest first. CD005 both NULL, CD002 unknown session.';

-- Rule: the message a caller names exists (CD002) and is locked for its status change.
CREATE OR REPLACE FUNCTION claude.lock_message(p_message_id uuid)
RETURNS claude.messages
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_message claude.messages;
BEGIN
    IF p_message_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a message id is required',
            HINT = 'Pass a message_id from claude.get_pending_messages.';
    END IF;
    SELECT * INTO v_message FROM claude.messages m WHERE m.message_id = p_message_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('message %s does not exist', p_message_id),
            HINT = 'Pass a message_id from claude.get_pending_messages.';
    END IF;
    IF v_message.status IN ('pending', 'read') AND v_message.expires_at IS NOT NULL AND v_message.expires_at <= now() THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('message %s (''%s'') expired at %s', p_message_id, v_message.subject, v_message.expires_at),
            HINT = 'Expired messages are ignored; claude.expire_messages() marks them expired. Ask the sender to send it again if it still matters.';
    END IF;
    RETURN v_message;
END;
$fn$;
COMMENT ON FUNCTION claude.lock_message(uuid) IS
    'Internal: locks and returns a message; CD005 NULL id, CD002 unknown, CD003 pending/read but past expires_at.';

-- Rule: seed 004 mark_message_read -- only a pending, unexpired message becomes read (CD003 otherwise).
CREATE OR REPLACE FUNCTION claude.mark_message_read(p_message_id uuid)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_message claude.messages := claude.lock_message(p_message_id);
BEGIN
    IF v_message.status IS DISTINCT FROM 'pending' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('message %s is %s, not pending: only a pending message can be marked read', p_message_id, COALESCE(v_message.status, 'without status')),
            HINT = CASE WHEN v_message.status = 'read' THEN 'It is already read; acknowledge it with claude.acknowledge_message.'
                        ELSE 'Status only moves forward: pending -> read -> acknowledged.' END;
    END IF;
    UPDATE claude.messages m SET status = 'read', read_at = now() WHERE m.message_id = p_message_id;
END;
$fn$;
COMMENT ON FUNCTION claude.mark_message_read(uuid) IS
    'Marks a pending message read (read_at = now). CD005 NULL id, CD002 unknown, CD003 not pending or expired.';

-- Rule: seed 004 acknowledge_message -- a pending or read, unexpired message becomes acknowledged (read_at filled too); logs message_acknowledged.
CREATE OR REPLACE FUNCTION claude.acknowledge_message(p_message_id uuid)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_message claude.messages := claude.lock_message(p_message_id);
BEGIN
    IF v_message.status IS NULL OR v_message.status NOT IN ('pending', 'read') THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('message %s is %s: only a pending or read message can be acknowledged', p_message_id, COALESCE(v_message.status, 'without status')),
            HINT = 'Status only moves forward: pending -> read -> acknowledged; an acknowledged or expired message is final.';
    END IF;
    UPDATE claude.messages m
       SET status = 'acknowledged', read_at = COALESCE(m.read_at, now()), acknowledged_at = now()
     WHERE m.message_id = p_message_id;
END;
$fn$;
COMMENT ON FUNCTION claude.acknowledge_message(uuid) IS
    'Acknowledges a pending or read message (acknowledged_at = now, read_at filled when missing); logs message_acknowledged. CD005 NULL id, CD002 unknown, CD003 already acknowledged / expired / legacy status.';

-- Rule: seed 004 messages rule 3 -- pending and read messages past expires_at become expired.
CREATE OR REPLACE FUNCTION claude.expire_messages()
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_count integer;
BEGIN
    UPDATE claude.messages m
       SET status = 'expired'
     WHERE m.status IN ('pending', 'read')
       AND m.expires_at <= now();
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END;
$fn$;
COMMENT ON FUNCTION claude.expire_messages() IS
    'Marks pending and read messages whose expires_at has passed as expired; returns how many.';
