-- 80 reminders (seed 004 table 5): follow-ups surfaced at session start once due, checked,
-- rescheduled up to max_reminders, then expired. Status moves pending -> done | dismissed | expired
-- only (trigger, for every writer). check_reminder evaluates table_empty and sql_query conditions in
-- the database; a sql_query condition is untrusted text and runs only as ONE read-only scalar query:
--   * SELECT (SELECT (<condition>))::boolean, opened as a cursor (a second statement cannot be
--     opened as a cursor, a scalar subquery cannot hold a data-modifying statement);
--   * inside a subtransaction that first sets transaction_read_only (writes, DDL, nextval and
--     switching read-write back on all fail) and is always rolled back by a private SQLSTATE (GUC
--     changes, notifications, anything else transactional is undone; a plpgsql variable keeps the
--     answer); session-level advisory locks, which survive a rollback, are released and refused;
--   * only under the CALLER's statement_timeout (1 ms .. 60 s): a function cannot arm one for a
--     statement that is already running, so the caller sets it (the C# client sends SET LOCAL
--     statement_timeout in the same transaction).
-- Anything else is CD001 "not a read-only boolean query"; a timeout stays SQLSTATE 57014.

-- Rule: a reminder condition is evaluated as one read-only scalar boolean query whose effects are always rolled back; p_execute => false only plans it (validation at creation). CD001 for anything else.
CREATE OR REPLACE FUNCTION claude.evaluate_reminder_condition(p_condition text, p_execute boolean DEFAULT true)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_cursor refcursor;
    v_result boolean;
    v_extra boolean;
    v_rows integer := 0;
    v_done boolean := false;
    v_problem text;
    v_locks_before text[];
    v_lock record;
    v_unlocks integer := 0;
BEGIN
    IF claude.is_blank(p_condition) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a reminder condition is required',
            HINT = 'Pass a boolean SQL expression, e.g. (SELECT count(*) FROM claude.build_tasks WHERE status = ''blocked'') = 0.';
    END IF;
    SELECT COALESCE(array_agg(l.classid::text || '/' || l.objid::text || '/' || l.objsubid::text || '/' || l.mode), '{}')
      INTO v_locks_before
      FROM pg_locks l WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.granted;
    BEGIN
        SET LOCAL transaction_read_only = on;
        OPEN v_cursor FOR EXECUTE format(E'SELECT (SELECT (\n%s\n))::boolean', p_condition);
        IF p_execute THEN
            FETCH v_cursor INTO v_result;
            GET DIAGNOSTICS v_rows = ROW_COUNT;
            FETCH v_cursor INTO v_extra;
            IF FOUND THEN
                v_rows := 2;
            END IF;
        END IF;
        CLOSE v_cursor;
        v_done := true;
        RAISE EXCEPTION USING ERRCODE = 'CDZ99', MESSAGE = 'roll back the reminder condition';
    EXCEPTION
        WHEN SQLSTATE 'CDZ99' THEN
            NULL;
        WHEN OTHERS THEN
            v_problem := format('%s (SQLSTATE %s)', SQLERRM, SQLSTATE);
    END;
    -- Session-level advisory locks are not undone by the rollback: release what the condition took.
    FOR v_lock IN
        SELECT l.classid, l.objid, l.objsubid, l.mode
          FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.granted
           AND NOT (l.classid::text || '/' || l.objid::text || '/' || l.objsubid::text || '/' || l.mode = ANY (v_locks_before))
    LOOP
        v_problem := COALESCE(v_problem, 'it took session-level advisory locks');
        -- A session lock taken n times is held until unlocked n times.
        WHILE v_unlocks < 10000 AND EXISTS (SELECT 1 FROM pg_locks l
                       WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.granted
                         AND l.classid = v_lock.classid AND l.objid = v_lock.objid AND l.objsubid = v_lock.objsubid AND l.mode = v_lock.mode) LOOP
            PERFORM CASE
                WHEN v_lock.objsubid = 1 AND v_lock.mode = 'ExclusiveLock' THEN pg_advisory_unlock((v_lock.classid::bigint << 32) | v_lock.objid::bigint)
                WHEN v_lock.objsubid = 1 THEN pg_advisory_unlock_shared((v_lock.classid::bigint << 32) | v_lock.objid::bigint)
                WHEN v_lock.mode = 'ExclusiveLock' THEN pg_advisory_unlock((v_lock.classid::bigint - CASE WHEN v_lock.classid::bigint > 2147483647 THEN 4294967296 ELSE 0 END)::integer,
                                                                           (v_lock.objid::bigint - CASE WHEN v_lock.objid::bigint > 2147483647 THEN 4294967296 ELSE 0 END)::integer)
                ELSE pg_advisory_unlock_shared((v_lock.classid::bigint - CASE WHEN v_lock.classid::bigint > 2147483647 THEN 4294967296 ELSE 0 END)::integer,
                                               (v_lock.objid::bigint - CASE WHEN v_lock.objid::bigint > 2147483647 THEN 4294967296 ELSE 0 END)::integer)
            END;
            v_unlocks := v_unlocks + 1;
        END LOOP;
    END LOOP;
    IF v_problem IS NULL AND NOT v_done THEN
        v_problem := 'it raised the private SQLSTATE CDZ99';
    END IF;
    IF v_problem IS NULL AND p_execute AND v_rows <> 1 THEN
        v_problem := format('it returned %s rows instead of one', v_rows);
    END IF;
    IF v_problem IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('reminder condition is not a read-only boolean query: %s', v_problem),
            DETAIL = format('condition: %s', left(p_condition, 500)),
            HINT = 'Write one boolean SQL expression that only reads, e.g. (SELECT count(*) FROM claude.build_tasks WHERE status = ''blocked'') = 0 or NOT EXISTS (SELECT 1 FROM claude_pm.projects); no ";", no INSERT/UPDATE/DELETE, no functions that write. It is evaluated as SELECT (SELECT (<condition>))::boolean with search_path claude.';
    END IF;
    RETURN COALESCE(v_result, false);
