-- claudedbkit:no-transaction
-- 0004a online groundwork for 0005 (issue 6). 0005 runs in one transaction, and its first ALTER TABLE
-- on claude.sessions takes ACCESS EXCLUSIVE: on a big existing database every reader and writer of
-- sessions and activity_feed would wait for its backfills, validations and index builds (half a
-- minute and more on a million sessions). This script does that work first, outside a transaction,
-- so that both tables keep taking reads and writes:
--   * the status that old hooks omit is derived by a stand-in trigger from the start (0005's required
--     status rule would otherwise refuse their inserts until functions/50 runs);
--   * 0005's indexes on sessions and activity_feed are built CONCURRENTLY (an index on the same
--     columns under another name counts, as in 0005), and an invalid leftover of an interrupted build
--     is dropped and built again;
--   * 0005's backfills of sessions.status and sessions.project_id run as the same UPDATEs, in chunks
--     of 8 MB committed one by one;
--   * 0005's foreign keys and checks on sessions and activity_feed (and on identities and projects,
--     which every session insert reads through its foreign keys) are added NOT VALID, each in a
--     transaction of its own that waits at most 100 ms for its lock (and tries again), then validated
--     separately under SHARE UPDATE EXCLUSIVE; one that old rows break stays NOT VALID, as in 0005;
--   * both tables are vacuumed where autovacuum would start on them, so that it does not hold them
--     when 0005 asks for its brief locks.
-- 0005 then finds every object present (by name, or indexes by columns) and has only small tables
-- and a few rows left. Every step is idempotent; after an interruption the next deploy continues. On a
-- database where 0005 has already run (the journal has it) the steps do nothing: this script, new in
-- a later release, sorts before 0005 only so that a first deploy runs it first.

-- ---------------------------------------------------------------------------------------------
-- Helpers (internal, kept for later migrations).

-- True while the journal has no row for the script, e.g. 'migrations/0005_sessions_identities_activity.sql'.
CREATE OR REPLACE FUNCTION claude.migration_is_pending(p_script text)
RETURNS boolean
LANGUAGE sql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT NOT EXISTS (SELECT 1 FROM claude.schemaversions v WHERE v.scriptname = p_script);
$fn$;
COMMENT ON FUNCTION claude.migration_is_pending(text) IS
    'Internal (migrations): True while the journal (claude.schemaversions) has no row for the script, e.g. ''migrations/0005_sessions_identities_activity.sql''.';

-- A DDL statement that needs a strong lock only for a moment (SET DEFAULT, ADD ... NOT VALID, CREATE
-- TRIGGER) must not queue every client behind it while it waits for a long transaction: each attempt
-- waits at most 100 ms for the lock; it tries again after a growing pause, 50 times (about half a
-- minute), then once more under the deploy's own lock_timeout.
CREATE OR REPLACE FUNCTION claude.migration_execute_briefly(p_statement text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_lock_timeout constant text := pg_catalog.current_setting('lock_timeout');
BEGIN
    FOR v_attempt IN 1..50 LOOP
        BEGIN
            PERFORM pg_catalog.set_config('lock_timeout', '100ms', true);
            EXECUTE p_statement;
            PERFORM pg_catalog.set_config('lock_timeout', v_lock_timeout, true);
            RETURN;
        EXCEPTION WHEN lock_not_available THEN
            PERFORM pg_catalog.set_config('lock_timeout', v_lock_timeout, true);
            PERFORM pg_catalog.pg_sleep(LEAST(0.05 * v_attempt, 1.0));
        END;
    END LOOP;
    EXECUTE p_statement;
END;
$fn$;
COMMENT ON FUNCTION claude.migration_execute_briefly(text) IS
    'Internal (migrations): Runs a DDL statement that holds a strong lock only for a moment, waiting at most 100 ms per attempt for the lock (50 attempts with growing pauses, then one under the session''s lock_timeout), so clients are not queued behind it while it waits.';

-- migration_ensure_fk's first half: adds the foreign key NOT VALID unless one on those columns exists
-- (any name); validation is a separate step (migration_validate), in a transaction of its own. Columns
-- that cannot carry it (missing, types that differ) are left to the migration that adds the key, which
-- reports them.
CREATE OR REPLACE FUNCTION claude.migration_add_fk_not_valid(p_table text, p_column text, p_ref_table text, p_ref_column text, p_name text,
                                                             p_on_delete text DEFAULT 'NO ACTION')
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_rel oid := pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_table));
    v_ref oid := pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_ref_table));
