using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

/// <summary><c>claude.claim_due_job</c>: workers take the next due job, and concurrent workers never take one job twice.</summary>
public sealed class JobClaimTests : CoordinationApiTest
{
    private Task CreateDueJobs(string project, int count, string prefix = "job") => Execute($"""
        INSERT INTO claude.scheduled_jobs (job_name, job_type, project_id, schedule, trigger_type, next_run, is_active, command, priority)
        SELECT '{prefix}-' || lpad(g::text, 3, '0'), 'maintenance', p.project_id, '0 3 * * *', 'schedule', now() - interval '1 minute', true, 'true', 1 + g % 3
          FROM claude.projects p, generate_series(1, {count}) g WHERE p.project_name = '{project}'
        """);

    [Fact]
    public async Task Claims_follow_the_due_order_open_a_run_and_end_when_nothing_is_due()
    {
        await NewProject("claims");
        await CreateDueJobs("claims", 3);
        await CreateDueJobs("claims", 1, "skipped");
        var skipped = await Scalar<Guid>("SELECT job_id FROM claude.scheduled_jobs WHERE job_name = 'skipped-001'");
        var expected = (await Rows("SELECT job_name FROM claude.get_due_jobs('claims')")).Select(r => (string)r[0]!).Where(n => n != "skipped-001").ToList();

        var claimed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var row = Assert.Single(await Rows($"SELECT job_name, run_id FROM claude.claim_due_job('CLAIMS', p_skip_job_ids => ARRAY['{skipped}']::uuid[])"));
            claimed.Add((string)row[0]!);
            Assert.Equal(1L, await Count($"SELECT count(*) FROM claude.job_run_history WHERE run_id = '{row[1]}' AND upper(status) = 'RUNNING'"));
        }

        Assert.Equal(expected, claimed);
        Assert.Equal("skipped-001", Assert.Single(await Rows("SELECT job_name FROM claude.claim_due_job('claims')"))[0]);
        Assert.Empty(await Rows("SELECT * FROM claude.claim_due_job('claims')"));
        Assert.Equal(4L, await Count("SELECT count(*) FROM claude.scheduled_jobs WHERE last_status = 'RUNNING'"));
        await RefusedAll("CD002", $"SELECT * FROM claude.claim_due_job(p_session_id => '{Guid.NewGuid()}')");
    }

    [Fact]
    public async Task Eight_concurrent_workers_run_every_job_exactly_once()
    {
        const int jobs = 60;
        await NewProject("busy");
        await CreateDueJobs("busy", jobs);

        var results = await Concurrently(8, async connection =>
        {
            var ran = 0;
            while (true)
            {
                await using var claim = new NpgsqlCommand("SELECT job_id FROM claude.claim_due_job('busy')", connection);
                if (await claim.ExecuteScalarAsync() is not Guid jobId)
                    return ran.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await using var report = new NpgsqlCommand($"SELECT claude.update_job_result('{jobId}', 'SUCCESS', 'ok')", connection);
                await report.ExecuteNonQueryAsync();
                ran++;
            }
        });

        Assert.Equal(jobs, results.Sum(r => int.Parse(r!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(0L, await Count("SELECT count(*) FROM (SELECT job_id FROM claude.job_run_history GROUP BY job_id HAVING count(*) <> 1) twice"));
        Assert.Equal((long)jobs, await Count("SELECT count(DISTINCT job_id) FROM claude.job_run_history WHERE upper(status) = 'SUCCESS'"));
    }
}
