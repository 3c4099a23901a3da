namespace ClaudeDbKit.Tests.Infrastructure;

/// <summary>What a migrated database says about its own API, for tests that check the CLI and the module cover it.</summary>
public static class SchemaCatalog
{
    // The API is every function of schema claude that is not a trigger function and whose comment does not start with 'Internal'.
    private const string ApiFunctionsSql = """
        SELECT DISTINCT p.proname::text
        FROM pg_catalog.pg_proc p
        JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'claude'
          AND p.prokind = 'f'
          AND p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype
          AND coalesce(pg_catalog.obj_description(p.oid, 'pg_proc'), '') NOT LIKE 'Internal%'
        ORDER BY 1
        """;

    /// <summary>The API function names, sorted ordinally.</summary>
    public static async Task<List<string>> ApiFunctionsAsync(string connectionString) =>
        (await Sql.RowsAsync(connectionString, ApiFunctionsSql)).Select(row => (string)row[0]!).ToList();
}
