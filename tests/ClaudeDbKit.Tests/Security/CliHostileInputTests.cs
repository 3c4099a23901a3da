using System.Diagnostics;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Security;

/// <summary>Hostile values in every kind of <c>claudedb</c> option, through the real process: a usage error (2), a database refusal (1) or the value stored verbatim (0); never a crash.</summary>
public sealed class CliHostileInputTests : SecurityDatabaseTest
{
    private const string Injection = "'; drop table claude.sessions; --";

    private static async Task<CliProcess.Result> RunAsync(string login, params string[] arguments)
    {
        var result = await CliProcess.RunAsync([.. arguments, "--connection", login]);
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        return result;
    }

    public static TheoryData<string, int, string[]> Cases() => new()
    {
        // text options: injection, quotes and dollar quotes, backslash, 100 KB (one argument may hold 128 KB on Linux), empty, blank
        { "text injection", 0, ["session", "list", "--project", Injection] },
        { "text dollar quotes", 1, ["registry", "values", "$$", "$fn$"] },
        { "text backslash", 1, ["registry", "values", "sessions", "\\"] },
        { "text 100 KB", 1, ["identity", "register", "--name", new string('n', 100_000), "--platform", "claude-code"] },
        { "text empty", 1, ["identity", "register", "--name", "", "--platform", "claude-code"] },
        { "text blank", 1, ["identity", "register", "--name", "   ", "--platform", "claude-code"] },
        // uuid options and arguments
        { "uuid unparsable", 2, ["identity", "touch", "not-a-uuid"] },
        { "uuid option unparsable", 2, ["session", "list", "--identity", "'; drop table claude.sessions; --"] },
        { "uuid unknown", 1, ["identity", "touch", Guid.NewGuid().ToString()] },
        // integers
        { "integer negative", 1, ["activity", "recent", "--limit", "-1"] },
        { "integer huge", 2, ["activity", "recent", "--limit", "99999999999"] },
        { "integer minimum", 1, ["activity", "recent", "--limit", "-2147483648"] },
        // timestamps
        { "timestamp unparsable", 2, ["reminder", "create", "--title", "t", "--check-after", "99999-99-99"] },
        { "timestamp far past", 1, ["reminder", "create", "--title", "t", "--check-after", "0001-01-01"] },
        { "timestamp far future", 0, ["reminder", "create", "--title", "t", "--check-after", "9999-12-31T23:59:59"] },
        // numbers that become intervals
        { "days NaN", 2, ["activity", "archive", "--older-than-days", "NaN"] },
        { "days huge", 2, ["activity", "archive", "--older-than-days", "1e300"] },
        { "days negative", 1, ["activity", "archive", "--older-than-days", "-5"] },
        { "days beyond the range", 1, ["activity", "archive", "--older-than-days", "3000000"] },
        // JSON
        { "json malformed", 1, ["jobs", "create", "--name", "j", "--type", "maintenance", "--command", "true", "--condition", "{not json"] },
        { "json injection", 1, ["jobs", "create", "--name", "j2", "--type", "maintenance", "--command", "true", "--condition", "{\"days_since_last_run\": \"'; drop table claude.sessions; --\"}"] },
        // repeatable text options
        { "text list", 0, ["knowledge", "record", "--title", "t", "--description", "d", "--type", "pattern", "--project", Injection, "--project", "$$"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_option_value_is_a_clear_error_or_stored_verbatim(string what, int exitCode, string[] arguments)
    {
        var login = await LoginAsync(AppRole, "cli");

        var result = await RunAsync(login, arguments);

        Assert.True(exitCode == result.ExitCode, $"{what}: exit {result.ExitCode}, stderr: {result.Stderr}");
        if (exitCode != 0)
            Assert.StartsWith("claudedb: ", result.Stderr, StringComparison.Ordinal);
        Assert.True(await Sql.ScalarAsync<bool>(ConnectionString, "SELECT to_regclass('claude.sessions') IS NOT NULL"));
    }

    [Fact]
    public async Task Injection_strings_given_as_options_are_stored_verbatim()
    {
        var login = await LoginAsync(AppRole, "cli");

        var identity = (await RunAsync(login, "identity", "register", "--name", Injection, "--platform", "claude-code")).Stdout.Trim();
        await RunAsync(login, "knowledge", "record", "--title", "$$ \\ '", "--description", "d", "--type", "pattern", "--project", Injection);

        Assert.Equal(Injection, await Sql.ScalarAsync<string>(ConnectionString, "SELECT identity_name FROM claude.identities WHERE identity_id = $1::uuid", identity));
        Assert.Equal([Injection], await Sql.ScalarAsync<string[]>(ConnectionString, "SELECT applies_to_projects FROM claude.knowledge WHERE title = '$$ \\ '''") ?? []);
    }

    [Fact]
    public async Task A_hook_payload_with_a_NUL_character_is_refused_naming_the_field_and_never_queued()
    {
        var login = await LoginAsync(AppRole, "hook");
        var stateDir = Path.Combine(Path.GetTempPath(), "claudedbkit-nul-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var payload = $$"""{"session_id": "{{Guid.NewGuid()}}", "cwd": "/work/a\u0000b", "hook_event_name": "SessionStart", "source": "startup"}""";
            var result = await CliProcess.RunAsync(["hook", "session-start", "--state-dir", stateDir, "--connection", login],
                new Dictionary<string, string?> { ["CLAUDE_IDENTITY"] = "nul-hook", ["CLAUDE_PROJECT_NAME"] = null }, payload);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("p_project_name contains a NUL character", result.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(stateDir, "queue.jsonl")) && (await File.ReadAllTextAsync(Path.Combine(stateDir, "queue.jsonl"))).Trim().Length > 0);
            Assert.Equal(0L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.sessions"));
        }
        finally
        {
            if (Directory.Exists(stateDir))
                Directory.Delete(stateDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("session", "list", "--project", "ab\\377\\376cd", "--project")]
    [InlineData("\\377session", "list", "--json", "", "argument 1")]
    [InlineData("registry", "values", "sessions", "st\\300", "argument 4")]
    public async Task An_argument_that_is_not_UTF8_is_a_usage_error_naming_it(string a, string b, string c, string d, string named)
    {
        // .NET cannot put bytes that are not UTF-8 into an argument list: printf in a shell makes them.
        var arguments = string.Join(" ", new[] { a, b, c, d }.Where(x => x.Length > 0).Select(x => $"\"$(printf '%b' '{x}')\""));
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet exec \"$0\" {arguments} --connection \"$1\"", Repository.CliAssembly, ConnectionString])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("is not valid UTF-8", stderr, StringComparison.Ordinal);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
    }
}
