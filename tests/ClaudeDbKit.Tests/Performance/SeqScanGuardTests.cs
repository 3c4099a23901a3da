using ClaudeDbKit.Bench;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Performance;

/// <summary>
/// Every API call of the benchmark's workload, on the benchmark's generated data (at a small scale),
/// must reach activity_feed, sessions and messages through an index: these tables grow without bound
/// and the hooks call these functions at every session start. Only a call marked audit (the health
/// report, which counts every bad row) may scan; it must still succeed.
/// </summary>
public sealed class SeqScanGuardTests : MigratedDatabaseTest
{
    private const double Scale = 0.02;
    private static readonly string[] GrowingTables = ["activity_feed", "sessions", "messages"];

    private static string SqlFile(string name) => Path.Combine(AppContext.BaseDirectory, "Performance", "sql", name);

    private static Workload LoadWorkload() => Workload.Load(SqlFile("workload.sql"));

    [Fact]
    public async Task The_workload_calls_every_API_function()
    {
        var called = LoadWorkload().Calls.Select(c => c.Function).ToHashSet(StringComparer.Ordinal);
        var missing = (await SchemaCatalog.ApiFunctionsAsync(ConnectionString)).Where(f => !called.Contains(f)).ToList();
        Assert.True(missing.Count == 0, $"bench/sql/workload.sql has no '-- @call' for: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task No_API_call_scans_a_growing_table_sequentially()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await GenerateAsync(connection);
        var workload = LoadWorkload();
        var values = await workload.ReadValuesAsync(connection);
        var unset = values.Where(v => v.Value is null).Select(v => v.Key).ToList();
        Assert.True(unset.Count == 0, $"the generated data has no row for: {string.Join(", ", unset)}");

        var failures = new List<string>();
        foreach (var call in workload.Calls)
        {
            var problem = await SeqScansOfAsync(connection, Workload.Bind(call, values));
            if (problem is not null && !(call.Audits && problem.StartsWith("seq scan", StringComparison.Ordinal)))
                failures.Add($"{call.Function}: {problem}");
        }
        Assert.True(failures.Count == 0, "API calls that scan a growing table or fail:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task The_guard_sees_a_sequential_scan()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await GenerateAsync(connection);
        Assert.Equal("seq scan of sessions",
            await SeqScansOfAsync(connection, "SELECT count(*) FROM claude.sessions WHERE session_summary LIKE '%benchmark%'"));
        Assert.Null(await SeqScansOfAsync(connection, "SELECT * FROM claude.sessions WHERE session_id = '00000000-0000-0000-0000-000000000001'"));
    }

    private static async Task GenerateAsync(NpgsqlConnection connection)
    {
        await using (var generate = new NpgsqlCommand(
            $"SELECT set_config('bench.scale', '{Scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}', false);\n"
            + await File.ReadAllTextAsync(SqlFile("generate.sql")), connection))
            await generate.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Runs <paramref name="sql"/> in a transaction that is rolled back, with sequential scans priced out of
    /// the planner's choice (so a small test table cannot excuse one), and compares the backend's scan
    /// counters before and after it (they also hold earlier transactions' counts not yet flushed, hence the
    /// difference). Null when no growing table was scanned.
    /// </summary>
    private static async Task<string?> SeqScansOfAsync(NpgsqlConnection connection, string sql)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var setting = new NpgsqlCommand("SET LOCAL enable_seqscan = off", connection, transaction))
            await setting.ExecuteNonQueryAsync();
        var before = await ScanCountersAsync(connection, transaction);
        try
        {
            await using var call = new NpgsqlCommand(sql, connection, transaction);
            await call.ExecuteNonQueryAsync();
        }
        catch (PostgresException e)
        {
            await transaction.RollbackAsync();
            return $"failed with {e.SqlState}: {e.MessageText}";
        }
        var after = await ScanCountersAsync(connection, transaction);
        await transaction.RollbackAsync();
        var scanned = GrowingTables.Where(t => after.GetValueOrDefault(t) > before.GetValueOrDefault(t)).Select(t => "seq scan of " + t).ToList();
        return scanned.Count == 0 ? null : string.Join(", ", scanned);
    }

    private static async Task<Dictionary<string, long>> ScanCountersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var counters = new NpgsqlCommand(
            "SELECT relname::text, seq_scan FROM pg_stat_xact_user_tables WHERE schemaname = 'claude' AND relname = ANY($1)",
            connection, transaction) { Parameters = { new NpgsqlParameter { Value = GrowingTables } } };
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var rows = await counters.ExecuteReaderAsync();
        while (await rows.ReadAsync())
            result[rows.GetString(0)] = rows.GetInt64(1);
        return result;
    }
}
