using System.Text.Json;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Brownfield;

/// <summary><c>claudedb doctor</c> as a script sees it: exit 0 healthy, 1 something to fix, 2 could not check.</summary>
public sealed class DoctorTests : MigratedDatabaseTest
{
    private Task<CliProcess.Result> Doctor(params string[] args) => CliProcess.RunAsync(["doctor", .. args, "--connection", ConnectionString]);

    [Fact]
    public async Task A_freshly_migrated_database_is_healthy()
    {
        var text = await Doctor();
        Assert.True(text.ExitCode == 0, text.Stderr + text.Stdout);
        Assert.StartsWith("Healthy", text.Stdout, StringComparison.Ordinal);

        var json = await Doctor("--json");
        Assert.Equal(0, json.ExitCode);
        var report = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.True(report.GetProperty("healthy").GetBoolean());
        Assert.Equal(0, report.GetProperty("schema_drift").GetArrayLength());
        Assert.Equal(0, report.GetProperty("data_issues").GetArrayLength());
        Assert.Equal(24, report.GetProperty("stale_hours").GetInt32());
    }

    [Fact]
    public async Task Drift_and_data_issues_exit_1_and_the_upgrade_procedure_repairs_the_drift()
    {
        // Drift: an index dropped by hand, a rule re-added NOT VALID; data: a session open for two days.
        await Sql.ExecuteAsync(ConnectionString,
            """
            DROP INDEX claude.idx_sessions_start;
            ALTER TABLE claude.sessions DROP CONSTRAINT sessions_end_after_start_check;
            ALTER TABLE claude.sessions ADD CONSTRAINT sessions_end_after_start_check CHECK (session_end IS NULL OR session_start IS NULL OR session_end >= session_start) NOT VALID;
            SELECT claude.start_session(claude.register_identity('doctor-test', 'claude-code'), 'doctor-project');
            UPDATE claude.sessions SET session_start = session_start - interval '2 days';
            """);

        var result = await Doctor("--json", "--stale-hours", "36");
        Assert.True(result.ExitCode == 1, result.Stderr);
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.False(report.GetProperty("healthy").GetBoolean());
        Assert.Equal(
            ["check sessions_end_after_start_check not_validated", "index idx_sessions_start missing"],
            report.GetProperty("schema_drift").EnumerateArray().Select(d => $"{d.GetProperty("object_type").GetString()} {d.GetProperty("name").GetString()} {d.GetProperty("problem").GetString()}"));
        var issue = Assert.Single(report.GetProperty("data_issues").EnumerateArray());
        Assert.Equal("stale_active_sessions", issue.GetProperty("issue").GetString());
        Assert.Equal(1, issue.GetProperty("count").GetInt32());

        var text = await Doctor();
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("idx_sessions_start", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("stale_active_sessions", text.Stdout, StringComparison.Ordinal);  // 24 hours by default: two days is stale
        Assert.Contains("not_validated", text.Stdout, StringComparison.Ordinal);

        // The upgrade procedure recreates the index and validates the rule; the open session stays an issue.
        await Sql.ExecuteAsync(ConnectionString, "CALL claude.upgrade_constraints()");
        report = JsonDocument.Parse((await Doctor("--json")).Stdout).RootElement;
        Assert.Equal(0, report.GetProperty("schema_drift").GetArrayLength());
        Assert.Equal(1, report.GetProperty("data_issues").GetArrayLength());
    }

    [Fact]
    public async Task Doctor_exits_2_when_it_cannot_check()
    {
        Assert.Equal(2, (await Doctor("--stale-hours", "0")).ExitCode);
        Assert.Equal(2, (await CliProcess.RunAsync(["doctor", "--connection", "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2"])).ExitCode);
        Assert.Equal(2, (await CliProcess.RunAsync(["doctor"])).ExitCode);  // no connection at all

        var empty = await Server.CreateDatabaseAsync();
        try
        {
            var result = await CliProcess.RunAsync(["doctor", "--connection", empty]);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("claudedb migrate", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await Server.DropDatabaseAsync(empty);
        }
    }
}