END;
$fn$;
COMMENT ON FUNCTION claude.evaluate_reminder_condition(text, boolean) IS
    'Internal: evaluates SELECT (SELECT (<condition>))::boolean as a single cursor query in a read-only subtransaction that is always rolled back (session advisory locks it took are released); NULL answer = false. p_execute => false only plans it. CD001 when it is not one read-only boolean query, CD005 blank. Relies on the caller''s statement_timeout to stop it (57014).';

-- Rule: status moves pending -> done | dismissed | expired only (CD003), for every writer; completed_at is set when a reminder is done or dismissed.
CREATE OR REPLACE FUNCTION claude.reminders_before_write()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status
       AND OLD.status IN ('pending', 'done', 'dismissed', 'expired')
       AND NOT (OLD.status = 'pending' AND NEW.status IN ('done', 'dismissed', 'expired')) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('reminder %s (''%s'') cannot go from %s to %s: status moves pending -> done | dismissed | expired only',
                             OLD.reminder_id, OLD.title, OLD.status, COALESCE(NEW.status, 'NULL')),
            HINT = CASE WHEN OLD.status = 'pending' THEN 'Use claude.complete_reminder, claude.reschedule_reminder or claude.dismiss_reminder.'
                        ELSE 'The reminder is final; create a new one with claude.create_reminder.' END;
    END IF;
    IF NEW.status IN ('done', 'dismissed') AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status) THEN
        NEW.completed_at := COALESCE(NEW.completed_at, now());
    END IF;
    RETURN NEW;
END;
$fn$;
COMMENT ON FUNCTION claude.reminders_before_write() IS
    'Trigger function (BEFORE INSERT/UPDATE on reminders): refuses a status change other than pending -> done/dismissed/expired (CD003; legacy statuses outside the registry may be repaired), sets completed_at for done/dismissed.';

CREATE OR REPLACE TRIGGER reminders_before_write
    BEFORE INSERT OR UPDATE ON claude.reminders
    FOR EACH ROW EXECUTE FUNCTION claude.reminders_before_write();

