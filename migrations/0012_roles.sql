-- 0012 roles: the names of the roles the toolkit grants to (least privilege, issue 10). The roles
-- themselves are created and granted by functions/99_security.sql, which runs after every function
-- script and whenever role names are given, because CREATE OR REPLACE FUNCTION resets a function's
-- SECURITY DEFINER and grants cannot outlive the objects they name. New table only, plus one
-- column default: safe on any database.
--   app    (default claude_app):    EXECUTE on the API functions, SELECT on the views, nothing else;
--   reader (default claude_reader): SELECT on the views only;
--   <reader>_sandbox:               NOLOGIN, a member of reader; reminder sql_query conditions run as it.
-- Names come from the settings claudedbkit.app_role / claudedbkit.reader_role of the deploying
-- session (claudedb migrate --app-role / --reader-role), else the defaults, and are remembered here.

CREATE TABLE IF NOT EXISTS claude.security_roles (
    role_kind   text PRIMARY KEY CHECK (role_kind IN ('app', 'reader')),
    role_name   text NOT NULL CHECK (length(role_name) BETWEEN 1 AND 55),
    recorded_at timestamp without time zone NOT NULL DEFAULT now()
);
COMMENT ON TABLE claude.security_roles IS
    'Role names the toolkit grants to: app (EXECUTE on the API functions, SELECT on the views) and reader (SELECT on the views; reminder conditions run as <reader>_sandbox). Set at deploy time with claudedb migrate --app-role/--reader-role.';

INSERT INTO claude.security_roles (role_kind, role_name)
VALUES ('app', COALESCE(NULLIF(current_setting('claudedbkit.app_role', true), ''), 'claude_app')),
       ('reader', COALESCE(NULLIF(current_setting('claudedbkit.reader_role', true), ''), 'claude_reader'))
ON CONFLICT (role_kind) DO NOTHING;

-- Under SECURITY DEFINER current_user is the functions' owner: the registry history records the
-- login role instead (session_user), as it did for direct writes before.
ALTER TABLE claude.column_registry_history ALTER COLUMN changed_by SET DEFAULT session_user;
