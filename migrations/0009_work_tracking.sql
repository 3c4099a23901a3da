-- 0009 work tracking (seed 003): short codes F<n>/FB<n>/BT<n> continuing after the highest existing code (existing codes never change), project_id NOT NULL on features and feedback through a validated CHECK, project_id derived from the feature on build_tasks/requirements, seed 003's foreign keys with its ON DELETE rules, its indexes, and the registry rows work items need.

SET LOCAL client_min_messages = warning;

-- ---------------------------------------------------------------------------------------------
-- Helpers (Internal, migrations).

-- NOT NULL without a long scan under ACCESS EXCLUSIVE: a CHECK (col IS NOT NULL) is added NOT VALID
-- and validated (SHARE UPDATE EXCLUSIVE); when it validates, SET NOT NULL uses it instead of scanning
-- and the CHECK is dropped. When rows still hold NULL, the CHECK stays NOT VALID: new writes are checked.
CREATE OR REPLACE FUNCTION claude.migration_ensure_not_null(p_table text, p_column text, p_rule text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_rel oid := pg_catalog.to_regclass(pg_catalog.format('claude.%I', p_table));
    v_check text := pg_catalog.format('%s_%s_not_null', p_table, p_column);
BEGIN
    IF (SELECT attnotnull FROM pg_catalog.pg_attribute WHERE attrelid = v_rel AND attname = p_column AND NOT attisdropped) THEN
        RETURN;
    END IF;
    PERFORM claude.migration_ensure_check(p_table, v_check, pg_catalog.format('%I IS NOT NULL', p_column), p_rule);
    IF (SELECT convalidated FROM pg_catalog.pg_constraint WHERE conrelid = v_rel AND conname = v_check) THEN
        EXECUTE pg_catalog.format('ALTER TABLE claude.%I ALTER COLUMN %I SET NOT NULL', p_table, p_column);
        EXECUTE pg_catalog.format('ALTER TABLE claude.%I DROP CONSTRAINT %I', p_table, v_check);
    END IF;
END;
$fn$;
COMMENT ON FUNCTION claude.migration_ensure_not_null(text, text, text) IS
    'Internal (migrations): Makes claude.<table>.<column> NOT NULL through a validated CHECK (no long exclusive lock); while old rows hold NULL the CHECK <table>_<column>_not_null stays NOT VALID and checks new writes.';

-- Short codes: a sequence feeds new rows; it starts after the highest existing code and never moves
-- back, so no code is handed out twice. Rows without a code get the next codes in creation order;
-- a code a row already has is never changed.
CREATE OR REPLACE FUNCTION claude.migration_ensure_short_code(p_table text, p_key text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_rel regclass := pg_catalog.format('claude.%I', p_table)::regclass;
    v_seq text := pg_catalog.pg_get_serial_sequence(pg_catalog.format('claude.%I', p_table), 'short_code');
    v_default text := pg_catalog.pg_get_expr((SELECT d.adbin FROM pg_catalog.pg_attrdef d
                                                JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                                               WHERE d.adrelid = v_rel AND a.attname = 'short_code'), v_rel);
    v_max bigint;
    v_last bigint;
BEGIN
    IF v_seq IS NULL AND v_default IS NOT NULL THEN
        RAISE NOTICE 'claude.%.short_code has its own default (%); left as it is', p_table, v_default;
        RETURN;
    END IF;
    IF v_seq IS NULL THEN
        v_seq := pg_catalog.format('claude.%I', p_table || '_short_code_seq');
        EXECUTE pg_catalog.format('CREATE SEQUENCE IF NOT EXISTS %s AS integer OWNED BY claude.%I.short_code', v_seq, p_table);
        EXECUTE pg_catalog.format('ALTER TABLE claude.%I ALTER COLUMN short_code SET DEFAULT pg_catalog.nextval(%L::regclass)', p_table, v_seq);
    END IF;
    EXECUTE pg_catalog.format('SELECT max(short_code) FROM claude.%I', p_table) INTO v_max;
    EXECUTE pg_catalog.format('SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM %s', v_seq) INTO v_last;
    v_max := GREATEST(COALESCE(v_max, 0), v_last);
    EXECUTE pg_catalog.format(
        'UPDATE claude.%1$I t SET short_code = n.code
           FROM (SELECT %2$I AS key, %3$s + row_number() OVER (ORDER BY created_at NULLS LAST, %2$I) AS code
                   FROM claude.%1$I WHERE short_code IS NULL) n
          WHERE t.%2$I = n.key', p_table, p_key, v_max);
    EXECUTE pg_catalog.format('SELECT max(short_code) FROM claude.%I', p_table) INTO v_max;
    IF COALESCE(v_max, 0) > 0 THEN
        PERFORM pg_catalog.setval(v_seq, GREATEST(v_max, v_last), true);
    END IF;
    PERFORM claude.migration_ensure_unique_index(p_table || '_short_code_key', p_table, '(short_code)',
                                                 'idx_' || p_table || '_short_code', 'short codes are unique');
END;
$fn$;
COMMENT ON FUNCTION claude.migration_ensure_short_code(text, text) IS
    'Internal (migrations): Wires claude.<table>.short_code to a sequence that continues after the highest existing code (never backwards); gives rows without a code the next codes in creation order; unique index when the data allows.';

-- ---------------------------------------------------------------------------------------------
-- Short codes.
SELECT claude.migration_ensure_short_code('features', 'feature_id');
SELECT claude.migration_ensure_short_code('feedback', 'feedback_id');
SELECT claude.migration_ensure_short_code('build_tasks', 'task_id');

-- ---------------------------------------------------------------------------------------------
-- project_id of tasks and requirements: their feature's project, where missing.
UPDATE claude.build_tasks t SET project_id = f.project_id
  FROM claude.features f
 WHERE t.feature_id = f.feature_id AND t.project_id IS NULL AND f.project_id IS NOT NULL;
UPDATE claude.requirements r SET project_id = f.project_id
  FROM claude.features f
 WHERE r.feature_id = f.feature_id AND r.project_id IS NULL AND f.project_id IS NOT NULL;
UPDATE claude.components c SET project_id = f.project_id
  FROM claude.features f
 WHERE c.feature_id = f.feature_id AND c.project_id IS NULL AND f.project_id IS NOT NULL;

SELECT claude.migration_ensure_not_null('features', 'project_id', 'a feature belongs to a project (seed 003)');
SELECT claude.migration_ensure_not_null('feedback', 'project_id', 'feedback belongs to a project (seed 003)');

-- ---------------------------------------------------------------------------------------------
-- Foreign keys (seed 003's ON DELETE rules; components follow their feature).
SELECT claude.migration_ensure_fk(v.t, v.c, v.rt, v.rc, v.n, v.rule)
  FROM (VALUES
    ('features',     'project_id',         'projects',   'project_id',   'fk_features_project',          'RESTRICT'),
    ('features',     'created_session_id', 'sessions',   'session_id',   'fk_features_session',          'SET NULL'),
    ('feedback',     'project_id',         'projects',   'project_id',   'fk_feedback_project',          'RESTRICT'),
    ('feedback',     'created_session_id', 'sessions',   'session_id',   'fk_feedback_session',          'SET NULL'),
    ('build_tasks',  'feature_id',         'features',   'feature_id',   'fk_build_tasks_feature',       'RESTRICT'),
    ('build_tasks',  'project_id',         'projects',   'project_id',   'fk_build_tasks_project',       'RESTRICT'),
    ('build_tasks',  'created_session_id', 'sessions',   'session_id',   'fk_build_tasks_session',       'SET NULL'),
    ('build_tasks',  'component_id',       'components', 'component_id', 'fk_build_tasks_component',     'SET NULL'),
    ('requirements', 'feature_id',         'features',   'feature_id',   'fk_requirements_feature',      'RESTRICT'),
    ('requirements', 'project_id',         'projects',   'project_id',   'fk_requirements_project',      'RESTRICT'),
    ('requirements', 'created_session_id', 'sessions',   'session_id',   'fk_requirements_session',      'SET NULL'),
    ('components',   'feature_id',         'features',   'feature_id',   'fk_components_feature',        'CASCADE'),
    ('components',   'project_id',         'projects',   'project_id',   'fk_components_project',        'RESTRICT'),
    ('feedback_comments', 'feedback_id',   'feedback',   'feedback_id',  'fk_feedback_comments_feedback', 'CASCADE')
  ) AS v(t, c, rt, rc, n, rule);

-- ---------------------------------------------------------------------------------------------
-- Indexes (seed 003, plus what the views and the code look-ups use).
SELECT claude.migration_ensure_index(v.n, v.t, v.cols, v.def)
  FROM (VALUES
    ('idx_features_project',          'features',          ARRAY['project_id'],             '(project_id)'),
    ('idx_features_status',           'features',          ARRAY['status'],                 '(status)'),
    ('idx_feedback_project',          'feedback',          ARRAY['project_id'],             '(project_id)'),
    ('idx_feedback_status',           'feedback',          ARRAY['status'],                 '(status)'),
    ('idx_build_tasks_feature',       'build_tasks',       ARRAY['feature_id'],             '(feature_id)'),
    ('idx_build_tasks_project',       'build_tasks',       ARRAY['project_id'],             '(project_id)'),
    ('idx_build_tasks_component',     'build_tasks',       ARRAY['component_id'],           '(component_id)'),
    ('idx_requirements_feature',      'requirements',      ARRAY['feature_id'],             '(feature_id)'),
    ('idx_components_feature',        'components',        ARRAY['feature_id'],             '(feature_id)'),
    ('idx_feedback_comments_feedback','feedback_comments', ARRAY['feedback_id'],            '(feedback_id)')
  ) AS v(n, t, cols, def);

-- Open feedback per project (seed 001 dashboard): only the open rows are indexed.
CREATE INDEX IF NOT EXISTS idx_feedback_open_by_project ON claude.feedback (project_id)
    WHERE status IN ('new', 'triaged', 'in_progress');

-- ---------------------------------------------------------------------------------------------
-- Registry: requirement states, work item priorities, and the activity sources of work items.
SELECT pg_catalog.set_config('claude.registry_change_reason', 'migration 0009: work tracking', true);

INSERT INTO claude.column_registry
       (id, table_name, column_name, data_type, is_nullable, default_value, description, valid_values, created_at, updated_at)
SELECT gen_random_uuid(), s.table_name, s.column_name,
       COALESCE(pg_catalog.format_type(a.atttypid, a.atttypmod), 'unknown'),
       COALESCE(NOT a.attnotnull, true), s.default_value, s.description, s.valid_values, now(), now()
  FROM (VALUES
    ('requirements', 'status',   '["pending", "met", "not_met", "waived"]'::jsonb, 'pending',
     'Acceptance state of a requirement: pending until checked, then met, not_met, or waived by decision. Chosen by ClaudeDbKit (the seeds give no list).'),
    ('features',     'priority', '[1, 2, 3, 4, 5]'::jsonb, '3', 'Feature priority, 1 = highest (as projects.priority, seed 001).'),
    ('build_tasks',  'priority', '[1, 2, 3, 4, 5]'::jsonb, '3', 'Build task priority, 1 = highest (as projects.priority, seed 001).')
  ) AS s(table_name, column_name, valid_values, default_value, description)
  LEFT JOIN pg_catalog.pg_attribute a
         ON a.attrelid = pg_catalog.to_regclass(pg_catalog.format('claude.%I', s.table_name))
        AND a.attname = s.column_name AND a.attnum > 0 AND NOT a.attisdropped
 WHERE NOT EXISTS (SELECT 1 FROM claude.column_registry r WHERE r.table_name = s.table_name AND r.column_name = s.column_name);

UPDATE claude.column_registry r
   SET valid_values = r.valid_values || (SELECT jsonb_agg(v) FROM jsonb_array_elements('["feature", "build_task", "requirement"]'::jsonb) AS v
                                          WHERE NOT r.valid_values @> jsonb_build_array(v)),
       description  = r.description || ' feature, build_task and requirement were added for work tracking (seed 003).',
       updated_at   = now()
 WHERE r.table_name = 'activity_feed' AND r.column_name = 'source_type'
   AND jsonb_typeof(r.valid_values) = 'array'
   AND NOT r.valid_values @> '["feature", "build_task", "requirement"]'::jsonb;

SELECT pg_catalog.set_config('claude.registry_change_reason', '', true);

-- Documented defaults for new rows, where none exists.
SELECT claude.migration_set_default_if_missing(v.t, v.c, v.d)
  FROM (VALUES
    ('features',     'status',   '''draft'''),
    ('features',     'priority', '3'),
    ('feedback',     'status',   '''new'''),
    ('build_tasks',  'status',   '''pending'''),
    ('build_tasks',  'priority', '3'),
    ('requirements', 'status',   '''pending''')
  ) AS v(t, c, d);
