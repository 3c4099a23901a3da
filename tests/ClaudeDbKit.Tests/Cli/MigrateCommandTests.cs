using System.Text.Json;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Cli;

public sealed class MigrateCommandTests : EmptyDatabaseTest, IDisposable
{
    private readonly ScriptFolder _scripts = new ScriptFolder()
        .Migration("0001_a.sql", "CREATE TABLE claude.a (id int);")
        .Migration("0002_slow.sql", "SELECT pg_sleep(0.5); CREATE TABLE claude.b (id int);")
        .Function("f.sql", "CREATE OR REPLACE FUNCTION claude.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;");

    public void Dispose() => _scripts.Dispose();

    [Fact]
    public async Task Migrate_writes_results_to_stdout_progress_to_stderr_and_exits_0()
    {
        var result = await CliProcess.RunAsync(["migrate", "--connection", ConnectionString, "--scripts-path", _scripts.Root, "--json"]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(3, json.RootElement.GetProperty("scripts").GetArrayLength());
        Assert.All(json.RootElement.GetProperty("status").EnumerateArray(), s => Assert.Equal("applied", s.GetProperty("state").GetString()));
        Assert.Contains("Applying migrations/0001_a.sql", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Applying", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_can_come_from_the_environment_as_a_url()
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        var url = $"postgres://{b.Username}:{Uri.EscapeDataString(b.Password!)}@{b.Host}:{b.Port}/{b.Database}";

        var result = await CliProcess.RunAsync(["status", "--scripts-path", _scripts.Root], new Dictionary<string, string?> { ["CLAUDEDB_CONNECTION"] = url });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0 applied, 3 pending", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_lists_scripts_and_changes_nothing()
    {
        var result = await CliProcess.RunAsync(["migrate", "--dry-run", "--connection", ConnectionString, "--scripts-path", _scripts.Root]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("would apply   migrations/0002_slow.sql", result.Stdout, StringComparison.Ordinal);
        Assert.Null(await Sql.ScalarAsync<string>(ConnectionString, "SELECT to_regnamespace('claude')::text"));
    }

    [Fact]
    public async Task Two_processes_started_together_both_succeed_and_journal_each_script_once()
    {
        string[] args = ["migrate", "--connection", ConnectionString, "--scripts-path", _scripts.Root];

        var results = await Task.WhenAll(CliProcess.RunAsync(args), CliProcess.RunAsync(args));

        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        var counts = await Sql.RowsAsync(ConnectionString, "SELECT scriptname, count(*) FROM claude.schemaversions GROUP BY 1");
        Assert.Equal(3, counts.Count);
        Assert.All(counts, c => Assert.Equal(1L, c[1]));
    }

    [Fact]
    public async Task A_failing_script_exits_1_and_names_script_and_line()
    {
        _scripts.Migration("0003_bad.sql", "SELECT 1;\nSELEC 2;");

        var result = await CliProcess.RunAsync(["migrate", "--connection", ConnectionString, "--scripts-path", _scripts.Root]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("migrations/0003_bad.sql failed at line 2, column 1", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.schemaversions WHERE scriptname LIKE '%0003%'"));
    }

    [Fact]
    public async Task Usage_errors_exit_2_and_say_how_to_fix_them()
    {
        var noConnection = await CliProcess.RunAsync(["status"]);
        var unknownOption = await CliProcess.RunAsync(["migrate", "--no-such-option"]);
        var badUrl = await CliProcess.RunAsync(["status", "--connection", "postgres://h/db?bogus=1"]);

        Assert.Equal(2, noConnection.ExitCode);
        Assert.Contains("--connection", noConnection.Stderr, StringComparison.Ordinal);
        Assert.Contains("CLAUDEDB_CONNECTION", noConnection.Stderr, StringComparison.Ordinal);
        Assert.Contains("--local", noConnection.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unknownOption.ExitCode);
        Assert.Contains("--no-such-option", unknownOption.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badUrl.ExitCode);
        Assert.Contains("bogus", badUrl.Stderr, StringComparison.Ordinal);
        Assert.Empty(noConnection.Stdout + unknownOption.Stdout + badUrl.Stdout);
    }
}
