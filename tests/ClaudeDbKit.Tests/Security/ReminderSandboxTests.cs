using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Security;

/// <summary>
/// Reminder sql_query conditions run as claude_reader_sandbox: the reader's rights, read-only, one
/// statement, under the caller's short statement timeout. Each attempt to get out is refused, for the
/// app role and for the deploying role (a superuser here) alike.
/// </summary>
public sealed class ReminderSandboxTests : SecurityDatabaseTest
{
    private async Task<Guid> SqlReminderAsync(string condition) =>
        (await Sql.ScalarAsync<Guid>(ConnectionString,
            "INSERT INTO claude.reminders (title, check_after, check_type, check_condition) VALUES ('sandbox', now(), 'sql_query', $1) RETURNING reminder_id", condition));

    private static async Task<object?> CheckAsync(string connectionString, Guid reminder, string timeout = "5s")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand($"SET LOCAL statement_timeout = '{timeout}'", connection, transaction))
            await set.ExecuteNonQueryAsync();
        await using var check = new NpgsqlCommand("SELECT claude.check_reminder($1)", connection, transaction) { Parameters = { new NpgsqlParameter { Value = reminder } } };
        var value = await check.ExecuteScalarAsync();
        // What the condition did must not outlive the call on the caller's connection either.
        await using var probe = new NpgsqlCommand("SELECT current_user || ' ' || session_user || ' ' || current_setting('transaction_read_only')", connection, transaction);
        Assert.Equal($"{new NpgsqlConnectionStringBuilder(connectionString).Username} {new NpgsqlConnectionStringBuilder(connectionString).Username} off", await probe.ExecuteScalarAsync());
        await transaction.CommitAsync();
        return value;
    }

    [Fact]
    public async Task A_condition_runs_as_the_sandbox_with_the_readers_rights()
    {
        var app = await LoginAsync(AppRole, "app");
        Assert.Equal(true, await CheckAsync(app, await SqlReminderAsync($"current_user = '{SandboxRole}' AND session_user <> '{SandboxRole}'")));
        Assert.Equal(true, await CheckAsync(ConnectionString, await SqlReminderAsync("(SELECT count(*) FROM claude.active_sessions) = 0")));
        // information_schema shows only what the sandbox may see: no table of schema claude.
        Assert.Equal(true, await CheckAsync(app, await SqlReminderAsync("(SELECT count(*) FROM information_schema.tables WHERE table_schema = 'claude' AND table_type = 'BASE TABLE') = 0")));
    }

    [Theory]
    [InlineData("set_config('role', 'postgres', true) IS NOT NULL", "security-definer")]
    [InlineData("set_config('role', 'claude_app', false) IS NOT NULL", "security-definer")]
    [InlineData("set_config('session_authorization', 'postgres', true) IS NOT NULL", "security-definer")]
    [InlineData("(SELECT count(*) FROM claude.sessions) >= 0", "permission denied")]
    [InlineData("(SELECT count(*) FROM claude.security_roles) >= 0", "permission denied")]
    [InlineData("claude.log_activity('alert', NULL, NULL, 'x', 'written by a reminder') IS NOT NULL", "permission denied")]
    [InlineData("claude.hook_session_start(gen_random_uuid(), gen_random_uuid(), 'p', NULL, 'startup', NULL, NULL) IS NOT NULL", "permission denied")]
    [InlineData("claude.evaluate_reminder_condition('set_config(''role'', ''postgres'', true) IS NOT NULL', true)", "security-definer")]
    [InlineData("pg_read_file('/etc/passwd') IS NOT NULL", "permission denied")]
    [InlineData("length(pg_ls_dir('.')) > 0", "permission denied")]
    [InlineData("lo_import('/etc/passwd') > 0", "permission denied")]
    [InlineData("pg_terminate_backend(pg_backend_pid())", "")]
    [InlineData("set_config('transaction_read_only', 'off', true) IS NOT NULL", "read-write")]
    [InlineData("true)); SET ROLE postgres; SELECT ((true", "")]
    [InlineData("true)); RESET ROLE; SELECT ((true", "")]
    [InlineData("EXISTS (WITH d AS (DELETE FROM claude.activity_feed RETURNING 1) SELECT 1 FROM d)", "")]
    public async Task An_escape_attempt_is_refused_as_CD001_and_changes_nothing(string condition, string reason)
    {
        await Sql.ExecuteAsync(ConnectionString, "SELECT claude.log_activity('test', NULL, 'ci', 'x', 'kept')");
        var app = await LoginAsync(AppRole, "app");
        var reminder = await SqlReminderAsync(condition);
        var before = await ContentDigestAsync();

        foreach (var caller in new[] { app, ConnectionString })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => CheckAsync(caller, reminder));
            Assert.Equal("CD001", error.SqlState);
            Assert.Contains(reason, error.MessageText, StringComparison.Ordinal);
        }
        Assert.Equal(before, await ContentDigestAsync());
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.activity_feed WHERE title = 'kept'"));
    }

    [Fact]
    public async Task A_condition_cannot_lift_the_callers_statement_timeout()
    {
        var app = await LoginAsync(AppRole, "app");
        var reminder = await SqlReminderAsync("set_config('statement_timeout', '0', true) IS NOT NULL AND pg_sleep(5) IS NULL");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<PostgresException>(() => CheckAsync(app, reminder, "300ms"));

        Assert.True(error.SqlState is "57014" or "CD001", error.SqlState);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Creating_a_reminder_plans_its_condition_in_the_sandbox_too()
    {
        var app = await LoginAsync(AppRole, "app");
        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<Guid>(app,
            "SELECT claude.create_reminder('t', now()::timestamp, p_check_type => 'sql_query', p_check_condition => '(SELECT count(*) FROM claude.sessions) = 0')"));
        Assert.Equal("CD001", error.SqlState);
        Assert.Contains("permission denied", error.MessageText, StringComparison.Ordinal);
    }
}
