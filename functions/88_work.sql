-- 88 work tracking (seed 003): features (F<n>), feedback (FB<n>), build tasks (BT<n>) and
-- requirements. Short codes are handed out by sequences and never change (they live in branch names
-- and commit messages). A task's, requirement's or component's project is its feature's project;
-- status timestamps follow the status for every writer; creation and status changes appear in the
-- activity feed. The views at the end answer seed 001's "Key Queries".

-- Rule: an argument that names a row by id or by name/code is an id when it reads as a uuid (trimmed, any case).
CREATE OR REPLACE FUNCTION claude.is_uuid_text(p_value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT pg_catalog.btrim(p_value) ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
$fn$;
COMMENT ON FUNCTION claude.is_uuid_text(text) IS
    'Internal: true when the text (trimmed) is a uuid in its standard form, so an argument can name a row by id or by name/code.';

-- Rule: a project argument is a project name (any case, trimmed) or a project_id; unknown is CD002, blank CD005.
CREATE OR REPLACE FUNCTION claude.work_project(p_project text)
RETURNS uuid
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_id uuid;
BEGIN
    IF claude.is_uuid_text(p_project) THEN
        SELECT p.project_id INTO v_id FROM claude.projects p WHERE p.project_id = btrim(p_project)::uuid;
        IF v_id IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('project %s does not exist', btrim(p_project)),
                HINT = 'Pass an existing project_id, or the project''s name.';
        END IF;
        RETURN v_id;
    END IF;
    RETURN claude.resolve_project(p_project, false);
END;
$fn$;
COMMENT ON FUNCTION claude.work_project(text) IS
    'Internal: project_id of a project argument (name, any case, or project_id); blank CD005, unknown CD002.';

-- Rule: a work item code is F<n>, FB<n> or BT<n> (any case, trimmed); anything else is CD001, blank CD005.
CREATE OR REPLACE FUNCTION claude.parse_work_code(p_code text, OUT kind text, OUT short_code integer)
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_match text[];
BEGIN
    IF claude.is_blank(p_code) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a work item code is required',
            HINT = 'Pass a short code such as F12 (feature), FB3 (feedback) or BT7 (build task).';
    END IF;
    v_match := regexp_match(upper(btrim(p_code)), '^(FB|BT|F)([0-9]{1,9})$');
    IF v_match IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('''%s'' is not a work item code', p_code),
            HINT = 'Codes are F<n> (feature), FB<n> (feedback) or BT<n> (build task), e.g. F12.';
    END IF;
    kind := CASE v_match[1] WHEN 'F' THEN 'feature' WHEN 'FB' THEN 'feedback' ELSE 'build_task' END;
    short_code := v_match[2]::integer;
END;
$fn$;
COMMENT ON FUNCTION claude.parse_work_code(text) IS
    'Internal: splits a short code (F12, fb3, BT7) into its kind (feature, feedback, build_task) and number; CD001 when malformed, CD005 when blank.';

-- Rule: a feature argument is a code F<n> or a feature_id; another kind of code is CD001, an unknown feature CD002.
CREATE OR REPLACE FUNCTION claude.work_feature(p_feature text)
RETURNS uuid
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_code record;
    v_id uuid;
BEGIN
    IF claude.is_uuid_text(p_feature) THEN
        SELECT f.feature_id INTO v_id FROM claude.features f WHERE f.feature_id = btrim(p_feature)::uuid;
    ELSE
        v_code := claude.parse_work_code(p_feature);
        IF v_code.kind <> 'feature' THEN
            RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('''%s'' is a %s, not a feature', p_feature, v_code.kind),
                HINT = 'Pass a feature code such as F12, or a feature_id.';
        END IF;
        SELECT f.feature_id INTO v_id FROM claude.features f WHERE f.short_code = v_code.short_code
         ORDER BY f.created_at NULLS LAST, f.feature_id LIMIT 1;
    END IF;
    IF v_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('feature %s does not exist', btrim(p_feature)),
            HINT = 'Check the code (claude.get_work_item shows an item), or create the feature with claude.create_feature.';
    END IF;
    RETURN v_id;
END;
$fn$;
COMMENT ON FUNCTION claude.work_feature(text) IS
    'Internal: feature_id of a feature argument (F<n> or feature_id); CD001 for another kind of code, CD002 when unknown.';

-- Rule: a session named as creator must exist (CD002).
CREATE OR REPLACE FUNCTION claude.assert_session_exists(p_session_id uuid)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF p_session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claude.sessions s WHERE s.session_id = p_session_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('session %s does not exist', p_session_id),
            HINT = 'Pass the session_id of a started session (claude.start_session), or omit it.';
    END IF;
END;
$fn$;
COMMENT ON FUNCTION claude.assert_session_exists(uuid) IS
    'Internal: CD002 unless the given session exists; NULL passes.';

-- Rule: names and titles of work items are required (CD005) and at most 200 characters (CD001); priorities are 1..5 (CD001).
CREATE OR REPLACE FUNCTION claude.assert_work_text(p_what text, p_value text, p_required boolean, p_max integer DEFAULT 200)
RETURNS void
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF p_required AND claude.is_blank(p_value) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('%s is required', p_what),
            HINT = format('Pass a non-blank %s.', p_what);
    END IF;
    IF length(btrim(p_value)) > p_max THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('%s ''%s...'' is %s characters long', p_what, left(btrim(p_value), 40), length(btrim(p_value))),
            HINT = format('A %s has at most %s characters; put details in the description.', p_what, p_max);
    END IF;
END;
$fn$;
COMMENT ON FUNCTION claude.assert_work_text(text, text, boolean, integer) IS
    'Internal: CD005 when a required name/title is blank, CD001 when it is longer than the limit.';

CREATE OR REPLACE FUNCTION claude.assert_work_priority(p_priority integer)
RETURNS void
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF p_priority IS NULL OR p_priority NOT BETWEEN 1 AND 5 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('priority %s is not valid', COALESCE(p_priority::text, 'NULL')),
            HINT = 'Priorities go from 1 (highest) to 5 (lowest); the default is 3.';
    END IF;
END;
$fn$;
COMMENT ON FUNCTION claude.assert_work_priority(integer) IS
    'Internal: CD001 unless the priority is 1..5.';

-- Rule: new work goes to an active project; an archived project is CD003.
CREATE OR REPLACE FUNCTION claude.assert_project_open(p_project_id uuid)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_project record;
BEGIN
    SELECT p.project_name, p.is_archived, p.status INTO v_project FROM claude.projects p WHERE p.project_id = p_project_id;
    IF v_project.is_archived IS TRUE OR v_project.status = 'archived' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003', MESSAGE = format('project ''%s'' is archived', v_project.project_name),
            HINT = 'Reactivate the project (status active, is_archived false) before adding work to it.';
    END IF;
END;
$fn$;
COMMENT ON FUNCTION claude.assert_project_open(uuid) IS
    'Internal: CD003 when the project is archived (is_archived or status archived).';

-- Rule: creates a feature (status draft) in a project; returns its code F<n>.
CREATE OR REPLACE FUNCTION claude.create_feature(
    p_project      text,
    p_feature_name text,
    p_description  text DEFAULT NULL,
    p_priority     integer DEFAULT 3,
    p_session_id   uuid DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_project_id uuid;
    v_code integer;
BEGIN
    PERFORM claude.assert_work_text('feature name', p_feature_name, true);
    PERFORM claude.assert_work_priority(p_priority);
    v_project_id := claude.work_project(p_project);
    PERFORM claude.assert_project_open(v_project_id);
    PERFORM claude.assert_session_exists(p_session_id);
    INSERT INTO claude.features (feature_id, project_id, feature_name, description, status, priority, created_session_id, created_at, updated_at)
    VALUES (gen_random_uuid(), v_project_id, btrim(p_feature_name), p_description, 'draft', p_priority, p_session_id, now(), now())
    RETURNING short_code INTO v_code;
    RETURN 'F' || v_code;
END;
$fn$;
COMMENT ON FUNCTION claude.create_feature(text, text, text, integer, uuid) IS
    'Creates a feature (status draft) in a project given by name or id; returns its short code F<n>. Unknown project/session CD002, archived project CD003, blank name CD005, priority outside 1..5 CD001.';

-- Rule: records feedback (status new) of a registered type in a project; returns its code FB<n>.
CREATE OR REPLACE FUNCTION claude.create_feedback(
    p_project       text,
    p_feedback_type text,
    p_description   text,
    p_title         text DEFAULT NULL,
    p_session_id    uuid DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_project_id uuid;
    v_code integer;
BEGIN
    IF claude.is_blank(p_feedback_type) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a feedback type is required',
            HINT = format('Pass one of: %s.', (SELECT string_agg(v, ', ') FROM jsonb_array_elements_text(claude.get_valid_values('feedback', 'feedback_type')) AS v));
    END IF;
    PERFORM claude.assert_valid_value('feedback', 'feedback_type', p_feedback_type);
    PERFORM claude.assert_work_text('feedback description', p_description, true, 100000);
    PERFORM claude.assert_work_text('feedback title', p_title, false);
    v_project_id := claude.work_project(p_project);
    PERFORM claude.assert_project_open(v_project_id);
    PERFORM claude.assert_session_exists(p_session_id);
    INSERT INTO claude.feedback (feedback_id, project_id, feedback_type, title, description, status, created_session_id, created_at, updated_at)
    VALUES (gen_random_uuid(), v_project_id, p_feedback_type, NULLIF(btrim(p_title), ''), p_description, 'new', p_session_id, now(), now())
    RETURNING short_code INTO v_code;
    RETURN 'FB' || v_code;
END;
$fn$;
COMMENT ON FUNCTION claude.create_feedback(text, text, text, text, uuid) IS
    'Records feedback (status new) of a registered feedback_type (CD001) in a project given by name or id; returns its short code FB<n>. Unknown project/session CD002, archived project CD003, blank type or description CD005.';

-- Rule: creates a build task (status pending) of a feature, in the feature's project; returns BT<n>. A cancelled feature takes no new tasks (CD003).
CREATE OR REPLACE FUNCTION claude.create_build_task(
    p_feature     text,
    p_task_name   text,
    p_description text DEFAULT NULL,
    p_priority    integer DEFAULT 3,
    p_session_id  uuid DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_feature record;
    v_code integer;
BEGIN
    PERFORM claude.assert_work_text('task name', p_task_name, true);
    PERFORM claude.assert_work_priority(p_priority);
    SELECT f.feature_id, f.project_id, f.status, f.short_code INTO v_feature
      FROM claude.features f WHERE f.feature_id = claude.work_feature(p_feature)
       FOR SHARE;
    IF v_feature.status = 'cancelled' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003', MESSAGE = format('feature F%s is cancelled', v_feature.short_code),
            HINT = format('Move F%s back to planned or in_progress (claude.set_work_item_status) before adding tasks.', v_feature.short_code);
    END IF;
    PERFORM claude.assert_project_open(v_feature.project_id);
    PERFORM claude.assert_session_exists(p_session_id);
    INSERT INTO claude.build_tasks (task_id, task_name, description, feature_id, project_id, status, priority, created_session_id, created_at, updated_at)
    VALUES (gen_random_uuid(), btrim(p_task_name), p_description, v_feature.feature_id, v_feature.project_id, 'pending', p_priority, p_session_id, now(), now())
    RETURNING short_code INTO v_code;
    RETURN 'BT' || v_code;
END;
$fn$;
COMMENT ON FUNCTION claude.create_build_task(text, text, text, integer, uuid) IS
    'Creates a build task (status pending) of a feature given as F<n> or feature_id, in the feature''s project; returns its short code BT<n>. Unknown feature/session CD002, cancelled feature or archived project CD003, blank name CD005, priority outside 1..5 CD001.';

-- Rule: adds a requirement (status pending) to a feature, in the feature's project; returns its id.
CREATE OR REPLACE FUNCTION claude.add_requirement(p_feature text, p_requirement_name text, p_description text DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_feature record;
    v_id uuid := gen_random_uuid();
BEGIN
    PERFORM claude.assert_work_text('requirement name', p_requirement_name, true);
    SELECT f.feature_id, f.project_id, f.status, f.short_code INTO v_feature
      FROM claude.features f WHERE f.feature_id = claude.work_feature(p_feature)
       FOR SHARE;
    IF v_feature.status = 'cancelled' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003', MESSAGE = format('feature F%s is cancelled', v_feature.short_code),
            HINT = format('Move F%s back to planned or in_progress before adding requirements.', v_feature.short_code);
    END IF;
    INSERT INTO claude.requirements (requirement_id, feature_id, project_id, requirement_name, description, status, created_at, updated_at)
    VALUES (v_id, v_feature.feature_id, v_feature.project_id, btrim(p_requirement_name), p_description, 'pending', now(), now());
    RETURN v_id;
END;
$fn$;
COMMENT ON FUNCTION claude.add_requirement(text, text, text) IS
    'Adds a requirement (acceptance criterion, status pending) to a feature given as F<n> or feature_id; returns its requirement_id. Unknown feature CD002, cancelled feature CD003, blank name CD005.';

-- Rule: moves a work item (F<n>, FB<n>, BT<n>, or a requirement_id) to a registered status; a feature completes only when none of its tasks is open (CD003).
CREATE OR REPLACE FUNCTION claude.set_work_item_status(p_code text, p_status text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_code record;
    v_id uuid;
    v_open text;
BEGIN
    IF claude.is_blank(p_status) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('a status is required to change %s', COALESCE(p_code, 'a work item')),
            HINT = 'Pass the new status, e.g. in_progress or completed (claude.get_valid_values lists them).';
    END IF;
    IF claude.is_uuid_text(p_code) THEN
        PERFORM claude.assert_valid_value('requirements', 'status', p_status);
        UPDATE claude.requirements r SET status = p_status, updated_at = now()
         WHERE r.requirement_id = btrim(p_code)::uuid AND r.status IS DISTINCT FROM p_status;
        IF NOT FOUND AND NOT EXISTS (SELECT 1 FROM claude.requirements r WHERE r.requirement_id = btrim(p_code)::uuid) THEN
            RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('requirement %s does not exist', btrim(p_code)),
                HINT = 'A uuid names a requirement (claude.add_requirement returns it); features, feedback and tasks are named by their codes F<n>, FB<n>, BT<n>.';
        END IF;
        RETURN;
    END IF;

    v_code := claude.parse_work_code(p_code);
    CASE v_code.kind
    WHEN 'feature' THEN
        PERFORM claude.assert_valid_value('features', 'status', p_status);
        SELECT f.feature_id INTO v_id FROM claude.features f WHERE f.short_code = v_code.short_code
         ORDER BY f.created_at NULLS LAST, f.feature_id LIMIT 1 FOR UPDATE;
        IF v_id IS NOT NULL AND p_status = 'completed' THEN
            SELECT string_agg('BT' || t.short_code, ', ' ORDER BY t.short_code) INTO v_open
              FROM claude.build_tasks t
             WHERE t.feature_id = v_id AND t.status IS DISTINCT FROM 'completed' AND t.status IS DISTINCT FROM 'cancelled';
            IF v_open IS NOT NULL THEN
                RAISE EXCEPTION USING ERRCODE = 'CD003', MESSAGE = format('feature %s still has open build tasks: %s', upper(btrim(p_code)), v_open),
                    HINT = 'Complete or cancel those tasks first (claude.set_work_item_status).';
            END IF;
        END IF;
        UPDATE claude.features f SET status = p_status WHERE f.feature_id = v_id AND f.status IS DISTINCT FROM p_status;
    WHEN 'feedback' THEN
        PERFORM claude.assert_valid_value('feedback', 'status', p_status);
        SELECT fb.feedback_id INTO v_id FROM claude.feedback fb WHERE fb.short_code = v_code.short_code
         ORDER BY fb.created_at NULLS LAST, fb.feedback_id LIMIT 1 FOR UPDATE;
        UPDATE claude.feedback fb SET status = p_status WHERE fb.feedback_id = v_id AND fb.status IS DISTINCT FROM p_status;
    ELSE
        PERFORM claude.assert_valid_value('build_tasks', 'status', p_status);
        SELECT t.task_id INTO v_id FROM claude.build_tasks t WHERE t.short_code = v_code.short_code
         ORDER BY t.created_at NULLS LAST, t.task_id LIMIT 1 FOR UPDATE;
        UPDATE claude.build_tasks t SET status = p_status WHERE t.task_id = v_id AND t.status IS DISTINCT FROM p_status;
    END CASE;
    IF v_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('%s %s does not exist', replace(v_code.kind, '_', ' '), upper(btrim(p_code))),
            HINT = 'Check the code; claude.get_work_item shows an existing item.';
    END IF;
END;
$fn$;
COMMENT ON FUNCTION claude.set_work_item_status(text, text) IS
    'Moves a feature, feedback or build task (by code F<n>/FB<n>/BT<n>, any case) or a requirement (by requirement_id) to a registered status (CD001 otherwise); unknown item CD002; completing a feature with open tasks CD003. Timestamps and the activity feed follow by trigger.';

-- Rule: a code F<n>/FB<n>/BT<n> (any case) resolves to the item with its project and, for tasks, its feature; unknown is CD002.
CREATE OR REPLACE FUNCTION claude.get_work_item(p_code text)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_code record;
    v_item jsonb;
BEGIN
    v_code := claude.parse_work_code(p_code);
    IF v_code.kind = 'feature' THEN
        SELECT jsonb_build_object(
                   'code', 'F' || f.short_code, 'kind', 'feature', 'id', f.feature_id, 'name', f.feature_name,
                   'description', f.description, 'status', f.status, 'priority', f.priority,
                   'project', jsonb_build_object('id', p.project_id, 'name', p.project_name),
                   'created_session_id', f.created_session_id, 'created_at', f.created_at,
                   'started_at', f.started_at, 'completed_at', f.completed_at,
                   'tasks', COALESCE((SELECT jsonb_agg(jsonb_build_object('code', 'BT' || t.short_code, 'id', t.task_id, 'name', t.task_name,
                                                                          'status', t.status, 'priority', t.priority)
                                                       ORDER BY t.priority NULLS LAST, t.short_code)
                                        FROM claude.build_tasks t WHERE t.feature_id = f.feature_id), '[]'::jsonb),
                   'requirements', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', r.requirement_id, 'name', r.requirement_name,
                                                                                 'status', r.status)
                                                              ORDER BY r.created_at, r.requirement_id)
                                               FROM claude.requirements r WHERE r.feature_id = f.feature_id), '[]'::jsonb))
          INTO v_item
          FROM claude.features f
          LEFT JOIN claude.projects p ON p.project_id = f.project_id
         WHERE f.short_code = v_code.short_code
         ORDER BY f.created_at NULLS LAST, f.feature_id LIMIT 1;
    ELSIF v_code.kind = 'feedback' THEN
        SELECT jsonb_build_object(
                   'code', 'FB' || fb.short_code, 'kind', 'feedback', 'id', fb.feedback_id, 'name', fb.title,
                   'feedback_type', fb.feedback_type, 'description', fb.description, 'status', fb.status, 'priority', fb.priority,
                   'project', jsonb_build_object('id', p.project_id, 'name', p.project_name),
                   'created_session_id', fb.created_session_id, 'created_at', fb.created_at, 'resolved_at', fb.resolved_at)
          INTO v_item
          FROM claude.feedback fb
          LEFT JOIN claude.projects p ON p.project_id = fb.project_id
         WHERE fb.short_code = v_code.short_code
         ORDER BY fb.created_at NULLS LAST, fb.feedback_id LIMIT 1;
    ELSE
        SELECT jsonb_build_object(
                   'code', 'BT' || t.short_code, 'kind', 'build_task', 'id', t.task_id, 'name', t.task_name,
                   'description', t.description, 'status', t.status, 'priority', t.priority,
                   'project', jsonb_build_object('id', p.project_id, 'name', p.project_name),
                   'feature', CASE WHEN f.feature_id IS NULL THEN NULL
                                   ELSE jsonb_build_object('code', 'F' || f.short_code, 'id', f.feature_id, 'name', f.feature_name, 'status', f.status) END,
                   'component_id', t.component_id, 'created_session_id', t.created_session_id, 'created_at', t.created_at,
                   'started_at', t.started_at, 'completed_at', t.completed_at)
          INTO v_item
          FROM claude.build_tasks t
          LEFT JOIN claude.features f ON f.feature_id = t.feature_id
          LEFT JOIN claude.projects p ON p.project_id = t.project_id
         WHERE t.short_code = v_code.short_code
         ORDER BY t.created_at NULLS LAST, t.task_id LIMIT 1;
    END IF;
    IF v_item IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('%s %s does not exist', replace(v_code.kind, '_', ' '), upper(btrim(p_code))),
            HINT = 'Check the code: features are F<n>, feedback FB<n>, build tasks BT<n>.';
    END IF;
    RETURN v_item;
END;
$fn$;
COMMENT ON FUNCTION claude.get_work_item(text) IS
    'The work item of a code F<n>, FB<n> or BT<n> (any case) as JSON: code, kind, id, name, status, priority, project {id, name}; a feature adds its tasks and requirements, a task its feature. Malformed CD001, unknown CD002.';

-- ---------------------------------------------------------------------------------------------
-- Triggers: the rules hold for direct writers too.

-- Rule: a short code, once given, never changes (CD003): branch names and commits refer to it.
CREATE OR REPLACE FUNCTION claude.work_short_code_immutable()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF OLD.short_code IS NOT NULL AND NEW.short_code IS DISTINCT FROM OLD.short_code THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('%s short code %s cannot change to %s', TG_TABLE_NAME, OLD.short_code, COALESCE(NEW.short_code::text, 'NULL')),
            HINT = 'Short codes appear in branch names and commit messages; they are permanent.';
    END IF;
    RETURN NEW;
END;
$fn$;
COMMENT ON FUNCTION claude.work_short_code_immutable() IS
    'Trigger function: refuses (CD003) any change of a short_code that is already set.';

-- Rule: a task, requirement or component belongs to its feature's project: a missing project_id is derived, a different one is CD001.
CREATE OR REPLACE FUNCTION claude.work_child_project()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_feature record;
    v_component_feature uuid;
BEGIN
    -- Nested IFs: only build_tasks has component_id, and PL/pgSQL resolves NEW's fields when it evaluates them.
    IF TG_TABLE_NAME = 'build_tasks' THEN
        IF NEW.component_id IS NOT NULL THEN
            SELECT c.feature_id INTO v_component_feature FROM claude.components c WHERE c.component_id = NEW.component_id;
            IF NEW.feature_id IS NULL THEN
                NEW.feature_id := v_component_feature;
            ELSIF v_component_feature IS NOT NULL AND v_component_feature <> NEW.feature_id THEN
                RAISE EXCEPTION USING ERRCODE = 'CD001',
                    MESSAGE = format('component %s belongs to feature %s, not to the task''s feature %s', NEW.component_id, v_component_feature, NEW.feature_id),
                    HINT = 'Attach the task to a component of its own feature.';
            END IF;
        END IF;
    END IF;
    IF NEW.feature_id IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT f.project_id, f.short_code INTO v_feature FROM claude.features f WHERE f.feature_id = NEW.feature_id;
    IF v_feature.project_id IS NULL THEN
        RETURN NEW;
    END IF;
    IF NEW.project_id IS NULL THEN
        NEW.project_id := v_feature.project_id;
    ELSIF NEW.project_id <> v_feature.project_id THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('%s of feature F%s cannot belong to project %s: the feature belongs to project %s',
                             TG_TABLE_NAME, v_feature.short_code, NEW.project_id, v_feature.project_id),
            HINT = 'Omit project_id (it is taken from the feature), or pick a feature of the intended project.';
    END IF;
    RETURN NEW;
END;
$fn$;
COMMENT ON FUNCTION claude.work_child_project() IS
    'Trigger function: build_tasks/requirements/components take their feature''s project_id; another project is refused (CD001), as is a component of another feature.';

-- Rule: when a feature moves to another project, its tasks, requirements and components move with it.
CREATE OR REPLACE FUNCTION claude.work_feature_moved()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    UPDATE claude.components c SET project_id = NEW.project_id WHERE c.feature_id = NEW.feature_id AND c.project_id IS DISTINCT FROM NEW.project_id;
    UPDATE claude.build_tasks t SET project_id = NEW.project_id WHERE t.feature_id = NEW.feature_id AND t.project_id IS DISTINCT FROM NEW.project_id;
    UPDATE claude.requirements r SET project_id = NEW.project_id WHERE r.feature_id = NEW.feature_id AND r.project_id IS DISTINCT FROM NEW.project_id;
    RETURN NULL;
END;
$fn$;
COMMENT ON FUNCTION claude.work_feature_moved() IS
    'Trigger function: a feature''s new project_id is carried over to its components, build tasks and requirements.';

-- Rule: started_at is set when work first goes in_progress; completed_at while completed; resolved_at while feedback is closed; updated_at on every change.
CREATE OR REPLACE FUNCTION claude.work_status_timestamps()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_now timestamp := now();
    v_was text := CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        NEW.updated_at := v_now;
        IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
            RETURN NEW;
        END IF;
    END IF;
    IF TG_TABLE_NAME = 'feedback' THEN
        IF NEW.status IN ('resolved', 'wont_fix', 'duplicate') THEN
            NEW.resolved_at := CASE WHEN v_was IN ('resolved', 'wont_fix', 'duplicate') THEN COALESCE(NEW.resolved_at, v_now)
                                    WHEN TG_OP = 'INSERT' THEN COALESCE(NEW.resolved_at, v_now)
                                    ELSE v_now END;
        ELSIF TG_OP = 'UPDATE' THEN
            NEW.resolved_at := NULL;
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.status IN ('in_progress', 'completed') AND NEW.started_at IS NULL THEN
        NEW.started_at := v_now;
    END IF;
    IF NEW.status = 'completed' THEN
        NEW.completed_at := CASE WHEN TG_OP = 'INSERT' THEN COALESCE(NEW.completed_at, v_now) ELSE v_now END;
    ELSIF TG_OP = 'UPDATE' THEN
        NEW.completed_at := NULL;
    END IF;
    RETURN NEW;
END;
$fn$;
COMMENT ON FUNCTION claude.work_status_timestamps() IS
    'Trigger function: features/build_tasks get started_at on first in_progress (or completed) and completed_at while completed (cleared on reopening); feedback gets resolved_at while resolved/wont_fix/duplicate; updated_at on update.';

-- Rule: creating a feature, feedback or build task, and every status change, is logged in the activity feed.
CREATE OR REPLACE FUNCTION claude.work_log_activity()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_source text := CASE TG_TABLE_NAME WHEN 'features' THEN 'feature' WHEN 'feedback' THEN 'feedback' ELSE 'build_task' END;
    v_prefix text := CASE TG_TABLE_NAME WHEN 'features' THEN 'F' WHEN 'feedback' THEN 'FB' ELSE 'BT' END;
    v_row jsonb := to_jsonb(NEW);
    v_id uuid := (v_row ->> CASE TG_TABLE_NAME WHEN 'features' THEN 'feature_id' WHEN 'feedback' THEN 'feedback_id' ELSE 'task_id' END)::uuid;
    v_name text := COALESCE(v_row ->> 'feature_name', v_row ->> 'task_name', v_row ->> 'title', left(v_row ->> 'description', 80), '');
    v_label text := COALESCE(v_prefix || (v_row ->> 'short_code'), v_source);
    v_project text;
BEGIN
    SELECT left(p.project_name, 100) INTO v_project FROM claude.projects p WHERE p.project_id = (v_row ->> 'project_id')::uuid;
    IF TG_OP = 'INSERT' THEN
        PERFORM claude.log_activity(v_source, v_id, left(session_user, 100), v_source || '_created',
            left(CASE TG_TABLE_NAME WHEN 'feedback' THEN format('New %s %s: %s', COALESCE(v_row ->> 'feedback_type', 'feedback'), v_label, v_name)
                                    ELSE format('%s created: %s', v_label, v_name) END, 500),
            NULL, v_project, 'info');
    ELSE
        PERFORM claude.log_activity(v_source, v_id, left(session_user, 100), v_source || '_status_changed',
            left(format('%s %s -> %s: %s', v_label, COALESCE(OLD.status, '(none)'), COALESCE(NEW.status, '(none)'), v_name), 500),
            NULL, v_project,
            CASE WHEN NEW.status IN ('completed', 'resolved') THEN 'success' WHEN NEW.status = 'blocked' THEN 'warning' ELSE 'info' END);
    END IF;
    RETURN NULL;
END;
$fn$;
COMMENT ON FUNCTION claude.work_log_activity() IS
    'Trigger function: logs <kind>_created and <kind>_status_changed (source_type feature, feedback or build_task) for every writer.';

CREATE OR REPLACE TRIGGER features_short_code_immutable BEFORE UPDATE OF short_code ON claude.features
    FOR EACH ROW EXECUTE FUNCTION claude.work_short_code_immutable();
CREATE OR REPLACE TRIGGER feedback_short_code_immutable BEFORE UPDATE OF short_code ON claude.feedback
    FOR EACH ROW EXECUTE FUNCTION claude.work_short_code_immutable();
CREATE OR REPLACE TRIGGER build_tasks_short_code_immutable BEFORE UPDATE OF short_code ON claude.build_tasks
    FOR EACH ROW EXECUTE FUNCTION claude.work_short_code_immutable();

CREATE OR REPLACE TRIGGER build_tasks_feature_project BEFORE INSERT OR UPDATE OF feature_id, project_id, component_id ON claude.build_tasks
    FOR EACH ROW EXECUTE FUNCTION claude.work_child_project();
CREATE OR REPLACE TRIGGER requirements_feature_project BEFORE INSERT OR UPDATE OF feature_id, project_id ON claude.requirements
    FOR EACH ROW EXECUTE FUNCTION claude.work_child_project();
CREATE OR REPLACE TRIGGER components_feature_project BEFORE INSERT OR UPDATE OF feature_id, project_id ON claude.components
    FOR EACH ROW EXECUTE FUNCTION claude.work_child_project();
CREATE OR REPLACE TRIGGER features_moved AFTER UPDATE OF project_id ON claude.features
    FOR EACH ROW WHEN (NEW.project_id IS DISTINCT FROM OLD.project_id) EXECUTE FUNCTION claude.work_feature_moved();

CREATE OR REPLACE TRIGGER features_status_timestamps BEFORE INSERT OR UPDATE ON claude.features
    FOR EACH ROW EXECUTE FUNCTION claude.work_status_timestamps();
CREATE OR REPLACE TRIGGER feedback_status_timestamps BEFORE INSERT OR UPDATE ON claude.feedback
    FOR EACH ROW EXECUTE FUNCTION claude.work_status_timestamps();
CREATE OR REPLACE TRIGGER build_tasks_status_timestamps BEFORE INSERT OR UPDATE ON claude.build_tasks
    FOR EACH ROW EXECUTE FUNCTION claude.work_status_timestamps();

CREATE OR REPLACE TRIGGER features_log_created AFTER INSERT ON claude.features
    FOR EACH ROW EXECUTE FUNCTION claude.work_log_activity();
CREATE OR REPLACE TRIGGER features_log_status AFTER UPDATE OF status ON claude.features
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status) EXECUTE FUNCTION claude.work_log_activity();
CREATE OR REPLACE TRIGGER feedback_log_created AFTER INSERT ON claude.feedback
    FOR EACH ROW EXECUTE FUNCTION claude.work_log_activity();
CREATE OR REPLACE TRIGGER feedback_log_status AFTER UPDATE OF status ON claude.feedback
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status) EXECUTE FUNCTION claude.work_log_activity();
CREATE OR REPLACE TRIGGER build_tasks_log_created AFTER INSERT ON claude.build_tasks
    FOR EACH ROW EXECUTE FUNCTION claude.work_log_activity();
CREATE OR REPLACE TRIGGER build_tasks_log_status AFTER UPDATE OF status ON claude.build_tasks
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status) EXECUTE FUNCTION claude.work_log_activity();

