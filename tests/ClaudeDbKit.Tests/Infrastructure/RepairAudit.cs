using System.Globalization;
using System.Text;

namespace ClaudeDbKit.Tests.Infrastructure;

/// <summary>
/// Checks the brownfield promise on a legacy database: a copy of every claude table taken before the
/// upgrade (schema before_upgrade) is compared with the tables after it. Every old row is still there,
/// the only new rows are the ones the repair logged as inserted, and every value that differs is in
/// claude.repair_log with exactly that old and new value. column_registry is left out (migration 0004
/// updates its lists and records each change in column_registry_history, RegistryTests), and so is
/// the journal schemaversions, which gains a row per script.
/// </summary>
public static class RepairAudit
{
    public static Task SnapshotAsync(string connectionString) => Sql.ExecuteAsync(connectionString,
        """
        CREATE SCHEMA before_upgrade;
        DO $$
        DECLARE r record;
        BEGIN
            FOR r IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'claude'::regnamespace AND c.relkind = 'r' LOOP
                EXECUTE format('CREATE TABLE before_upgrade.%I AS SELECT * FROM claude.%I', r.relname, r.relname);
            END LOOP;
        END;
        $$;
        """);

    /// <summary>One line per broken promise: a lost row, an unlogged new row, a changed value without its log entry, a log entry whose old value is wrong.</summary>
    public static async Task<List<string>> ViolationsAsync(string connectionString)
    {
        var columns = await Sql.RowsAsync(connectionString,
            """
            SELECT b.relname::text, k.attname::text, a.attname::text
              FROM pg_class b
              JOIN pg_class t ON t.relname = b.relname AND t.relnamespace = 'claude'::regnamespace
              JOIN pg_index i ON i.indrelid = t.oid AND i.indisprimary
              JOIN pg_attribute k ON k.attrelid = t.oid AND k.attnum = i.indkey[0]
              JOIN pg_attribute a ON a.attrelid = b.oid AND a.attnum > 0 AND NOT a.attisdropped
             WHERE b.relnamespace = 'before_upgrade'::regnamespace AND b.relname NOT IN ('column_registry', 'schemaversions')
             ORDER BY 1, 3
            """);
        var query = new StringBuilder();
        foreach (var table in columns.GroupBy(c => (Table: (string)c[0]!, Key: (string)c[1]!)))
        {
            var (t, k) = table.Key;
            Append(query, string.Create(CultureInfo.InvariantCulture, $"""
                SELECT format('claude.{t}: %s rows before, %s after, %s inserted by the repair', b.n, a.n, l.n)
                  FROM (SELECT count(*) AS n FROM before_upgrade."{t}") b, (SELECT count(*) AS n FROM claude."{t}") a,
                       (SELECT count(*) AS n FROM claude.repair_log WHERE table_name = '{t}' AND column_name = '*') l
                 WHERE a.n <> b.n + l.n
                   OR EXISTS (SELECT 1 FROM before_upgrade."{t}" o WHERE NOT EXISTS (SELECT 1 FROM claude."{t}" n WHERE n."{k}" = o."{k}"))
                """));
            foreach (var column in table.Select(c => (string)c[2]!))
            {
                Append(query, string.Create(CultureInfo.InvariantCulture, $"""
                    SELECT format('claude.{t}.{column} of %s: %s -> %s, not in claude.repair_log', o."{k}", coalesce(o."{column}"::text, 'NULL'), coalesce(n."{column}"::text, 'NULL'))
                      FROM before_upgrade."{t}" o JOIN claude."{t}" n ON n."{k}" = o."{k}"
                     WHERE o."{column}"::text IS DISTINCT FROM n."{column}"::text
                       AND NOT EXISTS (SELECT 1 FROM claude.repair_log l
                                        WHERE l.table_name = '{t}' AND l.row_key = o."{k}"::text AND l.column_name = '{column}' AND l.undone_at IS NULL
                                          AND l.old_value IS NOT DISTINCT FROM o."{column}"::text AND l.new_value IS NOT DISTINCT FROM n."{column}"::text)
                    """));
                Append(query, string.Create(CultureInfo.InvariantCulture, $"""
                    SELECT format('claude.repair_log %s says claude.{t}.{column} of %s was %s; it was %s', l.repair_id, l.row_key, coalesce(l.old_value, 'NULL'), coalesce(o."{column}"::text, 'NULL'))
                      FROM claude.repair_log l JOIN before_upgrade."{t}" o ON o."{k}"::text = l.row_key
                     WHERE l.table_name = '{t}' AND l.column_name = '{column}' AND l.old_value IS DISTINCT FROM o."{column}"::text
                    """));
            }
        }
        return (await Sql.RowsAsync(connectionString, query.ToString())).Select(r => (string)r[0]!).ToList();
    }

    private static void Append(StringBuilder query, string select)
    {
        if (query.Length > 0)
            query.AppendLine("UNION ALL");
        query.AppendLine(select);
    }
}