BEGIN
    IF p_on_delete NOT IN ('NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL') THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = pg_catalog.format('ON DELETE %s is not a foreign key action', p_on_delete),
            HINT = 'Use NO ACTION, RESTRICT, CASCADE or SET NULL.';
    END IF;
    IF v_rel IS NULL OR v_ref IS NULL
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c
                   WHERE c.contype = 'f' AND c.conrelid = v_rel AND c.confrelid = v_ref
                     AND c.conkey = ARRAY[(SELECT a.attnum FROM pg_catalog.pg_attribute a WHERE a.attrelid = v_rel AND a.attname = p_column AND NOT a.attisdropped)]
                     AND c.confkey = ARRAY[(SELECT a.attnum FROM pg_catalog.pg_attribute a WHERE a.attrelid = v_ref AND a.attname = p_ref_column AND NOT a.attisdropped)])
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conrelid = v_rel AND c.conname = p_name) THEN
        RETURN;  -- a constraint of that name on other columns is reported by the migration's own helper
    END IF;
    PERFORM claude.migration_execute_briefly(pg_catalog.format(
        'ALTER TABLE claude.%I ADD CONSTRAINT %I FOREIGN KEY (%I) REFERENCES claude.%I (%I) ON DELETE %s NOT VALID',
        p_table, p_name, p_column, p_ref_table, p_ref_column, p_on_delete));
EXCEPTION WHEN undefined_column OR datatype_mismatch OR invalid_foreign_key THEN
    NULL;
END;
$fn$;
COMMENT ON FUNCTION claude.migration_add_fk_not_valid(text, text, text, text, text, text) IS
    'Internal (migrations): Adds foreign key <p_name> (ON DELETE p_on_delete) NOT VALID unless a foreign key on the same columns (any name) or a constraint of that name exists, taking its lock briefly (claude.migration_execute_briefly); columns that cannot carry it are left alone. claude.migration_validate validates it separately.';

-- migration_ensure_check's first half: adds the CHECK NOT VALID, with its comment, unless a constraint
-- of that name exists.
CREATE OR REPLACE FUNCTION claude.migration_add_check_not_valid(p_table text, p_name text, p_expression text, p_comment text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
                WHERE conrelid = pg_catalog.format('claude.%I', p_table)::regclass AND conname = p_name) THEN
        RETURN;
    END IF;
    PERFORM claude.migration_execute_briefly(pg_catalog.format(
        'ALTER TABLE claude.%I ADD CONSTRAINT %I CHECK (%s) NOT VALID', p_table, p_name, p_expression));
    EXECUTE pg_catalog.format('COMMENT ON CONSTRAINT %I ON claude.%I IS %L', p_name, p_table, p_comment);
END;
$fn$;
COMMENT ON FUNCTION claude.migration_add_check_not_valid(text, text, text, text) IS
    'Internal (migrations): Adds CHECK constraint <p_name> NOT VALID with its comment unless a constraint of that name exists on claude.<table>, taking its lock briefly; claude.migration_validate validates it separately.';

-- VALIDATE takes SHARE UPDATE EXCLUSIVE: reads and writes go on while the rows are checked. Rows that
-- break the rule leave it NOT VALID (new writes are checked), with a NOTICE.
CREATE OR REPLACE FUNCTION claude.migration_validate(p_table text, p_name text)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
                    WHERE conrelid = pg_catalog.format('claude.%I', p_table)::regclass AND conname = p_name AND NOT convalidated) THEN
        RETURN true;
    END IF;
    EXECUTE pg_catalog.format('ALTER TABLE claude.%I VALIDATE CONSTRAINT %I', p_table, p_name);
    RETURN true;
EXCEPTION WHEN check_violation OR foreign_key_violation THEN
    RAISE NOTICE 'claude.%: existing rows break %; it stays NOT VALID (new writes are checked)', p_table, p_name;
    RETURN false;
