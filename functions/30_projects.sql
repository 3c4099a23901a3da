-- 30 projects: project names are unique case-insensitively (unique index when the data allows it,
-- and always this trigger, which serialises writers of one name with an advisory lock and answers
-- CD004 with a hint); resolve_project maps a name (any case, trimmed) to its project, registering
-- unknown ones on request; every new project is logged as 'project_registered'.

-- Rule: project names are unique case-insensitively (CD004), also for direct writers and where legacy duplicates prevented the unique index.
CREATE OR REPLACE FUNCTION claude.projects_unique_name()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_other record;
BEGIN
    IF NEW.project_name IS NULL
       OR (TG_OP = 'UPDATE' AND lower(btrim(NEW.project_name)) IS NOT DISTINCT FROM lower(btrim(OLD.project_name))) THEN
        RETURN NEW;
    END IF;
    PERFORM claude.name_lock('claude.projects.project_name', NEW.project_name);
    SELECT p.project_id, p.project_name INTO v_other
      FROM claude.projects p
     WHERE lower(btrim(p.project_name)) = lower(btrim(NEW.project_name)) AND p.project_id <> NEW.project_id
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD004',
            MESSAGE = format('project name ''%s'' is taken: project %s is named ''%s'' (names are unique regardless of case)',
                             NEW.project_name, v_other.project_id, v_other.project_name),
            HINT = format('Use the existing project ''%s'' (claude.resolve_project matches any case), or choose another name.', v_other.project_name);
    END IF;
    RETURN NEW;
END;
$fn$;
COMMENT ON FUNCTION claude.projects_unique_name() IS
    'Trigger function: refuses a project name that another project already has, case-insensitively (CD004); serialised per name by an advisory lock.';

CREATE OR REPLACE TRIGGER projects_unique_name
    BEFORE INSERT OR UPDATE OF project_name ON claude.projects
    FOR EACH ROW EXECUTE FUNCTION claude.projects_unique_name();

-- Rule: a new project appears in the activity feed once ('project_registered').
CREATE OR REPLACE FUNCTION claude.projects_log_registered()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    PERFORM claude.log_activity('project', NEW.project_id, left(session_user, 100), 'project_registered',
                                left(format('Project registered: %s', NEW.project_name), 500),
                                NULL, left(NEW.project_name, 100), 'info');
    RETURN NULL;
END;
$fn$;
COMMENT ON FUNCTION claude.projects_log_registered() IS
    'Trigger function: logs activity project_registered (source_type project) for every new claude.projects row.';

CREATE OR REPLACE TRIGGER projects_log_registered
    AFTER INSERT ON claude.projects
    FOR EACH ROW EXECUTE FUNCTION claude.projects_log_registered();

-- Rule: a project name resolves case-insensitively (trimmed) to one project; unknown is CD002 unless p_register, which registers it once even under concurrency.
CREATE OR REPLACE FUNCTION claude.resolve_project(p_project_name text, p_register boolean DEFAULT false)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_name text := btrim(p_project_name);
    v_id uuid;
BEGIN
    IF claude.is_blank(v_name) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a project name is required',
            HINT = 'Pass the project''s name, e.g. the base name of the working directory.';
    END IF;
    v_id := claude.find_project(v_name);
    IF v_id IS NOT NULL THEN
        RETURN v_id;
    END IF;
    IF NOT COALESCE(p_register, false) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002',
            MESSAGE = format('project ''%s'' does not exist', v_name),
            HINT = COALESCE(
                (SELECT format('Did you mean %s? Names match regardless of case, not of punctuation.',
                               string_agg(quote_literal(p.project_name), ' or ' ORDER BY p.project_name))
                   FROM claude.projects p
                  WHERE regexp_replace(lower(p.project_name), '[^a-z0-9]', '', 'g') = regexp_replace(lower(v_name), '[^a-z0-9]', '', 'g')
                 HAVING count(*) > 0),
                'Check the name, or start a session with it (claude.start_session registers unknown projects).');
    END IF;
    IF length(v_name) > 200 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('project name ''%s...'' is %s characters long', left(v_name, 40), length(v_name)),
            HINT = 'Project names have at most 200 characters.';
    END IF;
    -- Serialise registrations of this name, then look again: another session may have just registered it.
    PERFORM claude.name_lock('claude.projects.project_name', v_name);
    v_id := claude.find_project(v_name);
    IF v_id IS NOT NULL THEN
        RETURN v_id;
    END IF;
    INSERT INTO claude.projects (project_id, project_name, status, is_archived, created_at, updated_at)
    VALUES (gen_random_uuid(), v_name, 'active', false, now(), now())
    RETURNING project_id INTO v_id;
    RETURN v_id;
END;
$fn$;
COMMENT ON FUNCTION claude.resolve_project(text, boolean) IS
    'Internal: project_id of a project name (case-insensitive, trimmed). Blank: CD005. Unknown: CD002, or with p_register a new active project (logged as project_registered), registered once under concurrency.';

-- Rule: the one project a name denotes; with legacy case duplicates the non-archived, oldest one wins.
CREATE OR REPLACE FUNCTION claude.find_project(p_project_name text)
RETURNS uuid
LANGUAGE sql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT p.project_id
      FROM claude.projects p
     WHERE pg_catalog.lower(pg_catalog.btrim(p.project_name::text)) = pg_catalog.lower(pg_catalog.btrim(p_project_name))
     ORDER BY (p.is_archived IS TRUE), p.created_at NULLS LAST, p.project_id
     LIMIT 1;
$fn$;
COMMENT ON FUNCTION claude.find_project(text) IS
    'Internal: project_id whose name matches case-insensitively (trimmed), or NULL; deterministic when legacy duplicates exist.';
