using System.Diagnostics;
using Npgsql;

namespace ClaudeDbKit.Bench;

/// <summary>Insert throughput of a table with its activity trigger against the same inserts with that trigger disabled.</summary>
internal sealed record TriggerCost(string Table, string Trigger, double RowsPerSecondWith, double RowsPerSecondWithout)
{
    public double Ratio => RowsPerSecondWith / RowsPerSecondWithout;
}

/// <summary>
/// Each round inserts the same rows twice (sessions as they start, active; messages as they are sent,
/// pending), once with the trigger and once without, each in a transaction
/// that is rolled back (so the table does not grow between rounds); medians over the rounds. The rows go
/// in as one INSERT … SELECT so that no round trip hides the server-side cost of the trigger.
/// </summary>
internal static class TriggerOverhead
{
    private const int Rounds = 7;

    public static async Task<IReadOnlyList<TriggerCost>> MeasureAsync(string connectionString, int rows, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // Sessions start active, one per identity: the rows get identities of their own.
        await using (var identities = new NpgsqlCommand(
            """
            INSERT INTO claude.identities (identity_name, platform, status)
            SELECT 'bench-trigger-' || g, 'claude-code', 'active' FROM generate_series(1, $1) g
            """, connection) { Parameters = { new NpgsqlParameter { Value = rows } } })
            await identities.ExecuteNonQueryAsync(cancellationToken);
        return
        [
            await MeasureAsync(connection, "sessions", "sessions_log_activity",
                """
                INSERT INTO claude.sessions (identity_id, project_name, session_start, status)
                SELECT i.identity_id, 'bench-project-1', now(), 'active'
                  FROM claude.identities i WHERE i.identity_name LIKE 'bench-trigger-%' LIMIT $1
                """, rows, cancellationToken),
            await MeasureAsync(connection, "messages", "messages_log_activity",
                """
                INSERT INTO claude.messages (from_session_id, to_project, message_type, priority, subject, body, status)
                SELECT s.session_id, 'bench-project-1', 'broadcast', 'normal', 'trigger overhead', 'body', 'pending'
                  FROM (SELECT s.session_id FROM claude.sessions s WHERE s.status = 'active' ORDER BY s.session_id LIMIT 1) s,
                       generate_series(1, $1) g
                """, rows, cancellationToken),
        ];
    }

    private static async Task<TriggerCost> MeasureAsync(NpgsqlConnection connection, string table, string trigger, string insert, int rows,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(insert, connection) { Parameters = { new NpgsqlParameter { Value = rows } } };
        await command.PrepareAsync(cancellationToken);
        var with = new List<TimeSpan>();
        var without = new List<TimeSpan>();
        for (var round = 0; round < Rounds; round++)
        {
            with.Add(await InsertAsync(connection, command, rows, disable: null, cancellationToken));
            without.Add(await InsertAsync(connection, command, rows, disable: $"ALTER TABLE claude.{table} DISABLE TRIGGER {trigger}", cancellationToken));
        }
        return new TriggerCost(table, trigger, rows / Statistics.Percentile(Statistics.Sorted(with), 0.5).TotalSeconds,
            rows / Statistics.Percentile(Statistics.Sorted(without), 0.5).TotalSeconds);
    }

    private static async Task<TimeSpan> InsertAsync(NpgsqlConnection connection, NpgsqlCommand insert, int rows, string? disable,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (disable is not null)
        {
            await using var alter = new NpgsqlCommand(disable, connection, transaction);
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }
        insert.Transaction = transaction;
        var clock = Stopwatch.StartNew();
        var inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
        var elapsed = clock.Elapsed;
        if (inserted != rows)
            throw new InvalidOperationException($"the trigger overhead insert wrote {inserted} rows instead of {rows}: was the data generated?");
        await transaction.RollbackAsync(cancellationToken);
        return elapsed;
    }
}