END;
$fn$;
COMMENT ON FUNCTION claude.migration_validate(text, text) IS
    'Internal (migrations): Validates constraint <p_name> of claude.<table> if it is NOT VALID (SHARE UPDATE EXCLUSIVE: reads and writes go on); false, with a NOTICE, when existing rows break it and it stays NOT VALID.';

-- The statements that build an index CONCURRENTLY, for a \gexec line (no function may run them): none
-- when the index exists, or when p_columns is given and an index on exactly those columns exists under
-- any name (migration_ensure_index's rule); a DROP first when an interrupted build left it invalid.
CREATE OR REPLACE FUNCTION claude.migration_index_online(p_name text, p_table text, p_columns text[], p_definition text, p_unique boolean DEFAULT false)
RETURNS SETOF text
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_rel oid := pg_catalog.format('claude.%I', p_table)::regclass;
    v_index oid := pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_name));
    v_attnums smallint[];
BEGIN
    IF v_index IS NOT NULL THEN
        IF (SELECT i.indisvalid FROM pg_catalog.pg_index i WHERE i.indexrelid = v_index) THEN
            RETURN;
        END IF;
        RETURN NEXT pg_catalog.format('DROP INDEX CONCURRENTLY claude.%I', p_name);
    ELSIF p_columns IS NOT NULL THEN
        SELECT pg_catalog.array_agg(a.attnum ORDER BY c.ord)
          INTO v_attnums
          FROM pg_catalog.unnest(p_columns) WITH ORDINALITY AS c(name, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = v_rel AND a.attname = c.name AND NOT a.attisdropped;
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                    WHERE i.indrelid = v_rel AND i.indexprs IS NULL AND i.indpred IS NULL AND i.indisvalid
                      AND i.indnkeyatts = pg_catalog.array_length(v_attnums, 1)
                      AND (pg_catalog.string_to_array(i.indkey::text, ' ')::smallint[])[1:i.indnkeyatts] = v_attnums) THEN
            RETURN;
        END IF;
    END IF;
    RETURN NEXT pg_catalog.format('CREATE %sINDEX CONCURRENTLY %I ON claude.%I %s',
                                  CASE WHEN p_unique THEN 'UNIQUE ' ELSE '' END, p_name, p_table, p_definition);
END;
$fn$;
COMMENT ON FUNCTION claude.migration_index_online(text, text, text[], text, boolean) IS
    'Internal (migrations): The statements (for a \gexec line) that build index <p_name> CONCURRENTLY: none when it exists and is valid, or when p_columns is given and a plain index on exactly those columns exists under any name; a DROP INDEX CONCURRENTLY first when an interrupted build left it invalid.';

-- An UPDATE over a whole table in chunks of 1024 pages (8 MB), each committed on its own, so its row
-- locks are held briefly. p_update reads the chunk's bounds as $1 and $2 (tid). Procedures that commit
-- cannot carry a SET clause: every name inside is schema-qualified.
CREATE OR REPLACE PROCEDURE claude.migration_update_in_chunks(p_table text, p_update text)
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_pages bigint := pg_catalog.pg_relation_size(pg_catalog.format('claude.%I', p_table)::regclass)
                      / pg_catalog.current_setting('block_size')::bigint;
    v_first bigint := 0;
    v_chunk constant bigint := 1024;
BEGIN
    LOOP
        EXECUTE p_update USING pg_catalog.format('(%s,0)', v_first)::tid, pg_catalog.format('(%s,0)', v_first + v_chunk)::tid;
        COMMIT;
        v_first := v_first + v_chunk;
        EXIT WHEN v_first > v_pages;
    END LOOP;
END;
$fn$;
COMMENT ON PROCEDURE claude.migration_update_in_chunks(text, text) IS
    'Internal (migrations): Runs p_update over claude.<p_table> in chunks of 1024 pages, committing after each; p_update selects its chunk with ctid >= $1 AND ctid < $2.';

