using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

/// <summary>Base for tests of the SQL API: a migrated database per test, plus helpers that call functions and assert refusals.</summary>
public abstract class DatabaseApiTest : MigratedDatabaseTest
{
    // Every table the functions of issue 3 write: a refused call must leave all of them as they were.
    private const string StateSql =
        """
        SELECT md5(string_agg(j, E'\n' ORDER BY j)) FROM (
            SELECT 's' || to_jsonb(t)::text AS j FROM claude.sessions t
            UNION ALL SELECT 'i' || to_jsonb(t)::text FROM claude.identities t
            UNION ALL SELECT 'p' || to_jsonb(t)::text FROM claude.projects t
            UNION ALL SELECT 'a' || to_jsonb(t)::text FROM claude.activity_feed t
            UNION ALL SELECT 'A' || to_jsonb(t)::text FROM claude.activity_feed_archive t
            UNION ALL SELECT 'g' || to_jsonb(t)::text FROM claude.agent_sessions t
            UNION ALL SELECT 'r' || to_jsonb(t)::text FROM claude.column_registry t
            UNION ALL SELECT 'h' || to_jsonb(t)::text FROM claude.column_registry_history t
        ) x
        """;

    protected Task<T?> Scalar<T>(string sql, params object[] parameters) => Sql.ScalarAsync<T>(ConnectionString, sql, parameters);

    protected Task Execute(string sql) => Sql.ExecuteAsync(ConnectionString, sql);

    protected Task<List<object?[]>> Rows(string sql) => Sql.RowsAsync(ConnectionString, sql);

    protected Task<long> Count(string sql, params object[] parameters) => Sql.ScalarAsync<long>(ConnectionString, sql, parameters);

    protected Task<string?> StateAsync() => Sql.ScalarAsync<string>(ConnectionString, StateSql);

    /// <summary>Runs <paramref name="sql"/>, expects <paramref name="sqlState"/>, and checks that nothing changed.</summary>
    protected async Task<PostgresException> Refused(string sqlState, string sql, params object[] parameters)
    {
        var before = await StateAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<object>(ConnectionString, sql, parameters));
        Assert.True(sqlState == error.SqlState, $"expected {sqlState}, got {error.SqlState}: {error.MessageText} ({sql})");
        Assert.Equal(before, await StateAsync());
        return error;
    }

    protected async Task<Guid> RegisterIdentity(string name, string platform = "claude-code") =>
        (await Scalar<Guid>("SELECT claude.register_identity($1, $2)", name, platform));

    protected async Task<Guid> StartSession(Guid identity, string project, Guid? sessionId = null, bool supersede = false) =>
        sessionId is { } id
            ? await Scalar<Guid>("SELECT claude.start_session($1, $2, p_session_id => $3, p_supersede => $4)", identity, project, id, supersede)
            : await Scalar<Guid>("SELECT claude.start_session($1, $2, p_supersede => $3)", identity, project, supersede);

    protected Task<long> ActivityCount(string activityType, Guid sourceId) =>
        Count("SELECT count(*) FROM claude.activity_feed WHERE activity_type = $1 AND source_id = $2", activityType, sourceId);

    /// <summary>Opens <paramref name="callers"/> real connections first, then releases all calls at once.</summary>
    protected async Task<string?[]> Concurrently(int callers, Func<NpgsqlConnection, Task<string?>> call)
    {
        var connections = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < callers; i++)
            {
                var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                connections.Add(connection);
            }
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var tasks = connections.Select(async c => { await gate.Task; return await call(c); }).ToList();
            gate.SetResult();
            return await Task.WhenAll(tasks);
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
        }
    }

    /// <summary>Runs one call; returns NULL on success, else the SQLSTATE.</summary>
    protected static async Task<string?> Call(NpgsqlConnection connection, string sql)
    {
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteScalarAsync();
            return null;
        }
        catch (PostgresException e)
        {
            return e.SqlState;
        }
    }
}
