using Npgsql;

namespace ClaudeDbKit.Bench;

/// <summary>The generated data set of a run: <c>bench/sql/generate.sql</c> at a scale, and growth of activity_feed for the retention check.</summary>
internal static class BenchDatabase
{
    public static string SqlFile(string name) => Path.Combine(AppContext.BaseDirectory, "sql", name);

    public static async Task GenerateAsync(string connectionString, double scale, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var setScale = new NpgsqlCommand("SELECT set_config('bench.scale', $1, false)", connection))
        {
            setScale.Parameters.Add(new NpgsqlParameter { Value = scale.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await setScale.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var generate = new NpgsqlCommand(await File.ReadAllTextAsync(SqlFile("generate.sql"), cancellationToken), connection) { CommandTimeout = 0 };
        await generate.ExecuteNonQueryAsync(cancellationToken);
        await VacuumAsync(connection, cancellationToken);
    }

    // Sets the visibility map and statistics now, so that autovacuum does not start in the middle of a
    // measurement, and writes the new pages out, so that no checkpoint does either.
    private static async Task VacuumAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var sql in new[] { "VACUUM ANALYZE", "CHECKPOINT" })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Copies activity_feed until it holds <paramref name="factor"/> times its rows, spread over the same year, as years of use would.</summary>
    public static async Task GrowActivityAsync(string connectionString, int factor, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // The factor is an int, formatted: a multi-statement command takes no positional parameters.
        await using var grow = new NpgsqlCommand(
            $"""
            SET session_replication_role = replica;
            INSERT INTO claude.activity_feed (id, source_type, source_id, actor, activity_type, title, summary, project_name, severity, created_at)
            SELECT gen_random_uuid(), a.source_type, a.source_id, a.actor, a.activity_type, a.title, a.summary, a.project_name, a.severity,
                   a.created_at - interval '1 second' * c
              FROM claude.activity_feed a, generate_series(1, {factor - 1}) c;
            RESET session_replication_role;
            """, connection) { CommandTimeout = 0 };
        await grow.ExecuteNonQueryAsync(cancellationToken);
        await VacuumAsync(connection, cancellationToken);
    }

    public static async Task<long> CountAsync(string connectionString, string table, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM claude.{table}", connection);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }
}
