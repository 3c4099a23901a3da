using Xunit;

namespace ClaudeDbKit.Tests.Database;

public sealed class ActivityTests : DatabaseApiTest
{
    private static readonly Guid Source = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");

    [Fact]
    public async Task Log_activity_appends_an_entry_with_the_given_values_and_info_by_default()
    {
        var id = await Scalar<Guid>("SELECT claude.log_activity('job', $1, 'scheduler', 'job_completed', 'Backup done', 'all ok', 'claude-family')", Source);

        var row = Assert.Single(await Rows($"SELECT source_type, source_id, actor, activity_type, title, summary, project_name, severity, created_at IS NOT NULL FROM claude.activity_feed WHERE id = '{id}'"));
        Assert.Equal(["job", Source, "scheduler", "job_completed", "Backup done", "all ok", "claude-family", "info", true], row);
    }

    [Theory]
    [InlineData("NULL", true)]
    [InlineData("''", true)]
    [InlineData("E' \\t\\r\\n\\f'", true)]
    [InlineData("E'\\u00A0\\u2003\\u3000\\uFEFF'", true)]
    [InlineData("E' x\\t'", false)]
    [InlineData("'\u00E9'", false)]
    public async Task Blank_means_null_or_only_whitespace_of_any_kind(string literal, bool blank)
    {
        Assert.Equal(blank, await Scalar<bool>($"SELECT claude.is_blank({literal})"));
    }

