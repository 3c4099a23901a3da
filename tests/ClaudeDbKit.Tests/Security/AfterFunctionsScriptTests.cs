using ClaudeDbKit.Migrations;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Security;

/// <summary>The <c>-- claudedbkit:after-functions</c> marker: the script runs last, and again whenever another script ran or role names were given.</summary>
public sealed class AfterFunctionsScriptTests : EmptyDatabaseTest, IDisposable
{
    private readonly ScriptFolder _scripts = new ScriptFolder()
        .Migration("0001_log.sql", "CREATE TABLE claude.runs (n serial, app_role text);")
        .Function("10_a.sql", "CREATE OR REPLACE FUNCTION claude.a() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;")
        // Named before 10_a on purpose: the marker, not the name, makes it run last.
        .Function("05_grants.sql", """
            -- claudedbkit:after-functions
            INSERT INTO claude.runs (app_role) SELECT coalesce(current_setting('claudedbkit.app_role', true), '') || '/' || count(*) FROM pg_proc WHERE proname = 'a';
            """);

    public void Dispose() => _scripts.Dispose();

    private Task<MigrationResult> MigrateAsync(string? appRole = null) =>
        new MigrationRunner(ConnectionString, new MigrationOptions { Scripts = _scripts.Source, AppRole = appRole }).MigrateAsync();

    private async Task<List<string>> RunsAsync() =>
        (await Sql.RowsAsync(ConnectionString, "SELECT app_role FROM claude.runs ORDER BY n")).Select(r => (string)r[0]!).ToList();

    [Fact]
    public void Only_a_first_line_marker_on_a_function_script_counts()
    {
        Assert.True(SqlScript.FromText("f.sql", ScriptKind.Function, "\uFEFF-- claudedbkit:after-functions\r\nSELECT 1;").RunsAfterFunctions);
        Assert.False(SqlScript.FromText("f.sql", ScriptKind.Function, "SELECT 1;\n-- claudedbkit:after-functions\n").RunsAfterFunctions);
        Assert.False(SqlScript.FromText("m.sql", ScriptKind.Migration, "-- claudedbkit:after-functions\nSELECT 1;").RunsAfterFunctions);
    }

    [Fact]
    public async Task It_runs_last_and_again_only_when_another_script_ran_or_role_names_were_given()
    {
        var first = await MigrateAsync();
        Assert.Equal(["migrations/0001_log.sql", "functions/10_a.sql", "functions/05_grants.sql"], first.Scripts.Select(s => s.Name));
        Assert.Equal(["/1"], await RunsAsync());

        Assert.Empty((await MigrateAsync()).Scripts);

        _scripts.Function("10_a.sql", "CREATE OR REPLACE FUNCTION claude.a() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;");
        Assert.Equal(["functions/10_a.sql", "functions/05_grants.sql"], (await MigrateAsync()).Scripts.Select(s => s.Name));

        var withRoles = await MigrateAsync(appRole: "my_app");
        Assert.Equal(["functions/05_grants.sql"], withRoles.Scripts.Select(s => s.Name));
        Assert.Equal(["/1", "/1", "my_app/1"], await RunsAsync());

        var dryRun = await new MigrationRunner(ConnectionString, new MigrationOptions { Scripts = _scripts.Source, DryRun = true, AppRole = "x" }).MigrateAsync();
        Assert.Equal([ScriptAction.WouldApply], dryRun.Scripts.Select(s => s.Action));
        Assert.Equal(3, (await RunsAsync()).Count);
    }
}
