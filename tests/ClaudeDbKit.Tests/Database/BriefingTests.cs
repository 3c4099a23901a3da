using System.Text.Json;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

public sealed class BriefingTests : CoordinationApiTest
{
    private async Task<List<string>> ColumnsOf(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql + " LIMIT 0", connection);
        await using var reader = await command.ExecuteReaderAsync();
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
    }

    private static List<string> Names(JsonElement item) => item.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task The_briefing_returns_reminders_messages_at_most_five_jobs_and_ten_activities_in_one_statement_and_changes_nothing()
    {
        await NewProject("ATO-Tax-Agent");
        await NewProject("beta");
        var me = await NewSession("claude-me", "ato-tax-agent");
        var other = await NewSession("claude-other", "beta");
        await Scalar<Guid>("SELECT claude.create_reminder('project reminder', now()::timestamp - interval '2 days', p_project_name => 'ATO-Tax-Agent')");
        await Scalar<Guid>("SELECT claude.create_reminder('global reminder', now()::timestamp - interval '1 day')");
        await Scalar<Guid>("SELECT claude.create_reminder('future reminder', now()::timestamp + interval '1 day')");
        await Scalar<Guid>("SELECT claude.create_reminder('beta reminder', now()::timestamp - interval '1 day', p_project_name => 'beta')");
        var direct = await Scalar<Guid>("SELECT claude.send_message($1, $2, 'direct', 'b', p_priority => 'urgent')", other, me);
        var broadcast = await Scalar<Guid>("SELECT claude.broadcast_to_project($1, 'ATO-TAX-AGENT', 'broadcast', 'b')", other);
        await Scalar<Guid>("SELECT claude.send_message($1, $2, 'not mine', 'b')", me, other);
        for (var i = 1; i <= 7; i++)
            await Scalar<Guid>($"SELECT claude.create_scheduled_job('job-{i}', 'audit', 'echo {i}', p_priority => {i})");
        for (var i = 1; i <= 12; i++)
            await Scalar<Guid>($"SELECT claude.log_activity('alert', NULL, 'tester', 'note', 'note {i}', NULL, 'ato-tax-agent')");
        await Scalar<Guid>("SELECT claude.log_activity('alert', NULL, 'tester', 'note', 'beta note', NULL, 'beta')");
        var before = (await StateAsync(), await CoordinationStateAsync());

        var json = await Scalar<string>("SELECT claude.get_startup_briefing($1, ' ato-tax-agent ')::text", me);

        Assert.Equal(before, (await StateAsync(), await CoordinationStateAsync()));   // reads only: nothing claimed, read or logged
        using var document = JsonDocument.Parse(json!);
        var root = document.RootElement;
        Assert.Equal(["activity", "jobs", "messages", "project_name", "reminders", "session_id"], Names(root));
        Assert.Equal(me.ToString(), root.GetProperty("session_id").GetString());
        Assert.Equal("ATO-Tax-Agent", root.GetProperty("project_name").GetString());

        var reminders = root.GetProperty("reminders").EnumerateArray().ToList();
        Assert.Equal(["project reminder", "global reminder"], reminders.Select(r => r.GetProperty("title").GetString()));
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal([direct, broadcast], messages.Select(m => m.GetProperty("message_id").GetGuid()));
        var jobs = root.GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(["job-1", "job-2", "job-3", "job-4", "job-5"], jobs.Select(j => j.GetProperty("job_name").GetString()));
        var activity = root.GetProperty("activity").EnumerateArray().ToList();
        Assert.Equal(10, activity.Count);
        Assert.All(activity, a => Assert.Equal("ATO-Tax-Agent", a.GetProperty("project_name").GetString(), StringComparer.OrdinalIgnoreCase));
        Assert.Equal(await Rows("SELECT id FROM claude.get_recent_activity('ATO-Tax-Agent', NULL, 10)"),
            activity.Select(a => new object?[] { a.GetProperty("id").GetGuid() }).ToList());

        // Each part carries the field names of the function that serves it alone.
        Assert.Equal((await ColumnsOf("SELECT * FROM claude.get_due_reminders()")).Order(StringComparer.Ordinal), Names(reminders[0]));
        Assert.Equal((await ColumnsOf($"SELECT * FROM claude.get_pending_messages('{me}')")).Order(StringComparer.Ordinal), Names(messages[0]));
        Assert.Equal((await ColumnsOf("SELECT * FROM claude.get_due_jobs()")).Order(StringComparer.Ordinal), Names(jobs[0]));
        Assert.Equal((await ColumnsOf("SELECT * FROM claude.get_recent_activity()")).Order(StringComparer.Ordinal), Names(activity[0]));
    }

    [Fact]
    public async Task Without_a_session_the_briefing_has_the_project_broadcasts_and_empty_parts_are_empty_arrays()
    {
        var sender = await NewSession("claude-sender", "beta");
        await NewProject("quiet");
        var json = await Scalar<string>("SELECT claude.get_startup_briefing(NULL, 'quiet')::text");
        using (var empty = JsonDocument.Parse(json!))
        {
            Assert.Equal(JsonValueKind.Null, empty.RootElement.GetProperty("session_id").ValueKind);
            foreach (var part in new[] { "reminders", "messages", "jobs" })
                Assert.Equal(0, empty.RootElement.GetProperty(part).GetArrayLength());
            Assert.Equal("project_registered", Assert.Single(empty.RootElement.GetProperty("activity").EnumerateArray()).GetProperty("activity_type").GetString());
        }
        await Scalar<Guid>("SELECT claude.broadcast_to_project($1, 'quiet', 'hello', 'b')", sender);
        using var document = JsonDocument.Parse((await Scalar<string>("SELECT claude.get_startup_briefing(NULL, 'QUIET')::text"))!);
        Assert.Equal("hello", document.RootElement.GetProperty("messages")[0].GetProperty("subject").GetString());

        await AllRefused(
        [
            ("CD005", "SELECT claude.get_startup_briefing($1, NULL)"),
            ("CD005", "SELECT claude.get_startup_briefing($1, '  ')"),
            ("CD002", "SELECT claude.get_startup_briefing($1, 'no-such-project')"),
            ("CD002", "SELECT claude.get_startup_briefing(gen_random_uuid(), 'quiet')"),
        ], sender);
    }
}
