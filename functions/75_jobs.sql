-- 75 scheduled jobs (seed 004 table 4) and their run history. The database half of the scheduler:
-- job definitions (unique names, valid trigger conditions and cron expressions for every writer),
-- which jobs are due, a race-free claim (execute_job: row lock, one RUNNING run per job, stale
-- claims recorded as TIMEOUT) and the result (update_job_result: counters, history, retry, next_run
-- from the cron expression, activity). The command itself runs in the client (Invoke-ClaudeDueJob /
-- claudedb jobs run-due). Cron expressions are evaluated here, in SQL (next_cron_run).

-- ---------------------------------------------------------------------------------------------
-- Cron

-- Rule: one cron token is a number or, for month / day-of-week, a three-letter name; NULL when it is neither.
CREATE OR REPLACE FUNCTION claude.cron_token(p_token text, p_names text[], p_name_base integer)
RETURNS integer
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT CASE
               WHEN p_token ~ '^[0-9]{1,4}$' THEN p_token::integer
               WHEN pg_catalog.array_position(p_names, p_token) IS NOT NULL THEN pg_catalog.array_position(p_names, p_token) - 1 + p_name_base
           END;
$fn$;
COMMENT ON FUNCTION claude.cron_token(text, text[], integer) IS
    'Internal: value of one cron token (digits, or a name from p_names counted from p_name_base), NULL when invalid.';

-- Rule: a cron field is a comma list of *, n, a-b, */s, a-b/s or a/s within the field's range (CD001 naming the field otherwise); returns the sorted values.
CREATE OR REPLACE FUNCTION claude.cron_field_values(p_expression text, p_field text, p_text text, p_min integer, p_max integer,
                                                    p_names text[] DEFAULT NULL, p_name_base integer DEFAULT 0)
RETURNS integer[]
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_item text;
    v_match text[];
    v_bounds text[];
    v_low integer;
    v_high integer;
    v_step integer;
    v_values integer[] := '{}';
    v_reason text;