-- The VACUUM statements (for a \gexec line; VACUUM runs in no transaction) for the tables of p_tables
-- that autovacuum would pick up now, by its own thresholds for dead and for inserted rows. A deploy
-- runs them after it rewrote or loaded many rows: otherwise autovacuum starts on the table, and the
-- next statement that asks for a table lock (even CREATE INDEX IF NOT EXISTS takes SHARE) waits for
-- it up to deadlock_timeout, with every writer of the table queued behind that request.
CREATE OR REPLACE FUNCTION claude.migration_vacuum_due(p_tables text[])
RETURNS SETOF text
LANGUAGE sql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT pg_catalog.format('VACUUM (ANALYZE) claude.%I', s.relname)
      FROM pg_catalog.pg_stat_user_tables s
      JOIN pg_catalog.pg_class c ON c.oid = s.relid
     WHERE s.schemaname = 'claude' AND s.relname = ANY (p_tables)
       AND (s.n_dead_tup > pg_catalog.current_setting('autovacuum_vacuum_threshold')::bigint
                           + pg_catalog.current_setting('autovacuum_vacuum_scale_factor')::float8 * GREATEST(c.reltuples, 0)
            OR s.n_ins_since_vacuum > pg_catalog.current_setting('autovacuum_vacuum_insert_threshold')::bigint
                                      + pg_catalog.current_setting('autovacuum_vacuum_insert_scale_factor')::float8 * GREATEST(c.reltuples, 0)
            OR s.n_mod_since_analyze > pg_catalog.current_setting('autovacuum_analyze_threshold')::bigint
                                       + pg_catalog.current_setting('autovacuum_analyze_scale_factor')::float8 * GREATEST(c.reltuples, 0))
     ORDER BY s.relname;
$fn$;
COMMENT ON FUNCTION claude.migration_vacuum_due(text[]) IS
    'Internal (migrations): VACUUM (ANALYZE) statements, for a \gexec line, for the tables among p_tables (schema claude) that autovacuum would pick up now by its thresholds for dead, inserted or modified rows.';

-- ---------------------------------------------------------------------------------------------
-- Old hooks insert sessions without status: from the moment 0005's rule requires it, this trigger
-- derives it the way sessions_before_write (functions/50, which drops this one) does. Migration 0010
-- defines the same trigger for databases upgraded before this script existed.
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
    'Trigger function (from migration 0004a or 0010 until functions/50 replaces it): derives sessions.status from session_end for writers that omit it, until sessions_before_write exists.';

SELECT claude.migration_execute_briefly('CREATE TRIGGER sessions_status_during_upgrade BEFORE INSERT ON claude.sessions FOR EACH ROW EXECUTE FUNCTION claude.sessions_status_during_upgrade()')
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t
                    WHERE t.tgrelid = 'claude.sessions'::regclass AND t.tgname IN ('sessions_status_during_upgrade', 'sessions_before_write'));

-- New rows without a start time start now (0005).
SELECT claude.migration_execute_briefly('ALTER TABLE claude.sessions ALTER COLUMN session_start SET DEFAULT now()')
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
   AND NOT (SELECT a.atthasdef FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = 'claude.sessions'::regclass AND a.attname = 'session_start');

-- ---------------------------------------------------------------------------------------------
-- 0005's indexes on the big tables, built while they take writes (the backfill below uses the
-- identity index).
SELECT claude.migration_index_online(i.name, i.table_name, i.columns, i.definition)
  FROM (VALUES (1, 'idx_sessions_identity',          'sessions',      ARRAY['identity_id'],   '(identity_id)'),
               (2, 'idx_sessions_project',           'sessions',      ARRAY['project_name'],  '(project_name)'),
               (3, 'idx_sessions_start',             'sessions',      ARRAY['session_start'], '(session_start DESC)'),
               (4, 'idx_sessions_project_id',        'sessions',      ARRAY['project_id'],    '(project_id)'),
               (5, 'idx_sessions_open',              'sessions',      NULL,                   '(session_start) WHERE session_end IS NULL'),
               (6, 'idx_activity_feed_created',      'activity_feed', ARRAY['created_at'],    '(created_at DESC)'),
               (7, 'idx_activity_feed_source',       'activity_feed', ARRAY['source_type', 'source_id', 'created_at'], '(source_type, source_id, created_at DESC)'),
               (8, 'idx_activity_feed_project_lower', 'activity_feed', NULL,                  '(lower(project_name::text), created_at DESC)'))
       AS i(ord, name, table_name, columns, definition)
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
 ORDER BY i.ord
\gexec

