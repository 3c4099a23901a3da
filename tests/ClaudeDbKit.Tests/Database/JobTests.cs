using System.Collections.Concurrent;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

public sealed class JobTests : CoordinationApiTest
{
    private Task<Guid> CreateJob(string name, string extra = "") =>
        Scalar<Guid>($"SELECT claude.create_scheduled_job('{name}', 'maintenance', 'echo {name}'{extra})");

    private async Task<List<string>> DueJobNames(string? project = null) =>
        (await Rows(project is null ? "SELECT job_name FROM claude.get_due_jobs()" : $"SELECT job_name FROM claude.get_due_jobs('{project}')"))
            .Select(r => (string)r[0]!).ToList();

    [Fact]
    public async Task Create_scheduled_job_stores_an_active_job_with_defaults_and_names_are_unique_in_any_case()
    {
        var id = await CreateJob("Nightly-Cleanup");
        var row = Assert.Single(await Rows($"""
            SELECT job_name, job_type, command, trigger_type, trigger_condition::text, priority, timeout_seconds, is_active, run_count,
                   success_count, retry_on_failure, max_retries, project_id, schedule, next_run, created_at IS NOT NULL
              FROM claude.scheduled_jobs WHERE job_id = '{id}'
            """));
        Assert.Equal(["Nightly-Cleanup", "maintenance", "echo Nightly-Cleanup", "session_start", "{}", 5, 300, true, 0, 0, false, 0, null, null, null, true], row);

        var error = await RefusedAll("CD004", "SELECT claude.create_scheduled_job(' nightly-CLEANUP ', 'backup', 'x')");
        Assert.Contains("Nightly-Cleanup", error.MessageText, StringComparison.Ordinal);
        await WriteRefused("CD004", "INSERT INTO claude.scheduled_jobs (job_name, job_type, command) VALUES ('NIGHTLY-cleanup', 'backup', 'x')");
        Assert.NotNull(await Scalar<string>("SELECT to_regclass('claude.scheduled_jobs_name_unique')::text"));

        // A schedule job gets next_run from its cron expression; a project job belongs to its project.
        await NewProject("Alpha");
        var scheduled = await CreateJob("every-five", ", 'schedule', p_schedule => '*/5 * * * *', p_project_name => 'ALPHA', p_retry_on_failure => true, p_max_retries => 2");
        var job = Assert.Single(await Rows($"""
            SELECT next_run > now(), next_run <= now() + interval '5 minutes', extract(minute FROM next_run)::int % 5, extract(second FROM next_run)::int,
                   (SELECT project_name FROM claude.projects p WHERE p.project_id = j.project_id), retry_on_failure, max_retries
              FROM claude.scheduled_jobs j WHERE job_id = '{scheduled}'
            """));
        Assert.Equal([true, true, 0, 0, "Alpha", true, 2], job);
    }