BEGIN
    FOREACH v_item IN ARRAY string_to_array(p_text, ',') LOOP
        v_match := regexp_match(v_item, '^(\*|[a-z0-9]+(-[a-z0-9]+)?)(/([0-9]{1,4}))?$');
        IF v_match IS NULL THEN
            v_reason := format('''%s'' is not *, a value, a range a-b, or one of those with a step /n', v_item);
            EXIT;
        END IF;
        v_step := COALESCE(v_match[4]::integer, 1);
        IF v_match[1] = '*' THEN
            v_low := p_min;
            v_high := p_max;
        ELSE
            v_bounds := string_to_array(v_match[1], '-');
            v_low := claude.cron_token(v_bounds[1], p_names, p_name_base);
            v_high := CASE WHEN v_bounds[2] IS NOT NULL THEN claude.cron_token(v_bounds[2], p_names, p_name_base)
                           WHEN v_match[3] IS NOT NULL THEN p_max
                           ELSE v_low END;
            IF v_low IS NULL OR v_high IS NULL THEN
                v_reason := format('''%s'' names no value', v_item);
                EXIT;
            END IF;
        END IF;
        IF v_step < 1 THEN
            v_reason := format('step in ''%s'' must be at least 1', v_item);
            EXIT;
        END IF;
        IF v_low < p_min OR v_high > p_max THEN
            v_reason := format('''%s'' is outside %s-%s', v_item, p_min, p_max);
            EXIT;
        END IF;
        IF v_low > v_high THEN
            v_reason := format('range ''%s'' runs backwards', v_item);
            EXIT;
        END IF;
        v_values := v_values || ARRAY(SELECT g FROM generate_series(v_low, v_high, v_step) AS g);
    END LOOP;
    IF v_reason IS NOT NULL OR p_text = '' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('cron expression ''%s'' is not valid: %s field ''%s'': %s', p_expression, p_field, p_text, COALESCE(v_reason, 'empty')),
            HINT = 'Five fields: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12 or jan-dec) day-of-week (0-7 or sun-sat, 0 and 7 = Sunday); each a list of *, n, a-b, with an optional step /s. Example: ''30 2 * * 1-5''.';
    END IF;
    IF p_field = 'day-of-week' THEN
        v_values := ARRAY(SELECT CASE WHEN v = 7 THEN 0 ELSE v END FROM unnest(v_values) AS v);
    END IF;
    RETURN ARRAY(SELECT DISTINCT v FROM unnest(v_values) AS v ORDER BY v);
END;
$fn$;
COMMENT ON FUNCTION claude.cron_field_values(text, text, text, integer, integer, text[], integer) IS
    'Internal: the sorted values one cron field allows (day-of-week 7 is folded to 0 = Sunday); CD001 naming the field when it is not valid.';

-- Rule: standard five-field cron (minute hour day-of-month month day-of-week; *, lists, ranges, steps, names; day-of-month and day-of-week ORed when both are restricted, as Vixie cron; 0 and 7 = Sunday; @hourly/@daily/@weekly/@monthly/@yearly); the first matching minute strictly after p_after, computed field by field (never minute by minute).
CREATE OR REPLACE FUNCTION claude.next_cron_run(p_schedule text, p_after timestamp)
RETURNS timestamp
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_expression text := lower(btrim(p_schedule));
    v_fields text[];
    v_minutes integer[];
    v_hours integer[];
    v_days integer[];
    v_months integer[];
    v_weekdays integer[];
    v_day_star boolean;
    v_weekday_star boolean;
    v_day_ok boolean;
    v_t timestamp;
    v_limit timestamp;
    v_next integer;
BEGIN
    IF claude.is_blank(v_expression) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a cron expression is required',
            HINT = 'Pass five fields such as ''0 2 * * *'' (every day at 02:00).';
    END IF;
    IF p_after IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'the start time p_after is required',
            HINT = 'Pass the time after which the next run is wanted, e.g. now()::timestamp.';
    END IF;
    IF NOT isfinite(p_after) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('start time %s is not a finite timestamp', p_after),
            HINT = 'Pass a real point in time.';
    END IF;
    v_expression := CASE v_expression
                        WHEN '@yearly' THEN '0 0 1 1 *' WHEN '@annually' THEN '0 0 1 1 *'
                        WHEN '@monthly' THEN '0 0 1 * *' WHEN '@weekly' THEN '0 0 * * 0'
                        WHEN '@daily' THEN '0 0 * * *' WHEN '@midnight' THEN '0 0 * * *'
                        WHEN '@hourly' THEN '0 * * * *'
                        ELSE v_expression END;
    v_fields := regexp_split_to_array(v_expression, '\s+');
    IF left(v_expression, 1) = '@' OR array_length(v_fields, 1) <> 5 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('cron expression ''%s'' is not valid: it has %s field(s), a cron expression has five (minute hour day-of-month month day-of-week)',
                             p_schedule, CASE WHEN left(v_expression, 1) = '@' THEN 'an unknown macro instead of five' ELSE array_length(v_fields, 1)::text END),
            HINT = 'Example: ''30 2 * * 1-5'' (02:30 on weekdays); macros @hourly, @daily, @weekly, @monthly and @yearly are accepted.';
    END IF;
    v_minutes  := claude.cron_field_values(p_schedule, 'minute',       v_fields[1], 0, 59);
    v_hours    := claude.cron_field_values(p_schedule, 'hour',         v_fields[2], 0, 23);
    v_days     := claude.cron_field_values(p_schedule, 'day-of-month', v_fields[3], 1, 31);
    v_months   := claude.cron_field_values(p_schedule, 'month',        v_fields[4], 1, 12,
                      ARRAY['jan','feb','mar','apr','may','jun','jul','aug','sep','oct','nov','dec'], 1);
    v_weekdays := claude.cron_field_values(p_schedule, 'day-of-week',  v_fields[5], 0, 7,
                      ARRAY['sun','mon','tue','wed','thu','fri','sat'], 0);
    v_day_star := left(v_fields[3], 1) = '*';
    v_weekday_star := left(v_fields[5], 1) = '*';

    v_t := date_trunc('minute', p_after) + interval '1 minute';
    -- 28 years: every weekday/date combination of the Gregorian calendar recurs within it.
    v_limit := v_t + interval '28 years';
    LOOP
        IF v_t > v_limit THEN
            RAISE EXCEPTION USING ERRCODE = 'CD001',
                MESSAGE = format('cron expression ''%s'' never fires: no date matches its day-of-month and month fields', p_schedule),
                HINT = 'Check the day-of-month against the months (e.g. 30 2 is February 30th).';
        END IF;
        IF NOT (extract(month FROM v_t)::integer = ANY (v_months)) THEN
            SELECT min(m) INTO v_next FROM unnest(v_months) AS m WHERE m > extract(month FROM v_t)::integer;
            v_t := CASE WHEN v_next IS NULL THEN make_timestamp(extract(year FROM v_t)::integer + 1, v_months[1], 1, 0, 0, 0)
                        ELSE make_timestamp(extract(year FROM v_t)::integer, v_next, 1, 0, 0, 0) END;
            CONTINUE;
        END IF;
        v_day_ok := CASE WHEN v_day_star OR v_weekday_star
                         THEN extract(day FROM v_t)::integer = ANY (v_days) AND extract(dow FROM v_t)::integer = ANY (v_weekdays)
                         ELSE extract(day FROM v_t)::integer = ANY (v_days) OR extract(dow FROM v_t)::integer = ANY (v_weekdays) END;
        IF NOT v_day_ok THEN
            v_t := date_trunc('day', v_t) + interval '1 day';
            CONTINUE;
        END IF;
        IF NOT (extract(hour FROM v_t)::integer = ANY (v_hours)) THEN
            SELECT min(h) INTO v_next FROM unnest(v_hours) AS h WHERE h > extract(hour FROM v_t)::integer;
            v_t := CASE WHEN v_next IS NULL THEN date_trunc('day', v_t) + interval '1 day'
                        ELSE date_trunc('day', v_t) + make_interval(hours => v_next) END;
            CONTINUE;
        END IF;
        IF NOT (extract(minute FROM v_t)::integer = ANY (v_minutes)) THEN
            SELECT min(n) INTO v_next FROM unnest(v_minutes) AS n WHERE n > extract(minute FROM v_t)::integer;
            v_t := CASE WHEN v_next IS NULL THEN date_trunc('hour', v_t) + interval '1 hour'
                        ELSE date_trunc('hour', v_t) + make_interval(mins => v_next) END;
            CONTINUE;
        END IF;
        RETURN v_t;
    END LOOP;
END;
$fn$;
COMMENT ON FUNCTION claude.next_cron_run(text, timestamp) IS
    'First minute strictly after p_after that the 5-field cron expression matches (minute hour day-of-month month day-of-week; *, lists, ranges, steps, jan-dec/sun-sat names, @hourly..@yearly; day-of-month OR day-of-week when both are restricted, as Vixie cron; 0 and 7 = Sunday). Computed field by field in the timestamp''s own clock. CD001 naming the bad field (or an expression that never fires), CD005 NULL arguments.';

-- ---------------------------------------------------------------------------------------------
-- Job definitions

-- Rule: trigger_condition is a JSON object whose keys are known (days_since_last_run 0 < n <= 3650, hours_since_last_run 0 < n <= 87600); CD001 naming the key otherwise.
CREATE OR REPLACE FUNCTION claude.assert_job_trigger_condition(p_condition jsonb)
RETURNS void
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_key text;
    v_max numeric;
BEGIN
    IF p_condition IS NULL THEN
        RETURN;
    END IF;
    IF jsonb_typeof(p_condition) <> 'object' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('trigger_condition %s is not valid: it must be a JSON object', left(p_condition::text, 100)),
            HINT = 'Pass {} (always due at session start) or e.g. {"days_since_last_run": 7} or {"hours_since_last_run": 12}.';
    END IF;
    FOR v_key IN SELECT k FROM jsonb_object_keys(p_condition) AS k ORDER BY k LOOP
        v_max := CASE v_key WHEN 'days_since_last_run' THEN 3650 WHEN 'hours_since_last_run' THEN 87600 END;
        IF v_max IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'CD001',
                MESSAGE = format('trigger_condition key ''%s'' is not known', v_key),
                HINT = 'Known keys: days_since_last_run, hours_since_last_run (positive numbers), e.g. {"days_since_last_run": 7}.';
        END IF;
        IF jsonb_typeof(p_condition -> v_key) <> 'number' OR (p_condition ->> v_key)::numeric <= 0 OR (p_condition ->> v_key)::numeric > v_max THEN
            RAISE EXCEPTION USING ERRCODE = 'CD001',
                MESSAGE = format('trigger_condition %s = %s is not valid: it must be a number above 0 and at most %s', v_key, p_condition -> v_key, v_max),
                HINT = format('e.g. {"%s": 7}', v_key);
        END IF;
    END LOOP;
END;
$fn$;
COMMENT ON FUNCTION claude.assert_job_trigger_condition(jsonb) IS
    'Internal: CD001 unless trigger_condition is NULL or a JSON object with only days_since_last_run (0 < n <= 3650) and hours_since_last_run (0 < n <= 87600), both numbers.';

-- Rule: a session_start job's trigger_condition holds when every given minimum time since its last run has passed (a job never run is due).
CREATE OR REPLACE FUNCTION claude.job_condition_met(p_condition jsonb, p_last_run timestamp)
RETURNS boolean
LANGUAGE sql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT p_last_run IS NULL
        OR ((pg_catalog.jsonb_typeof(p_condition -> 'days_since_last_run') IS DISTINCT FROM 'number'
             OR p_last_run <= pg_catalog.now() - (p_condition ->> 'days_since_last_run')::numeric * interval '1 day')
            AND (pg_catalog.jsonb_typeof(p_condition -> 'hours_since_last_run') IS DISTINCT FROM 'number'
             OR p_last_run <= pg_catalog.now() - (p_condition ->> 'hours_since_last_run')::numeric * interval '1 hour'));
$fn$;
COMMENT ON FUNCTION claude.job_condition_met(jsonb, timestamp) IS
    'Internal: true when the job never ran or its last run is at least days_since_last_run days and hours_since_last_run hours ago (keys that are absent do not restrict).';

-- Rule: for every writer -- job names unique case-insensitively (CD004), trigger_condition known keys (CD001), a schedule is a valid cron expression that fires (CD001); updated_at follows changes.
CREATE OR REPLACE FUNCTION claude.scheduled_jobs_before_write()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_other record;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        NEW.updated_at := now();
    END IF;
    IF NEW.job_name IS NOT NULL
       AND (TG_OP = 'INSERT' OR lower(btrim(NEW.job_name)) IS DISTINCT FROM lower(btrim(OLD.job_name))) THEN
        PERFORM claude.name_lock('claude.scheduled_jobs.job_name', NEW.job_name);
        SELECT j.job_id, j.job_name INTO v_other
          FROM claude.scheduled_jobs j
         WHERE lower(btrim(j.job_name)) = lower(btrim(NEW.job_name)) AND j.job_id <> NEW.job_id
         LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'CD004',
                MESSAGE = format('job name ''%s'' is taken: job %s is named ''%s'' (names are unique regardless of case)',
                                 NEW.job_name, v_other.job_id, v_other.job_name),
                HINT = format('Use the existing job ''%s'', or choose another name.', v_other.job_name);
        END IF;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.trigger_condition IS DISTINCT FROM OLD.trigger_condition THEN
        PERFORM claude.assert_job_trigger_condition(NEW.trigger_condition);
    END IF;
    IF NULLIF(btrim(NEW.schedule), '') IS NOT NULL
       AND (TG_OP = 'INSERT' OR NEW.schedule IS DISTINCT FROM OLD.schedule) THEN
        PERFORM claude.next_cron_run(NEW.schedule, now()::timestamp);
    END IF;
    RETURN NEW;
END;
$fn$;
COMMENT ON FUNCTION claude.scheduled_jobs_before_write() IS
    'Trigger function (BEFORE INSERT/UPDATE on scheduled_jobs): CD004 for a job name another job has (any case; serialised per name), CD001 for an unknown trigger_condition key or an invalid cron schedule; sets updated_at on update.';

CREATE OR REPLACE TRIGGER scheduled_jobs_before_write
    BEFORE INSERT OR UPDATE ON claude.scheduled_jobs
    FOR EACH ROW EXECUTE FUNCTION claude.scheduled_jobs_before_write();

-- Rule: seed 004 create_scheduled_job -- an active job with a unique name (CD004), registered type and trigger type (CD001), a command (CD005), priority 1..10 and timeout 1..86400 s (CD001), a known trigger_condition (CD001); schedule jobs need a cron expression and get next_run from it.
CREATE OR REPLACE FUNCTION claude.create_scheduled_job(
    p_job_name          text,
    p_job_type          text,
    p_command           text,
    p_trigger_type      text DEFAULT 'session_start',
    p_trigger_condition jsonb DEFAULT '{}',
    p_priority          integer DEFAULT 5,
    p_timeout_seconds   integer DEFAULT 300,
    p_schedule          text DEFAULT NULL,
    p_project_name      text DEFAULT NULL,
    p_working_directory text DEFAULT NULL,
    p_retry_on_failure  boolean DEFAULT false,
    p_max_retries       integer DEFAULT 0)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_name text := btrim(p_job_name);
    v_schedule text := NULLIF(btrim(p_schedule), '');
    v_project_id uuid;
    v_id uuid;
BEGIN
    IF claude.is_blank(v_name) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a job name is required',
            HINT = 'Pass a unique name such as ''nightly-backup''.';
    END IF;
    IF length(v_name) > 200 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('job name ''%s...'' is %s characters long', left(v_name, 40), length(v_name)),
            HINT = 'Job names have at most 200 characters.';
    END IF;
    IF p_job_type IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('a job type is required for job ''%s''', v_name),
            HINT = format('Pass one of: %s.', (SELECT string_agg(v, ', ') FROM jsonb_array_elements_text(claude.get_valid_values('scheduled_jobs', 'job_type')) AS v));
    END IF;
    PERFORM claude.assert_valid_value('scheduled_jobs', 'job_type', p_job_type);
    IF claude.is_blank(p_command) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('a command is required for job ''%s''', v_name),
            HINT = 'Pass the command line the client runs, e.g. ''python scripts/backup.py''.';
    END IF;
    IF p_trigger_type IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('a trigger type is required for job ''%s''', v_name),
            HINT = 'Omit p_trigger_type for session_start, or pass schedule, on_demand or session_end.';
    END IF;
    PERFORM claude.assert_valid_value('scheduled_jobs', 'trigger_type', p_trigger_type);
    PERFORM claude.assert_job_trigger_condition(p_trigger_condition);
    IF p_priority IS NULL OR p_timeout_seconds IS NULL OR p_max_retries IS NULL OR p_retry_on_failure IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005',
            MESSAGE = format('priority, timeout_seconds, retry_on_failure and max_retries are required for job ''%s''', v_name),
            HINT = 'Omit them for the defaults (priority 5, timeout 300 s, no retry).';
    END IF;
    IF p_priority NOT BETWEEN 1 AND 10 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('priority %s is not valid for job ''%s''', p_priority, v_name),
            HINT = 'Pass 1 (highest) .. 10 (lowest); the default is 5.';
    END IF;
    IF p_timeout_seconds NOT BETWEEN 1 AND 86400 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('timeout_seconds %s is not valid for job ''%s''', p_timeout_seconds, v_name),
            HINT = 'Pass 1 .. 86400 seconds; the default is 300.';
    END IF;
    IF p_max_retries NOT BETWEEN 0 AND 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('max_retries %s is not valid for job ''%s''', p_max_retries, v_name),
            HINT = 'Pass 0 .. 100 retries after a failure (used with p_retry_on_failure => true).';
    END IF;
    IF p_trigger_type = 'schedule' AND v_schedule IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('schedule job ''%s'' needs a cron expression', v_name),
            HINT = 'Pass p_schedule, e.g. ''0 2 * * *'' for every day at 02:00.';
    END IF;
    IF p_trigger_type <> 'schedule' AND v_schedule IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('job ''%s'' has trigger type %s: a cron schedule is only used by trigger type schedule', v_name, p_trigger_type),
            HINT = 'Pass p_trigger_type => ''schedule'' with the cron expression, or omit p_schedule.';
    END IF;
    IF v_schedule IS NOT NULL AND length(v_schedule) > 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('cron expression ''%s...'' is %s characters long', left(v_schedule, 40), length(v_schedule)),
            HINT = 'A cron expression has at most 100 characters.';
    END IF;
    IF NOT claude.is_blank(p_project_name) THEN
        v_project_id := claude.resolve_project(p_project_name, false);
    END IF;
    -- The trigger scheduled_jobs_before_write takes the name lock and raises CD004 for a taken name.
    INSERT INTO claude.scheduled_jobs (job_id, project_id, job_name, job_type, schedule, next_run, run_count, success_count, is_active,
                                       timeout_seconds, retry_on_failure, max_retries, command, working_directory, created_at, updated_at,
                                       trigger_type, trigger_condition, priority)
    VALUES (gen_random_uuid(), v_project_id, v_name, p_job_type, v_schedule,
            CASE WHEN v_schedule IS NOT NULL THEN claude.next_cron_run(v_schedule, now()::timestamp) END,
            0, 0, true, p_timeout_seconds, p_retry_on_failure, p_max_retries, btrim(p_command), NULLIF(btrim(p_working_directory), ''),
            now(), now(), p_trigger_type, COALESCE(p_trigger_condition, '{}'::jsonb), p_priority)
    RETURNING job_id INTO v_id;
    RETURN v_id;
END;
$fn$;
COMMENT ON FUNCTION claude.create_scheduled_job(text, text, text, text, jsonb, integer, integer, text, text, text, boolean, integer) IS
    'Creates an active job and returns its id. Seed 004 parameters first; p_schedule (cron, required for trigger type schedule, which then gets next_run from it), p_project_name (existing project; NULL = every project), p_working_directory, p_retry_on_failure, p_max_retries follow with defaults. CD005 missing name/type/command/trigger type/schedule, CD001 unregistered type or trigger type, unknown trigger_condition key, priority outside 1..10, timeout outside 1..86400, max_retries outside 0..100, bad cron, CD002 unknown project, CD004 name taken (any case).';

-- ---------------------------------------------------------------------------------------------
-- Due jobs, claim, result

-- Rule: failures of a job since its last run that did not fail (what retry_on_failure counts against max_retries).
CREATE OR REPLACE FUNCTION claude.job_consecutive_failures(p_job_id uuid)
RETURNS integer
LANGUAGE sql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT pg_catalog.count(*)::integer
      FROM claude.job_run_history h
     WHERE h.job_id = p_job_id
       AND pg_catalog.upper(h.status) = 'FAILED'
       AND h.started_at > COALESCE((SELECT pg_catalog.max(o.started_at) FROM claude.job_run_history o
                                     WHERE o.job_id = p_job_id AND pg_catalog.upper(o.status) NOT IN ('FAILED', 'RUNNING')),
                                   '-infinity'::timestamp);
$fn$;
COMMENT ON FUNCTION claude.job_consecutive_failures(uuid) IS
    'Internal: number of FAILED runs of a job after its latest SUCCESS/TIMEOUT/SKIPPED run.';


-- Rule: a job is due when it is not running within its timeout and either failed with retries left,
-- is a session_start job whose trigger condition holds, or is a schedule job whose next_run has passed.
-- No SET search_path (it names only schema-qualified functions): a SET clause would stop the planner
-- from inlining it into the queries of get_due_jobs and claim_due_job.
CREATE OR REPLACE FUNCTION claude.job_is_due(p_job claude.scheduled_jobs)
RETURNS boolean
LANGUAGE sql
STABLE
AS $fn$
    SELECT p_job.is_active
       AND NOT COALESCE(pg_catalog.upper(p_job.last_status) = 'RUNNING'
                        AND p_job.last_run + pg_catalog.make_interval(secs => COALESCE(p_job.timeout_seconds, 300)) > pg_catalog.now(), false)
       AND ((pg_catalog.upper(p_job.last_status) = 'FAILED' AND p_job.retry_on_failure
             AND claude.job_consecutive_failures(p_job.job_id) <= COALESCE(p_job.max_retries, 0))
            OR (p_job.trigger_type = 'session_start' AND claude.job_condition_met(p_job.trigger_condition, p_job.last_run))
            OR (p_job.trigger_type = 'schedule' AND (p_job.next_run IS NULL OR p_job.next_run <= pg_catalog.now())));
$fn$;
COMMENT ON FUNCTION claude.job_is_due(claude.scheduled_jobs) IS
    'Internal: whether an active job is due (not RUNNING within timeout_seconds; FAILED with retry_on_failure and retries left, a session_start job whose trigger_condition holds, or a schedule job whose next_run passed or is NULL).';

-- Rule: seed 004 get_due_jobs -- active session_start / schedule jobs that are due (trigger_condition; next_run passed or NULL; a FAILED job with retry_on_failure while it has failed at most max_retries times in a row), not RUNNING within their timeout, of that project or of every project; priority ASC, at most 5 (session start limit). Reads only.
CREATE OR REPLACE FUNCTION claude.get_due_jobs(p_project_name text DEFAULT NULL)
RETURNS TABLE(job_id uuid, job_name text, job_type text, command text, working_directory text, timeout_seconds integer,
              priority integer, trigger_type text, last_run timestamp, last_status text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_filter boolean := NOT claude.is_blank(p_project_name);
    v_project_id uuid;
BEGIN
    IF v_filter THEN
        v_project_id := claude.find_project(p_project_name);
    END IF;
    -- A project's jobs and the jobs of no project are read through idx_scheduled_jobs_project rather
    -- than testing every active job of every project.
    IF v_filter THEN
        RETURN QUERY
            SELECT j.job_id, j.job_name::text, j.job_type::text, j.command, j.working_directory, COALESCE(j.timeout_seconds, 300),
                   j.priority, j.trigger_type::text, j.last_run, j.last_status::text
              FROM claude.scheduled_jobs j
             WHERE (j.project_id = v_project_id OR j.project_id IS NULL)
               AND j.is_active
               AND j.trigger_type IN ('session_start', 'schedule')
               AND claude.job_is_due(j)
             ORDER BY j.priority NULLS LAST, j.last_run NULLS FIRST, j.job_name
             LIMIT 5;
        RETURN;
    END IF;
    RETURN QUERY
        SELECT j.job_id, j.job_name::text, j.job_type::text, j.command, j.working_directory, COALESCE(j.timeout_seconds, 300),
               j.priority, j.trigger_type::text, j.last_run, j.last_status::text
          FROM claude.scheduled_jobs j
         WHERE j.is_active
           AND j.trigger_type IN ('session_start', 'schedule')
           AND claude.job_is_due(j)
         ORDER BY j.priority NULLS LAST, j.last_run NULLS FIRST, j.job_name
         LIMIT 5;
END;
$fn$;
COMMENT ON FUNCTION claude.get_due_jobs(text) IS
    'Up to 5 due jobs, priority 1 first (seed 004 session start limit): active; session_start jobs whose trigger_condition holds, schedule jobs whose next_run has passed (NULL = due), and FAILED jobs with retry_on_failure until they failed 1 + max_retries times in a row (max_retries retries); never on_demand/session_end jobs nor a job RUNNING within its timeout; jobs of the project (any case) plus jobs without project. Claims nothing.';

-- Rule: after a run, a schedule job's next_run is the next time its cron expression fires; a legacy schedule that is not valid cron gives NULL (due at the next check, as before); other jobs keep theirs.
CREATE OR REPLACE FUNCTION claude.job_next_run(p_trigger_type text, p_schedule text, p_current timestamp, p_after timestamp)
RETURNS timestamp
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF p_trigger_type IS DISTINCT FROM 'schedule' OR claude.is_blank(p_schedule) THEN
        RETURN p_current;
    END IF;
    RETURN claude.next_cron_run(p_schedule, p_after);
EXCEPTION WHEN SQLSTATE 'CD001' THEN
    RETURN NULL;
END;
$fn$;
COMMENT ON FUNCTION claude.job_next_run(text, text, timestamp, timestamp) IS
    'Internal: next_run of a job after a run at p_after -- claude.next_cron_run(schedule) for schedule jobs (NULL when a legacy schedule is not valid cron), p_current for the other trigger types.';

-- Rule: a RUNNING claim past its timeout without a result is recorded as TIMEOUT (history row, last_status, run_count, next_run, activity).
CREATE OR REPLACE FUNCTION claude.record_job_timeout(p_job claude.scheduled_jobs)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_error text := format('no result was reported within timeout_seconds %s of the claim at %s; recorded as TIMEOUT when the job was claimed again',
                           COALESCE(p_job.timeout_seconds, 300), p_job.last_run);
    v_project text;
BEGIN
    UPDATE claude.job_run_history h
       SET status = 'TIMEOUT', completed_at = GREATEST(now()::timestamp, h.started_at),
           duration_ms = LEAST(extract(epoch FROM GREATEST(now()::timestamp, h.started_at) - h.started_at) * 1000, 2147483647)::integer,
           error = COALESCE(h.error, v_error)
     WHERE h.job_id = p_job.job_id AND upper(h.status) = 'RUNNING';
    IF NOT FOUND THEN
        INSERT INTO claude.job_run_history (run_id, job_id, started_at, completed_at, status, error, duration_ms, triggered_by)
        VALUES (gen_random_uuid(), p_job.job_id, COALESCE(p_job.last_run, now()), now(), 'TIMEOUT', v_error,
                LEAST(extract(epoch FROM now()::timestamp - LEAST(COALESCE(p_job.last_run, now()), now()::timestamp)) * 1000, 2147483647)::integer,
                p_job.trigger_type);
    END IF;
    UPDATE claude.scheduled_jobs j
       SET last_status = 'TIMEOUT', last_error = v_error, last_output = NULL,
           run_count = COALESCE(j.run_count, 0) + 1,
           next_run = claude.job_next_run(j.trigger_type, j.schedule, j.next_run, now()::timestamp)
     WHERE j.job_id = p_job.job_id;
    SELECT left(p.project_name, 100) INTO v_project FROM claude.projects p WHERE p.project_id = p_job.project_id;
    PERFORM claude.log_activity('job', p_job.job_id, 'scheduler', 'job_timed_out',
                                left(format('Job %s timed out', p_job.job_name), 500), v_error, v_project, 'error');
END;
$fn$;
COMMENT ON FUNCTION claude.record_job_timeout(claude.scheduled_jobs) IS
    'Internal (caller holds the job row lock): closes the open RUNNING run as TIMEOUT (or records one), sets last_status TIMEOUT, counts the run, moves next_run of schedule jobs, logs job_timed_out.';

-- Rule: seed 004 execute_job (database half) -- claims an active job for one run under a row lock: last_status RUNNING, last_run now, a RUNNING history row; the loser of a race, or anyone while the job runs within its timeout, gets CD004; a stale claim is recorded as TIMEOUT first; a session claims at most 5 session_start jobs.
CREATE OR REPLACE FUNCTION claude.execute_job(p_job_id uuid, p_session_id uuid DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_job claude.scheduled_jobs;
    v_run record;
    v_claims integer;
    v_run_id uuid := gen_random_uuid();
BEGIN
    IF p_job_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a job id is required',
            HINT = 'Pass a job_id from claude.get_due_jobs.';
    END IF;
    IF p_session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claude.sessions s WHERE s.session_id = p_session_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('session %s does not exist', p_session_id),
            HINT = 'Pass the session_id returned by claude.start_session, or NULL.';
    END IF;
    -- The claim: whoever holds the row lock is claiming (or finishing) this job right now.
    SELECT * INTO v_job FROM claude.scheduled_jobs j WHERE j.job_id = p_job_id FOR NO KEY UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
        IF EXISTS (SELECT 1 FROM claude.scheduled_jobs j WHERE j.job_id = p_job_id) THEN
            RAISE EXCEPTION USING ERRCODE = 'CD004',
                MESSAGE = format('job %s is being claimed or updated by another session right now', p_job_id),
                HINT = 'Another session runs it; skip it (claude.get_due_jobs will not list it while it runs).';
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('job %s does not exist', p_job_id),
            HINT = 'Pass a job_id from claude.get_due_jobs.';
    END IF;
    IF v_job.is_active IS NOT TRUE THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003', MESSAGE = format('job %s (%s) is not active', p_job_id, v_job.job_name),
            HINT = 'Activate it first (UPDATE claude.scheduled_jobs SET is_active = true ...).';
    END IF;
    IF upper(v_job.last_status) = 'RUNNING' THEN
        IF v_job.last_run IS NOT NULL AND v_job.last_run + make_interval(secs => COALESCE(v_job.timeout_seconds, 300)) > now() THEN
            SELECT h.session_id, h.started_at INTO v_run
              FROM claude.job_run_history h
             WHERE h.job_id = p_job_id AND upper(h.status) = 'RUNNING'
             ORDER BY h.started_at DESC LIMIT 1;
            RAISE EXCEPTION USING ERRCODE = 'CD004',
                MESSAGE = format('job %s (%s) is already running since %s (session %s); its timeout ends at %s',
                                 p_job_id, v_job.job_name, v_job.last_run, COALESCE(v_run.session_id::text, 'unknown'),
                                 v_job.last_run + make_interval(secs => COALESCE(v_job.timeout_seconds, 300))),
                HINT = 'Skip it; it can be claimed again when its result is reported or its timeout has passed.';
        END IF;
        PERFORM claude.record_job_timeout(v_job);
    END IF;
    IF v_job.trigger_type = 'session_start' AND p_session_id IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext('claude.job_run_history.session_start'), hashtext(p_session_id::text));
        SELECT count(*) INTO v_claims FROM claude.job_run_history h
         WHERE h.session_id = p_session_id AND h.triggered_by = 'session_start';
        IF v_claims >= 5 THEN
            RAISE EXCEPTION USING ERRCODE = 'CD003',
                MESSAGE = format('session %s already ran %s session_start jobs: at most 5 jobs run on session start', p_session_id, v_claims),
                HINT = 'Leave the remaining jobs to the next session start (seed 004 session start limit).';
        END IF;
    END IF;
    UPDATE claude.scheduled_jobs j
       SET last_status = 'RUNNING', last_run = now()
     WHERE j.job_id = p_job_id;
    INSERT INTO claude.job_run_history (run_id, job_id, session_id, started_at, status, triggered_by)
    VALUES (v_run_id, p_job_id, p_session_id, now(), 'RUNNING', v_job.trigger_type);
    RETURN v_run_id;
END;
$fn$;
COMMENT ON FUNCTION claude.execute_job(uuid, uuid) IS
    'Claims a job for one run (row lock FOR NO KEY UPDATE SKIP LOCKED): last_status RUNNING, last_run now, a RUNNING job_run_history row (session_id, started_at) whose run_id is returned. The command runs in the client, which reports with claude.update_job_result. CD005 NULL id, CD002 unknown job or session, CD003 inactive job or a session that already ran 5 session_start jobs, CD004 another session holds the claim (running within timeout_seconds, or claiming right now). A claim past its timeout is first recorded as TIMEOUT.';

-- Rule: a worker takes the next due job (get_due_jobs order) under FOR NO KEY UPDATE SKIP LOCKED and claims it with execute_job in the same statement's lock, so concurrent workers never run one job twice and never wait for each other.
CREATE OR REPLACE FUNCTION claude.claim_due_job(p_project_name text DEFAULT NULL, p_session_id uuid DEFAULT NULL, p_skip_job_ids uuid[] DEFAULT NULL)
RETURNS TABLE(job_id uuid, run_id uuid, job_name text, job_type text, command text, working_directory text, timeout_seconds integer,
              priority integer, trigger_type text)
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_filter boolean := NOT claude.is_blank(p_project_name);
    v_project_id uuid;
    v_job claude.scheduled_jobs;
BEGIN
    IF p_session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claude.sessions s WHERE s.session_id = p_session_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('session %s does not exist', p_session_id),
            HINT = 'Pass the session_id returned by claude.start_session, or NULL.';
    END IF;
    IF v_filter THEN
        v_project_id := claude.find_project(p_project_name);
    END IF;
    -- A row another worker is claiming is skipped; one it claimed and committed meanwhile is re-read
    -- under the lock and no longer due (RUNNING, or next_run moved), so it is passed over too.
    SELECT * INTO v_job
      FROM claude.scheduled_jobs j
     WHERE j.is_active
       AND j.trigger_type IN ('session_start', 'schedule')
       AND (CASE WHEN v_filter THEN j.project_id = v_project_id OR j.project_id IS NULL ELSE true END)
       AND claude.job_is_due(j)
       AND j.job_id <> ALL (COALESCE(p_skip_job_ids, '{}'))
     ORDER BY j.priority NULLS LAST, j.last_run NULLS FIRST, j.job_name
     LIMIT 1
       FOR NO KEY UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT v_job.job_id, claude.execute_job(v_job.job_id, p_session_id), v_job.job_name::text, v_job.job_type::text, v_job.command,
               v_job.working_directory, COALESCE(v_job.timeout_seconds, 300), v_job.priority, v_job.trigger_type::text;
END;
$fn$;
COMMENT ON FUNCTION claude.claim_due_job(text, uuid, uuid[]) IS
    'Claims the next due job of the project (get_due_jobs rules and order: jobs of the project, any case, and jobs without project) for one run and returns it with its run_id; no row when none is due. p_skip_job_ids: jobs to pass over, e.g. those this worker already ran in this pass (a failed job with retries is due again at once). Concurrent callers skip each other''s rows (SKIP LOCKED), so no job is claimed twice. The command runs in the client, which reports with claude.update_job_result. CD002 unknown session, CD003 a session that already ran 5 session_start jobs.';

-- Rule: seed 004 update_job_result -- only a RUNNING job takes a result (CD003), SUCCESS/FAILED/TIMEOUT/SKIPPED (CD001); completes the run, counts it, moves next_run of schedule jobs, logs the outcome.
CREATE OR REPLACE FUNCTION claude.update_job_result(p_job_id uuid, p_status text, p_output text DEFAULT NULL, p_error text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_job claude.scheduled_jobs;
    v_now timestamp := clock_timestamp()::timestamp;
    v_run_session uuid;
    v_next timestamp;
    v_actor text;
    v_project text;
    v_activity text;
    v_severity text;
BEGIN
    IF p_job_id IS NULL OR p_status IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a job id and a status are required',
            HINT = 'Call claude.update_job_result(job_id, ''SUCCESS'' | ''FAILED'' | ''TIMEOUT'' | ''SKIPPED'', output, error).';
    END IF;
    IF p_status NOT IN ('SUCCESS', 'FAILED', 'TIMEOUT', 'SKIPPED') THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('''%s'' is not a valid job result', p_status),
            HINT = 'valid results: SUCCESS, FAILED, TIMEOUT, SKIPPED (RUNNING is set by claude.execute_job).';
    END IF;
    SELECT * INTO v_job FROM claude.scheduled_jobs j WHERE j.job_id = p_job_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('job %s does not exist', p_job_id),
            HINT = 'Pass the job_id that claude.execute_job claimed.';
    END IF;
    IF upper(v_job.last_status) IS DISTINCT FROM 'RUNNING' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('job %s (%s) is %s, not RUNNING: a result is reported once per claim', p_job_id, v_job.job_name, COALESCE(v_job.last_status, 'never run')),
            HINT = 'Claim it first with claude.execute_job(job_id, session_id); a claim past its timeout may have been recorded as TIMEOUT by another session.';
    END IF;
    UPDATE claude.job_run_history h
       SET status = p_status, completed_at = GREATEST(v_now, h.started_at),
           duration_ms = LEAST(extract(epoch FROM GREATEST(v_now, h.started_at) - h.started_at) * 1000, 2147483647)::integer,
           output = p_output, error = p_error
     WHERE h.run_id = (SELECT o.run_id FROM claude.job_run_history o
                        WHERE o.job_id = p_job_id AND upper(o.status) = 'RUNNING'
                        ORDER BY o.started_at DESC LIMIT 1)
    RETURNING h.session_id INTO v_run_session;
    IF NOT FOUND THEN
        -- A legacy claim without a history row: record the run now.
        INSERT INTO claude.job_run_history (run_id, job_id, started_at, completed_at, status, output, error, duration_ms, triggered_by)
        VALUES (gen_random_uuid(), p_job_id, COALESCE(LEAST(v_job.last_run, v_now), v_now), v_now, p_status, p_output, p_error,
                LEAST(extract(epoch FROM v_now - COALESCE(LEAST(v_job.last_run, v_now), v_now)) * 1000, 2147483647)::integer, v_job.trigger_type);
    END IF;
    v_next := claude.job_next_run(v_job.trigger_type, v_job.schedule, v_job.next_run, v_now);
    UPDATE claude.scheduled_jobs j
       SET last_status = p_status, last_output = p_output, last_error = p_error,
           run_count = COALESCE(j.run_count, 0) + 1,
           success_count = COALESCE(j.success_count, 0) + CASE WHEN p_status = 'SUCCESS' THEN 1 ELSE 0 END,
           next_run = v_next
     WHERE j.job_id = p_job_id;

    SELECT left(i.identity_name, 100) INTO v_actor
      FROM claude.sessions s JOIN claude.identities i ON i.identity_id = s.identity_id
     WHERE s.session_id = v_run_session;
    SELECT left(p.project_name, 100) INTO v_project FROM claude.projects p WHERE p.project_id = v_job.project_id;
    v_activity := CASE p_status WHEN 'SUCCESS' THEN 'job_completed' WHEN 'FAILED' THEN 'job_failed'
                                WHEN 'TIMEOUT' THEN 'job_timed_out' ELSE 'job_skipped' END;
    v_severity := CASE p_status WHEN 'SUCCESS' THEN 'success' WHEN 'SKIPPED' THEN 'info' ELSE 'error' END;
    PERFORM claude.log_activity('job', p_job_id, COALESCE(v_actor, 'scheduler'), v_activity,
                                left(format('Job %s %s', v_job.job_name,
                                            CASE p_status WHEN 'SUCCESS' THEN 'completed' WHEN 'FAILED' THEN 'failed'
                                                          WHEN 'TIMEOUT' THEN 'timed out' ELSE 'skipped' END), 500),
                                left(COALESCE(p_error, p_output), 2000), v_project, v_severity);
END;
$fn$;
COMMENT ON FUNCTION claude.update_job_result(uuid, text, text, text) IS
    'Records the result of a claimed (RUNNING) job: completes its open run (completed_at, duration_ms, output, error), sets last_status/last_output/last_error, run_count + 1, success_count + 1 on SUCCESS, next_run from the cron schedule for schedule jobs, and logs job_completed (success) / job_failed (error) / job_timed_out (error) / job_skipped (info). CD005 NULL id or status, CD001 status not SUCCESS/FAILED/TIMEOUT/SKIPPED, CD002 unknown job, CD003 job not RUNNING.';