-- Rule: seed 004 create_reminder -- a pending reminder with a title (CD005) and a check_after (CD005), a registered check_type (CD001); sql_query/table_empty/file_exists need a condition (CD005), a table_empty condition names an existing table (CD002), a sql_query condition is one read-only boolean query (CD001, planned, not run); reschedule_days 1..3650, max_reminders 1..1000 (CD001); the project must exist (CD002).
CREATE OR REPLACE FUNCTION claude.create_reminder(
    p_title           text,
    p_check_after     timestamp,
    p_description     text DEFAULT NULL,
    p_check_type      text DEFAULT 'manual',
    p_check_condition text DEFAULT NULL,
    p_reschedule_days integer DEFAULT 7,
    p_max_reminders   integer DEFAULT 3,
    p_project_name    text DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_title text := btrim(p_title);
    v_condition text := NULLIF(btrim(p_check_condition), '');
    v_project text;
    v_project_id uuid;
    v_id uuid;
BEGIN
    IF claude.is_blank(v_title) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a reminder title is required',
            HINT = 'Pass what to remind about, e.g. ''Drop the deprecated claude_pm schema''.';
    END IF;
    IF length(v_title) > 200 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('reminder title ''%s...'' is %s characters long', left(v_title, 40), length(v_title)),
            HINT = 'Titles have at most 200 characters; put the details in p_description.';
    END IF;
    IF p_check_after IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('check_after is required for reminder ''%s''', v_title),
            HINT = 'Pass when the reminder becomes due, e.g. now()::timestamp + interval ''7 days''.';
    END IF;
    IF NOT isfinite(p_check_after) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('check_after %s is not a finite timestamp', p_check_after),
            HINT = 'Pass a real point in time.';
    END IF;
    IF p_check_type IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('check_type is required for reminder ''%s''', v_title),
            HINT = 'Omit p_check_type for manual, or pass sql_query, file_exists or table_empty.';
    END IF;
    PERFORM claude.assert_valid_value('reminders', 'check_type', p_check_type);
    IF p_reschedule_days IS NULL OR p_max_reminders IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'reschedule_days and max_reminders are required',
            HINT = 'Omit them for the defaults (7 days, 3 reminders).';
    END IF;
    IF p_reschedule_days NOT BETWEEN 1 AND 3650 OR p_max_reminders NOT BETWEEN 1 AND 1000 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('reschedule_days %s / max_reminders %s are not valid', p_reschedule_days, p_max_reminders),
            HINT = 'reschedule_days is 1 .. 3650 (default 7), max_reminders 1 .. 1000 (default 3).';
    END IF;
    IF p_check_type <> 'manual' AND v_condition IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('a %s reminder needs a check_condition', p_check_type),
            HINT = CASE p_check_type WHEN 'sql_query' THEN 'Pass a boolean SQL expression that is true when the reminder is done.'
                                     WHEN 'table_empty' THEN 'Pass the table name, e.g. ''claude.build_tasks''.'
                                     ELSE 'Pass the file path the client checks.' END;
    END IF;
    IF p_check_type = 'table_empty' THEN
        PERFORM claude.reminder_table(v_condition);
    ELSIF p_check_type = 'sql_query' THEN
        PERFORM claude.evaluate_reminder_condition(v_condition, false);
    END IF;
    IF NOT claude.is_blank(p_project_name) THEN
        v_project_id := claude.resolve_project(p_project_name, false);
        SELECT left(p.project_name, 100) INTO v_project FROM claude.projects p WHERE p.project_id = v_project_id;
    END IF;
    INSERT INTO claude.reminders (reminder_id, title, description, check_after, check_type, check_condition, reschedule_days,
                                  max_reminders, reminder_count, status, project_name, created_by, created_at)
    VALUES (gen_random_uuid(), v_title, p_description, p_check_after, p_check_type, v_condition, p_reschedule_days,
            p_max_reminders, 0, 'pending', v_project, left(session_user, 100), now())
    RETURNING reminder_id INTO v_id;
    RETURN v_id;
END;
$fn$;
COMMENT ON FUNCTION claude.create_reminder(text, timestamp, text, text, text, integer, integer, text) IS
    'Creates a pending reminder and returns its id. CD005 blank title, NULL check_after/check_type, missing condition for sql_query/table_empty/file_exists; CD001 unregistered check_type, title over 200, reschedule_days outside 1..3650, max_reminders outside 1..1000, a sql_query condition that is not one read-only boolean query (planned, not run); CD002 table_empty table or project that does not exist.';

-- Rule: a table_empty condition names an existing table, view or materialized view (CD002 otherwise).
CREATE OR REPLACE FUNCTION claude.reminder_table(p_condition text)
RETURNS regclass
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_rel regclass;
BEGIN
    BEGIN
        v_rel := to_regclass(btrim(p_condition));
    EXCEPTION WHEN OTHERS THEN
        v_rel := NULL;
    END;
    IF v_rel IS NULL OR NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = v_rel AND c.relkind IN ('r', 'p', 'v', 'm', 'f')) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('table ''%s'' does not exist', p_condition),
            HINT = 'A table_empty reminder names a table, e.g. ''claude.build_tasks'' (unqualified names are looked up in schema claude).';
    END IF;
    RETURN v_rel;