    [Theory]
    [InlineData("CD005", "SELECT claude.log_activity(NULL, NULL, 'a', 'x', 't')")]
    [InlineData("CD005", "SELECT claude.log_activity(' ', NULL, 'a', 'x', 't')")]
    [InlineData("CD005", "SELECT claude.log_activity('job', NULL, 'a', NULL, 't')")]
    [InlineData("CD005", "SELECT claude.log_activity('job', NULL, 'a', 'x', '')")]
    [InlineData("CD005", "SELECT claude.log_activity('job', NULL, 'a', 'x', E'\\n\\t ')")]
    [InlineData("CD005", "SELECT claude.log_activity(E'\\u00A0\\u2003', NULL, 'a', 'x', 't')")]
    [InlineData("CD005", "SELECT claude.log_activity('job', NULL, 'a', 'x', 't', p_severity => NULL)")]
    [InlineData("CD001", "SELECT claude.log_activity('robot', NULL, 'a', 'x', 't')")]
    [InlineData("CD001", "SELECT claude.log_activity('job', NULL, 'a', 'x', 't', p_severity => 'fatal')")]
    [InlineData("CD001", "SELECT claude.log_activity('job', NULL, 'a', 'x', repeat('t', 501))")]
    [InlineData("CD001", "SELECT claude.log_activity('job', NULL, 'a', 'x', 't', p_project_name => repeat('p', 101))")]
    public async Task Log_activity_refuses_invalid_arguments(string sqlState, string sql)
    {
        var error = await Refused(sqlState, sql);
        if (sqlState == "CD001" && error.MessageText.StartsWith('\''))
            Assert.StartsWith("valid values: ", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recent_activity_is_newest_first_filtered_by_project_case_insensitively_and_by_severity()
    {
        await Scalar<Guid>("SELECT claude.log_activity('job', NULL, 'a', 'x', 'first', NULL, 'ATO-Tax-Agent', 'error')");
        await Scalar<Guid>("SELECT claude.log_activity('job', NULL, 'a', 'x', 'second', NULL, 'other')");
        await Scalar<Guid>("SELECT claude.log_activity('job', NULL, 'a', 'x', 'third', NULL, 'ato-tax-agent')");

        Assert.Equal(["third", "second", "first"], (await Rows("SELECT title FROM claude.get_recent_activity()")).Select(r => (string)r[0]!));
        Assert.Equal(["third", "first"], (await Rows("SELECT title FROM claude.get_recent_activity(' ATO-TAX-AGENT ')")).Select(r => (string)r[0]!));
        Assert.Equal(["first"], (await Rows("SELECT title FROM claude.get_recent_activity(NULL, 'error')")).Select(r => (string)r[0]!));
        Assert.Equal(["third"], (await Rows("SELECT title FROM claude.get_recent_activity(p_limit => 1)")).Select(r => (string)r[0]!));
        Assert.Equal(["third", "second"], (await Rows("SELECT title FROM claude.recent_activity LIMIT 2")).Select(r => (string)r[0]!));
    }

    [Theory]
    [InlineData("CD001", "SELECT * FROM claude.get_recent_activity(p_limit => 0)")]
    [InlineData("CD001", "SELECT * FROM claude.get_recent_activity(p_limit => 1001)")]
    [InlineData("CD001", "SELECT * FROM claude.get_recent_activity(p_limit => NULL)")]
    [InlineData("CD001", "SELECT * FROM claude.get_recent_activity(p_severity => 'fatal')")]
    [InlineData("CD001", "SELECT * FROM claude.get_activity_by_source('robot', gen_random_uuid())")]
    [InlineData("CD005", "SELECT * FROM claude.get_activity_by_source(NULL, gen_random_uuid())")]
    [InlineData("CD005", "SELECT * FROM claude.get_activity_by_source('session', NULL)")]
    public async Task Activity_reads_refuse_invalid_arguments(string sqlState, string sql) => await Refused(sqlState, sql);

    [Fact]
    public async Task Activity_by_source_returns_the_history_of_one_source_newest_first()
    {
        await Scalar<Guid>("SELECT claude.log_activity('job', $1, 'a', 'job_started', 'one')", Source);
        await Scalar<Guid>("SELECT claude.log_activity('job', gen_random_uuid(), 'a', 'job_started', 'elsewhere')");
        await Scalar<Guid>("SELECT claude.log_activity('job', $1, 'a', 'job_completed', 'two')", Source);

        var rows = await Rows($"SELECT title FROM claude.get_activity_by_source('job', '{Source}')");
        Assert.Equal(["two", "one"], rows.Select(r => (string)r[0]!));
        Assert.Empty(await Rows($"SELECT title FROM claude.get_activity_by_source('session', '{Source}')"));
    }

    [Theory]
    [InlineData("UPDATE claude.activity_feed SET title = 'edited'")]
    [InlineData("DELETE FROM claude.activity_feed")]
    [InlineData("TRUNCATE claude.activity_feed")]
    public async Task The_feed_refuses_to_be_edited(string sql)
    {
        await Scalar<Guid>("SELECT claude.log_activity('alert', NULL, NULL, 'alert_raised', 'Disk full', p_severity => 'warning')");
        var error = await Refused("CD003", sql);
        Assert.Contains("immutable", error.MessageText, StringComparison.Ordinal);
        Assert.Contains("archive_activity", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_activity_moves_entries_past_the_retention_period_and_nothing_else()
    {
        await Execute(
            """
            INSERT INTO claude.activity_feed (source_type, activity_type, title, created_at) VALUES
                ('job', 'job_completed', 'old 1', now() - interval '120 days'),
                ('job', 'job_completed', 'old 2', now() - interval '91 days'),
                ('job', 'job_completed', 'recent', now() - interval '10 days');
            """);

        Assert.Equal(2, await Scalar<int>("SELECT claude.archive_activity()"));

        Assert.Equal(["recent"], (await Rows("SELECT title FROM claude.activity_feed")).Select(r => (string)r[0]!));
        Assert.Equal(["old 1", "old 2"], (await Rows("SELECT title FROM claude.activity_feed_archive WHERE archived_at IS NOT NULL ORDER BY created_at")).Select(r => (string)r[0]!));
        Assert.Equal(1, await Scalar<int>("SELECT claude.archive_activity(interval '5 days')"));
        Assert.Equal(0, await Scalar<int>("SELECT claude.archive_activity()"));
        Assert.Empty(await Rows("SELECT * FROM claude.recent_activity"));
        // The archive's permission does not outlive the call.
        await Execute("INSERT INTO claude.activity_feed (source_type, activity_type, title) VALUES ('job', 'x', 'y')");
        await Refused("CD003", "DELETE FROM claude.activity_feed");
    }

    [Theory]
    [InlineData("CD005", "SELECT claude.archive_activity(NULL)")]
    [InlineData("CD001", "SELECT claude.archive_activity(interval '-1 day')")]
    [InlineData("CD001", "SELECT claude.archive_activity(interval '0')")]
    public async Task Archive_activity_refuses_invalid_periods(string sqlState, string sql)
    {
        await Execute("INSERT INTO claude.activity_feed (source_type, activity_type, title, created_at) VALUES ('job', 'x', 'old', now() - interval '1 year')");
        await Refused(sqlState, sql);
    }

    [Fact]
    public async Task Recent_activity_view_shows_only_the_last_seven_days()
    {
        await Execute(
            """
            INSERT INTO claude.activity_feed (source_type, activity_type, title, created_at) VALUES
                ('job', 'x', 'eight days', now() - interval '8 days'),
                ('job', 'x', 'six days', now() - interval '6 days'),
                ('job', 'x', 'today', now());
            """);
        Assert.Equal(["today", "six days"], (await Rows("SELECT title FROM claude.recent_activity")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task Required_fields_are_enforced_for_direct_writers_too()
    {
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            Execute("INSERT INTO claude.activity_feed (source_type, activity_type) VALUES ('job', 'x')"));
        Assert.Equal("activity_feed_required_check", error.ConstraintName);
        Assert.Equal("info", await Scalar<string>("INSERT INTO claude.activity_feed (source_type, activity_type, title) VALUES ('job', 'x', 't') RETURNING severity"));
    }
}
