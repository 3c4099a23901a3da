-- 97 health: claude.check_health() computes live what seed 000 counts by hand ("Data Quality
-- Issues": sessions without identity or summary, stale active sessions, project name variants,
-- orphan agent sessions, values outside the registry, rules old rows still break) and the schema
-- drift against claude.schema_expectations (expected constraints, indexes, NOT NULL rules,
-- triggers and functions that are missing, or constraints left NOT VALID although every row
-- satisfies them). Read-only; `claudedb doctor` and Test-ClaudeSchema print it.

-- Rule: the rows of a table matching a filter (SQL over alias t), counted, with up to 5 primary keys as samples.
CREATE OR REPLACE FUNCTION claude.health_rows(p_table regclass, p_filter text)
RETURNS TABLE(row_count bigint, samples jsonb)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_key text;
BEGIN
    SELECT a.attname INTO v_key
      FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
     WHERE i.indrelid = p_table AND i.indisprimary;
    RETURN QUERY EXECUTE format(
        'SELECT count(*), COALESCE((SELECT jsonb_agg(s.key) FROM (SELECT t.%1$s::text AS key FROM %2$s t WHERE %3$s ORDER BY 1 LIMIT 5) s), ''[]''::jsonb)
           FROM %2$s t WHERE %3$s',
        COALESCE(quote_ident(v_key), 'ctid'), p_table, p_filter);
END;
$fn$;
COMMENT ON FUNCTION claude.health_rows(regclass, text) IS
    'Internal: rows of a table matching a filter (SQL over alias t): their count and up to 5 primary keys (jsonb array of text).';

-- Rule: the rows that break a NOT VALID check or foreign key, counted, with up to 5 primary keys.
CREATE OR REPLACE FUNCTION claude.health_rule_violations(p_constraint oid)
RETURNS TABLE(row_count bigint, samples jsonb)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_con pg_constraint;
    v_filter text;
BEGIN
    SELECT * INTO v_con FROM pg_constraint WHERE oid = p_constraint;
    IF v_con.contype = 'c' THEN
        v_filter := format('NOT (%s)', regexp_replace(pg_get_constraintdef(p_constraint), '^CHECK \((.*)\)( NOT VALID)?$', '\1'));
    ELSE
        SELECT format('%s AND NOT EXISTS (SELECT 1 FROM %s r WHERE %s)',
                      string_agg(format('t.%I IS NOT NULL', a.attname), ' AND '),
                      v_con.confrelid::regclass,
                      string_agg(format('r.%I = t.%I', f.attname, a.attname), ' AND '))
          INTO v_filter
          FROM unnest(v_con.conkey, v_con.confkey) AS k(attnum, fattnum)
          JOIN pg_attribute a ON a.attrelid = v_con.conrelid AND a.attnum = k.attnum
          JOIN pg_attribute f ON f.attrelid = v_con.confrelid AND f.attnum = k.fattnum;
    END IF;
    RETURN QUERY SELECT * FROM claude.health_rows(v_con.conrelid::regclass, v_filter);
END;
$fn$;
COMMENT ON FUNCTION claude.health_rule_violations(oid) IS
    'Internal: rows of a table that break the given NOT VALID check or foreign key: their count and up to 5 primary keys (jsonb array of text).';

