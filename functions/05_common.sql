-- 05 common: small helpers several domains share.

-- Rule: writers of one name (any case, trimmed) in one naming scope are serialised, so "unique name" checks hold under concurrency.
CREATE OR REPLACE FUNCTION claude.name_lock(p_scope text, p_name text)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext(p_scope),
                                            pg_catalog.hashtext(pg_catalog.lower(pg_catalog.btrim(p_name))));
$fn$;
COMMENT ON FUNCTION claude.name_lock(text, text) IS
    'Internal: transaction-level advisory lock on one name (lower-cased, trimmed) within a scope such as ''claude.projects.project_name'', so concurrent writers of that name are serialised.';