-- ---------------------------------------------------------------------------------------------
-- 0005's backfills, the same three UPDATEs chunk by chunk (0005 runs them again and finds only the
-- rows written since). A DO block at top level may commit, and so may the procedure it calls.
DO $backfill$
BEGIN
    IF NOT claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql') THEN
        RETURN;
    END IF;
    CALL claude.migration_update_in_chunks('sessions', $update$
UPDATE claude.sessions s
   SET status = 'ended'
 WHERE s.ctid >= $1 AND s.ctid < $2
   AND s.status IS NULL
   AND s.session_end IS NOT NULL
   AND s.session_start IS NOT NULL
   AND s.session_end >= s.session_start
   AND NULLIF(pg_catalog.btrim(s.session_summary), '') IS NOT NULL
$update$);
    CALL claude.migration_update_in_chunks('sessions', $update$
UPDATE claude.sessions s
   SET status = 'active'
 WHERE s.ctid >= $1 AND s.ctid < $2
   AND s.status IS NULL
   AND s.session_end IS NULL
   AND s.session_start IS NOT NULL
   AND (s.identity_id IS NULL
        OR (s.session_id = (SELECT o.session_id FROM claude.sessions o
                             WHERE o.identity_id = s.identity_id AND o.session_end IS NULL
                               AND o.status IS NULL AND o.session_start IS NOT NULL
                             ORDER BY o.session_start DESC, o.created_at DESC NULLS LAST, o.session_id
                             LIMIT 1)
            AND NOT EXISTS (SELECT 1 FROM claude.sessions a WHERE a.identity_id = s.identity_id AND a.status = 'active')))
$update$);
    CALL claude.migration_update_in_chunks('sessions', $update$
UPDATE claude.sessions s
   SET project_id = m.project_id
  FROM (SELECT pg_catalog.lower(pg_catalog.btrim(p.project_name)) AS key, pg_catalog.min(p.project_id::text)::uuid AS project_id
          FROM claude.projects p
         WHERE p.project_name IS NOT NULL
         GROUP BY 1
        HAVING pg_catalog.count(*) = 1) m
 WHERE s.ctid >= $1 AND s.ctid < $2
   AND s.project_id IS NULL
   AND pg_catalog.lower(pg_catalog.btrim(s.project_name)) = m.key
$update$);
END
$backfill$;

-- The backfill left dead rows, and a legacy table loaded in bulk was perhaps never vacuumed: done now,
-- so that autovacuum does not hold them when 0005 and 0008 ask for their brief locks.
SELECT claude.migration_vacuum_due(ARRAY['sessions', 'activity_feed'])
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
\gexec

-- One active session per identity, when the rows now allow it (otherwise 0005 falls back to its
-- trigger-enforced rule and a plain index).
SELECT claude.migration_index_online('sessions_one_active_per_identity', 'sessions', NULL,
                                     '(identity_id) WHERE status::text = ''active''', true)
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
   AND NOT EXISTS (SELECT 1 FROM claude.sessions s WHERE s.status = 'active' AND s.identity_id IS NOT NULL
                    GROUP BY s.identity_id HAVING pg_catalog.count(*) > 1)
\gexec

-- ---------------------------------------------------------------------------------------------
-- 0005's foreign keys and checks that lock sessions or activity_feed, or the identities and projects
-- every session insert reads through its foreign keys, with 0005's names, rules and comments: added NOT VALID one by one, then validated one by one (\gexec runs each generated call as
-- a statement, so in a transaction of its own).
SELECT pg_catalog.format('SELECT claude.migration_add_fk_not_valid(%L, %L, %L, %L, %L)', f.table_name, f.column_name, f.ref_table, f.ref_column, f.name)
  FROM (VALUES (1, 'sessions',       'identity_id',       'identities', 'identity_id', 'sessions_identity_id_fkey'),
               (2, 'agent_sessions', 'parent_session_id', 'sessions',   'session_id',  'agent_sessions_parent_fkey'),
               (3, 'sessions',       'project_id',        'projects',   'project_id',  'sessions_project_id_fkey'))
       AS f(ord, table_name, column_name, ref_table, ref_column, name)
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
 ORDER BY f.ord
\gexec

