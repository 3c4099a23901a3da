-- claudedbkit:no-transaction
-- 10 registry: claude.column_registry is the single source of truth for enumerated columns. Reads
-- (get_valid_values), argument validation (assert_valid_value, CD001 with the valid values in the
-- HINT), and the CHECK constraints derived from it (refresh_registry_constraints, re-run by trigger
-- whenever a registry row changes). Repeatable: re-applied whenever this file changes.

-- Rule: the valid values of <table>.<column> are the registry's jsonb array; no registry row is CD002.
CREATE OR REPLACE FUNCTION claude.get_valid_values(p_table_name text, p_column_name text)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_values jsonb;
BEGIN
    IF claude.is_blank(p_table_name) OR claude.is_blank(p_column_name) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005',
            MESSAGE = 'table name and column name are required to look up valid values',
            HINT = 'Call claude.get_valid_values(''<table>'', ''<column>''), e.g. claude.get_valid_values(''sessions'', ''status'').';
    END IF;
    SELECT r.valid_values INTO v_values
      FROM claude.column_registry r
     WHERE r.table_name = lower(btrim(p_table_name)) AND r.column_name = lower(btrim(p_column_name));
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002',
            MESSAGE = format('column %s.%s has no entry in claude.column_registry', p_table_name, p_column_name),
            HINT = format('Registered columns of %s: %s. Add a row to claude.column_registry to register one.', p_table_name,
                          COALESCE((SELECT string_agg(r.column_name, ', ' ORDER BY r.column_name) FROM claude.column_registry r
                                     WHERE r.table_name = lower(btrim(p_table_name))), 'none'));
    END IF;
    RETURN v_values;
END;
$fn$;
COMMENT ON FUNCTION claude.get_valid_values(text, text) IS
    'Valid values (jsonb array) of claude.<table>.<column> from claude.column_registry; CD002 when the column is not registered, CD005 when an argument is blank.';

