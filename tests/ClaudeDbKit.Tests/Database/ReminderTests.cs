using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

public sealed class ReminderTests : CoordinationApiTest
{
    /// <summary>The test database with statement_timeout set for every statement, as check_reminder requires for sql_query.</summary>
    private string Timed => new NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c statement_timeout=5000" }.ConnectionString;

    private Task<Guid> CreateReminder(string title, string args = "") =>
        Scalar<Guid>($"SELECT claude.create_reminder('{title}', now()::timestamp - interval '1 minute'{args})");

    /// <summary>A sql_query reminder written directly, bypassing the creation check, as a legacy tool could.</summary>
    private Task<Guid> LegacySqlReminder(string condition) =>
        Scalar<Guid>("INSERT INTO claude.reminders (title, check_after, check_type, check_condition) VALUES ('legacy', now(), 'sql_query', $1) RETURNING reminder_id", condition);

    /// <summary>Conditions run with the reader role's rights; with every right given to it, the read-only evaluation beneath is what must refuse.</summary>
    private Task GrantReaderEverything() =>
        Execute("GRANT SELECT ON ALL TABLES IN SCHEMA claude, public TO claude_reader; GRANT USAGE ON ALL SEQUENCES IN SCHEMA claude TO claude_reader; GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA claude TO claude_reader");

    private Task<bool?> Check(Guid reminder) => Sql.ScalarAsync<bool?>(Timed, "SELECT claude.check_reminder($1)", reminder);

