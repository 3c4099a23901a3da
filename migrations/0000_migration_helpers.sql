-- 0000 migration helpers: the small idempotent steps every later migration uses to upgrade an existing
-- database without touching its rows (create what is missing, find constraints and indexes by their
-- columns, add constraints NOT VALID and validate them where the data allows). New functions only.

SET LOCAL client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS claude;

-- Sets a documented default on claude.<table>.<column> for NEW rows, only when the column has no
-- default (and is not an identity or generated column). Existing rows are never touched. If the
-- existing column's type cannot take the documented default, it is left alone with a WARNING.
CREATE OR REPLACE FUNCTION claude.migration_set_default_if_missing(p_table text, p_column text, p_default text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_rel oid := to_regclass(format('claude.%I', p_table));
    v_has_default boolean;
BEGIN
    IF v_rel IS NULL THEN
        RAISE EXCEPTION 'table claude.% does not exist', p_table;
    END IF;
    SELECT a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''
      INTO v_has_default
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = v_rel AND a.attname = p_column AND a.attnum > 0 AND NOT a.attisdropped;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'column claude.%.% does not exist', p_table, p_column;
    END IF;
    IF NOT v_has_default THEN
        BEGIN
            EXECUTE format('ALTER TABLE claude.%I ALTER COLUMN %I SET DEFAULT %s', p_table, p_column, p_default);
        EXCEPTION WHEN datatype_mismatch OR cannot_coerce OR invalid_text_representation OR undefined_function THEN
            RAISE WARNING 'claude.%.%: default % not set, the existing column type does not accept it (%)',
                p_table, p_column, p_default, SQLERRM;
        END;
    END IF;
END;
$fn$;
COMMENT ON FUNCTION claude.migration_set_default_if_missing(text, text, text) IS
    'Internal (migrations): Sets a documented default on claude.<table>.<column> for NEW rows, only when the column has no default (and is not an identity or generated column). Existing rows are never touched. If the existing column''s type cannot take the documented default, it is left alone with a WARNING.';

-- Comments a table only when it has no comment yet, so a comment the user wrote is kept.
CREATE OR REPLACE FUNCTION claude.migration_comment_table_if_missing(p_table text, p_comment text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF pg_catalog.obj_description(format('claude.%I', p_table)::regclass, 'pg_class') IS NULL THEN
        EXECUTE format('COMMENT ON TABLE claude.%I IS %L', p_table, p_comment);
    END IF;
END;
$fn$;
COMMENT ON FUNCTION claude.migration_comment_table_if_missing(text, text) IS
    'Internal (migrations): Comments a table only when it has no comment yet, so a comment the user wrote is kept.';

-- Adds a foreign key on claude.<table>(<column>) -> claude.<ref_table>(<ref_column>) unless one on
-- those columns already exists (whatever its name); NOT VALID first, then VALIDATE in a
-- subtransaction: when existing rows violate it, it stays NOT VALID and a NOTICE says so.
CREATE OR REPLACE FUNCTION claude.migration_ensure_fk(p_table text, p_column text, p_ref_table text, p_ref_column text, p_name text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_rel oid := pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_table));
    v_ref oid := pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_ref_table));
    v_att smallint;
    v_ref_att smallint;
BEGIN
    SELECT attnum INTO v_att FROM pg_catalog.pg_attribute WHERE attrelid = v_rel AND attname = p_column AND NOT attisdropped;
    SELECT attnum INTO v_ref_att FROM pg_catalog.pg_attribute WHERE attrelid = v_ref AND attname = p_ref_column AND NOT attisdropped;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c
                WHERE c.contype = 'f' AND c.conrelid = v_rel AND c.confrelid = v_ref
                  AND c.conkey = ARRAY[v_att] AND c.confkey = ARRAY[v_ref_att]) THEN
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conrelid = v_rel AND c.conname = p_name) THEN
        RAISE NOTICE 'claude.%: a constraint named % exists on other columns; foreign key %.% -> %.% not added', p_table, p_name, p_table, p_column, p_ref_table, p_ref_column;
        RETURN;
    END IF;
    EXECUTE pg_catalog.format('ALTER TABLE claude.%I ADD CONSTRAINT %I FOREIGN KEY (%I) REFERENCES claude.%I (%I) NOT VALID',
                              p_table, p_name, p_column, p_ref_table, p_ref_column);
    BEGIN
        EXECUTE pg_catalog.format('ALTER TABLE claude.%I VALIDATE CONSTRAINT %I', p_table, p_name);
    EXCEPTION WHEN foreign_key_violation THEN
        RAISE NOTICE 'claude.%.%: existing rows reference missing claude.% rows; foreign key % stays NOT VALID (new writes are checked)',
            p_table, p_column, p_ref_table, p_name;
    END;
