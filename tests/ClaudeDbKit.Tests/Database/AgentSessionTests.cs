using Xunit;

namespace ClaudeDbKit.Tests.Database;

public sealed class AgentSessionTests : DatabaseApiTest
{
    private async Task<Guid> ParentAsync() => await StartSession(await RegisterIdentity("claude-parent"), "claude-family");

    [Fact]
    public async Task Start_agent_session_records_the_agent_under_its_parent_once_even_when_the_hook_fires_twice()
    {
        var parent = await ParentAsync();
        var first = await Scalar<Guid>("SELECT claude.start_agent_session('agent-abc123', $1, 'coder-haiku', 'Add validation', 'C:\\Projects\\x', 'claude-haiku-4-5')", parent);
        var second = await Scalar<Guid>("SELECT claude.start_agent_session('agent-abc123', $1)", parent);

        Assert.Equal(first, second);
        var row = Assert.Single(await Rows("SELECT agent_id, parent_session_id, agent_type, task_description, model, created_by, spawned_at IS NOT NULL, completed_at FROM claude.agent_sessions"));
        Assert.Equal(["agent-abc123", parent, "coder-haiku", "Add validation", "claude-haiku-4-5", "claude-parent", true, null], row);
        var activity = Assert.Single(await Rows($"SELECT source_type, actor, project_name FROM claude.activity_feed WHERE activity_type = 'agent_started' AND source_id = '{first}'"));
        Assert.Equal(["agent", "agent-abc123", "claude-family"], activity);
    }

    [Theory]
    [InlineData("CD005", "SELECT claude.start_agent_session(NULL, $1)")]
    [InlineData("CD005", "SELECT claude.start_agent_session('  ', $1)")]
    [InlineData("CD005", "SELECT claude.start_agent_session('agent-1', NULL)")]
    [InlineData("CD002", "SELECT claude.start_agent_session('agent-1', gen_random_uuid())")]
    [InlineData("CD001", "SELECT claude.start_agent_session(repeat('a', 201), $1)")]
    public async Task Start_agent_session_refuses_invalid_arguments(string sqlState, string sql) =>
        await Refused(sqlState, sql, await ParentAsync());

    [Fact]
    public async Task Complete_agent_session_records_the_outcome_once()
    {
        var parent = await ParentAsync();
        var agent = await Scalar<Guid>("SELECT claude.start_agent_session('agent-done', $1, 'tester')", parent);
        await Scalar<object>("SELECT claude.complete_agent_session('agent-done', false, NULL, 'timeout')");

        var row = Assert.Single(await Rows("SELECT success, error_message, completed_at >= spawned_at FROM claude.agent_sessions"));
        Assert.Equal([false, "timeout", true], row);
        var activity = Assert.Single(await Rows($"SELECT severity, summary FROM claude.activity_feed WHERE activity_type = 'agent_completed' AND source_id = '{agent}'"));
        Assert.Equal(["error", "timeout"], activity);
        await Refused("CD003", "SELECT claude.complete_agent_session('agent-done', true)");
    }

    [Theory]
    [InlineData("CD005", "SELECT claude.complete_agent_session(NULL, true)")]
    [InlineData("CD005", "SELECT claude.complete_agent_session('agent-open', NULL)")]
    [InlineData("CD002", "SELECT claude.complete_agent_session('agent-unknown', true)")]
    public async Task Complete_agent_session_refuses_invalid_arguments(string sqlState, string sql)
    {
        await Scalar<Guid>("SELECT claude.start_agent_session('agent-open', $1)", await ParentAsync());
        await Refused(sqlState, sql);
    }

    [Fact]
    public async Task An_agent_parent_must_be_a_session_for_direct_writers_too()
    {
        var error = await Refused(Npgsql.PostgresErrorCodes.ForeignKeyViolation,
            "INSERT INTO claude.agent_sessions (agent_id, parent_session_id) VALUES ('agent-x', gen_random_uuid())");
        Assert.Equal("agent_sessions_parent_fkey", error.ConstraintName);
    }
}