-- Rule: an API argument for an enumerated column must be one of the registry's values (CD001, HINT lists them); NULL passes (required-ness is the caller's rule).
CREATE OR REPLACE FUNCTION claude.assert_valid_value(p_table_name text, p_column_name text, p_value text)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_values jsonb;
BEGIN
    IF p_value IS NULL THEN
        RETURN;
    END IF;
    v_values := claude.get_valid_values(p_table_name, p_column_name);
    IF jsonb_typeof(v_values) = 'array'
       AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(v_values) AS v(value) WHERE v.value = p_value) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('''%s'' is not a valid %s.%s', p_value, p_table_name, p_column_name),
            HINT = format('valid values: %s',
                          (SELECT string_agg(v.value, ', ' ORDER BY v.ord)
                             FROM jsonb_array_elements_text(v_values) WITH ORDINALITY AS v(value, ord)));
    END IF;
END;
$fn$;
COMMENT ON FUNCTION claude.assert_valid_value(text, text, text) IS
    'Internal: raises CD001 ''<value>'' is not a valid <table>.<column> (HINT: valid values: ...) unless the value is in claude.column_registry; NULL passes.';

-- Rule: the CHECK of one registry column, <table>_<column>_registry_check (col IS NULL OR col IN (...)), matches its valid_values; NOT VALID while old rows violate it.
CREATE OR REPLACE FUNCTION claude.sync_registry_constraint(p_table_name text, p_column_name text, p_validate boolean DEFAULT true)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_values jsonb;
    v_rel regclass := to_regclass(format('claude.%I', p_table_name));
    v_name text := left(format('%s_%s_registry_check', p_table_name, p_column_name), 63);
    v_comment text;
    v_existing record;
    v_list text;
    v_expression text;
    v_examples text;
BEGIN
    SELECT g.valid_values INTO v_values
      FROM claude.column_registry g
     WHERE g.table_name = p_table_name AND g.column_name = p_column_name
       AND jsonb_typeof(g.valid_values) = 'array' AND jsonb_array_length(g.valid_values) > 0;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF v_rel IS NULL OR NOT EXISTS (SELECT 1 FROM pg_attribute a
                                     WHERE a.attrelid = v_rel AND a.attname = p_column_name AND a.attnum > 0 AND NOT a.attisdropped) THEN
        RAISE NOTICE 'claude.column_registry row %.% names no column of schema claude; no constraint derived', p_table_name, p_column_name;
        RETURN false;
    END IF;
    v_comment := 'Derived from claude.column_registry ' || p_table_name || '.' || p_column_name || ': ' || v_values::text;
    SELECT c.oid, c.convalidated, obj_description(c.oid, 'pg_constraint') AS description
      INTO v_existing
      FROM pg_constraint c WHERE c.conrelid = v_rel AND c.conname = v_name AND c.contype = 'c';
    SELECT string_agg(format('%L', v.value), ', ' ORDER BY v.ord) INTO v_list
      FROM jsonb_array_elements_text(v_values) WITH ORDINALITY AS v(value, ord);
    v_expression := format('%I IS NULL OR %I IN (%s)', p_column_name, p_column_name, v_list);

    IF v_existing.oid IS NOT NULL AND v_existing.description IS NOT DISTINCT FROM v_comment THEN
        -- Unchanged list. A constraint left NOT VALID is validated once the rows allow it.
        IF p_validate AND NOT v_existing.convalidated THEN
            BEGIN
                EXECUTE format('ALTER TABLE %s VALIDATE CONSTRAINT %I', v_rel, v_name);
            EXCEPTION WHEN check_violation THEN
                NULL;
            END;
        END IF;
        RETURN false;
    END IF;

    -- Values the column type cannot take are found by planning the expression, before any lock.
    BEGIN
        EXECUTE format('SELECT %s FROM %s WHERE false', v_expression, v_rel);
    EXCEPTION WHEN invalid_text_representation OR datatype_mismatch OR numeric_value_out_of_range OR undefined_function THEN
        RAISE WARNING 'claude.%.%: the registry values % do not fit the column type (%); constraint % not changed',
            p_table_name, p_column_name, v_values, SQLERRM, v_name;
        RETURN false;
    END;
    -- ADD CONSTRAINT takes ACCESS EXCLUSIVE: held only while the NOT VALID constraint is added, and
    -- waited for at most 100 ms at a time (claude.migration_execute_briefly).
    IF v_existing.oid IS NOT NULL THEN
        PERFORM claude.migration_execute_briefly(format('ALTER TABLE %s DROP CONSTRAINT %I, ADD CONSTRAINT %I CHECK (%s) NOT VALID',
                                                        v_rel, v_name, v_name, v_expression));
    ELSE
        PERFORM claude.migration_execute_briefly(format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (%s) NOT VALID', v_rel, v_name, v_expression));
    END IF;
    EXECUTE format('COMMENT ON CONSTRAINT %I ON %s IS %L', v_name, v_rel, v_comment);

    IF p_validate THEN
        BEGIN
            EXECUTE format('ALTER TABLE %s VALIDATE CONSTRAINT %I', v_rel, v_name);
        EXCEPTION WHEN check_violation THEN
            EXECUTE format('SELECT string_agg(DISTINCT quote_literal(%1$I), '', '') FROM (SELECT %1$I FROM %2$s WHERE NOT (%3$s) LIMIT 1000) x',
                           p_column_name, v_rel, v_expression)
               INTO v_examples;
            RAISE NOTICE 'claude.%.%: existing rows hold values outside claude.column_registry (%); % stays NOT VALID, new writes are checked. Repair the rows, then run claude.refresh_registry_constraints() to validate it.',
                p_table_name, p_column_name, v_examples, v_name;
        END;
    END IF;
    RETURN true;
END;
$fn$;
COMMENT ON FUNCTION claude.sync_registry_constraint(text, text, boolean) IS
    'Internal: (re)derives CHECK <table>_<column>_registry_check from the claude.column_registry row of one column when it is missing or its list changed (added NOT VALID, then validated when p_validate and the rows allow it); true when it was created or replaced.';

-- Rule: a derived CHECK whose registry row is gone (or holds no list any more) is dropped.
CREATE OR REPLACE FUNCTION claude.drop_stale_registry_constraints(p_table_name text DEFAULT NULL, p_column_name text DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_count integer := 0;
    r record;
BEGIN
    FOR r IN
        SELECT c.conrelid::regclass AS rel, c.conname,
               substring(d.description FROM '^Derived from claude\.column_registry ([^ ]+)\.[^ ]+:') AS table_name,
               substring(d.description FROM '^Derived from claude\.column_registry [^ ]+\.([^ ]+):') AS column_name
          FROM pg_constraint c
          JOIN pg_namespace n ON n.oid = c.connamespace AND n.nspname = 'claude'
          JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_constraint'::regclass
         WHERE c.contype = 'c' AND c.conname LIKE '%\_registry\_check' AND d.description LIKE 'Derived from claude.column\_registry %'
    LOOP
        CONTINUE WHEN (p_table_name IS NOT NULL AND r.table_name IS DISTINCT FROM p_table_name)
                   OR (p_column_name IS NOT NULL AND r.column_name IS DISTINCT FROM p_column_name);
        IF NOT EXISTS (SELECT 1 FROM claude.column_registry g
                        WHERE g.table_name = r.table_name AND g.column_name = r.column_name
                          AND jsonb_typeof(g.valid_values) = 'array' AND jsonb_array_length(g.valid_values) > 0) THEN
            PERFORM claude.migration_execute_briefly(format('ALTER TABLE %s DROP CONSTRAINT %I', r.rel, r.conname));
            RAISE NOTICE 'dropped %: claude.column_registry has no value list for %.% any more', r.conname, r.table_name, r.column_name;
            v_count := v_count + 1;
        END IF;
    END LOOP;
    RETURN v_count;
END;
$fn$;
COMMENT ON FUNCTION claude.drop_stale_registry_constraints(text, text) IS
    'Internal: drops the derived registry CHECKs (of all columns, or one table/column) whose claude.column_registry row is gone or holds no value list; returns how many.';

-- Rule: one CHECK per registry row, <table>_<column>_registry_check, derived from valid_values; NOT VALID when old rows violate it.
CREATE OR REPLACE FUNCTION claude.refresh_registry_constraints(p_table_name text DEFAULT NULL, p_column_name text DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_count integer := 0;
    r record;
BEGIN
    PERFORM claude.drop_stale_registry_constraints(p_table_name, p_column_name);
    FOR r IN
        SELECT g.table_name::text AS table_name, g.column_name::text AS column_name
          FROM claude.column_registry g
         WHERE (p_table_name IS NULL OR g.table_name = p_table_name)
           AND (p_column_name IS NULL OR g.column_name = p_column_name)
         ORDER BY g.table_name, g.column_name
    LOOP
        IF claude.sync_registry_constraint(r.table_name, r.column_name, true) THEN
            v_count := v_count + 1;
        END IF;
    END LOOP;
    RETURN v_count;
END;
$fn$;
COMMENT ON FUNCTION claude.refresh_registry_constraints(text, text) IS
    '(Re)derives CHECK <table>_<column>_registry_check (col IS NULL OR col IN (...)) from claude.column_registry for all rows or one table/column; replaces only its own constraints whose list changed, drops those whose row is gone, validates when old rows allow (else NOT VALID + NOTICE). Returns the number created or replaced.';

-- Rule: a change of a registry row re-derives that column's CHECK in the same transaction.
CREATE OR REPLACE FUNCTION claude.column_registry_refresh_trigger()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM claude.refresh_registry_constraints(OLD.table_name, OLD.column_name);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM claude.refresh_registry_constraints(NEW.table_name, NEW.column_name);
    END IF;
    RETURN NULL;
END;
$fn$;
COMMENT ON FUNCTION claude.column_registry_refresh_trigger() IS
    'Trigger function: re-derives the registry CHECK of the changed claude.column_registry row(s).';

-- Rule: updated_at of a registry row follows its changes.
CREATE OR REPLACE FUNCTION claude.column_registry_touch()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$fn$;
COMMENT ON FUNCTION claude.column_registry_touch() IS
    'Trigger function: sets claude.column_registry.updated_at on every update.';

-- Rule: every change of a registry value list is recorded with its old and new values (owner of the definition; 0004 carries a bootstrap copy).
CREATE OR REPLACE FUNCTION claude.record_column_registry_history()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_reason text := NULLIF(current_setting('claude.registry_change_reason', true), '');
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO claude.column_registry_history (table_name, column_name, old_values, new_values, reason)
        VALUES (NEW.table_name, NEW.column_name, NULL, NEW.valid_values, COALESCE(v_reason, 'registry row added'));
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO claude.column_registry_history (table_name, column_name, old_values, new_values, reason)
        VALUES (OLD.table_name, OLD.column_name, OLD.valid_values, NULL, COALESCE(v_reason, 'registry row deleted'));
    ELSIF NEW.table_name IS DISTINCT FROM OLD.table_name OR NEW.column_name IS DISTINCT FROM OLD.column_name THEN
        INSERT INTO claude.column_registry_history (table_name, column_name, old_values, new_values, reason)
        VALUES (OLD.table_name, OLD.column_name, OLD.valid_values, NULL,
                COALESCE(v_reason, 'registry row moved to ' || NEW.table_name || '.' || NEW.column_name)),
               (NEW.table_name, NEW.column_name, NULL, NEW.valid_values,
                COALESCE(v_reason, 'registry row moved from ' || OLD.table_name || '.' || OLD.column_name));
    ELSIF NEW.valid_values IS DISTINCT FROM OLD.valid_values THEN
        INSERT INTO claude.column_registry_history (table_name, column_name, old_values, new_values, reason)
        VALUES (NEW.table_name, NEW.column_name, OLD.valid_values, NEW.valid_values, COALESCE(v_reason, 'valid values changed'));
    END IF;
    RETURN NULL;
END;
$fn$;
COMMENT ON FUNCTION claude.record_column_registry_history() IS
    'Trigger function: records every change of claude.column_registry.valid_values in claude.column_registry_history (reason from setting claude.registry_change_reason).';

CREATE OR REPLACE TRIGGER column_registry_history
    AFTER INSERT OR UPDATE OR DELETE ON claude.column_registry
    FOR EACH ROW EXECUTE FUNCTION claude.record_column_registry_history();

CREATE OR REPLACE TRIGGER column_registry_touch
    BEFORE UPDATE ON claude.column_registry
    FOR EACH ROW EXECUTE FUNCTION claude.column_registry_touch();

CREATE OR REPLACE TRIGGER column_registry_refresh_constraints
    AFTER INSERT OR DELETE OR UPDATE OF table_name, column_name, valid_values ON claude.column_registry
    FOR EACH ROW EXECUTE FUNCTION claude.column_registry_refresh_trigger();

-- A fresh database runs 0004 before this file exists: derive every constraint now. This script runs
-- outside a transaction and \gexec runs each generated call as a statement of its own, so each
-- constraint is added NOT VALID in a short transaction of its own and validated in another (SHARE
-- UPDATE EXCLUSIVE): on an existing database with big tables, readers and writers go on meanwhile.
SELECT claude.drop_stale_registry_constraints();

SELECT format('SELECT claude.sync_registry_constraint(%L, %L, false)', g.table_name, g.column_name),
       format('SELECT claude.sync_registry_constraint(%L, %L, true)', g.table_name, g.column_name)
  FROM claude.column_registry g
 ORDER BY g.table_name, g.column_name
\gexec
