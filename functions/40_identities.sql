-- 40 identities (seed 004 table 3): names unique among active identities case-insensitively
-- (unique index when the data allows it, and always this trigger with an advisory lock per name),
-- never deleted (archived instead), last_active_at kept by session starts; registered and archived
-- identities appear in the activity feed.

-- Rule: identity_name is unique among active identities, case-insensitively (CD004), for every writer.
CREATE OR REPLACE FUNCTION claude.identities_unique_active_name()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_other record;
BEGIN
    IF NEW.identity_name IS NULL OR NEW.status IS DISTINCT FROM 'active'
       OR (TG_OP = 'UPDATE' AND OLD.status IS NOT DISTINCT FROM 'active'
           AND lower(btrim(NEW.identity_name)) IS NOT DISTINCT FROM lower(btrim(OLD.identity_name))) THEN
        RETURN NEW;
    END IF;
    PERFORM claude.name_lock('claude.identities.identity_name', NEW.identity_name);
    SELECT i.identity_id, i.identity_name INTO v_other
      FROM claude.identities i
     WHERE lower(btrim(i.identity_name::text)) = lower(btrim(NEW.identity_name)) AND i.status = 'active'
       AND i.identity_id <> NEW.identity_id
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD004',
            MESSAGE = format('identity name ''%s'' is taken: active identity %s is named ''%s'' (unique among active identities, regardless of case)',
                             NEW.identity_name, v_other.identity_id, v_other.identity_name),
            HINT = format('Use identity %s, archive it first with claude.archive_identity(''%s''), or choose another name.',
                          v_other.identity_id, v_other.identity_id);
    END IF;
    RETURN NEW;
END;
$fn$;
COMMENT ON FUNCTION claude.identities_unique_active_name() IS
    'Trigger function: refuses an active identity whose name another active identity has, case-insensitively (CD004); serialised per name by an advisory lock.';

CREATE OR REPLACE TRIGGER identities_unique_active_name
    BEFORE INSERT OR UPDATE OF identity_name, status ON claude.identities
    FOR EACH ROW EXECUTE FUNCTION claude.identities_unique_active_name();

-- Rule: identities are never deleted, only archived (CD003).
CREATE OR REPLACE FUNCTION claude.identities_no_delete()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'CD003',
        MESSAGE = format('%s on claude.identities is refused: identities are never deleted', TG_OP),
        HINT = 'Archive the identity with claude.archive_identity(identity_id); sessions, knowledge and workspaces keep referring to it.';
END;
$fn$;
COMMENT ON FUNCTION claude.identities_no_delete() IS
    'Trigger function: refuses DELETE and TRUNCATE of claude.identities (CD003): identities are archived, never deleted.';

CREATE OR REPLACE TRIGGER identities_no_delete
    BEFORE DELETE ON claude.identities
    FOR EACH ROW EXECUTE FUNCTION claude.identities_no_delete();

CREATE OR REPLACE TRIGGER identities_no_truncate
    BEFORE TRUNCATE ON claude.identities
    FOR EACH STATEMENT EXECUTE FUNCTION claude.identities_no_delete();

-- Rule: a registered identity and an archived identity each appear once in the activity feed.
CREATE OR REPLACE FUNCTION claude.identities_log_activity()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM claude.log_activity('identity', NEW.identity_id, left(NEW.identity_name, 100), 'identity_registered',
                                    left(format('Identity registered: %s (%s)', NEW.identity_name, NEW.platform), 500),
                                    NEW.role_description, NULL, 'info');
    ELSIF NEW.status = 'archived' AND OLD.status IS DISTINCT FROM 'archived' THEN
        PERFORM claude.log_activity('identity', NEW.identity_id, left(NEW.identity_name, 100), 'identity_archived',
                                    left(format('Identity archived: %s', NEW.identity_name), 500), NULL, NULL, 'info');
    END IF;
    RETURN NULL;
END;
$fn$;
COMMENT ON FUNCTION claude.identities_log_activity() IS
    'Trigger function: logs identity_registered on insert and identity_archived when status becomes archived (source_type identity).';

CREATE OR REPLACE TRIGGER identities_log_activity
    AFTER INSERT OR UPDATE ON claude.identities
    FOR EACH ROW EXECUTE FUNCTION claude.identities_log_activity();

-- Rule: seed 004 register_identity -- a new active identity with a unique (among active, any case) name and a platform.
CREATE OR REPLACE FUNCTION claude.register_identity(
    p_identity_name    text,
    p_platform         text,
    p_role_description text DEFAULT NULL,
    p_capabilities     jsonb DEFAULT '{}')
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_name text := btrim(p_identity_name);
    v_platform text := btrim(p_platform);
    v_id uuid;
