using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Security;

/// <summary>claude_reader: SELECT on the views, nothing else.</summary>
public sealed class ReaderRoleTests : SecurityDatabaseTest
{
    [Fact]
    public async Task The_reader_selects_every_view_and_nothing_else()
    {
        await Sql.ExecuteAsync(ConnectionString, "SELECT claude.start_session(claude.register_identity('reader-seen', 'claude-code'), 'Reader-Project')");
        var login = await LoginAsync(ReaderRole, "reader");
        var views = (await Sql.RowsAsync(ConnectionString, GatewayCatalog.ViewsSql)).Select(v => (string)v[0]!).ToList();
        Assert.Contains("claude.active_sessions", views);

        foreach (var view in views)
            Assert.True(await SqlStateOf(login, $"SELECT count(*) FROM {view}") is null, $"the reader cannot read {view}");
        Assert.Equal(1L, await Sql.ScalarAsync<long>(login, "SELECT count(*) FROM claude.active_sessions"));

        var before = await ContentDigestAsync();
        var refused = new List<string>();
        foreach (var t in await Sql.RowsAsync(ConnectionString, GatewayCatalog.TablesSql))
            refused.AddRange([$"SELECT count(*) FROM {t[0]}", $"INSERT INTO {t[0]} DEFAULT VALUES", $"DELETE FROM {t[0]}"]);
        refused.AddRange([
            "SELECT claude.register_identity('reader-writes', 'claude-code')",
            "SELECT claude.log_activity('test', NULL, 'reader', 'x', 'y')",
            "SELECT * FROM claude.get_recent_activity()",
            "SELECT claude.hook_session_start(gen_random_uuid(), gen_random_uuid(), 'p', NULL, 'startup', NULL, NULL)",
            "SELECT claude.evaluate_reminder_condition('true', true)",
        ]);
        foreach (var sql in refused)
            Assert.True(await SqlStateOf(login, sql) == "42501", $"not refused with 42501: {sql}");
        // A view that is not updatable fails before the privilege check (55000), either way nothing is written.
        foreach (var view in views)
            Assert.True(await SqlStateOf(login, $"DELETE FROM {view}") is "42501" or "55000", $"DELETE FROM {view} was not refused");
        Assert.Equal(before, await ContentDigestAsync());
    }

    [Fact]
    public async Task Every_gateway_function_is_refused_to_the_reader_except_pure_computations()
    {
        foreach (var f in await Sql.RowsAsync(ConnectionString, GatewayCatalog.FunctionsSql))
        {
            var allowed = await Sql.ScalarAsync<bool>(ConnectionString, $"SELECT has_function_privilege('{ReaderRole}', '{f[0]}', 'EXECUTE')");
            Assert.True(allowed == (bool)f[2]!, $"{f[0]}: claude_reader EXECUTE is {allowed}");
        }
    }
}