END;
$fn$;
COMMENT ON FUNCTION claude.reminder_table(text) IS
    'Internal: the relation a table_empty condition names (schema claude first); CD002 when there is none.';

-- Rule: seed 004 get_due_reminders -- pending reminders whose check_after has passed, of that project (any case) or of no project; check_after ASC.
CREATE OR REPLACE FUNCTION claude.get_due_reminders(p_project_name text DEFAULT NULL)
RETURNS TABLE(reminder_id uuid, title text, description text, check_after timestamp, check_type text, check_condition text,
              reminder_count integer, max_reminders integer, project_name text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_project text := lower(NULLIF(btrim(p_project_name), ''));
BEGIN
    -- Two static queries: the project's one reads idx_reminders_pending_project (its key of a reminder
    -- without project is NULL), instead of every due reminder of every project.
    IF v_project IS NOT NULL THEN
        RETURN QUERY
            SELECT r.reminder_id, r.title::text, r.description, r.check_after, r.check_type::text, r.check_condition,
                   COALESCE(r.reminder_count, 0), COALESCE(r.max_reminders, 3), r.project_name::text
              FROM claude.reminders r
             WHERE r.status = 'pending'
               AND r.check_after <= now()
               AND (lower(btrim(r.project_name::text)) = v_project OR lower(btrim(r.project_name::text)) IS NULL)
             ORDER BY r.check_after, r.reminder_id;
    ELSE
        RETURN QUERY
            SELECT r.reminder_id, r.title::text, r.description, r.check_after, r.check_type::text, r.check_condition,
                   COALESCE(r.reminder_count, 0), COALESCE(r.max_reminders, 3), r.project_name::text
              FROM claude.reminders r
             WHERE r.status = 'pending'
               AND r.check_after <= now()
             ORDER BY r.check_after, r.reminder_id;
    END IF;
END;
$fn$;
COMMENT ON FUNCTION claude.get_due_reminders(text) IS
    'Pending reminders with check_after <= now, oldest first; with p_project_name only that project''s (case-insensitive) and those without project.';

-- Rule: the reminder a caller names exists (CD005/CD002), is locked, and is pending (CD003).
CREATE OR REPLACE FUNCTION claude.lock_reminder(p_reminder_id uuid)
RETURNS claude.reminders
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_reminder claude.reminders;
BEGIN
    IF p_reminder_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a reminder id is required',
            HINT = 'Pass a reminder_id from claude.get_due_reminders.';
    END IF;
    SELECT * INTO v_reminder FROM claude.reminders r WHERE r.reminder_id = p_reminder_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('reminder %s does not exist', p_reminder_id),
            HINT = 'Pass a reminder_id from claude.get_due_reminders.';
    END IF;
    IF v_reminder.status IS DISTINCT FROM 'pending' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('reminder %s (''%s'') is %s, not pending', p_reminder_id, v_reminder.title, COALESCE(v_reminder.status, 'without status')),
            HINT = 'Only a pending reminder is checked, completed, rescheduled or dismissed; status moves pending -> done | dismissed | expired.';
    END IF;
    RETURN v_reminder;
END;
$fn$;
COMMENT ON FUNCTION claude.lock_reminder(uuid) IS
    'Internal: locks and returns a pending reminder; CD005 NULL id, CD002 unknown, CD003 not pending.';

-- Rule: seed 004 check_reminder -- table_empty and sql_query are answered by the database (true = done), manual and file_exists return NULL (the client answers); changes nothing. sql_query needs the caller's statement_timeout between 1 ms and 60 s (CD003).
CREATE OR REPLACE FUNCTION claude.check_reminder(p_reminder_id uuid)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_reminder claude.reminders;
    v_timeout_ms bigint;
