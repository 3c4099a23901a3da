-- claudedbkit:after-functions
-- 99 security: the Data Gateway enforced for those who opt in (issue 10). Runs after every other
-- function script and again whenever one of them ran or role names were given (the marker above),
-- because CREATE OR REPLACE FUNCTION resets SECURITY DEFINER to what the new text says.
--   * The gateway functions -- the API (functions whose comment does not start with 'Internal') and
--     the hook path ('Internal (hook path ...') -- are SECURITY DEFINER with a fixed search_path, so a
--     role with EXECUTE alone can use them; IMMUTABLE ones compute without touching a table and stay
--     invoker. Trigger functions are definer too, so direct writers (existing tools) keep working
--     although the helpers they call are no longer executable by PUBLIC; activity_feed_immutable
--     stays invoker because it asks who is deleting.
--   * No toolkit function is executable by PUBLIC, except the IMMUTABLE ones (pure computation).
--   * app role: USAGE on schema claude, EXECUTE on the gateway functions, SELECT on the views.
--     reader role: USAGE, SELECT on the views. <reader>_sandbox (member of reader) owns
--     claude.evaluate_reminder_condition as SECURITY DEFINER: reminder conditions run with the
--     reader's rights, and a definer function cannot SET ROLE or set_config('role', ...).
--   * Roles are created (NOLOGIN) only when the deploying role may create roles; otherwise a NOTICE.
--     Only grants are added: nothing is revoked from a role, existing grants stay.

-- Rule: a role name has 1..55 characters (the sandbox adds '_sandbox'), does not start with pg_, and the
-- reader role (whose rights reminder conditions get) is no superuser and holds no owner's rights here.
DO $do$
DECLARE
    v_kind text;
    v_name text;
    v_owner text := (SELECT pg_catalog.pg_get_userbyid(n.nspowner) FROM pg_catalog.pg_namespace n WHERE n.nspname = 'claude');
BEGIN
    FOREACH v_kind IN ARRAY ARRAY['app', 'reader'] LOOP
        v_name := COALESCE(NULLIF(current_setting('claudedbkit.' || v_kind || '_role', true), ''),
                           (SELECT s.role_name FROM claude.security_roles s WHERE s.role_kind = v_kind));
        IF length(v_name) > 55 OR btrim(v_name) = '' OR v_name LIKE 'pg\_%' THEN
            RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('%s role name ''%s'' is not valid', v_kind, left(v_name, 80)),
                HINT = 'Pass a role name of 1 to 55 characters that does not start with pg_, e.g. claude_app or claude_reader.';
        END IF;
        CONTINUE WHEN v_kind = 'app';
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                    WHERE r.rolname IN (v_name, v_name || '_sandbox')
                      AND (r.rolsuper OR r.rolcreaterole OR r.rolbypassrls OR pg_catalog.pg_has_role(r.rolname, v_owner, 'USAGE'))) THEN
            RAISE EXCEPTION USING ERRCODE = 'CD001',
                MESSAGE = format('role %s cannot be the reader role: reminder conditions run with its rights, and it is a superuser, may create roles, bypasses row security or has the rights of %s, the owner of schema claude', v_name, v_owner),
                HINT = 'Pass --reader-role with a role that only reads (the default claude_reader is created for you).';
        END IF;
    END LOOP;
END;
$do$;

-- Role names given to this deployment (claudedb migrate --app-role/--reader-role) replace the remembered ones.
INSERT INTO claude.security_roles AS s (role_kind, role_name)
SELECT k.kind, k.name
  FROM (VALUES ('app', NULLIF(current_setting('claudedbkit.app_role', true), '')),
               ('reader', NULLIF(current_setting('claudedbkit.reader_role', true), ''))) AS k(kind, name)
 WHERE k.name IS NOT NULL
ON CONFLICT (role_kind) DO UPDATE SET role_name = EXCLUDED.role_name, recorded_at = now()
 WHERE s.role_name IS DISTINCT FROM EXCLUDED.role_name;

-- The roles: created NOLOGIN when missing and we may (grant them to login roles, or ALTER ROLE ... LOGIN).
DO $do$
DECLARE
    v_app text := (SELECT s.role_name FROM claude.security_roles s WHERE s.role_kind = 'app');
    v_reader text := (SELECT s.role_name FROM claude.security_roles s WHERE s.role_kind = 'reader');
    v_sandbox text := v_reader || '_sandbox';
    v_may_create boolean := (SELECT r.rolsuper OR r.rolcreaterole FROM pg_catalog.pg_roles r WHERE r.rolname = current_user);
    v_role text;
BEGIN
    FOREACH v_role IN ARRAY ARRAY[v_app, v_reader, v_sandbox] LOOP
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = v_role);
        IF NOT v_may_create THEN
            RAISE NOTICE 'role % was not created: % may not create roles (CREATEROLE); the functions are still secured, grant EXECUTE yourself or deploy again with a role that may',
                v_role, current_user;
            CONTINUE;
        END IF;
        -- Roles belong to the server: a deployment to another database may create the same one at this moment.
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', v_role);
            EXECUTE format('COMMENT ON ROLE %I IS %L', v_role, CASE v_role
                WHEN v_app THEN 'ClaudeDbKit gateway role: EXECUTE on the claude API functions, SELECT on the claude views, no direct writes.'
                WHEN v_reader THEN 'ClaudeDbKit reader role: SELECT on the claude views only.'
                ELSE 'ClaudeDbKit sandbox (no login): reminder sql_query conditions run as this member of ' || v_reader || '.' END);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END LOOP;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = v_sandbox)
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = v_reader)
       AND NOT pg_catalog.pg_has_role(v_sandbox, v_reader, 'USAGE') THEN
        BEGIN
            EXECUTE format('GRANT %I TO %I', v_reader, v_sandbox);
        EXCEPTION WHEN unique_violation THEN
            NULL;
        END;
    END IF;
