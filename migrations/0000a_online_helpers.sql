-- claudedbkit:no-transaction
-- 0000a online helpers (issue 6): the small steps with which a migration changes a big table that
-- clients keep using, without queueing them behind a lock: strong locks taken briefly and retried,
-- constraints added NOT VALID and validated on their own, indexes built CONCURRENTLY (for \gexec
-- lines), updates in committed chunks, vacuum where autovacuum would start. New functions only, plus
-- one vacuum: before the first migration asks for a lock on a table of an existing database,
-- the tables autovacuum would pick up now are vacuumed (a VACUUM waits for an autovacuum already
-- running instead of cancelling it). Otherwise autovacuum starts on them, and the ALTER TABLE of the
-- next migration waits for it until deadlock_timeout cancels it, with every client of the table queued
-- behind that request. VACUUM blocks no reader or writer.

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
-- (NULL: every table of schema claude) that autovacuum would pick up now, by its own thresholds for dead and for inserted rows. A deploy
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
     WHERE s.schemaname = 'claude' AND (p_tables IS NULL OR s.relname = ANY (p_tables))
       AND (s.n_dead_tup > pg_catalog.current_setting('autovacuum_vacuum_threshold')::bigint
                           + pg_catalog.current_setting('autovacuum_vacuum_scale_factor')::float8 * GREATEST(c.reltuples, 0)
            OR s.n_ins_since_vacuum > pg_catalog.current_setting('autovacuum_vacuum_insert_threshold')::bigint
                                      + pg_catalog.current_setting('autovacuum_vacuum_insert_scale_factor')::float8 * GREATEST(c.reltuples, 0)
            OR s.n_mod_since_analyze > pg_catalog.current_setting('autovacuum_analyze_threshold')::bigint
                                       + pg_catalog.current_setting('autovacuum_analyze_scale_factor')::float8 * GREATEST(c.reltuples, 0))
     ORDER BY s.relname;
$fn$;
COMMENT ON FUNCTION claude.migration_vacuum_due(text[]) IS
    'Internal (migrations): VACUUM (ANALYZE) statements, for a \gexec line, for the tables among p_tables (schema claude; NULL for all of them) that autovacuum would pick up now by its thresholds for dead, inserted or modified rows.';

-- ---------------------------------------------------------------------------------------------
SELECT claude.migration_vacuum_due(NULL)
\gexec
