using System.Globalization;
using ClaudeDbKit.Bench;
using ClaudeDbKit.Local;
using Npgsql;

// The benchmark: generates realistic volumes in a throwaway PostgreSQL, then measures in one run the
// prepared SELECT 1 round trip (the physical limit), every API call, the activity triggers, concurrent
// job claims, deployments, optionally whole hook processes, and the calls that read activity_feed
// again after it grew. These machines are noisy: only ratios within one run compare.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var token = cancel.Token;
void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

var cluster = new LocalCluster(Path.Combine(Path.GetTempPath(), "claudedbkit-bench-" + Guid.NewGuid().ToString("N")[..8]), throwaway: true);
try
{
    var connection = await cluster.EnsureRunningAsync("ai_company_foundation");
    cluster.RemoveWhenProcessExits(Environment.ProcessId);

    Progress("Deploying the schema.");
    var deploys = new List<DeployMeasurement> { await DeployTiming.MeasureAsync("fresh deploy", connection, token) };
    var noOps = new List<DeployMeasurement>();
    for (var i = 0; i < 5; i++)
        noOps.Add(await DeployTiming.MeasureAsync("no-op re-run", connection, token));
    deploys.Add(noOps.OrderBy(d => d.Elapsed).ElementAt(noOps.Count / 2) with { Name = "no-op re-run (median of 5)" });

    Progress($"Generating data at scale {options.Scale.ToString(CultureInfo.InvariantCulture)}.");
    var generation = System.Diagnostics.Stopwatch.StartNew();
    await BenchDatabase.GenerateAsync(connection, options.Scale, token);
    generation.Stop();
    var rows = new Dictionary<string, long>();
    foreach (var table in new[] { "activity_feed", "sessions", "messages", "scheduled_jobs", "reminders", "knowledge", "features", "build_tasks", "feedback" })
        rows[table] = await BenchDatabase.CountAsync(connection, table, token);

    var workload = Workload.Load(BenchDatabase.SqlFile("workload.sql"));
    bool Included(string function) => options.Only is null || function.StartsWith(options.Only, StringComparison.Ordinal);

    Progress("Timing the API calls.");
    var selectOne = await ApiLatency.SelectOneAsync(connection, options.Iterations * 5, token);
    var calls = await ApiLatency.MeasureAsync(connection, workload, options.Iterations, Included, token);

    Progress("Timing the activity triggers.");
    var triggers = await TriggerOverhead.MeasureAsync(connection, 2000, token);

    var claims = new List<ClaimThroughput>();
    foreach (var workers in options.Workers)
    {
        Progress($"Claiming jobs with {workers} worker(s).");
        claims.Add(await JobClaims.MeasureAsync(connection, workers, 400, token));
    }

    var hooks = new List<Measurement>();
    if (options.NativeClaudedb is not null || options.JitClaudedb is not null)
    {
        Progress("Timing whole hook processes.");
        var builder = new NpgsqlConnectionStringBuilder(connection);
        hooks.Add(await HookProcessTiming.ProcessAsync("psql -c 'select 1'", "psql",
            ["-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database!, "-qAt", "-c", "select 1"],
            new Dictionary<string, string> { ["PGPASSWORD"] = builder.Password! }, _ => null, options.ProcessIterations));
        var environment = new Dictionary<string, string>
        {
            ["CLAUDEDB_CONNECTION"] = connection, ["CLAUDE_IDENTITY"] = "bench-identity-1", ["CLAUDEDB_STATE_DIR"] = Path.Combine(cluster.Directory, "hook-state"),
        };
        string Payload(int _) => $"{{\"session_id\":\"{Guid.NewGuid()}\",\"cwd\":\"/home/bench/bench-project-1\",\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}}";
        if (options.NativeClaudedb is { } native)
            hooks.Add(await HookProcessTiming.ProcessAsync("claudedb hook session-start (NativeAOT)", native, ["hook", "session-start"], environment, Payload, options.ProcessIterations));
        if (options.JitClaudedb is { } jit)
            hooks.Add(await HookProcessTiming.ProcessAsync("dotnet claudedb.dll hook session-start (JIT)", "dotnet", ["exec", jit, "hook", "session-start"], environment, Payload, options.ProcessIterations));
    }

    var grownSelectOne = TimeSpan.Zero;
    var grownCalls = new List<CallTiming>();
    if (options.Growth > 1)
    {
        Progress($"Growing activity_feed {options.Growth}×.");
        await BenchDatabase.GrowActivityAsync(connection, options.Growth, token);
        rows[$"activity_feed after growth"] = await BenchDatabase.CountAsync(connection, "activity_feed", token);
        grownSelectOne = await ApiLatency.SelectOneAsync(connection, options.Iterations * 5, token);
        string[] readers = ["get_startup_briefing", "get_recent_activity", "get_activity_by_source", "log_activity", "archive_activity", "hook_session_start"];
        grownCalls = await ApiLatency.MeasureAsync(connection, workload, options.Iterations, f => readers.Contains(f) && Included(f), token);
    }

    var report = new BenchReport
    {
        Machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {await ServerVersionAsync(connection, token)}",
        Scale = options.Scale, Iterations = options.Iterations, Generation = generation.Elapsed, Rows = rows, SelectOne = selectOne,
        Calls = calls, Triggers = triggers, Claims = claims, Deploys = deploys, HookProcesses = hooks,
        Growth = options.Growth, GrownSelectOne = grownSelectOne, GrownCalls = grownCalls,
    };
    Console.Write(options.Json ? report.ToJson() + "\n" : report.ToMarkdown());
    return calls.Any(c => c.Error is not null) || claims.Any(c => c.DoubleClaims > 0) ? 1 : 0;
}
finally
{
    await cluster.DestroyAsync();
}

static async Task<string> ServerVersionAsync(string connectionString, CancellationToken cancellationToken)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync(cancellationToken);
    return "PostgreSQL " + connection.PostgreSqlVersion.ToString(2);
}