SELECT pg_catalog.format('SELECT claude.migration_add_check_not_valid(%L, %L, %L, %L)', c.table_name, c.name, c.expression, c.note)
  FROM (VALUES
    (1, 'sessions', 'sessions_identity_required_check',
        'identity_id IS NOT NULL',
        'seed 004 sessions rule 1: every session has an identity (claude.start_session falls back to the project''s default_identity_id)'),
    (2, 'sessions', 'sessions_project_required_check',
        'project_name IS NOT NULL AND btrim(project_name::text) <> ''''',
        'seed 004 sessions: project_name is required'),
    (3, 'sessions', 'sessions_start_required_check',
        'session_start IS NOT NULL',
        'seed 004 sessions: session_start is required (default now())'),
    (4, 'sessions', 'sessions_status_required_check',
        'status IS NOT NULL',
        'sessions.status is required; writers that do not set it get it derived from session_end by trigger sessions_before_write'),
    (5, 'sessions', 'sessions_status_matches_end_check',
        '(status::text = ''active'') = (session_end IS NULL)',
        'sessions.status is consistent with session_end: active <=> session_end IS NULL'),
    (6, 'sessions', 'sessions_end_after_start_check',
        'session_end IS NULL OR session_start IS NULL OR session_end >= session_start',
        'seed 004 sessions rule 3: session_end >= session_start'),
    (7, 'sessions', 'sessions_summary_required_check',
        'session_end IS NULL OR NULLIF(btrim(session_summary), '''') IS NOT NULL',
        'seed 004 sessions rule 4: a closed session (ended or abandoned) has a summary'),
    (8, 'activity_feed', 'activity_feed_required_check',
        'source_type IS NOT NULL AND activity_type IS NOT NULL AND title IS NOT NULL',
        'seed 004 activity_feed: source_type, activity_type and title are required'),
    -- An insert into sessions checks its identity and project rows (FOR KEY SHARE): an ACCESS
    -- EXCLUSIVE lock 0005 held on identities or projects until its commit would stop it too.
    (9, 'identities', 'identities_name_required_check',
        'identity_name IS NOT NULL AND btrim(identity_name::text) <> ''''',
        'seed 004 identities: identity_name is required'),
    (10, 'identities', 'identities_platform_required_check',
        'platform IS NOT NULL AND btrim(platform::text) <> ''''',
        'seed 004 identities: platform is required'),
    (11, 'identities', 'identities_status_required_check',
        'status IS NOT NULL',
        'seed 004 identities: status is required (default active)'),
    (12, 'identities', 'identities_capabilities_object_check',
        'capabilities IS NULL OR jsonb_typeof(capabilities) = ''object''',
        'seed 004 identities rule 4: capabilities is a JSON object (mcp_servers, tools, ...)'),
    (13, 'projects', 'projects_name_required_check',
        'project_name IS NOT NULL AND btrim(project_name::text) <> ''''',
        'projects: project_name is required'))
       AS c(ord, table_name, name, expression, note)
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
 ORDER BY c.ord
\gexec

SELECT pg_catalog.format('SELECT claude.migration_validate(%L, %L)', v.table_name, v.name)
  FROM (VALUES (1, 'sessions', 'sessions_identity_id_fkey'), (2, 'agent_sessions', 'agent_sessions_parent_fkey'),
               (3, 'sessions', 'sessions_project_id_fkey'), (4, 'sessions', 'sessions_identity_required_check'),
               (5, 'sessions', 'sessions_project_required_check'), (6, 'sessions', 'sessions_start_required_check'),
               (7, 'sessions', 'sessions_status_required_check'), (8, 'sessions', 'sessions_status_matches_end_check'),
               (9, 'sessions', 'sessions_end_after_start_check'), (10, 'sessions', 'sessions_summary_required_check'),
               (11, 'activity_feed', 'activity_feed_required_check'), (12, 'identities', 'identities_name_required_check'),
               (13, 'identities', 'identities_platform_required_check'), (14, 'identities', 'identities_status_required_check'),
               (15, 'identities', 'identities_capabilities_object_check'), (16, 'projects', 'projects_name_required_check'))
       AS v(ord, table_name, name)
 WHERE claude.migration_is_pending('migrations/0005_sessions_identities_activity.sql')
 ORDER BY v.ord
\gexec
