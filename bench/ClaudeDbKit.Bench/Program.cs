using System.Diagnostics;
using System.Globalization;
using ClaudeDbKit.Bench;
using ClaudeDbKit.Local;
using ClaudeDbKit.Migrations;
using Npgsql;

// Hook start-up benchmark: the wall time of a whole `claudedb hook session-start` process (NativeAOT
// and JIT) against `psql -c 'select 1'` and an in-process prepared SELECT 1, all measured in this run
// on this machine, reported as medians and ratios (these machines are noisy; only ratios compare).
var options = BenchOptions.Parse(args);
var cluster = new LocalCluster(Path.Combine(Path.GetTempPath(), "claudedbkit-bench-" + Guid.NewGuid().ToString("N")[..8]), throwaway: true);
try
{
    var connection = await cluster.EnsureRunningAsync("ai_company_foundation");
    cluster.RemoveWhenProcessExits(Environment.ProcessId);
    var migrate = Stopwatch.StartNew();
    await new MigrationRunner(connection).MigrateAsync();
    var freshDeploy = migrate.Elapsed;
    migrate.Restart();
    await new MigrationRunner(connection).MigrateAsync();
    var noOpDeploy = migrate.Elapsed;

    var builder = new NpgsqlConnectionStringBuilder(connection);
    var results = new List<Measurement>
    {
        await Measure.InProcessSelectOneAsync(connection, options.Iterations * 20),
        await Measure.ProcessAsync("psql -c 'select 1'", "psql",
            ["-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database!, "-qAt", "-c", "select 1"],
            new Dictionary<string, string> { ["PGPASSWORD"] = builder.Password! }, _ => null, options.Iterations),
    };
    var stateDir = Path.Combine(cluster.Directory, "hook-state");
    var environment = new Dictionary<string, string> { ["CLAUDEDB_CONNECTION"] = connection, ["CLAUDE_IDENTITY"] = "bench-identity", ["CLAUDEDB_STATE_DIR"] = stateDir };
    string Payload(int _) => $"{{\"session_id\":\"{Guid.NewGuid()}\",\"cwd\":\"/home/bench/claude-family\",\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}}";
    if (options.NativeClaudedb is { } native)
        results.Add(await Measure.ProcessAsync("claudedb hook session-start (NativeAOT)", native, ["hook", "session-start"], environment, Payload, options.Iterations));
    if (options.JitClaudedb is { } jit)
        results.Add(await Measure.ProcessAsync("dotnet claudedb.dll hook session-start (JIT)", "dotnet", ["exec", jit, "hook", "session-start"], environment, Payload, options.Iterations));

    var baseline = results.First(r => r.Name.StartsWith("psql", StringComparison.Ordinal)).Median;
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {options.Iterations} runs per process measurement after warm-up.");
    Console.WriteLine();
    Console.WriteLine("| measurement | median | p90 | median / psql |");
    Console.WriteLine("|---|---:|---:|---:|");
    foreach (var r in results)
        Console.WriteLine($"| {r.Name} | {Ms(r.Median)} | {Ms(r.P90)} | {(r.Median / baseline).ToString("0.00", CultureInfo.InvariantCulture)} |");
    Console.WriteLine($"| migrate: fresh deploy | {Ms(freshDeploy)} | | |");
    Console.WriteLine($"| migrate: no-op re-run | {Ms(noOpDeploy)} | | |");
    return 0;
}
finally
{
    await cluster.DestroyAsync();
}

static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString(t.TotalMilliseconds < 1 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + " ms";