    [Fact]
    public async Task Due_reminders_are_pending_past_check_after_of_the_project_or_of_no_project_oldest_first()
    {
        await NewProject("ATO-Tax-Agent");
        await NewProject("beta");
        var id = await Scalar<Guid>("SELECT claude.create_reminder(' Review deductions ', now()::timestamp - interval '2 days', 'details', p_project_name => 'ato-tax-agent')");
        Assert.Equal(["Review deductions", "details", "manual", null, 7, 3, 0, "pending", "ATO-Tax-Agent", null],
            Assert.Single(await Rows($"SELECT title, description, check_type, check_condition, reschedule_days, max_reminders, reminder_count, status, project_name, completed_at FROM claude.reminders WHERE reminder_id = '{id}'")));
        await CreateReminder("global");
        await Scalar<Guid>("SELECT claude.create_reminder('future', now()::timestamp + interval '1 day', p_project_name => 'ATO-Tax-Agent')");
        await Scalar<Guid>("SELECT claude.create_reminder('other project', now()::timestamp - interval '3 days', p_project_name => 'beta')");
        var done = await Scalar<Guid>("SELECT claude.create_reminder('done', now()::timestamp - interval '5 days', p_project_name => 'ATO-Tax-Agent')");
        await Scalar<object>("SELECT claude.complete_reminder($1)", done);

        Assert.Equal(["Review deductions", "global"], (await Rows("SELECT title FROM claude.get_due_reminders(' ATO-TAX-AGENT ')")).Select(r => (string)r[0]!));
        Assert.Equal(["other project", "Review deductions", "global"], (await Rows("SELECT title FROM claude.get_due_reminders()")).Select(r => (string)r[0]!));
        Assert.Equal(["global"], (await Rows("SELECT title FROM claude.get_due_reminders('unknown-project')")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task Create_reminder_refuses_invalid_arguments_and_changes_nothing()
    {
        await AllRefused(
        [
            ("CD005", "SELECT claude.create_reminder(' ', now()::timestamp)"),
            ("CD005", "SELECT claude.create_reminder('t', NULL)"),
            ("CD005", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => NULL)"),
            ("CD005", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'sql_query')"),
            ("CD005", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'table_empty', p_check_condition => ' ')"),
            ("CD005", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'file_exists')"),
            ("CD005", "SELECT claude.create_reminder('t', now()::timestamp, p_reschedule_days => NULL)"),
            ("CD001", "SELECT claude.create_reminder(repeat('t', 201), now()::timestamp)"),
            ("CD001", "SELECT claude.create_reminder('t', 'infinity')"),
            ("CD001", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'cron')"),
            ("CD001", "SELECT claude.create_reminder('t', now()::timestamp, p_reschedule_days => 0)"),
            ("CD001", "SELECT claude.create_reminder('t', now()::timestamp, p_max_reminders => 0)"),
            ("CD002", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'table_empty', p_check_condition => 'claude.no_such_table')"),
            ("CD002", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'table_empty', p_check_condition => 'not a name!')"),
            ("CD002", "SELECT claude.create_reminder('t', now()::timestamp, p_project_name => 'no-such-project')"),
            // sql_query conditions are planned at creation: two statements, a write in a CTE, bad SQL, not boolean.
            ("CD001", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'sql_query', p_check_condition => 'true)); DELETE FROM claude.sessions; SELECT ((true')"),
            ("CD001", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'sql_query', p_check_condition => '1=1); DELETE FROM claude.sessions; SELECT (true')"),
            ("CD001", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'sql_query', p_check_condition => 'EXISTS (WITH d AS (DELETE FROM claude.sessions RETURNING 1) SELECT 1 FROM d)')"),
            ("CD001", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'sql_query', p_check_condition => 'SELEKT 1')"),
            ("CD001", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'sql_query', p_check_condition => 'now()')"),
            ("CD001", "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'sql_query', p_check_condition => 'true), (false')"),
        ]);
    }

    [Fact]
    public async Task Check_reminder_answers_table_empty_and_sql_query_returns_NULL_for_the_client_and_changes_nothing()
    {
        await Execute("CREATE TABLE public.todo (x int)");
        await GrantReaderEverything();
        var empty = await CreateReminder("empty", ", p_check_type => 'table_empty', p_check_condition => 'public.todo'");
        var sql = await CreateReminder("sql", ", p_check_type => 'sql_query', p_check_condition => 'NOT EXISTS (SELECT 1 FROM public.todo WHERE x > 1)'");
        var legacyStatement = await CreateReminder("full statement", ", p_check_type => 'sql_query', p_check_condition => 'SELECT count(*) = 0 FROM information_schema.views WHERE table_schema = ''claude_pm'''");
        var manual = await CreateReminder("manual");
        var file = await CreateReminder("file", ", p_check_type => 'file_exists', p_check_condition => 'C:\\Projects\\x\\done.txt'");
        var before = await CoordinationStateAsync();

        Assert.True(await Check(empty));
        Assert.True(await Check(sql));
        Assert.True(await Check(legacyStatement));
        Assert.Null(await Check(manual));
        Assert.Null(await Check(file));
        await Execute("INSERT INTO public.todo VALUES (5)");
        Assert.False(await Check(empty));
        Assert.False(await Check(sql));
        Assert.Equal(before, await CoordinationStateAsync());
        Assert.Equal(0L, await Count("SELECT count(*) FROM claude.activity_feed"));

        // table_empty and manual need no statement_timeout; sql_query does.
        Assert.Null(await Scalar<bool?>("SELECT claude.check_reminder($1)", manual));
        Assert.False(await Scalar<bool?>("SELECT claude.check_reminder($1)", empty));
        var error = await RefusedAll("CD003", "SELECT claude.check_reminder($1)", [sql]);
        Assert.Contains("SET statement_timeout = '5s'", error.Hint, StringComparison.Ordinal);
        var tooLong = new NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c statement_timeout=61s" }.ConnectionString;
        await RefusedAll("CD003", "SELECT claude.check_reminder($1)", [sql], tooLong);

        await Scalar<object>("SELECT claude.complete_reminder($1)", manual);
        await AllRefused(
        [
            ("CD005", "SELECT claude.check_reminder(NULL)"),
            ("CD002", "SELECT claude.check_reminder(gen_random_uuid())"),
            ("CD003", "SELECT claude.check_reminder($1)"),
        ], manual);
        await Execute("DROP TABLE public.todo");
        await RefusedAll("CD002", "SELECT claude.check_reminder($1)", [empty]);
    }

    [Theory]
    [InlineData("(SELECT count(*) FROM claude.sessions) >= 0 AND claude.log_activity('alert', NULL, NULL, 'alert_raised', 'written by a reminder') IS NOT NULL", "read-only transaction")]
    [InlineData("1=1); DELETE FROM claude.sessions; SELECT (true", "syntax error")]
    [InlineData("true)); DELETE FROM claude.sessions; SELECT ((true", "multi-query")]
    [InlineData("EXISTS (WITH d AS (DELETE FROM claude.sessions RETURNING 1) SELECT 1 FROM d)", "data-modifying")]
    [InlineData("EXISTS (SELECT 1 FROM claude.sessions FOR UPDATE)", "read-only transaction")]
    [InlineData("set_config('transaction_read_only', 'off', true) IS NOT NULL", "read-write")]
    [InlineData("nextval('claude.workspaces_id_seq') > 0", "read-only transaction")]
    [InlineData("pg_advisory_lock(4242) IS NOT NULL AND pg_advisory_lock(7, -7) IS NOT NULL", "advisory locks")]
    [InlineData("true)) FROM generate_series(1, 2) WHERE ((true", "2 rows")]
    public async Task Hostile_sql_conditions_are_refused_and_change_nothing(string condition, string reason)
    {
        var session = await NewSession("claude-victim", "alpha");
        await GrantReaderEverything();
        var reminder = await LegacySqlReminder(condition);
        await using var connection = new NpgsqlConnection(Timed);
        await connection.OpenAsync();
        var before = (await StateAsync(), await CoordinationStateAsync());

        await using var command = new NpgsqlCommand("SELECT claude.check_reminder($1)", connection) { Parameters = { new NpgsqlParameter { Value = reminder } } };
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());

        Assert.Equal("CD001", error.SqlState);
        Assert.StartsWith("reminder condition is not a read-only boolean query", error.MessageText, StringComparison.Ordinal);
        Assert.Contains(reason, error.MessageText, StringComparison.Ordinal);
        Assert.Equal(before, (await StateAsync(), await CoordinationStateAsync()));
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.sessions WHERE session_id = $1", session));
        // Nothing outlives the call on the caller's connection either: no lock, still read-write.
        await using var probe = new NpgsqlCommand("SELECT (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()) || ' ' || current_setting('transaction_read_only')", connection);
        Assert.Equal("0 off", await probe.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_condition_that_runs_forever_is_stopped_by_the_callers_statement_timeout_and_changes_nothing()
    {
        await GrantReaderEverything();
        var reminder = await LegacySqlReminder("pg_sleep(10) IS NULL OR claude.log_activity('alert', NULL, NULL, 'x', 'late write') IS NULL");
        var before = (await StateAsync(), await CoordinationStateAsync());
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SET LOCAL statement_timeout = '200ms'", connection, transaction))
            await set.ExecuteNonQueryAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var check = new NpgsqlCommand("SELECT claude.check_reminder($1)", connection, transaction) { Parameters = { new NpgsqlParameter { Value = reminder } } };

        var error = await Assert.ThrowsAsync<PostgresException>(() => check.ExecuteScalarAsync());

        Assert.Equal("57014", error.SqlState);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        await transaction.RollbackAsync();
        Assert.Equal(before, (await StateAsync(), await CoordinationStateAsync()));
    }

    [Fact]
    public async Task Complete_dismiss_and_reschedule_move_a_pending_reminder_forward_only()
    {
        var done = await CreateReminder("done");
        var dismissed = await CreateReminder("dismissed");
        var retried = await CreateReminder("retried", ", p_reschedule_days => 3, p_max_reminders => 2");

        await Scalar<object>("SELECT claude.complete_reminder($1)", done);
        await Scalar<object>("SELECT claude.dismiss_reminder($1)", dismissed);
        await Scalar<object>("SELECT claude.reschedule_reminder($1)", retried);
        Assert.Equal(["done", true], Assert.Single(await Rows($"SELECT status, completed_at IS NOT NULL FROM claude.reminders WHERE reminder_id = '{done}'")));
        Assert.Equal(["dismissed", true], Assert.Single(await Rows($"SELECT status, completed_at IS NOT NULL FROM claude.reminders WHERE reminder_id = '{dismissed}'")));
        Assert.Equal(["pending", 1, true, null], Assert.Single(await Rows($"SELECT status, reminder_count, check_after BETWEEN now()::timestamp + interval '3 days' - interval '1 minute' AND now()::timestamp + interval '3 days', completed_at FROM claude.reminders WHERE reminder_id = '{retried}'")));
        Assert.Empty(await Rows("SELECT 1 FROM claude.get_due_reminders()"));

        await Scalar<object>("SELECT claude.reschedule_reminder($1)", retried);
        Assert.Equal(["expired", 2], Assert.Single(await Rows($"SELECT status, reminder_count FROM claude.reminders WHERE reminder_id = '{retried}'")));

        await AllRefused(
        [
            ("CD003", "SELECT claude.complete_reminder($1)"),
            ("CD003", "SELECT claude.dismiss_reminder($1)"),
            ("CD003", "SELECT claude.reschedule_reminder($1)"),
            ("CD003", "SELECT claude.complete_reminder($2)"),
            ("CD003", "SELECT claude.reschedule_reminder($3)"),
            ("CD005", "SELECT claude.complete_reminder(NULL)"),
            ("CD005", "SELECT claude.dismiss_reminder(NULL)"),
            ("CD005", "SELECT claude.reschedule_reminder(NULL)"),
            ("CD002", "SELECT claude.complete_reminder(gen_random_uuid())"),
            ("CD002", "SELECT claude.dismiss_reminder(gen_random_uuid())"),
            ("CD002", "SELECT claude.reschedule_reminder(gen_random_uuid())"),
        ], done, dismissed, retried);
    }

    [Fact]
    public async Task Direct_writers_are_held_to_the_reminder_rules()
    {
        var reminder = await CreateReminder("r");
        const string Insert = "INSERT INTO claude.reminders (title, check_after, check_type, check_condition, status, reschedule_days)";
        await WriteRefused("23514", $"{Insert} VALUES (NULL, now(), 'manual', NULL, 'pending', 7)", "reminders_title_required_check");
        await WriteRefused("23514", $"{Insert} VALUES ('t', NULL, 'manual', NULL, 'pending', 7)", "reminders_check_after_required_check");
        await WriteRefused("23514", $"{Insert} VALUES ('t', now(), 'manual', NULL, NULL, 7)", "reminders_status_required_check");
        await WriteRefused("23514", $"{Insert} VALUES ('t', now(), 'manual', NULL, 'snoozed', 7)", "reminders_status_registry_check");
        await WriteRefused("23514", $"{Insert} VALUES ('t', now(), 'cron', 'x', 'pending', 7)", "reminders_check_type_registry_check");
        await WriteRefused("23514", $"{Insert} VALUES ('t', now(), 'sql_query', NULL, 'pending', 7)", "reminders_condition_required_check");
        await WriteRefused("23514", $"{Insert} VALUES ('t', now(), 'manual', NULL, 'pending', 0)", "reminders_counts_check");

        // Forward only, also for direct updates; completed_at follows.
        await Execute($"UPDATE claude.reminders SET status = 'done' WHERE reminder_id = '{reminder}'");
        Assert.True(await Scalar<bool>("SELECT completed_at IS NOT NULL FROM claude.reminders WHERE reminder_id = $1", reminder));
        var error = await Assert.ThrowsAsync<PostgresException>(() => Execute($"UPDATE claude.reminders SET status = 'pending' WHERE reminder_id = '{reminder}'"));
        Assert.Equal("CD003", error.SqlState);
        await WriteRefused("CD003", $"UPDATE claude.reminders SET status = 'expired' WHERE reminder_id = '{reminder}'");
        await Execute($"UPDATE claude.reminders SET description = 'noted' WHERE reminder_id = '{reminder}'");
    }
}