    [Fact]
    public async Task Create_scheduled_job_refuses_invalid_arguments_and_changes_nothing()
    {
        await CreateJob("taken");
        await AllRefused(
        [
            ("CD005", "SELECT claude.create_scheduled_job(' ', 'backup', 'x')"),
            ("CD005", "SELECT claude.create_scheduled_job('j', NULL, 'x')"),
            ("CD005", "SELECT claude.create_scheduled_job('j', 'backup', ' ')"),
            ("CD005", "SELECT claude.create_scheduled_job('j', 'backup', 'x', NULL)"),
            ("CD005", "SELECT claude.create_scheduled_job('j', 'backup', 'x', p_priority => NULL)"),
            ("CD005", "SELECT claude.create_scheduled_job('j', 'backup', 'x', 'schedule')"),
            ("CD001", "SELECT claude.create_scheduled_job(repeat('j', 201), 'backup', 'x')"),
            ("CD001", "SELECT claude.create_scheduled_job('j', 'cleanup', 'x')"),
            ("CD001", "SELECT claude.create_scheduled_job('j', 'backup', 'x', 'hourly')"),
            ("CD001", "SELECT claude.create_scheduled_job('j', 'backup', 'x', p_trigger_condition => '[]')"),
            ("CD001", "SELECT claude.create_scheduled_job('j', 'backup', 'x', p_trigger_condition => '{\"days_since_last_run\": 0}')"),
            ("CD001", "SELECT claude.create_scheduled_job('j', 'backup', 'x', p_trigger_condition => '{\"days_since_last_run\": \"7\"}')"),
            ("CD001", "SELECT claude.create_scheduled_job('j', 'backup', 'x', p_priority => 0)"),
            ("CD001", "SELECT claude.create_scheduled_job('j', 'backup', 'x', p_priority => 11)"),
            ("CD001", "SELECT claude.create_scheduled_job('j', 'backup', 'x', p_timeout_seconds => 0)"),
            ("CD001", "SELECT claude.create_scheduled_job('j', 'backup', 'x', p_timeout_seconds => 86401)"),
            ("CD001", "SELECT claude.create_scheduled_job('j', 'backup', 'x', p_max_retries => -1)"),
            ("CD001", "SELECT claude.create_scheduled_job('j', 'backup', 'x', 'schedule', p_schedule => '61 * * * *')"),
            ("CD001", "SELECT claude.create_scheduled_job('j', 'backup', 'x', p_schedule => '0 2 * * *')"),
            ("CD002", "SELECT claude.create_scheduled_job('j', 'backup', 'x', p_project_name => 'no-such-project')"),
            ("CD004", "SELECT claude.create_scheduled_job('TAKEN', 'backup', 'x')"),
        ]);
        var error = await RefusedAll("CD001", "SELECT claude.create_scheduled_job('j', 'backup', 'x', p_trigger_condition => '{\"days_since_last_run\": 7, \"every_monday\": true}')");
        Assert.Contains("'every_monday'", error.MessageText, StringComparison.Ordinal);
        Assert.Contains("days_since_last_run, hours_since_last_run", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_jobs_follow_their_trigger_skip_running_ones_filter_by_project_and_return_at_most_five_by_priority()
    {
        await NewProject("alpha");
        await NewProject("beta");
        await CreateJob("always", ", p_priority => 9");
        await CreateJob("weekly-recent", ", p_trigger_condition => '{\"days_since_last_run\": 7}', p_priority => 1");
        await CreateJob("weekly-old", ", p_trigger_condition => '{\"days_since_last_run\": 7}', p_priority => 1");
        await CreateJob("twice-daily", ", p_trigger_condition => '{\"hours_since_last_run\": 12}', p_priority => 2");
        await CreateJob("cron-future", ", 'schedule', p_priority => 1, p_schedule => '0 2 * * *'");
        await CreateJob("cron-past", ", 'schedule', p_priority => 3, p_schedule => '0 2 * * *'");
        await CreateJob("on-demand", ", 'on_demand', p_priority => 1");
        await CreateJob("at-end", ", 'session_end', p_priority => 1");
        await CreateJob("inactive", ", p_priority => 1");
        await CreateJob("running", ", p_priority => 1");
        await CreateJob("stuck", ", p_priority => 4, p_timeout_seconds => 60");
        await CreateJob("beta-job", ", p_priority => 6, p_project_name => 'beta'");
        await CreateJob("alpha-job", ", p_priority => 5, p_project_name => 'alpha'");
        await Execute(
            """
            UPDATE claude.scheduled_jobs SET last_run = now() - interval '1 day' WHERE job_name = 'weekly-recent';
            UPDATE claude.scheduled_jobs SET last_run = now() - interval '8 days' WHERE job_name = 'weekly-old';
            UPDATE claude.scheduled_jobs SET last_run = now() - interval '13 hours' WHERE job_name = 'twice-daily';
            UPDATE claude.scheduled_jobs SET next_run = now() - interval '1 minute' WHERE job_name = 'cron-past';
            UPDATE claude.scheduled_jobs SET is_active = false WHERE job_name = 'inactive';
            UPDATE claude.scheduled_jobs SET last_status = 'RUNNING', last_run = now() - interval '1 minute' WHERE job_name = 'running';
            UPDATE claude.scheduled_jobs SET last_status = 'RUNNING', last_run = now() - interval '1 hour' WHERE job_name = 'stuck';
            """);

        Assert.Equal(["weekly-old", "twice-daily", "cron-past", "stuck", "alpha-job"], await DueJobNames("ALPHA"));
        Assert.Equal(["weekly-old", "twice-daily", "cron-past", "stuck", "beta-job"], await DueJobNames("beta"));
        Assert.Equal(["weekly-old", "twice-daily", "cron-past", "stuck", "always"], await DueJobNames("unregistered-project"));
        Assert.Equal(5, (await DueJobNames()).Count);

        // Rows only change through claims: the list moves on once one is claimed.
        await Scalar<Guid>("SELECT claude.execute_job(job_id) FROM claude.scheduled_jobs WHERE job_name = 'weekly-old'");
        Assert.Equal(["twice-daily", "cron-past", "stuck", "alpha-job", "always"], await DueJobNames("alpha"));
        await Execute("UPDATE claude.scheduled_jobs SET last_run = now() - interval '1 hour' WHERE job_name = 'twice-daily'");
        Assert.DoesNotContain("twice-daily", await DueJobNames("alpha"));
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT * FROM claude.get_due_jobs() LIMIT 0", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.Equal(["job_id", "job_name", "job_type", "command", "working_directory", "timeout_seconds", "priority", "trigger_type", "last_run", "last_status"],
            Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
    }

    [Fact]
    public async Task Execute_claims_a_run_and_update_job_result_completes_it_counts_it_and_logs_it()
    {
        var session = await NewSession("claude-runner", "alpha");
        var job = await CreateJob("backup");

        var run = await Scalar<Guid>("SELECT claude.execute_job($1, $2)", job, session);
        Assert.Equal([job, session, "RUNNING", true, null, "session_start"],
            Assert.Single(await Rows($"SELECT job_id, session_id, status, started_at IS NOT NULL, completed_at, triggered_by FROM claude.job_run_history WHERE run_id = '{run}'")));
        Assert.Equal(["RUNNING", true], Assert.Single(await Rows($"SELECT last_status, last_run IS NOT NULL FROM claude.scheduled_jobs WHERE job_id = '{job}'")));
        var busy = await RefusedAll("CD004", "SELECT claude.execute_job($1)", [job]);
        Assert.Contains(session.ToString(), busy.MessageText, StringComparison.Ordinal);

        await Scalar<object>("SELECT claude.update_job_result($1, 'SUCCESS', 'all good')", job);
        Assert.Equal(["SUCCESS", "all good", true, true],
            Assert.Single(await Rows($"SELECT status, output, completed_at >= started_at, duration_ms >= 0 FROM claude.job_run_history WHERE run_id = '{run}'")));
        Assert.Equal(["SUCCESS", "all good", null, 1, 1],
            Assert.Single(await Rows($"SELECT last_status, last_output, last_error, run_count, success_count FROM claude.scheduled_jobs WHERE job_id = '{job}'")));
        Assert.Equal(["claude-runner", "success", "Job backup completed", "all good"],
            Assert.Single(await Rows($"SELECT actor, severity, title, summary FROM claude.activity_feed WHERE activity_type = 'job_completed' AND source_id = '{job}'")));
        await RefusedAll("CD003", "SELECT claude.update_job_result($1, 'SUCCESS')", [job]);

        await Scalar<Guid>("SELECT claude.execute_job($1)", job);
        await Scalar<object>("SELECT claude.update_job_result($1, 'FAILED', NULL, 'exit code 2')", job);
        Assert.Equal(["FAILED", "exit code 2", 2, 1], Assert.Single(await Rows($"SELECT last_status, last_error, run_count, success_count FROM claude.scheduled_jobs WHERE job_id = '{job}'")));
        Assert.Equal(["error", "exit code 2"], Assert.Single(await Rows($"SELECT severity, summary FROM claude.activity_feed WHERE activity_type = 'job_failed' AND source_id = '{job}'")));
        await Scalar<Guid>("SELECT claude.execute_job($1)", job);
        await Scalar<object>("SELECT claude.update_job_result($1, 'SKIPPED', 'nothing to do')", job);
        Assert.Equal("info", await Scalar<string>("SELECT severity FROM claude.activity_feed WHERE activity_type = 'job_skipped' AND source_id = $1", job));
        Assert.Equal(3L, await Count("SELECT count(*) FROM claude.job_run_history WHERE job_id = $1 AND completed_at IS NOT NULL", job));

        // A schedule job's next_run follows its cron expression after each result.
        var cron = await CreateJob("quarter-hourly", ", 'schedule', p_schedule => '*/15 * * * *'");
        await Execute($"UPDATE claude.scheduled_jobs SET next_run = now() - interval '1 day' WHERE job_id = '{cron}'");
        await Scalar<Guid>("SELECT claude.execute_job($1)", cron);
        await Scalar<object>("SELECT claude.update_job_result($1, 'SUCCESS')", cron);
        Assert.True(await Scalar<bool>($"SELECT next_run = claude.next_cron_run('*/15 * * * *', (SELECT completed_at FROM claude.job_run_history WHERE job_id = '{cron}')) AND next_run > now() FROM claude.scheduled_jobs WHERE job_id = '{cron}'"));

        // A legacy schedule that is not cron (written before the rule existed) does not block results: next_run NULL = due.
        await Execute($"""
            ALTER TABLE claude.scheduled_jobs DISABLE TRIGGER scheduled_jobs_before_write;
            UPDATE claude.scheduled_jobs SET schedule = 'every night' WHERE job_id = '{cron}';
            ALTER TABLE claude.scheduled_jobs ENABLE TRIGGER scheduled_jobs_before_write;
            """);
        await Scalar<Guid>("SELECT claude.execute_job($1)", cron);
        await Scalar<object>("SELECT claude.update_job_result($1, 'SUCCESS')", cron);
        Assert.Null(await Scalar<DateTime?>("SELECT next_run FROM claude.scheduled_jobs WHERE job_id = $1", cron));
    }

    [Fact]
    public async Task Job_functions_refuse_invalid_arguments_and_change_nothing()
    {
        var session = await NewSession("claude-runner", "alpha");
        var idle = await CreateJob("idle");
        var inactive = await CreateJob("inactive");
        await Execute($"UPDATE claude.scheduled_jobs SET is_active = false WHERE job_id = '{inactive}'");
        await AllRefused(
        [
            ("CD005", "SELECT claude.execute_job(NULL)"),
            ("CD002", "SELECT claude.execute_job(gen_random_uuid())"),
            ("CD002", "SELECT claude.execute_job($1, gen_random_uuid())"),
            ("CD003", "SELECT claude.execute_job($2, $3)"),
            ("CD005", "SELECT claude.update_job_result(NULL, 'SUCCESS')"),
            ("CD005", "SELECT claude.update_job_result($1, NULL)"),
            ("CD001", "SELECT claude.update_job_result($1, 'DONE')"),
            ("CD001", "SELECT claude.update_job_result($1, 'RUNNING')"),
            ("CD001", "SELECT claude.update_job_result($1, 'success')"),
            ("CD002", "SELECT claude.update_job_result(gen_random_uuid(), 'SUCCESS')"),
            ("CD003", "SELECT claude.update_job_result($1, 'SUCCESS')"),
        ], idle, inactive, session);
    }

    [Fact]
    public async Task A_claim_past_its_timeout_is_recorded_as_TIMEOUT_and_the_job_can_be_claimed_again()
    {
        var job = await CreateJob("hangs", ", p_timeout_seconds => 60");
        var stale = await Scalar<Guid>("SELECT claude.execute_job($1)", job);
        await Execute($"""
            UPDATE claude.scheduled_jobs SET last_run = now() - interval '2 minutes' WHERE job_id = '{job}';
            UPDATE claude.job_run_history SET started_at = now() - interval '2 minutes' WHERE run_id = '{stale}';
            """);
        Assert.Contains("hangs", await DueJobNames());

        var fresh = await Scalar<Guid>("SELECT claude.execute_job($1)", job);

        Assert.NotEqual(stale, fresh);
        Assert.Equal(["TIMEOUT", true, true], Assert.Single(await Rows($"SELECT status, duration_ms >= 120000, error LIKE '%timeout_seconds 60%' FROM claude.job_run_history WHERE run_id = '{stale}'")));
        Assert.Equal("RUNNING", await Scalar<string>("SELECT status FROM claude.job_run_history WHERE run_id = $1", fresh));
        Assert.Equal(["RUNNING", 1, 0], Assert.Single(await Rows($"SELECT last_status, run_count, success_count FROM claude.scheduled_jobs WHERE job_id = '{job}'")));
        Assert.Equal(1L, await ActivityCount("job_timed_out", job));
        Assert.Equal("error", await Scalar<string>("SELECT severity FROM claude.activity_feed WHERE activity_type = 'job_timed_out'"));
    }

    [Fact]
    public async Task A_failed_job_with_retry_on_failure_is_due_again_for_max_retries_retries()
    {
        // A schedule job whose next cron time is far away: only the retry rule can make it due.
        var job = await CreateJob("flaky", ", 'schedule', p_schedule => '0 3 1 1 *', p_retry_on_failure => true, p_max_retries => 2");
        var steady = await CreateJob("no-retry", ", 'schedule', p_schedule => '0 3 1 1 *'");
        Assert.Empty(await DueJobNames());

        var dueAfterFailure = new List<bool>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Scalar<Guid>("SELECT claude.execute_job($1)", job);
            await Scalar<object>("SELECT claude.update_job_result($1, 'FAILED', NULL, 'boom')", job);
            dueAfterFailure.Add((await DueJobNames()).Contains("flaky"));
        }
        Assert.Equal([true, true, false], dueAfterFailure);   // first run + 2 retries, then its schedule again
        Assert.Equal(3, await Scalar<int>("SELECT claude.job_consecutive_failures($1)", job));

        await Scalar<Guid>("SELECT claude.execute_job($1)", steady);
        await Scalar<object>("SELECT claude.update_job_result($1, 'FAILED')", steady);
        Assert.DoesNotContain("no-retry", await DueJobNames());

        // A success ends the streak.
        await Scalar<Guid>("SELECT claude.execute_job($1)", job);
        await Scalar<object>("SELECT claude.update_job_result($1, 'SUCCESS')", job);
        Assert.Equal(0, await Scalar<int>("SELECT claude.job_consecutive_failures($1)", job));
    }

    [Fact]
    public async Task A_session_claims_at_most_five_session_start_jobs()
    {
        var session = await NewSession("claude-busy", "alpha");
        for (var i = 1; i <= 6; i++)
            await CreateJob($"start-{i}");
        var manual = await CreateJob("manual", ", 'on_demand'");

        var jobs = (await Rows("SELECT job_id FROM claude.scheduled_jobs WHERE job_name LIKE 'start-%' ORDER BY job_name")).Select(r => (Guid)r[0]!).ToList();
        foreach (var job in jobs.Take(5))
            await Scalar<Guid>("SELECT claude.execute_job($1, $2)", job, session);
        var error = await RefusedAll("CD003", "SELECT claude.execute_job($1, $2)", [jobs[5], session]);
        Assert.Contains("at most 5", error.MessageText, StringComparison.Ordinal);
        await Scalar<Guid>("SELECT claude.execute_job($1, $2)", manual, session);
    }

    [Fact]
    public async Task Eight_connections_claiming_due_jobs_at_the_same_moment_never_claim_one_job_twice()
    {
        for (var i = 1; i <= 12; i++)
            await CreateJob($"job-{i:00}", $", p_priority => {1 + i % 3}");
        var sessions = new List<Guid>();
        for (var i = 0; i < 8; i++)
            sessions.Add(await NewSession($"claude-{i}", "alpha"));

        var claims = new ConcurrentBag<(Guid Job, int Caller)>();
        var unexpected = new ConcurrentBag<string>();
        var connections = new List<NpgsqlConnection>();
        try
        {
            foreach (var _ in sessions)
            {
                var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                connections.Add(connection);
            }
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var callers = connections.Select(async (connection, caller) =>
            {
                await gate.Task;
                for (var round = 0; round < 10; round++)
                {
                    var due = new List<Guid>();
                    await using (var command = new NpgsqlCommand("SELECT job_id FROM claude.get_due_jobs('alpha')", connection))
                    await using (var reader = await command.ExecuteReaderAsync())
                        while (await reader.ReadAsync())
                            due.Add(reader.GetGuid(0));
                    if (due.Count == 0)
                        return;
                    foreach (var job in due)
                    {
                        try
                        {
                            await using var claim = new NpgsqlCommand("SELECT claude.execute_job($1, $2)", connection)
                            {
                                Parameters = { new NpgsqlParameter { Value = job }, new NpgsqlParameter { Value = sessions[caller] } },
                            };
                            await claim.ExecuteScalarAsync();
                            claims.Add((job, caller));
                        }
                        catch (PostgresException e) when (e.SqlState is "CD004" or "CD003")
                        {
                            // Lost the race (someone else runs it), or this session reached its session start limit.
                        }
                        catch (PostgresException e)
                        {
                            unexpected.Add($"{e.SqlState}: {e.MessageText}");
                        }
                    }
                }
            }).ToList();
            gate.SetResult();
            await Task.WhenAll(callers);
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
        }

        Assert.Empty(unexpected);
        Assert.Equal(12, claims.Count);
        Assert.Equal(12, claims.Select(c => c.Job).Distinct().Count());
        Assert.Equal(12L, await Count("SELECT count(*) FROM claude.job_run_history"));
        Assert.Equal(0L, await Count("SELECT count(*) FROM (SELECT job_id FROM claude.job_run_history GROUP BY job_id HAVING count(*) > 1) x"));
        Assert.Equal(12L, await Count("SELECT count(*) FROM claude.scheduled_jobs WHERE last_status = 'RUNNING'"));
    }

    [Fact]
    public async Task Direct_writers_are_held_to_the_job_rules()
    {
        var job = await CreateJob("existing");
        const string Insert = "INSERT INTO claude.scheduled_jobs (job_name, job_type, command, trigger_type, priority, schedule, trigger_condition, timeout_seconds, max_retries)";
        await Execute($"{Insert} VALUES ('direct', 'audit', 'x', 'session_start', 5, NULL, '{{}}', 300, 0)");

        await WriteRefused("23514", $"{Insert} VALUES (' ', 'audit', 'x', 'session_start', 5, NULL, '{{}}', 300, 0)", "scheduled_jobs_name_required_check");
        await WriteRefused("23514", $"{Insert} VALUES ('j', NULL, 'x', 'session_start', 5, NULL, '{{}}', 300, 0)", "scheduled_jobs_type_required_check");
        await WriteRefused("23514", $"{Insert} VALUES ('j', 'cleanup', 'x', 'session_start', 5, NULL, '{{}}', 300, 0)", "scheduled_jobs_job_type_registry_check");
        await WriteRefused("23514", $"{Insert} VALUES ('j', 'audit', 'x', NULL, 5, NULL, '{{}}', 300, 0)", "scheduled_jobs_trigger_type_required_check");
        await WriteRefused("23514", $"{Insert} VALUES ('j', 'audit', 'x', 'hourly', 5, NULL, '{{}}', 300, 0)", "scheduled_jobs_trigger_type_registry_check");
        await WriteRefused("23514", $"{Insert} VALUES ('j', 'audit', 'x', 'session_start', 0, NULL, '{{}}', 300, 0)", "scheduled_jobs_priority_range_check");
        await WriteRefused("23514", $"{Insert} VALUES ('j', 'audit', 'x', 'session_start', 11, NULL, '{{}}', 300, 0)", "scheduled_jobs_priority_range_check");
        await WriteRefused("23514", $"{Insert} VALUES ('j', 'audit', 'x', 'session_start', NULL, NULL, '{{}}', 300, 0)", "scheduled_jobs_priority_required_check");
        await WriteRefused("23514", $"{Insert} VALUES ('j', 'audit', 'x', 'schedule', 5, NULL, '{{}}', 300, 0)", "scheduled_jobs_schedule_required_check");
        await WriteRefused("23514", $"{Insert} VALUES ('j', 'audit', 'x', 'session_start', 5, NULL, '{{}}', 0, 0)", "scheduled_jobs_timeout_range_check");
        await WriteRefused("23514", $"{Insert} VALUES ('j', 'audit', 'x', 'session_start', 5, NULL, '{{}}', 300, -1)", "scheduled_jobs_max_retries_check");
        await WriteRefused("CD001", $"{Insert} VALUES ('j', 'audit', 'x', 'session_start', 5, NULL, '[1]', 300, 0)");
        await WriteRefused("CD001", $"{Insert} VALUES ('j', 'audit', 'x', 'session_start', 5, NULL, '{{\"weekdays_only\": true}}', 300, 0)");
        await WriteRefused("CD001", $"{Insert} VALUES ('j', 'audit', 'x', 'schedule', 5, '0 25 * * *', '{{}}', 300, 0)");
        await WriteRefused("CD004", $"{Insert} VALUES ('EXISTING', 'audit', 'x', 'session_start', 5, NULL, '{{}}', 300, 0)");
        await WriteRefused("CD004", "UPDATE claude.scheduled_jobs SET job_name = 'Existing ' WHERE job_name = 'direct'");
        await WriteRefused("23503", $"INSERT INTO claude.scheduled_jobs (job_name, job_type, command, project_id) VALUES ('j', 'audit', 'x', gen_random_uuid())", "scheduled_jobs_project_id_fkey");
        await WriteRefused("23514", $"UPDATE claude.scheduled_jobs SET is_active = NULL WHERE job_id = '{job}'", "scheduled_jobs_active_required_check");
        await WriteRefused("23514", $"UPDATE claude.scheduled_jobs SET run_count = 1, success_count = 2 WHERE job_id = '{job}'", "scheduled_jobs_counts_check");
        await WriteRefused("23514", $"UPDATE claude.scheduled_jobs SET last_status = 'running' WHERE job_id = '{job}'", "scheduled_jobs_last_status_registry_check");

        // Run history: one open run per job, registered statuses, an existing job.
        await Scalar<Guid>("SELECT claude.execute_job($1)", job);
        await WriteRefused("23505", $"INSERT INTO claude.job_run_history (job_id, status, started_at) VALUES ('{job}', 'RUNNING', now())", "job_run_history_one_running");
        await WriteRefused("23514", $"INSERT INTO claude.job_run_history (job_id, status, started_at) VALUES ('{job}', 'DONE', now())", "job_run_history_status_registry_check");
        await WriteRefused("23514", $"INSERT INTO claude.job_run_history (job_id, status, started_at) VALUES ('{job}', NULL, now())", "job_run_history_status_required_check");
        await WriteRefused("23514", $"INSERT INTO claude.job_run_history (job_id, status, started_at) VALUES (NULL, 'SUCCESS', now())", "job_run_history_job_required_check");
        await WriteRefused("23503", "INSERT INTO claude.job_run_history (job_id, status, started_at) VALUES (gen_random_uuid(), 'SUCCESS', now())", "job_run_history_job_id_fkey");
        await WriteRefused("23514", $"INSERT INTO claude.job_run_history (job_id, status, started_at, completed_at) VALUES ('{job}', 'SUCCESS', now(), now() - interval '1 minute')", "job_run_history_completed_after_start_check");
    }
}
