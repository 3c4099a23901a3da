namespace ClaudeDbKit.Tests.Security;

/// <summary>Catalog queries that find the gateway from the database itself, so a function added later is checked without a test change.</summary>
public static class GatewayCatalog
{
    /// <summary>The toolkit's functions (each carries a comment with its rule: d is its pg_description row) that the app role may call: the API and the hook path.</summary>
    public const string IsGateway = "(d.description NOT LIKE 'Internal%' OR d.description LIKE 'Internal (hook path%') AND p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype";

    /// <summary>Joins pg_proc p to its schema (claude) and its comment d.</summary>
    public const string ToolkitFunctions = """
        pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'claude'
        JOIN pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0
        """;

    /// <summary>Functions of schema claude with the toolkit's classification: gateway (API or hook path), trigger, internal.</summary>
    public const string FunctionsSql = $$"""
        SELECT p.oid::regprocedure::text AS signature,
               CASE WHEN p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype THEN 'trigger'
                    WHEN {{IsGateway}} THEN 'gateway'
                    ELSE 'internal' END AS kind,
               p.provolatile = 'i' AS pure,
               p.prosecdef AS definer,
               coalesce(array_to_string(p.proconfig, ';'), '') AS config,
               pg_get_userbyid(p.proowner)::text AS owner,
               p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE') AS public_execute,
               p.prosrc AS source,
               (SELECT l.lanname::text FROM pg_language l WHERE l.oid = p.prolang) AS language
          FROM {{ToolkitFunctions}}
         WHERE p.prokind = 'f'
         ORDER BY 1
        """;

    /// <summary>A call of every non-pure internal function with typed NULL arguments.</summary>
    public const string InternalCallsSql = $$"""
        SELECT format('SELECT %s(%s)', p.oid::regproc,
                      coalesce((SELECT string_agg('NULL::' || format_type(t, NULL), ', ' ORDER BY o) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, o)), ''))
          FROM {{ToolkitFunctions}}
         WHERE p.prokind = 'f' AND p.provolatile <> 'i' AND p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype
           AND NOT ({{IsGateway}})
         ORDER BY 1
        """;

    /// <summary>The names of the gateway functions.</summary>
    public const string GatewayNamesSql = $$"""
        SELECT DISTINCT p.proname::text FROM {{ToolkitFunctions}} WHERE p.prokind = 'f' AND {{IsGateway}} ORDER BY 1
        """;

    /// <summary>Every table of schema claude with its first column, for direct-write attempts.</summary>
    public const string TablesSql = """
        SELECT c.oid::regclass::text, quote_ident(a.attname)
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'claude'
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1
         WHERE c.relkind IN ('r', 'p')
         ORDER BY 1
        """;

    public const string ViewsSql = """
        SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'claude'
         WHERE c.relkind IN ('v', 'm') ORDER BY 1
        """;
}
