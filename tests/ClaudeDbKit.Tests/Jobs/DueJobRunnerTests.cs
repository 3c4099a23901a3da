using ClaudeDbKit.Client;
using ClaudeDbKit.Jobs;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Jobs;

/// <summary>The client half of execute_job: claim in the database, run locally with the job's timeout, report.</summary>
public sealed class DueJobRunnerTests : MigratedDatabaseTest
{
    [Fact]
    public async Task Due_jobs_are_run_and_their_success_failure_and_timeout_recorded()
    {
        await using var client = new ClaudeDbClient(ConnectionString);
        var ok = await client.Jobs.CreateAsync("runner-ok", "maintenance", "echo hello-from-job", priority: 1);
        var failing = await client.Jobs.CreateAsync("runner-fail", "audit", "echo broken >&2; exit 3", priority: 2);
        var slow = await client.Jobs.CreateAsync("runner-slow", "sync", "sleep 30", priority: 3, timeoutSeconds: 1);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = (await new DueJobRunner(client).RunDueAsync(null, null)).ToDictionary(o => o.JobId);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the slow job was not killed at its timeout");
        Assert.Equal(("SUCCESS", 0), (outcomes[ok].Status, outcomes[ok].ExitCode));
        Assert.Equal(("FAILED", 3), (outcomes[failing].Status, outcomes[failing].ExitCode));
        Assert.Contains("broken", outcomes[failing].Error, StringComparison.Ordinal);
        Assert.Equal("TIMEOUT", outcomes[slow].Status);
        var rows = (await Sql.RowsAsync(ConnectionString, "SELECT job_id, last_status, last_output, run_count, success_count FROM claude.scheduled_jobs"))
            .ToDictionary(r => (Guid)r[0]!);
        Assert.Equal("SUCCESS", rows[ok][1]);
        Assert.Contains("hello-from-job", (string)rows[ok][2]!, StringComparison.Ordinal);
        Assert.Equal((1, 1), ((int)rows[ok][3]!, (int)rows[ok][4]!));
        Assert.Equal("FAILED", rows[failing][1]);
        Assert.Equal("TIMEOUT", rows[slow][1]);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.job_run_history WHERE status = 'RUNNING'"));
    }

    [Fact]
    public async Task Output_beyond_the_limit_keeps_its_tail()
    {
        var result = await ShellCommand.RunAsync("for i in $(seq 1 20000); do echo line-$i; done", null, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("[earlier output truncated]", result.Output, StringComparison.Ordinal);
        Assert.Contains("line-20000", result.Output, StringComparison.Ordinal);
        Assert.True(result.Output.Length <= ShellCommand.MaxOutputChars + 100);
    }
}
