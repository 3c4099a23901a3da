using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using System.Security;
using ClaudeDbKit.Client;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.PowerShellModule;

/// <summary>
/// The module's PowerShell-free logic, run for real: the cmdlet assembly is loaded into its own
/// AssemblyLoadContext with the PowerShellStandard stub as System.Management.Automation (its methods do
/// nothing, but its enums such as ErrorCategory are real), and its internal helpers are called by reflection.
/// Covers what no metadata check can: the connection resolution order, credentials, password hiding, the
/// SQLSTATE to ErrorCategory mapping, and hashtable to JSON.
/// </summary>
public sealed class ModuleRuntimeTests : IDisposable
{
    private const string Secret = "s3cret-pw";
    private readonly AssemblyLoadContext _context = new("ClaudeDbKit.PowerShell under test", isCollectible: true);
    private readonly Assembly _module;

    public ModuleRuntimeTests()
    {
        var stub = ModuleContractTests.ModuleFixture.PowerShellStandardReference();
        _context.Resolving += (context, name) => name.Name == "System.Management.Automation" ? context.LoadFromAssemblyPath(stub) : null;
        _module = _context.LoadFromAssemblyPath(ModuleContractTests.ModuleFixture.ModulePath);
    }

    public void Dispose() => _context.Unload();

    [Fact]
    public void ConnectionString_wins_over_the_Connect_default_which_wins_over_the_environment()
    {
        var fromDefault = Default("Host=default-host;Database=d");

        Assert.Equal("-ConnectionString", Source(Resolve("Host=param-host;Database=d", fromDefault, "Host=env-host;Database=d")));
        Assert.Equal("Connect-ClaudeDatabase", Source(Resolve(null, fromDefault, "Host=env-host;Database=d")));
        Assert.Equal("$env:CLAUDEDB_CONNECTION", Source(Resolve(null, null, "Host=env-host;Database=d")));
        Assert.Contains("Host=env-host", Text(Resolve("  ", null, "Host=env-host;Database=d"), "ConnectionString"), StringComparison.Ordinal);
        Assert.Null(Resolve(null, null, null));
    }