END;
$fn$;
COMMENT ON FUNCTION claude.migration_ensure_fk(text, text, text, text, text) IS
    'Internal (migrations): Adds a foreign key on claude.<table>(<column>) -> claude.<ref_table>(<ref_column>) unless one on those columns already exists (whatever its name); NOT VALID first, then VALIDATE in a subtransaction: when existing rows violate it, it stays NOT VALID and a NOTICE says so.';

-- Adds CHECK constraint <p_name> on claude.<table> unless a constraint of that name exists there;
-- NOT VALID first, then VALIDATE in a subtransaction (stays NOT VALID when old rows violate it).
CREATE OR REPLACE FUNCTION claude.migration_ensure_check(p_table text, p_name text, p_expression text, p_comment text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
                    WHERE conrelid = pg_catalog.format('claude.%I', p_table)::regclass AND conname = p_name) THEN
        EXECUTE pg_catalog.format('ALTER TABLE claude.%I ADD CONSTRAINT %I CHECK (%s) NOT VALID', p_table, p_name, p_expression);
        EXECUTE pg_catalog.format('COMMENT ON CONSTRAINT %I ON claude.%I IS %L', p_name, p_table, p_comment);
    END IF;
    BEGIN
        EXECUTE pg_catalog.format('ALTER TABLE claude.%I VALIDATE CONSTRAINT %I', p_table, p_name);
    EXCEPTION WHEN check_violation THEN
        RAISE NOTICE 'claude.%: existing rows violate % (%); it stays NOT VALID (new writes are checked)', p_table, p_name, p_comment;
    END;
END;
$fn$;
COMMENT ON FUNCTION claude.migration_ensure_check(text, text, text, text) IS
    'Internal (migrations): Adds CHECK constraint <p_name> on claude.<table> unless a constraint of that name exists there; NOT VALID first, then VALIDATE in a subtransaction (stays NOT VALID when old rows violate it).';

-- Creates a plain index on claude.<table>(<columns>) unless an index on exactly those columns
-- (any name, any order direction, no expression, no predicate) already exists.
CREATE OR REPLACE FUNCTION claude.migration_ensure_index(p_name text, p_table text, p_columns text[], p_definition text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_rel oid := pg_catalog.format('claude.%I', p_table)::regclass;
    v_attnums smallint[];
BEGIN
    SELECT pg_catalog.array_agg(a.attnum ORDER BY c.ord)
      INTO v_attnums
      FROM pg_catalog.unnest(p_columns) WITH ORDINALITY AS c(name, ord)
      JOIN pg_catalog.pg_attribute a ON a.attrelid = v_rel AND a.attname = c.name AND NOT a.attisdropped;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                WHERE i.indrelid = v_rel AND i.indexprs IS NULL AND i.indpred IS NULL
                  AND i.indnkeyatts = pg_catalog.array_length(v_attnums, 1)
                  AND (pg_catalog.string_to_array(i.indkey::text, ' ')::smallint[])[1:i.indnkeyatts] = v_attnums)
       OR pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_name)) IS NOT NULL THEN
        RETURN;
    END IF;
    EXECUTE pg_catalog.format('CREATE INDEX %I ON claude.%I %s', p_name, p_table, p_definition);
END;
$fn$;
COMMENT ON FUNCTION claude.migration_ensure_index(text, text, text[], text) IS
    'Internal (migrations): Creates a plain index on claude.<table>(<columns>) unless an index on exactly those columns (any name, any order direction, no expression, no predicate) already exists.';

-- Creates a unique index when the existing rows allow it; otherwise a NOTICE, and the rule is
-- enforced for new writes by a trigger (functions/30_projects.sql, functions/40_identities.sql,
-- functions/50_sessions.sql). A non-unique index with the same key is created for lookups.
CREATE OR REPLACE FUNCTION claude.migration_ensure_unique_index(p_name text, p_table text, p_definition text, p_fallback_name text, p_rule text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_name)) IS NOT NULL THEN
        RETURN;
    END IF;
    BEGIN
        EXECUTE pg_catalog.format('CREATE UNIQUE INDEX %I ON claude.%I %s', p_name, p_table, p_definition);
    EXCEPTION WHEN unique_violation THEN
        RAISE NOTICE 'claude.%: existing rows break the rule "%"; unique index % not created, the rule is enforced for new writes by a trigger',
            p_table, p_rule, p_name;
        EXECUTE pg_catalog.format('CREATE INDEX IF NOT EXISTS %I ON claude.%I %s', p_fallback_name, p_table, p_definition);
    END;
END;
$fn$;
COMMENT ON FUNCTION claude.migration_ensure_unique_index(text, text, text, text, text) IS
    'Internal (migrations): Creates a unique index when the existing rows allow it; otherwise a NOTICE, and the rule is enforced for new writes by a trigger (functions/30_projects.sql, functions/40_identities.sql, functions/50_sessions.sql). A non-unique index with the same key is created for lookups.';
