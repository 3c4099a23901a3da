using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

/// <summary>The hook path in SQL: claude.hook_session_start, hook_session_end, hook_subagent_start, hook_subagent_stop, each applied once per event id.</summary>
public sealed class HookFunctionTests : MigratedDatabaseTest
{
    private Task<string?> Text(string sql, params object[] args) => Sql.ScalarAsync<string>(ConnectionString, sql, args);

    [Fact]
    public async Task A_replayed_session_start_event_changes_nothing_and_reports_itself()
    {
        var eventId = Guid.NewGuid();
        var session = Guid.NewGuid();
        const string call = "SELECT claude.hook_session_start($1, $2, 'Hook-SQL', 'hook-sql-identity')::text";

        var first = await Text(call, eventId, session);
        var activityAfterFirst = await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.activity_feed");
        var again = await Text(call, eventId, session);

        Assert.Contains("\"replayed\": false", first, StringComparison.Ordinal);
        Assert.Contains("\"replayed\": true", again, StringComparison.Ordinal);
        Assert.Contains("\"identity_name\": \"hook-sql-identity\"", again, StringComparison.Ordinal);
        Assert.Equal(activityAfterFirst, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.activity_feed"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.hook_events"));
    }

    [Fact]
    public async Task The_identity_comes_from_the_project_default_before_the_hook_identity_and_a_uuid_must_exist()
    {
        var fallback = await Sql.ScalarAsync<Guid>(ConnectionString, "SELECT claude.register_identity('project-default', 'claude-code')");
        await Sql.ExecuteAsync(ConnectionString, $"INSERT INTO claude.projects (project_name, default_identity_id) VALUES ('Defaulted', '{fallback}')");
        var session = Guid.NewGuid();

        await Text("SELECT claude.hook_session_start($1, $2, 'defaulted', 'someone-else')::text", Guid.NewGuid(), session);
        var unknownId = await Assert.ThrowsAsync<PostgresException>(() =>
            Text("SELECT claude.hook_session_start($1, $2, 'other-project', $3)::text", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid().ToString()));
        var noIdentity = await Assert.ThrowsAsync<PostgresException>(() =>
            Text("SELECT claude.hook_session_start($1, $2, 'third-project')::text", Guid.NewGuid(), Guid.NewGuid()));

        Assert.Equal(fallback, await Sql.ScalarAsync<Guid>(ConnectionString, $"SELECT identity_id FROM claude.sessions WHERE session_id = '{session}'"));
        Assert.Equal("CD002", unknownId.SqlState);
        Assert.Equal("CD005", noIdentity.SqlState);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.identities WHERE identity_name = 'someone-else'"));
    }

    [Fact]
    public async Task Session_end_reports_unknown_closed_and_replayed_sessions_and_backdates_to_the_hook_time()
    {
        var session = Guid.NewGuid();
        await Text("SELECT claude.hook_session_start($1, $2, 'ending', 'ender')::text", Guid.NewGuid(), session);
        var endEvent = Guid.NewGuid();
        await Sql.ExecuteAsync(ConnectionString, $"UPDATE claude.sessions SET session_start = now() - interval '1 hour' WHERE session_id = '{session}'");

        var ended = await Text("SELECT claude.hook_session_end($1, $2, 'logout', NULL, now()::timestamp - interval '10 minutes')", endEvent, session);
        var replayed = await Text("SELECT claude.hook_session_end($1, $2, 'logout')", endEvent, session);
        var closed = await Text("SELECT claude.hook_session_end($1, $2, 'logout')", Guid.NewGuid(), session);
        var unknown = await Text("SELECT claude.hook_session_end($1, $2, 'logout')", Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal(("ended", "replayed", "already_closed", "unknown_session"), (ended, replayed, closed, unknown));
        Assert.True(await Sql.ScalarAsync<bool>(ConnectionString,
            $"SELECT session_end < now() - interval '9 minutes' AND session_summary LIKE '%logout%' FROM claude.sessions WHERE session_id = '{session}'"));
    }

    [Fact]
    public async Task Subagent_stop_without_a_recorded_start_records_the_agent_and_completes_it_once()
    {
        var parent = Guid.NewGuid();
        await Text("SELECT claude.hook_session_start($1, $2, 'agents', 'spawner')::text", Guid.NewGuid(), parent);

        var first = await Text("SELECT claude.hook_subagent_stop($1, 'agent-late', $2)", Guid.NewGuid(), parent);
        var second = await Text("SELECT claude.hook_subagent_stop($1, 'agent-late', $2)", Guid.NewGuid(), parent);
        var started = await Sql.ScalarAsync<Guid>(ConnectionString, "SELECT claude.hook_subagent_start($1, 'agent-late', $2)", Guid.NewGuid(), parent);

        Assert.Equal(("completed", "already_completed"), (first, second));
        Assert.Equal(started, await Sql.ScalarAsync<Guid>(ConnectionString, "SELECT session_id FROM claude.agent_sessions WHERE agent_id = 'agent-late'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.agent_sessions"));
    }
}
