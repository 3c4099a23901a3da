using System.Diagnostics;
using System.Globalization;
using ClaudeDbKit.Migrations;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace ClaudeDbKit.Tests.Brownfield;

/// <summary>
/// The one-deploy upgrade of a legacy database with a million sessions and a million activity entries
/// (tests/Sql/brownfield_big.sql) while an old tool keeps writing and reading both tables on its own
/// connection with lock_timeout = 1 s. Each statement of that connection is timed and attributed to
/// the script the deployment was running when it started. No script may block it for a second or
/// refuse its writes (old hooks omit sessions.status); the locks that block writers, and who made a
/// backend wait, are sampled and written to the test output per script.
/// </summary>
public sealed class BigUpgradeLockingTests(ITestOutputHelper output) : EmptyDatabaseTest
{
    private const string LockTimeout = "55P03";

    private sealed record Sample(string Script, string Statement, double Milliseconds, string? SqlState);

    /// <summary>Records which script runs since when, synchronously (Progress&lt;T&gt; would post late).</summary>
    private sealed class ScriptClock : IProgress<MigrationProgress>
    {
        private readonly object _gate = new();
        private string _current = "(before the deploy)";

        public string Current { get { lock (_gate) return _current; } }

        public void Report(MigrationProgress value)
        {
            if (value.ScriptName is { } script)
                lock (_gate) _current = script;
        }

        public void Finish()
        {
            lock (_gate) _current = "(after the deploy)";
        }
    }

    [Fact]
    public async Task A_concurrent_writer_is_never_blocked_for_a_second_nor_refused_during_the_upgrade()
    {
        await Sql.ExecuteAsync(ConnectionString, await File.ReadAllTextAsync(Repository.TestSql("legacy_database.sql")));
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            // Two million generated rows: far beyond the default 30 s command timeout on a busy machine.
            await connection.OpenAsync();
            await using var generate = new NpgsqlCommand(await File.ReadAllTextAsync(Repository.TestSql("brownfield_big.sql")), connection) { CommandTimeout = 0 };
            await generate.ExecuteNonQueryAsync();
        }
        var sessionsBefore = await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.sessions");
        var feedBefore = await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.activity_feed");