-- ---------------------------------------------------------------------------------------------
-- Views (seed 001 "Key Queries"). Open feedback is new, triaged or in_progress (seed 003 added triaged).

CREATE OR REPLACE VIEW claude.open_feedback_by_project AS
SELECT fb.project_id, p.project_name, count(*) AS open_count,
       count(*) FILTER (WHERE fb.feedback_type = 'bug') AS open_bugs,
       min(fb.created_at) AS oldest_open_at
  FROM claude.feedback fb
  LEFT JOIN claude.projects p ON p.project_id = fb.project_id
 WHERE fb.status IN ('new', 'triaged', 'in_progress')
 GROUP BY fb.project_id, p.project_name;
COMMENT ON VIEW claude.open_feedback_by_project IS 'Open feedback (new, triaged, in_progress) counted per project, with open bugs and the oldest open item.';

CREATE OR REPLACE VIEW claude.project_overview AS
SELECT p.project_id, p.project_name, p.status, p.phase, p.priority, p.default_identity_id, p.created_at,
       (SELECT count(*) FROM claude.features f WHERE f.project_id = p.project_id) AS feature_count,
       (SELECT count(*) FROM claude.features f WHERE f.project_id = p.project_id
                                                AND f.status IN ('planned', 'in_progress', 'blocked')) AS active_feature_count,
       (SELECT count(*) FROM claude.feedback fb WHERE fb.project_id = p.project_id
                                                 AND fb.status IN ('new', 'triaged', 'in_progress')) AS open_feedback,
       (SELECT count(*) FROM claude.build_tasks t WHERE t.project_id = p.project_id
                                                   AND t.status IN ('pending', 'in_progress', 'blocked')) AS open_task_count
  FROM claude.projects p
 WHERE p.is_archived IS NOT TRUE;
