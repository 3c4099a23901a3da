using System.Text.Json;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Cli;

public sealed class DomainCommandTests : MigratedDatabaseTest
{
    private Task<CliProcess.Result> Run(params string[] args) => CliProcess.RunAsync([.. args, "--connection", ConnectionString]);

    private static JsonElement Json(CliProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    [Fact]
    public async Task A_session_lifecycle_through_the_command_line()
    {
        var identity = Json(await Run("identity", "register", "--name", "cli-identity", "--platform", "claude-code", "--json")).GetProperty("id").GetString()!;
        var session = (await Run("session", "start", "--identity", identity, "--project", "CLI-Project")).Stdout.Trim();
        Assert.True(Guid.TryParse(session, out _), session);

        Assert.Equal(session, (await Run("session", "active", "--identity", identity)).Stdout.Trim());
        var ended = await Run("session", "end", session, "--summary", "done", "--task", "a", "--task", "b");
        Assert.Equal(0, ended.ExitCode);

        var list = Json(await Run("session", "list", "--identity", identity, "--json"));
        var row = Assert.Single(list.EnumerateArray());
        Assert.Equal("ended", row.GetProperty("status").GetString());
        Assert.Equal("done", row.GetProperty("summary").GetString());
        Assert.Equal("", (await Run("session", "active", "--identity", identity)).Stdout.Trim());
        var activity = Json(await Run("activity", "source", "--source-type", "session", "--source-id", session, "--json"));
        Assert.Contains(activity.EnumerateArray(), e => e.GetProperty("activityType").GetString() == "session_ended");
    }

    [Fact]
    public async Task Jobs_claim_due_takes_the_next_due_job_once_and_then_nothing()
    {
        var created = Json(await Run("jobs", "create", "--name", "cli-claim", "--type", "maintenance", "--command", "true", "--json"))
            .GetProperty("id").GetString();

        var claimed = Assert.Single(Json(await Run("jobs", "claim-due", "--json")).EnumerateArray());
        Assert.Equal(created, claimed.GetProperty("jobId").GetString());
        Assert.True(Guid.TryParse(claimed.GetProperty("runId").GetString(), out _));
        Assert.Equal("true", claimed.GetProperty("command").GetString());
        Assert.Empty(Json(await Run("jobs", "claim-due", "--json")).EnumerateArray());
    }

    [Fact]
    public async Task Database_rule_violations_exit_1_with_the_database_message_and_hint()
    {
        var invalid = await Run("session", "list", "--status", "sleeping");
        var missing = await Run("session", "end", Guid.NewGuid().ToString(), "--summary", "x");

        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("sleeping", invalid.Stderr, StringComparison.Ordinal);
        Assert.Contains("abandoned", invalid.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Empty(invalid.Stdout + missing.Stdout);
    }

    [Fact]
    public async Task Unparseable_arguments_are_usage_errors()
    {
        var badUuid = await Run("session", "end", "not-a-uuid", "--summary", "x");
        var missingSummary = await Run("session", "end", Guid.NewGuid().ToString());

        Assert.Equal(2, badUuid.ExitCode);
        Assert.Contains("not-a-uuid", badUuid.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missingSummary.ExitCode);
        Assert.Contains("--summary", missingSummary.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_values_and_activity_logging()
    {
        var values = Json(await Run("registry", "values", "messages", "priority", "--json"));
        Assert.Equal(["low", "normal", "urgent"], values.EnumerateArray().Select(v => v.GetString()!).Order());

        var logged = await Run("activity", "log", "--source-type", "commit", "--type", "commit_pushed", "--title", "pushed F12", "--project", "cli-project");
        Assert.Equal(0, logged.ExitCode);
        var recent = Json(await Run("activity", "recent", "--project", "CLI-PROJECT", "--json"));
        Assert.Contains(recent.EnumerateArray(), e => e.GetProperty("title").GetString() == "pushed F12");

        var badSeverity = await Run("activity", "log", "--source-type", "commit", "--type", "x", "--title", "t", "--severity", "fatal");
        Assert.Equal(1, badSeverity.ExitCode);
        Assert.Contains("fatal", badSeverity.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_items_through_the_command_line()
    {
        await Sql.ExecuteAsync(ConnectionString, "INSERT INTO claude.projects (project_id, project_name) VALUES (gen_random_uuid(), 'CLI-Work')");
        var feature = (await Run("work", "feature", "--project", "cli-work", "--name", "Command line", "--priority", "2")).Stdout.Trim();
        Assert.Matches("^F[0-9]+$", feature);
        var task = Json(await Run("work", "task", "--feature", feature, "--name", "Parse options", "--json")).GetProperty("code").GetString()!;
        Assert.Matches("^BT[0-9]+$", task);
        Assert.True(Guid.TryParse((await Run("work", "requirement", "--feature", feature, "--name", "Exit codes documented")).Stdout.Trim(), out _));
        Assert.Matches("^FB[0-9]+$", (await Run("work", "feedback", "--project", "CLI-Work", "--type", "bug", "--description", "typo")).Stdout.Trim());
        Assert.Equal(0, (await Run("work", "status", task.ToLowerInvariant(), "completed")).ExitCode);

        var shown = await Run("work", "show", feature);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("Command line", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains(task, shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("CLI-Work", shown.Stdout, StringComparison.Ordinal);
        var json = Json(await Run("work", "show", task, "--json"));
        Assert.Equal(("completed", feature), (json.GetProperty("status").GetString(), json.GetProperty("feature").GetProperty("code").GetString()));

        var refused = await Run("work", "status", feature, "finished");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("finished", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("in_progress", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, (await Run("work", "show", "F424242")).ExitCode);
    }
}