    [Fact]
    public void The_missing_connection_message_names_all_three_ways_to_give_one()
    {
        var message = (string)Type("ConnectionResolution").GetProperty("MissingMessage")!.GetValue(null)!;

        Assert.Contains("-ConnectionString", message, StringComparison.Ordinal);
        Assert.Contains("Connect-ClaudeDatabase", message, StringComparison.Ordinal);
        Assert.Contains("$env:CLAUDEDB_CONNECTION", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Credential_sets_user_and_password_and_neither_password_appears_in_what_is_shown()
    {
        var resolved = Resolve($"Host=h;Database=d;Username=old;Password=old-{Secret}", null, null, "alice", Secret);

        var builder = new NpgsqlConnectionStringBuilder(Text(resolved, "ConnectionString"));
        Assert.Equal("alice", builder.Username);
        Assert.Equal(Secret, builder.Password);
        Assert.DoesNotContain(Secret, Text(resolved, "Redacted"), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, Text(resolved, "Description"), StringComparison.Ordinal);
        Assert.Contains("alice@h", Text(resolved, "Description"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_Connect_default_brings_its_credential_unless_the_cmdlet_has_its_own()
    {
        var fromDefault = Default("Host=h;Database=d", "stored", "stored-" + Secret);

        Assert.Equal("stored", new NpgsqlConnectionStringBuilder(Text(Resolve(null, fromDefault, null), "ConnectionString")).Username);
        Assert.Equal("mine", new NpgsqlConnectionStringBuilder(Text(Resolve(null, fromDefault, null, "mine", Secret), "ConnectionString")).Username);
        // A -ConnectionString of its own does not borrow the default's credential.
        Assert.Null(new NpgsqlConnectionStringBuilder(Text(Resolve("Host=other;Database=d", fromDefault, null), "ConnectionString")).Username);
    }

    [Fact]
    public void An_unreadable_connection_string_is_reported_with_its_source_and_without_its_password()
    {
        var error = Assert.Throws<TargetInvocationException>(() => Resolve($"postgres://u:{Secret}@host:notaport/db", null, null));

        var argument = Assert.IsType<ArgumentException>(error.InnerException);
        Assert.StartsWith("-ConnectionString:", argument.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, argument.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CD001", "InvalidArgument", "InvalidValue")]
    [InlineData("CD002", "ObjectNotFound", "NotFound")]
    [InlineData("CD003", "InvalidOperation", "InvalidState")]
    [InlineData("CD004", "ResourceExists", "Conflict")]
    [InlineData("CD005", "InvalidData", "RequiredValue")]
    public void An_API_error_gets_its_category_from_the_SQLSTATE_and_keeps_its_error_id(string sqlState, string category, string errorId)
    {
        var exception = ClaudeDbApiException.FromPostgres(new PostgresException("session 7 does not exist", "ERROR", "ERROR", sqlState))!;

        Assert.Equal(errorId, exception.ErrorId);
        Assert.Equal(category, ErrorRecords("CategoryOf", [typeof(ClaudeDbException)], exception)!.ToString());
    }

    [Fact]
    public void An_unreachable_database_is_a_ConnectionError()
    {
        var exception = new DatabaseUnavailableException("The database could not be reached: refused", new InvalidOperationException("refused"));

        Assert.Equal("ConnectionError", ErrorRecords("CategoryOf", [typeof(ClaudeDbException)], exception)!.ToString());
    }

    [Fact]
    public void An_API_errors_details_are_the_database_message_and_its_hint_as_recommended_action()
    {
        var withHint = ClaudeDbApiException.FromPostgres(new PostgresException("priority 'hi' is not valid for messages.priority", "ERROR", "ERROR", "CD001",
            hint: "Valid values: low, normal, high, urgent."))!;
        var withoutHint = ClaudeDbApiException.FromPostgres(new PostgresException("session 7 does not exist", "ERROR", "ERROR", "CD002"))!;

        var (message, action) = ((string, string?))ErrorRecords("DetailsOf", [typeof(ClaudeDbApiException)], withHint)!;
        Assert.Equal("priority 'hi' is not valid for messages.priority", message);
        Assert.Equal("Valid values: low, normal, high, urgent.", action);
        Assert.Null((((string, string?))ErrorRecords("DetailsOf", [typeof(ClaudeDbApiException)], withoutHint)!).Item2);
    }

    [Fact]
    public void A_hashtable_becomes_the_JSON_object_a_jsonb_argument_takes()
    {
        var updates = new Hashtable { ["title"] = "New \"title\"", ["confidence_level"] = 8, ["applies_to_projects"] = new object[] { "a", "b" }, ["nested"] = new Hashtable { ["ok"] = true, ["none"] = null } };

        var json = (string)Type("JsonText").GetMethod("FromDictionary")!.Invoke(null, [updates])!;

        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("New \"title\"", root.GetProperty("title").GetString());
        Assert.Equal(8, root.GetProperty("confidence_level").GetInt32());
        Assert.Equal(["a", "b"], root.GetProperty("applies_to_projects").EnumerateArray().Select(e => e.GetString()));
        Assert.True(root.GetProperty("nested").GetProperty("ok").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("nested").GetProperty("none").ValueKind);
    }

    [Fact]
    public void The_runspace_default_is_set_read_and_forgotten()
    {
        // Under the stub there is no runspace (Runspace.DefaultRunspace is null), so this exercises the
        // process-wide fallback slot; the per-runspace table needs pwsh (tests/pester covers it).
        var connections = Type("RunspaceConnections");
        var current = connections.GetProperty("Current")!;
        var value = Default("Host=h;Database=d");

        connections.GetMethod("Set")!.Invoke(null, [value]);
        Assert.Same(value, current.GetValue(null));
        Assert.Same(value, connections.GetMethod("Remove")!.Invoke(null, null));
        Assert.Null(current.GetValue(null));
    }

    private Type Type(string name) => _module.GetType("ClaudeDbKit.PowerShell." + name, throwOnError: true)!;

    private object Default(string connectionString, string? user = null, string? password = null) =>
        Activator.CreateInstance(Type("ConnectionDefault"), connectionString, user, Secure(password))!;

    private object? Resolve(string? parameter, object? connectDefault, string? environment, string? user = null, string? password = null) =>
        Type("ConnectionResolution").GetMethod("Resolve")!.Invoke(null, [parameter, connectDefault, environment, user, Secure(password)]);

    private object? ErrorRecords(string method, Type[] parameterTypes, object argument) =>
        Type("ErrorRecords").GetMethod(method, parameterTypes)!.Invoke(null, [argument]);

    private static string Source(object? resolved) => Text(resolved, "Source");

    private static string Text(object? resolved, string property)
    {
        Assert.NotNull(resolved);
        return (string)resolved.GetType().GetProperty(property)!.GetValue(resolved)!;
    }

    private static SecureString? Secure(string? text)
    {
        if (text is null)
            return null;
        var secure = new SecureString();
        foreach (var c in text)
            secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }
}