BEGIN
    IF claude.is_blank(v_name) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'an identity name is required',
            HINT = 'Pass a name such as ''claude-<project>'' or ''claude-code-unified''.';
    END IF;
    IF claude.is_blank(v_platform) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('a platform is required for identity ''%s''', v_name),
            HINT = 'Pass where the identity runs, e.g. ''claude-code'' or ''claude-desktop''.';
    END IF;
    IF length(v_name) > 100 OR length(v_platform) > 50 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('identity name (%s characters) or platform (%s characters) too long', length(v_name), length(v_platform)),
            HINT = 'identity_name has at most 100 characters, platform at most 50.';
    END IF;
    IF p_capabilities IS NOT NULL AND jsonb_typeof(p_capabilities) <> 'object' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('capabilities %s is not valid: it must be a JSON object', left(p_capabilities::text, 100)),
            HINT = 'Pass an object such as {"mcp_servers": ["postgres"], "tools": ["bash"]}, or {}.';
    END IF;
    -- The trigger identities_unique_active_name takes the name lock and raises CD004 for a taken name.
    INSERT INTO claude.identities (identity_id, identity_name, platform, role_description, capabilities, status, created_at)
    VALUES (gen_random_uuid(), v_name, v_platform, p_role_description, COALESCE(p_capabilities, '{}'::jsonb), 'active', now())
    RETURNING identity_id INTO v_id;
    RETURN v_id;
END;
$fn$;
COMMENT ON FUNCTION claude.register_identity(text, text, text, jsonb) IS
    'Registers an active identity and returns its id. CD005 blank name/platform; CD001 too long or capabilities not an object; CD004 name taken by an active identity (any case).';

-- Rule: the identity a caller names must exist (CD002) and be active (CD003); returns its row, locked against concurrent archive/session start.
CREATE OR REPLACE FUNCTION claude.lock_active_identity(p_identity_id uuid)
RETURNS claude.identities
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_identity claude.identities;
BEGIN
    IF p_identity_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'an identity id is required',
            HINT = 'Pass the identity_id (see claude.get_active_identities()).';
    END IF;
    SELECT * INTO v_identity FROM claude.identities i WHERE i.identity_id = p_identity_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('identity %s does not exist', p_identity_id),
            HINT = 'Register it with claude.register_identity(name, platform), or pick one from claude.get_active_identities().';
    END IF;
    IF v_identity.status IS DISTINCT FROM 'active' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('identity %s (%s) is %s, not active', p_identity_id, v_identity.identity_name, COALESCE(v_identity.status, 'without status')),
            HINT = 'Use an active identity (claude.get_active_identities()), or register a new one.';
    END IF;
    RETURN v_identity;
END;
$fn$;
COMMENT ON FUNCTION claude.lock_active_identity(uuid) IS
    'Internal: locks and returns an active identity; CD005 NULL id, CD002 unknown, CD003 not active (archived).';

-- Rule: seed 004 update_identity_activity -- last_active_at = now() for an active identity.
CREATE OR REPLACE FUNCTION claude.update_identity_activity(p_identity_id uuid)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    PERFORM claude.lock_active_identity(p_identity_id);
    UPDATE claude.identities SET last_active_at = now() WHERE identity_id = p_identity_id;
END;
$fn$;
COMMENT ON FUNCTION claude.update_identity_activity(uuid) IS
    'Sets last_active_at = now() (also done by claude.start_session). CD005 NULL id, CD002 unknown, CD003 archived.';

-- Rule: seed 004 archive_identity -- only an active identity without an open session can be archived.
CREATE OR REPLACE FUNCTION claude.archive_identity(p_identity_id uuid)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_identity claude.identities;
    v_session record;
BEGIN
    IF p_identity_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'an identity id is required',
            HINT = 'Pass the identity_id to archive.';
    END IF;
    SELECT * INTO v_identity FROM claude.identities i WHERE i.identity_id = p_identity_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('identity %s does not exist', p_identity_id),
            HINT = 'Check the id; claude.get_active_identities() lists the active ones.';
    END IF;
    IF v_identity.status = 'archived' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('identity %s (%s) is already archived', p_identity_id, v_identity.identity_name),
            HINT = 'Nothing to do.';
    END IF;
    SELECT s.session_id, s.session_start INTO v_session
      FROM claude.sessions s
     WHERE s.identity_id = p_identity_id
       AND (s.status = 'active' OR (s.status IS NULL AND s.session_end IS NULL))
     ORDER BY s.session_start DESC
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD003',
            MESSAGE = format('identity %s (%s) has an open session %s (started %s) and cannot be archived',
                             p_identity_id, v_identity.identity_name, v_session.session_id, v_session.session_start),
            HINT = format('End it first with claude.end_session(''%s'', ''<summary>''), or close stale sessions with claude.abandon_stale_sessions().',
                          v_session.session_id);
    END IF;
    UPDATE claude.identities SET status = 'archived' WHERE identity_id = p_identity_id;
END;
$fn$;
COMMENT ON FUNCTION claude.archive_identity(uuid) IS
    'Archives an identity (never deleted). CD005 NULL id, CD002 unknown, CD003 already archived or while it has an open session.';

-- Rule: seed 004 get_active_identities -- active identities, most recently active first.
CREATE OR REPLACE FUNCTION claude.get_active_identities()
RETURNS TABLE(identity_id uuid, identity_name text, platform text, role_description text, capabilities jsonb,
              status text, created_at timestamp, last_active_at timestamp)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT i.identity_id, i.identity_name::text, i.platform::text, i.role_description, i.capabilities,
           i.status::text, i.created_at, i.last_active_at
      FROM claude.identities i
     WHERE i.status = 'active'
     ORDER BY i.last_active_at DESC NULLS LAST, i.identity_name;
$fn$;
COMMENT ON FUNCTION claude.get_active_identities() IS
    'Active identities ordered by last_active_at DESC NULLS LAST, then name.';
