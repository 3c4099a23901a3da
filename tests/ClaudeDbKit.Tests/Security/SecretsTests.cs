using System.Text.Json;
using ClaudeDbKit.Client;
using ClaudeDbKit.Connections;
using ClaudeDbKit.Local;
using ClaudeDbKit.Migrations;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Security;

/// <summary>Passwords and connection strings never appear in output, errors, progress, the hook log or the hook queue.</summary>
public sealed class SecretsTests : SecurityDatabaseTest
{
    private const string Secret = "hunter2-Secret-Value";

    private string WrongPassword => new NpgsqlConnectionStringBuilder(ConnectionString) { Password = Secret, Pooling = false }.ConnectionString;

    public static TheoryData<string> BadConnections() => new()
    {
        $"Host=127.0.0.1;Password={Secret};Port=notaport",
        $"Host=127.0.0.1;Password={Secret};Bogus=1",
        $"Host=127.0.0.1;Port=1;Username=u;Password={Secret};Database=d;Timeout=1",
        $"postgres://u:{Secret}@127.0.0.1:1/db?connect_timeout=1",
        $"postgres://u:{Secret}@[not-a-host/db",
        $"postgres://u:{Secret}@127.0.0.1:1/db?nonsense=1",
        $"Password={Secret};SSL Mode=Nonsense",
    };

    [Theory]
    [MemberData(nameof(BadConnections))]
    public async Task A_bad_connection_string_is_reported_without_its_password(string connection)
    {
        var result = await CliProcess.RunAsync(["status", "--connection", connection]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("claudedb: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_without_it_by_the_cli_the_client_and_the_runner()
    {
        var cli = await CliProcess.RunAsync(["session", "list", "--connection", WrongPassword]);
        Assert.Equal(1, cli.ExitCode);
        Assert.DoesNotContain(Secret, cli.Stdout + cli.Stderr, StringComparison.Ordinal);

        await using var client = new ClaudeDbClient(WrongPassword);
        var clientError = await Assert.ThrowsAnyAsync<Exception>(() => client.Sessions.ListAsync());
        Assert.DoesNotContain(Secret, clientError.ToString(), StringComparison.Ordinal);

        var progress = new List<string>();
        var runnerError = await Assert.ThrowsAnyAsync<Exception>(() =>
            new MigrationRunner(WrongPassword).MigrateAsync(new SynchronousProgress(progress.Add)));
        Assert.DoesNotContain(Secret, runnerError.ToString() + string.Join("\n", progress), StringComparison.Ordinal);

        // What the cmdlets print (-Verbose, errors) comes from these renderings.
        var details = ConnectionStrings.Read($"Host=h;Database=d;Username=u;Password={Secret}");
        Assert.DoesNotContain(Secret, details.Redacted + details.Description, StringComparison.Ordinal);
        var replaced = ConnectionStrings.Read("Host=h;Database=d", "alice", Secret);
        Assert.DoesNotContain(Secret, replaced.Redacted + replaced.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hook_that_cannot_log_in_keeps_the_password_out_of_its_output_log_and_queue()
    {
        var stateDir = Path.Combine(Path.GetTempPath(), "claudedbkit-secret-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var payload = JsonSerializer.Serialize(new { session_id = Guid.NewGuid(), cwd = "/x/secret-test", hook_event_name = "SessionStart", source = "startup" });
            foreach (var connection in new[] { WrongPassword, $"Host=127.0.0.1;Port=1;Username=u;Password={Secret};Database=d" })
            {
                var start = await CliProcess.RunAsync(["hook", "session-start", "--state-dir", stateDir, "--connect-timeout", "5"],
                    new Dictionary<string, string?> { ["CLAUDEDB_CONNECTION"] = connection, ["CLAUDE_IDENTITY"] = "secret-test" }, payload);
                var replay = await CliProcess.RunAsync(["hook", "replay", "--state-dir", stateDir],
                    new Dictionary<string, string?> { ["CLAUDEDB_CONNECTION"] = connection });

                Assert.Equal(0, start.ExitCode);
                Assert.DoesNotContain(Secret, start.Stdout + start.Stderr + replay.Stdout + replay.Stderr, StringComparison.Ordinal);
            }
            var files = Directory.GetFiles(stateDir, "*", SearchOption.AllDirectories);
            Assert.Contains(files, f => f.EndsWith("hook.log", StringComparison.Ordinal));
            foreach (var file in files)
                Assert.DoesNotContain(Secret, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(stateDir))
                Directory.Delete(stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_local_prints_the_connection_with_the_password_masked()
    {
        var directory = Path.Combine(Path.GetTempPath(), "claudedbkit-local-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = await CliProcess.RunAsync(["migrate", "--local", "--local-dir", directory]);

            Assert.True(result.ExitCode == 0, result.Stderr);
            using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "cluster.json")));
            var password = state.RootElement.GetProperty("Password").GetString()!;
            Assert.DoesNotContain(password, result.Stdout + result.Stderr, StringComparison.Ordinal);
            Assert.Contains("Password=********", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("cluster.json", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await new LocalCluster(directory, throwaway: true).DestroyAsync();
        }
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<MigrationProgress>
    {
        public void Report(MigrationProgress value) => report(value.Message);
    }
}