COMMENT ON VIEW claude.project_overview IS 'Non-archived projects with their feature count, active features, open feedback and open build tasks (seed 001 "Project View").';

-- Tasks without a component are listed under their feature with empty component columns.
CREATE OR REPLACE VIEW claude.build_tracker AS
SELECT f.project_id, f.feature_id, 'F' || f.short_code AS feature_code, f.feature_name, f.status AS feature_status, f.priority AS feature_priority,
       c.component_id, c.component_name, c.status AS component_status, c.sort_order AS component_sort_order,
       t.task_id, 'BT' || t.short_code AS task_code, t.task_name, t.status AS task_status, t.priority AS task_priority
  FROM claude.features f
  LEFT JOIN claude.components c ON c.feature_id = f.feature_id
  LEFT JOIN claude.build_tasks t ON t.component_id = c.component_id
 WHERE c.component_id IS NOT NULL
    OR NOT EXISTS (SELECT 1 FROM claude.build_tasks t2 WHERE t2.feature_id = f.feature_id AND t2.component_id IS NULL)
UNION ALL
SELECT f.project_id, f.feature_id, 'F' || f.short_code, f.feature_name, f.status, f.priority,
       NULL::uuid, NULL::varchar, NULL::varchar, NULL::integer,
       t.task_id, 'BT' || t.short_code, t.task_name, t.status, t.priority
  FROM claude.features f
  JOIN claude.build_tasks t ON t.feature_id = f.feature_id AND t.component_id IS NULL;
COMMENT ON VIEW claude.build_tracker IS 'Features with their components and build tasks (seed 001 "Build Tracker"); filter on project_id and order by feature_priority, component_sort_order, task_priority.';