BEGIN
    IF p_reminder_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a reminder id is required',
            HINT = 'Pass a reminder_id from claude.get_due_reminders.';
    END IF;
    SELECT * INTO v_reminder FROM claude.reminders r WHERE r.reminder_id = p_reminder_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('reminder %s does not exist', p_reminder_id),
            HINT = 'Pass a reminder_id from claude.get_due_reminders.';
    END IF;
    IF v_reminder.status IS DISTINCT FROM 'pending' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('reminder %s (''%s'') is %s, not pending', p_reminder_id, v_reminder.title, COALESCE(v_reminder.status, 'without status')),
            HINT = 'Only a pending reminder is checked.';
    END IF;
    CASE v_reminder.check_type
        WHEN 'table_empty' THEN
            RETURN claude.evaluate_reminder_condition(format('NOT EXISTS (SELECT 1 FROM %s)', claude.reminder_table(v_reminder.check_condition)));
        WHEN 'sql_query' THEN
            SELECT s.setting::bigint INTO v_timeout_ms FROM pg_settings s WHERE s.name = 'statement_timeout';
            IF v_timeout_ms NOT BETWEEN 1 AND 60000 THEN
                RAISE EXCEPTION USING ERRCODE = 'CD003',
                    MESSAGE = format('reminder %s runs a SQL condition, which needs a statement_timeout between 1 ms and 60 s (it is %s)',
                                     p_reminder_id, CASE WHEN v_timeout_ms = 0 THEN 'off' ELSE current_setting('statement_timeout') END),
                    HINT = 'SET statement_timeout = ''5s'' first (SET LOCAL inside the same transaction); a function cannot arm one for itself.';
            END IF;
            RETURN claude.evaluate_reminder_condition(v_reminder.check_condition);
        WHEN 'manual', 'file_exists' THEN
            RETURN NULL;
        ELSE
            RAISE EXCEPTION USING ERRCODE = 'CD001',
                MESSAGE = format('reminder %s has check_type %s, which claude.check_reminder cannot evaluate', p_reminder_id, COALESCE(v_reminder.check_type, 'NULL')),
                HINT = 'Valid check types: manual, sql_query, file_exists, table_empty.';
    END CASE;
END;
$fn$;
COMMENT ON FUNCTION claude.check_reminder(uuid) IS
    'Whether a pending reminder is done: table_empty (table has no rows) and sql_query (the condition, evaluated as one read-only boolean query that is always rolled back) are answered here; manual and file_exists return NULL (the client answers and records it with complete/reschedule). Changes nothing. CD005 NULL id, CD002 unknown reminder or table, CD003 not pending or (sql_query) statement_timeout not set between 1 ms and 60 s, CD001 condition not a read-only boolean query; 57014 when the condition outlives statement_timeout.';

-- Rule: seed 004 complete_reminder -- a pending reminder becomes done (completed_at now).
CREATE OR REPLACE FUNCTION claude.complete_reminder(p_reminder_id uuid)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    PERFORM claude.lock_reminder(p_reminder_id);
    UPDATE claude.reminders r SET status = 'done', completed_at = now() WHERE r.reminder_id = p_reminder_id;
END;
$fn$;
COMMENT ON FUNCTION claude.complete_reminder(uuid) IS
    'Marks a pending reminder done (completed_at = now). CD005 NULL id, CD002 unknown, CD003 not pending.';

-- Rule: seed 004 dismiss_reminder -- a pending reminder becomes dismissed (completed_at now).
CREATE OR REPLACE FUNCTION claude.dismiss_reminder(p_reminder_id uuid)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    PERFORM claude.lock_reminder(p_reminder_id);
    UPDATE claude.reminders r SET status = 'dismissed', completed_at = now() WHERE r.reminder_id = p_reminder_id;
END;
$fn$;
COMMENT ON FUNCTION claude.dismiss_reminder(uuid) IS
    'Dismisses a pending reminder without completing it (completed_at = now). CD005 NULL id, CD002 unknown, CD003 not pending.';

-- Rule: seed 004 reschedule_reminder -- reminder_count + 1, check_after = now + reschedule_days; expired once reminder_count reaches max_reminders.
CREATE OR REPLACE FUNCTION claude.reschedule_reminder(p_reminder_id uuid)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_reminder claude.reminders := claude.lock_reminder(p_reminder_id);
    v_count integer := COALESCE(v_reminder.reminder_count, 0) + 1;
BEGIN
    UPDATE claude.reminders r
       SET reminder_count = v_count,
           check_after = now() + make_interval(days => COALESCE(r.reschedule_days, 7)),
           status = CASE WHEN v_count >= COALESCE(r.max_reminders, 3) THEN 'expired' ELSE 'pending' END
     WHERE r.reminder_id = p_reminder_id;
END;
$fn$;
COMMENT ON FUNCTION claude.reschedule_reminder(uuid) IS
    'A pending reminder that is not done yet: reminder_count + 1, check_after = now + reschedule_days (default 7); status expired once reminder_count reaches max_reminders (default 3). CD005 NULL id, CD002 unknown, CD003 not pending.';