-- Rule: one data issue entry (the shape every entry of check_health's data_issues has).
CREATE OR REPLACE FUNCTION claude.health_issue(p_issue text, p_table text, p_column text, p_constraint text, p_count bigint, p_samples jsonb, p_detail text)
RETURNS jsonb
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT jsonb_build_object('issue', p_issue, 'table', p_table, 'column', p_column, 'constraint', p_constraint,
                              'count', p_count, 'samples', COALESCE(p_samples, '[]'::jsonb), 'detail', p_detail);
$fn$;
COMMENT ON FUNCTION claude.health_issue(text, text, text, text, bigint, jsonb, text) IS
    'Internal: one entry of claude.check_health()''s data_issues: issue, table, column, constraint, count, samples, detail.';

-- Rule: the data issues seed 000 lists, counted live; only issues with a count above zero are returned.
CREATE OR REPLACE FUNCTION claude.health_data_issues(p_stale_hours integer)
RETURNS SETOF jsonb
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    r record;
    v_count bigint;
    v_samples jsonb;
BEGIN
    FOR r IN
        SELECT v.issue, v.table_name, v.column_name, v.filter, v.detail
          FROM (VALUES
            ('sessions_without_identity', 'sessions', 'identity_id', 't.identity_id IS NULL',
             'sessions with no identity_id (seed 000: about 10%); the upgrade links closed ones to the placeholder identity legacy-unknown-identity'),
            ('sessions_without_summary', 'sessions', 'session_summary', 't.session_end IS NOT NULL AND NULLIF(btrim(t.session_summary), '''') IS NULL',
             'closed sessions without a summary (seed 000: about 40%)'),
            ('stale_active_sessions', 'sessions', 'session_end',
             format('t.session_end IS NULL AND t.session_start < %L::timestamp', localtimestamp - make_interval(hours => p_stale_hours)),
             format('sessions still active %s hours after their start (SessionEnd never recorded); claude.abandon_stale_sessions closes them', p_stale_hours)),
            ('orphan_agent_sessions', 'agent_sessions', 'parent_session_id', 't.parent_session_id IS NULL',
             'agent sessions without a parent session (seed 000: all of them); the upgrade links those whose parent is unambiguous')
          ) AS v(issue, table_name, column_name, filter, detail)
    LOOP
        SELECT h.row_count, h.samples INTO v_count, v_samples FROM claude.health_rows(format('claude.%I', r.table_name)::regclass, r.filter) h;
        IF v_count > 0 THEN
            RETURN NEXT claude.health_issue(r.issue, r.table_name, r.column_name, NULL, v_count, v_samples, r.detail);
        END IF;
    END LOOP;

    -- Project names: per distinct spelling, so a big table is read once.
    WITH names AS (SELECT s.project_name::text AS project_name, count(*) AS uses FROM claude.sessions s WHERE s.project_name IS NOT NULL GROUP BY 1),
         judged AS (SELECT n.project_name, n.uses,
                           EXISTS (SELECT 1 FROM claude.projects p WHERE p.project_name = n.project_name) AS exact,
                           EXISTS (SELECT 1 FROM claude.projects p
                                    WHERE claude.repair_project_key(p.project_name) = claude.repair_project_key(n.project_name)) AS similar
                      FROM names n)
    SELECT COALESCE(sum(j.uses) FILTER (WHERE NOT j.exact AND j.similar), 0)::bigint AS variant_count,
           jsonb_agg(j.project_name ORDER BY j.project_name) FILTER (WHERE NOT j.exact AND j.similar) AS variant_samples,
           COALESCE(sum(j.uses) FILTER (WHERE NOT j.similar), 0)::bigint AS unregistered_count,
           jsonb_agg(j.project_name ORDER BY j.project_name) FILTER (WHERE NOT j.similar) AS unregistered_samples
      INTO r
      FROM judged j;
    IF r.variant_count > 0 THEN
        RETURN NEXT claude.health_issue('project_name_variants', 'sessions', 'project_name', NULL, r.variant_count, r.variant_samples,
            'sessions whose project_name differs from its project''s name by case or punctuation');
    END IF;
    IF r.unregistered_count > 0 THEN
        RETURN NEXT claude.health_issue('unregistered_project_names', 'sessions', 'project_name', NULL, r.unregistered_count, r.unregistered_samples,
            'sessions whose project_name matches no registered project');
    END IF;

    -- Values outside the registry, per registered column that exists.
    FOR r IN
        SELECT g.table_name::text AS table_name, g.column_name::text AS column_name, g.valid_values
          FROM claude.column_registry g
          JOIN pg_attribute a ON a.attrelid = to_regclass(format('claude.%I', g.table_name))
                             AND a.attname = g.column_name AND a.attnum > 0 AND NOT a.attisdropped
         WHERE jsonb_typeof(g.valid_values) = 'array' AND jsonb_array_length(g.valid_values) > 0
         ORDER BY 1, 2
    LOOP
        EXECUTE format(
            'SELECT count(*), (SELECT jsonb_agg(DISTINCT x.value) FROM (SELECT DISTINCT t.%1$I::text AS value FROM claude.%2$I t
                                                                          WHERE t.%1$I::text NOT IN (SELECT jsonb_array_elements_text($1)) LIMIT 5) x)
               FROM claude.%2$I t WHERE t.%1$I::text NOT IN (SELECT jsonb_array_elements_text($1))',
            r.column_name, r.table_name)
          USING r.valid_values INTO v_count, v_samples;
        IF v_count > 0 THEN
            RETURN NEXT claude.health_issue('values_outside_registry', r.table_name, r.column_name, NULL, v_count, v_samples,
                format('values not in claude.column_registry (%s); map them with a row in claude.status_aliases and CALL claude.repair_legacy_data()',
                       r.valid_values::text));
        END IF;
    END LOOP;

    -- Rules old rows still break (their constraint stays NOT VALID; new writes are checked).
    FOR r IN
        SELECT c.oid, c.conname::text AS conname, t.relname::text AS table_name
          FROM pg_constraint c
          JOIN pg_class t ON t.oid = c.conrelid
         WHERE c.connamespace = 'claude'::regnamespace AND NOT c.convalidated AND c.contype IN ('c', 'f')
           AND c.conname NOT LIKE '%\_registry\_check'  -- reported above as values_outside_registry
         ORDER BY 3, 2
    LOOP
        SELECT v.row_count, v.samples INTO v_count, v_samples FROM claude.health_rule_violations(r.oid) v;
        IF v_count > 0 THEN
            RETURN NEXT claude.health_issue('rule_broken_by_old_rows', r.table_name, NULL, r.conname, v_count, v_samples,
                'existing rows break this rule, so its constraint stays NOT VALID (new writes are checked); repair the rows, then CALL claude.upgrade_constraints()');
        END IF;
    END LOOP;
END;
$fn$;
COMMENT ON FUNCTION claude.health_data_issues(integer) IS
    'Internal: the data issues of claude.check_health(), one jsonb entry per issue with a count above zero.';

-- Rule: an expected object is drift when it is missing, or when it is a constraint left NOT VALID although no row breaks it.
CREATE OR REPLACE FUNCTION claude.health_schema_drift()
RETURNS SETOF jsonb
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    r record;
    v_con oid;
    v_validated boolean;
    v_rel oid;
    v_violations bigint;
BEGIN
    FOR r IN
        SELECT e.object_type, e.table_name, e.object_name, e.columns, e.ref_table
          FROM claude.schema_expectations e
        UNION ALL
        -- the registry's CHECKs, derived from claude.column_registry (functions/10_registry.sql)
        SELECT 'check', g.table_name::text, left(format('%s_%s_registry_check', g.table_name, g.column_name), 63), NULL, NULL
          FROM claude.column_registry g
          JOIN pg_attribute a ON a.attrelid = to_regclass(format('claude.%I', g.table_name))
                             AND a.attname = g.column_name AND a.attnum > 0 AND NOT a.attisdropped
         WHERE jsonb_typeof(g.valid_values) = 'array' AND jsonb_array_length(g.valid_values) > 0
         ORDER BY 2, 1, 3
    LOOP
        v_rel := CASE WHEN r.table_name <> '' THEN to_regclass(format('claude.%I', r.table_name)) END;
        v_con := NULL;
        v_validated := NULL;
        IF r.object_type = 'function' THEN
            CONTINUE WHEN EXISTS (SELECT 1 FROM pg_proc p WHERE p.pronamespace = 'claude'::regnamespace AND p.proname = r.object_name);
        ELSIF v_rel IS NULL THEN
            NULL;  -- the table itself is missing
        ELSIF (SELECT c.relkind FROM pg_class c WHERE c.oid = v_rel) NOT IN ('r', 'p') THEN
            CONTINUE;  -- a view the user kept under a table's name is left alone by design (0008)
        ELSIF r.object_type = 'trigger' THEN
            CONTINUE WHEN EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = v_rel AND t.tgname = r.object_name AND NOT t.tgisinternal);
        ELSIF r.object_type IN ('index', 'unique_index') THEN
            CONTINUE WHEN EXISTS (SELECT 1 FROM pg_index i WHERE i.indexrelid = to_regclass(format('claude.%I', r.object_name)) AND i.indrelid = v_rel)
                       OR (r.object_type = 'index' AND r.columns IS NOT NULL AND claude.index_on_columns_exists(r.table_name, r.columns));
        ELSIF r.object_type = 'not_null' THEN
            CONTINUE WHEN EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = v_rel AND a.attname = r.columns[1] AND a.attnotnull);
            SELECT c.oid, c.convalidated INTO v_con, v_validated FROM pg_constraint c WHERE c.conrelid = v_rel AND c.conname = r.object_name;
        ELSIF r.object_type = 'foreign_key' THEN
            SELECT c.oid, c.convalidated INTO v_con, v_validated
              FROM pg_constraint c
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             WHERE c.conrelid = v_rel AND c.contype = 'f' AND a.attname = r.columns[1]
               AND c.confrelid = to_regclass(format('claude.%I', r.ref_table))
             ORDER BY c.convalidated DESC
             LIMIT 1;
        ELSE
            SELECT c.oid, c.convalidated INTO v_con, v_validated FROM pg_constraint c WHERE c.conrelid = v_rel AND c.conname = r.object_name;
        END IF;

        IF v_con IS NOT NULL THEN
            CONTINUE WHEN v_validated;
            SELECT v.row_count INTO v_violations FROM claude.health_rule_violations(v_con) v;
            CONTINUE WHEN v_violations > 0;  -- a data issue (rule_broken_by_old_rows), not drift
            RETURN NEXT jsonb_build_object('object_type', r.object_type, 'table', NULLIF(r.table_name, ''), 'name', r.object_name,
                                           'problem', 'not_validated',
                                           'detail', 'no row breaks it any more; CALL claude.upgrade_constraints() validates it');
            CONTINUE;
        END IF;
        RETURN NEXT jsonb_build_object('object_type', r.object_type, 'table', NULLIF(r.table_name, ''), 'name', r.object_name,
                                       'problem', 'missing',
                                       'detail', CASE WHEN r.table_name <> '' AND v_rel IS NULL THEN format('table claude.%s does not exist', r.table_name)
                                                      WHEN r.object_type = 'foreign_key' THEN format('no foreign key on %s(%s) -> %s', r.table_name, r.columns[1], r.ref_table)
                                                      ELSE 'run claudedb migrate; an object the data did not allow is created by CALL claude.upgrade_constraints() once it does' END);
    END LOOP;
END;
$fn$;
COMMENT ON FUNCTION claude.health_schema_drift() IS
    'Internal: the schema drift of claude.check_health(): expected objects (claude.schema_expectations and the registry CHECKs) that are missing, or constraints left NOT VALID although no row breaks them.';

-- Rule: seed 000's data quality report and the schema drift, computed live; healthy when both are empty.
CREATE OR REPLACE FUNCTION claude.check_health(p_stale_hours integer DEFAULT 24)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_issues jsonb;
    v_drift jsonb;
BEGIN
    -- 1000 years at most: beyond, now() minus the threshold leaves the timestamp range.
    IF p_stale_hours IS NULL OR p_stale_hours < 1 OR p_stale_hours > 8766000 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('stale threshold %s hours is not valid', COALESCE(p_stale_hours::text, 'NULL')),
            HINT = 'Pass p_stale_hours from 1 to 8766000 (1000 years; default 24).';
    END IF;
    SELECT COALESCE(jsonb_agg(i), '[]'::jsonb) INTO v_issues FROM claude.health_data_issues(p_stale_hours) AS i;
    SELECT COALESCE(jsonb_agg(d), '[]'::jsonb) INTO v_drift FROM claude.health_schema_drift() AS d;
    RETURN jsonb_build_object('healthy', jsonb_array_length(v_issues) = 0 AND jsonb_array_length(v_drift) = 0,
                              'checked_at', localtimestamp,
                              'stale_hours', p_stale_hours,
                              'schema_drift', v_drift,
                              'data_issues', v_issues);
END;
$fn$;
COMMENT ON FUNCTION claude.check_health(integer) IS
    'Health report as jsonb {healthy, checked_at, stale_hours, schema_drift[], data_issues[]}: data issues of seed 000 counted live (sessions without identity or summary, sessions active over p_stale_hours (default 24, CD001 outside 1..8766000), project name variants and unregistered names, orphan agent sessions, values outside the registry, rules old rows break) and drift (expected objects missing or NOT VALID though no row breaks them).';
