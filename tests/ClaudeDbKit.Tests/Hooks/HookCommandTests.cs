using System.Text.Json;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Hooks;

/// <summary>The hook contract, exercised by spawning the real <c>claudedb</c> with a payload on stdin.</summary>
public sealed class HookCommandTests : MigratedDatabaseTest, IDisposable
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=hook;Password=hunter2-secret;Database=nowhere";
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "claudedbkit-hook-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
            Directory.Delete(_stateDir, recursive: true);
    }

    private Task<CliProcess.Result> Hook(string hookEvent, string stdin, string? connection = null, string identity = "hook-tester") =>
        CliProcess.RunAsync(["hook", hookEvent, "--connection", connection ?? ConnectionString, "--state-dir", _stateDir, "--connect-timeout", "15"],
            new Dictionary<string, string?> { ["CLAUDE_IDENTITY"] = identity, ["CLAUDE_PROJECT_NAME"] = null }, stdin);

    private static string StartPayload(Guid session, string source = "startup", string cwd = "/home/dev/projects/Hook-Project") =>
        JsonSerializer.Serialize(new { session_id = session, transcript_path = "/tmp/t.jsonl", cwd, hook_event_name = "SessionStart", source, model = "claude" });

    private string QueueFile => Path.Combine(_stateDir, "queue.jsonl");

    private static string AdditionalContext(CliProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var output = json.RootElement.GetProperty("hookSpecificOutput");
        Assert.Equal("SessionStart", output.GetProperty("hookEventName").GetString());
        Assert.Single(json.RootElement.EnumerateObject());
        return output.GetProperty("additionalContext").GetString()!;
    }

    [Fact]
    public async Task Session_start_records_the_session_and_prints_the_contract_json_and_a_resume_adds_no_row()
    {
        var session = Guid.NewGuid();

        var first = await Hook("session-start", StartPayload(session));
        var resumed = await Hook("session-start", StartPayload(session, "resume"));

        var context = AdditionalContext(first);
        Assert.Contains(session.ToString(), context, StringComparison.Ordinal);
        Assert.Contains("Hook-Project", context, StringComparison.Ordinal);
        Assert.True(context.Length < 10_000);
        AdditionalContext(resumed);
        var row = Assert.Single(await Sql.RowsAsync(ConnectionString,
            "SELECT s.status, s.project_name, i.identity_name FROM claude.sessions s JOIN claude.identities i USING (identity_id) WHERE s.session_id = '" + session + "'"));
        Assert.Equal(["active", "Hook-Project", "hook-tester"], row);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.sessions"));
    }

    [Fact]
    public async Task Clear_with_a_new_id_closes_only_the_same_identitys_previous_session()
    {
        var before = Guid.NewGuid();
        var otherIdentity = Guid.NewGuid();
        AdditionalContext(await Hook("session-start", StartPayload(before)));
        AdditionalContext(await Hook("session-start", StartPayload(otherIdentity), identity: "someone-else"));
        var after = Guid.NewGuid();

        var clear = await Hook("session-start", StartPayload(after, "clear"));
        Assert.DoesNotContain("queued", AdditionalContext(clear), StringComparison.Ordinal);

        var status = (await Sql.RowsAsync(ConnectionString, "SELECT session_id, status FROM claude.sessions"))
            .ToDictionary(r => (Guid)r[0]!, r => (string)r[1]!);
        Assert.Equal("abandoned", status[before]);
        Assert.Equal("active", status[otherIdentity]);
        Assert.Equal("active", status[after]);
    }

    [Fact]
    public async Task With_the_database_down_the_event_is_queued_and_replayed_once_by_the_next_hook()
    {
        var session = Guid.NewGuid();

        var offline = await Hook("session-start", StartPayload(session), Unreachable);

        Assert.Equal(0, offline.ExitCode);
        Assert.Contains("queued", AdditionalContext(offline), StringComparison.Ordinal);
        var queued = await File.ReadAllTextAsync(QueueFile);
        Assert.Contains(session.ToString(), queued, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", queued, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", offline.Stderr + offline.Stdout, StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.sessions"));

        var agentPayload = JsonSerializer.Serialize(new { session_id = session, agent_id = "agent-q1", agent_type = "explorer", cwd = "/x" });
        Assert.Equal(0, (await Hook("subagent-start", agentPayload)).ExitCode);

        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, $"SELECT count(*) FROM claude.sessions WHERE session_id = '{session}'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, $"SELECT count(*) FROM claude.agent_sessions WHERE parent_session_id = '{session}'"));
        Assert.Equal("", (await File.ReadAllTextAsync(QueueFile)).Trim());

        // The same queued line delivered again (a crash between applying and rewriting the queue) changes nothing.
        await File.WriteAllTextAsync(QueueFile, queued);
        var replay = await CliProcess.RunAsync(["hook", "replay", "--connection", ConnectionString, "--state-dir", _stateDir]);
        Assert.Equal(0, replay.ExitCode);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.sessions"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.activity_feed WHERE activity_type = 'session_started'"));
    }

    [Fact]
    public async Task A_subagent_start_sent_twice_gives_one_agent_session_linked_to_its_parent_and_stop_completes_it()
    {
        var parent = Guid.NewGuid();
        await Hook("session-start", StartPayload(parent));
        var payload = JsonSerializer.Serialize(new { session_id = parent, agent_id = "agent-abc123", agent_type = "Explore", hook_event_name = "SubagentStart", cwd = "/w" });

        await Hook("subagent-start", payload);
        await Hook("subagent-start", payload);
        var stop = await Hook("subagent-stop", payload.Replace("SubagentStart", "SubagentStop", StringComparison.Ordinal));

        Assert.Equal(0, stop.ExitCode);
        Assert.Empty(stop.Stdout);
        var row = Assert.Single(await Sql.RowsAsync(ConnectionString, "SELECT parent_session_id, agent_type, success, completed_at IS NOT NULL FROM claude.agent_sessions"));
        Assert.Equal([parent, "Explore", true, true], row);
    }

    [Fact]
    public async Task Session_end_ends_the_session_with_a_generated_summary()
    {
        var session = Guid.NewGuid();
        await Hook("session-start", StartPayload(session));

        var end = await Hook("session-end", JsonSerializer.Serialize(new { session_id = session, reason = "prompt_input_exit", cwd = "/x", hook_event_name = "SessionEnd" }));

        Assert.Equal(0, end.ExitCode);
        Assert.Empty(end.Stdout);
        var row = Assert.Single(await Sql.RowsAsync(ConnectionString, $"SELECT status, session_summary FROM claude.sessions WHERE session_id = '{session}'"));
        Assert.Equal("ended", row[0]);
        Assert.Contains("prompt_input_exit", (string)row[1]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"session_id\": \"not-a-uuid\", \"cwd\": \"/x\"}")]
    [InlineData("{\"cwd\": \"/x\"}")]
    public async Task Malformed_or_empty_stdin_exits_0_says_why_on_stderr_and_writes_nothing(string stdin)
    {
        var result = await Hook("session-start", stdin);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("claudedb hook:", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.sessions"));
        Assert.False(File.Exists(QueueFile) && new FileInfo(QueueFile).Length > 0);
    }
}