END;
$do$;

-- Definer, fixed search_path, no PUBLIC execute; grants to the roles that exist.
DO $do$
DECLARE
    v_app text := (SELECT s.role_name FROM claude.security_roles s WHERE s.role_kind = 'app');
    v_reader text := (SELECT s.role_name FROM claude.security_roles s WHERE s.role_kind = 'reader');
    v_sandbox text := v_reader || '_sandbox';
    v_has_app boolean := EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = v_app);
    v_has_reader boolean := EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = v_reader);
    v_has_sandbox boolean := EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = v_sandbox)
                             AND pg_catalog.pg_has_role(v_sandbox, v_reader, 'USAGE');
    v_evaluate constant regprocedure := 'claude.evaluate_reminder_condition(text, boolean)'::regprocedure;
    v_superuser boolean := (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user);
    v_granted_create boolean := false;
    f record;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure AS fn, p.provolatile = 'i' AS pure,
               -- An internal SQL helper its script declares without SET clauses is meant to be inlined
               -- (a SET clause stops the planner from doing so); it runs as its caller.
               p.prolang = (SELECT l.oid FROM pg_catalog.pg_language l WHERE l.lanname = 'sql') AND p.proconfig IS NULL
                   AND d.description LIKE 'Internal%' AND d.description NOT LIKE 'Internal (hook path%' AS inlinable,
               p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype AS is_trigger,
               (d.description NOT LIKE 'Internal%' OR d.description LIKE 'Internal (hook path%')
                   AND p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype AS gateway
          FROM pg_catalog.pg_proc p
          JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'claude'
          -- Toolkit functions carry a comment with their rule; functions of the user's own stay as they are.
          JOIN pg_catalog.pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objsubid = 0
         WHERE p.prokind = 'f'
    LOOP
        IF NOT f.pure THEN
            EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f.fn);
        END IF;
        IF f.fn = v_evaluate THEN
            CONTINUE;
        END IF;
        -- check_reminder as definer without a sandbox would run untrusted conditions with the owner's rights.
        IF (f.gateway AND NOT f.pure AND (v_has_sandbox OR f.fn <> 'claude.check_reminder(uuid)'::regprocedure))
           OR (f.is_trigger AND f.fn <> 'claude.activity_feed_immutable()'::regprocedure) THEN
            EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = pg_catalog, claude, pg_temp', f.fn);
        ELSIF NOT f.inlinable THEN
            EXECUTE format('ALTER FUNCTION %s SECURITY INVOKER SET search_path = pg_catalog, claude, pg_temp', f.fn);
        END IF;
        IF f.gateway AND v_has_app THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f.fn, v_app);
        END IF;
    END LOOP;

    IF v_has_sandbox THEN
        -- ALTER ... OWNER needs membership in the new owner and, for it, CREATE on the schema (not kept).
        IF NOT v_superuser THEN
            IF NOT pg_catalog.pg_has_role(current_user, v_sandbox, 'MEMBER') THEN
                BEGIN
                    EXECUTE format('GRANT %I TO %I', v_sandbox, current_user);
                EXCEPTION WHEN unique_violation THEN
                    NULL; -- granted by a deployment to another database at this moment
                END;
            END IF;
            IF NOT pg_catalog.has_schema_privilege(v_sandbox, 'claude', 'CREATE') THEN
                EXECUTE format('GRANT CREATE ON SCHEMA claude TO %I', v_sandbox);
                v_granted_create := true;
            END IF;
        END IF;
        EXECUTE format('ALTER FUNCTION %s OWNER TO %I', v_evaluate, v_sandbox);
        IF v_granted_create THEN
            EXECUTE format('REVOKE CREATE ON SCHEMA claude FROM %I', v_sandbox);
        END IF;
        EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = pg_catalog, claude, pg_temp', v_evaluate);
        -- Its callers (create_reminder, check_reminder) run as their owner.
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', v_evaluate,
                       (SELECT pg_catalog.pg_get_userbyid(p.proowner) FROM pg_catalog.pg_proc p WHERE p.oid = 'claude.check_reminder(uuid)'::regprocedure));
    ELSE
        EXECUTE format('ALTER FUNCTION %s SECURITY INVOKER SET search_path = pg_catalog, claude, pg_temp', v_evaluate);
    END IF;

    IF v_has_app THEN
        EXECUTE format('GRANT USAGE ON SCHEMA claude TO %I', v_app);
    END IF;
    IF v_has_reader THEN
        EXECUTE format('GRANT USAGE ON SCHEMA claude TO %I', v_reader);
    END IF;
    FOR f IN
        SELECT c.oid::regclass AS rel
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'claude'
         WHERE c.relkind IN ('v', 'm')
    LOOP
        IF v_has_app THEN
            EXECUTE format('GRANT SELECT ON %s TO %I', f.rel, v_app);
        END IF;
        IF v_has_reader THEN
            EXECUTE format('GRANT SELECT ON %s TO %I', f.rel, v_reader);
        END IF;
    END LOOP;
END;
$do$;