        var clock = new ScriptClock();
        var samples = new List<Sample>();
        var written = new List<Guid>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => WriteAndReadAsync(clock, samples, written, stop.Token));
        var locks = new List<string>();
        var sampler = Task.Run(() => SampleLocksAsync(clock, locks, stop.Token));

        var deploy = Stopwatch.StartNew();
        await new MigrationRunner(ConnectionString).MigrateAsync(clock);
        deploy.Stop();
        clock.Finish();
        await Task.Delay(300);
        await stop.CancelAsync();
        await writer;
        await sampler;

        // What each phase did to the writer, for the report.
        var byScript = samples.GroupBy(s => s.Script).Select(g => (Script: g.Key, Count: g.Count(), Max: g.Max(s => s.Milliseconds),
            Timeouts: g.Count(s => s.SqlState == LockTimeout), Refused: g.Where(s => s.SqlState is not null and not LockTimeout).Select(s => s.SqlState).Distinct().ToList())).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deploy of {sessionsBefore} sessions / {feedBefore} activity entries: {deploy.Elapsed.TotalSeconds:F1} s"));
        foreach (var phase in byScript)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{phase.Script}: {phase.Count} statements, longest {phase.Max:F0} ms, {phase.Timeouts} lock timeouts, refused: {string.Join(",", phase.Refused)}"));
        // Who held what: the table locks that block writers, sampled every 200 ms, per script and statement.
        foreach (var held in locks.GroupBy(l => l).Select(g => $"{g.Key} ({g.Count()} samples)"))
            output.WriteLine(held);
        var scripts = await Sql.RowsAsync(ConnectionString, "SELECT scriptname, execution_ms FROM claude.schemaversions WHERE execution_ms > 200 ORDER BY schemaversionsid");
        foreach (var row in scripts)
            output.WriteLine($"{row[0]} ran {row[1]} ms");

        // The writer kept going through every script and was never blocked for a second, nor refused.
        // It was measured where the heavy work happens: the online groundwork, 0005 itself, the repair.
        Assert.True(samples.Count(s => s.Script == "migrations/0004a_prepare_0005_online.sql") > 20, "too few statements during 0004a");
        Assert.Contains(samples, s => s.Script == "migrations/0005_sessions_identities_activity.sql");
        var repair = samples.Where(s => s.Script == "migrations/0010_brownfield_repair.sql").ToList();
        Assert.True(repair.Count > 20, $"only {repair.Count} statements ran during the repair");
        Assert.All(samples, s => Assert.True(s.SqlState is null, $"{s.Statement} during {s.Script} failed: {s.SqlState}"));
        Assert.All(samples, s => Assert.True(s.Milliseconds < 1000, $"{s.Statement} during {s.Script} took {s.Milliseconds:F0} ms"));

        // Nothing lost: every old row and every row the writer got in is there.
        Assert.Equal(sessionsBefore + written.Count, await Sql.ScalarAsync<long>(ConnectionString,
            "SELECT count(*) FROM claude.sessions WHERE session_id NOT IN (SELECT row_key::uuid FROM claude.repair_log WHERE table_name = 'sessions' AND column_name = '*')"));
        Assert.True(await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.activity_feed") >= feedBefore);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.sessions WHERE identity_id IS NULL AND session_end IS NOT NULL"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(ConnectionString,
            "SELECT count(*) FROM pg_constraint WHERE conrelid = 'claude.sessions'::regclass AND NOT convalidated"));
    }

    // Samples the locks on sessions and activity_feed that block an insert (SHARE and stronger) held by other backends,
    // and every backend waiting for a lock with the backends it waits for (an autovacuum worker shows as such).
    private async Task SampleLocksAsync(ScriptClock clock, List<string> locks, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        while (!stop.IsCancellationRequested)
        {
            var script = clock.Current;
            await using (var command = new NpgsqlCommand(
                """
                SELECT c.relname || ' ' || l.mode || ' during: ' || left(regexp_replace(btrim(regexp_replace(a.query, '--[^\n]*', '', 'g')), '\s+', ' ', 'g'), 70)
                  FROM pg_locks l
                  JOIN pg_class c ON c.oid = l.relation AND c.relname IN ('sessions', 'activity_feed')
                  JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.granted AND l.pid <> pg_backend_pid() AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')
                UNION ALL
                SELECT 'waiting for ' || COALESCE((SELECT string_agg(COALESCE(wl.relation::regclass::text, wl.locktype) || ' ' || wl.mode, ', ')
                                                       FROM pg_locks wl WHERE wl.pid = w.pid AND NOT wl.granted), '?')
                       || ': ' || left(regexp_replace(btrim(regexp_replace(w.query, '--[^\n]*', '', 'g')), '\s+', ' ', 'g'), 50)
                       || ' <- ' || b.backend_type || ': ' || left(regexp_replace(btrim(regexp_replace(b.query, '--[^\n]*', '', 'g')), '\s+', ' ', 'g'), 50)
                  FROM pg_stat_activity w
                  CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS blocker(pid)
                  JOIN pg_stat_activity b ON b.pid = blocker.pid
                 WHERE w.datname = current_database() AND w.wait_event_type = 'Lock' AND w.pid <> pg_backend_pid()
                """, connection))
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                    locks.Add($"{script}: {reader.GetString(0)}");
            }
            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    // The old tool: inserts a closed session (no status column, as the legacy hooks write it) and an
    // activity entry, then reads both back, with lock_timeout = 1 s.
    private async Task WriteAndReadAsync(ScriptClock clock, List<Sample> samples, List<Guid> written, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using (var setup = new NpgsqlCommand("SET lock_timeout = '1s'", connection))
            await setup.ExecuteNonQueryAsync(CancellationToken.None);

        while (!stop.IsCancellationRequested)
        {
            var session = Guid.NewGuid();
            var inserted = await TimeAsync(connection, clock, samples, "insert session",
                """
                INSERT INTO claude.sessions (session_id, identity_id, project_schema, project_name, session_start, session_end, session_summary, created_at)
                VALUES ($1, '10000000-0000-4000-8000-000000000002', 'claude', 'claude-family', localtimestamp, localtimestamp, 'written during the upgrade', localtimestamp)
                """, session);
            if (inserted)
                written.Add(session);
            await TimeAsync(connection, clock, samples, "insert activity",
                """
                INSERT INTO claude.activity_feed (id, source_type, source_id, actor, activity_type, title, severity, created_at)
                VALUES (gen_random_uuid(), 'session', $1, 'old-tool', 'session_started', 'written during the upgrade', 'info', localtimestamp)
                """, session);
            await TimeAsync(connection, clock, samples, "read session", "SELECT count(*) FROM claude.sessions WHERE session_id = $1", session);
            await TimeAsync(connection, clock, samples, "read activity", "SELECT count(*) FROM claude.activity_feed WHERE source_id = $1 AND source_type = 'session'", session);
            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private static async Task<bool> TimeAsync(NpgsqlConnection connection, ScriptClock clock, List<Sample> samples, string name, string sql, Guid id)
    {
        var script = clock.Current;
        var watch = Stopwatch.StartNew();
        string? state = null;
        try
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 120 };
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (PostgresException e)
        {
            state = e.SqlState;
        }
        watch.Stop();
        lock (samples)
            samples.Add(new Sample(script, name, watch.Elapsed.TotalMilliseconds, state));
        return state is null;
    }
}
