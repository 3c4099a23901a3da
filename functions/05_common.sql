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

-- Rule: a text made only of whitespace (spaces, tabs, line breaks, the Unicode spaces such as no-break
-- and ideographic space) counts as missing. The Unicode spaces are listed because [[:space:]] follows
-- the database's locale, which may know only ASCII. Declared without SET so the planner inlines it.
CREATE OR REPLACE FUNCTION claude.is_blank(p_value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $fn$
    SELECT p_value IS NULL
        OR p_value OPERATOR(pg_catalog.~) '^[[:space:]\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*$';
$fn$;
COMMENT ON FUNCTION claude.is_blank(text) IS
    'Internal: true when the text is NULL or made only of whitespace (spaces, tabs, line breaks, Unicode spaces such as no-break and ideographic space): such an argument counts as missing (CD005).';
