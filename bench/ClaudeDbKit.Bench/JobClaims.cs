using System.Diagnostics;
using Npgsql;

namespace ClaudeDbKit.Bench;

/// <summary>Jobs run per second by <see cref="Workers"/> concurrent workers, and how many jobs were claimed more than once (must be 0).</summary>
internal sealed record ClaimThroughput(int Workers, int Jobs, double JobsPerSecond, int DoubleClaims, int LostRaces);

/// <summary>
/// Workers loop as <c>claudedb jobs run-due</c> does: <c>claim_due_job</c>, then <c>update_job_result</c>, until
/// nothing is due. Each worker count gets its own project of fresh due jobs.
/// </summary>
internal static class JobClaims
{
    public static async Task<ClaimThroughput> MeasureAsync(string connectionString, int workers, int jobs, CancellationToken cancellationToken)
    {
        var project = $"bench-claims-{workers}";
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var setup = new NpgsqlCommand(
                """
                INSERT INTO claude.projects (project_name, status, phase, priority) VALUES ($1, 'active', 'implementation', 3);
                """, connection);
            setup.Parameters.Add(new NpgsqlParameter { Value = project });
            await setup.ExecuteNonQueryAsync(cancellationToken);
            await using var create = new NpgsqlCommand(
                """
                INSERT INTO claude.scheduled_jobs (job_name, job_type, project_id, schedule, trigger_type, next_run, is_active, command, priority)
                SELECT $1 || '-job-' || g, 'maintenance', p.project_id, '0 3 * * *', 'schedule', now() - interval '1 minute', true, 'true', 5
                  FROM claude.projects p, generate_series(1, $2) g WHERE p.project_name = $1
                """, connection);
            create.Parameters.Add(new NpgsqlParameter { Value = project });
            create.Parameters.Add(new NpgsqlParameter { Value = jobs });
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var lostRaces = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            var lost = await WorkAsync(connectionString, project, cancellationToken);
            Interlocked.Add(ref lostRaces, lost);
        }));
        var elapsed = clock.Elapsed;

        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE runs > 1)::int, count(*) FILTER (WHERE runs = 1)::int
              FROM (SELECT j.job_id, (SELECT count(*) FROM claude.job_run_history h WHERE h.job_id = j.job_id) AS runs
                      FROM claude.scheduled_jobs j JOIN claude.projects p ON p.project_id = j.project_id
                     WHERE p.project_name = $1) r
            """, check);
        count.Parameters.Add(new NpgsqlParameter { Value = project });
        await using var row = await count.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        var doubleClaims = row.GetInt32(0);
        var runOnce = row.GetInt32(1);
        if (runOnce + doubleClaims != jobs)
            throw new InvalidOperationException($"{jobs - runOnce - doubleClaims} of {jobs} jobs of {project} never ran.");
        return new ClaimThroughput(workers, jobs, jobs / elapsed.TotalSeconds, doubleClaims, lostRaces);
    }

    private static async Task<int> WorkAsync(string connectionString, string project, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var claim = new NpgsqlCommand("SELECT job_id FROM claude.claim_due_job($1)", connection) { Parameters = { new NpgsqlParameter { Value = project } } };
        await using var report = new NpgsqlCommand("SELECT claude.update_job_result($1, 'SUCCESS', 'benchmark')", connection)
        {
            Parameters = { new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid } },
        };
        var lost = 0;
        while (true)
        {
            Guid jobId;
            try
            {
                if (await claim.ExecuteScalarAsync(cancellationToken) is not Guid claimed)
                    return lost;
                jobId = claimed;
            }
            catch (PostgresException e) when (e.SqlState == "CD004")
            {
                lost++;
                continue;
            }
            report.Parameters[0].Value = jobId;
            await report.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
