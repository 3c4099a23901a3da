using System.Diagnostics;
using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.Bench;

/// <summary>How long a deployment took and how many commands it sent to the server (each one round trip).</summary>
internal sealed record DeployMeasurement(string Name, TimeSpan Elapsed, int Commands);

/// <summary>
/// Times <see cref="MigrationRunner"/> and counts the commands it sends through Npgsql's tracing
/// (an <see cref="ActivityListener"/> on the "Npgsql" source: one activity per command or batch).
/// </summary>
internal static class DeployTiming
{
    public static async Task<DeployMeasurement> MeasureAsync(string name, string connectionString, CancellationToken cancellationToken)
    {
        var commands = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                if (activity.OperationName != "connect")
                    Interlocked.Increment(ref commands);
            },
        };
        ActivitySource.AddActivityListener(listener);
        var clock = Stopwatch.StartNew();
        await new MigrationRunner(connectionString).MigrateAsync(cancellationToken: cancellationToken);
        return new DeployMeasurement(name, clock.Elapsed, commands);
    }
}
