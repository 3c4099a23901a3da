using System.Diagnostics;
using Npgsql;

namespace ClaudeDbKit.Bench;

/// <summary>p50 and p99 of one API call, or why it could not be measured.</summary>
internal sealed record CallTiming(string Function, bool Writes, TimeSpan P50, TimeSpan P99, string? Error);

/// <summary>
/// Times each workload call on one connection, prepared, after warm-up: the same conditions as the
/// prepared <c>SELECT 1</c> it is compared with. A write runs in BEGIN … ROLLBACK within the same round trip.
/// </summary>
internal static class ApiLatency
{
    private const int WarmUp = 20;

    public static async Task<TimeSpan> SelectOneAsync(string connectionString, int iterations, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.PrepareAsync(cancellationToken);
        var times = await TimeAsync(() => command.ExecuteScalarAsync(cancellationToken), iterations);
        return Statistics.Percentile(times, 0.5);
    }

    public static async Task<List<CallTiming>> MeasureAsync(string connectionString, Workload workload, int iterations,
        Func<string, bool> include, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var values = await workload.ReadValuesAsync(connection, cancellationToken);

        var results = new List<CallTiming>();
        foreach (var call in workload.Calls.Where(c => include(c.Function)))
        {
            await using var command = new NpgsqlCommand(Workload.Repeatable(call, values), connection);
            try
            {
                await command.PrepareAsync(cancellationToken);
                var times = await TimeAsync(() => command.ExecuteNonQueryAsync(cancellationToken), iterations);
                results.Add(new CallTiming(call.Function, call.Writes, Statistics.Percentile(times, 0.5), Statistics.Percentile(times, 0.99), null));
            }
            catch (PostgresException e)
            {
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                    await rollback.ExecuteNonQueryAsync(cancellationToken);
                }
                results.Add(new CallTiming(call.Function, call.Writes, TimeSpan.Zero, TimeSpan.Zero, $"{e.SqlState}: {e.MessageText}"));
            }
        }
        return results;
    }

    private static async Task<List<TimeSpan>> TimeAsync(Func<Task> call, int iterations)
    {
        var times = new List<TimeSpan>(iterations);
        for (var i = 0; i < iterations + WarmUp; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            if (i >= WarmUp)
                times.Add(clock.Elapsed);
        }
        times.Sort();
        return times;
    }
}
