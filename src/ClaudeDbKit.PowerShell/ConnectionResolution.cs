using System.Net;
using System.Security;
using ClaudeDbKit.Connections;

namespace ClaudeDbKit.PowerShell;

/// <summary>The default connection <c>Connect-ClaudeDatabase</c> stored: the connection string and, when given, a credential.</summary>
internal sealed class ConnectionDefault
{
    public ConnectionDefault(string connectionString, string? userName, SecureString? password)
    {
        ConnectionString = connectionString;
        UserName = userName;
        Password = password;
    }

    public string ConnectionString { get; }

    public string? UserName { get; }

    /// <summary>A read-only copy of the credential's password; never turned into text except to build the Npgsql connection string.</summary>
    public SecureString? Password { get; }
}

/// <summary>A connection string ready for the core, where it came from, and how to show it without its password.</summary>
internal sealed record ResolvedConnection(string ConnectionString, string Source, string Redacted, string Description,
    string? Host, int Port, string? Database, string? Username);

/// <summary>
/// Which connection a cmdlet uses: <c>-ConnectionString</c>, else the runspace default from
/// <c>Connect-ClaudeDatabase</c>, else <c>$env:CLAUDEDB_CONNECTION</c>. A <c>-Credential</c> sets the user
/// name and password of whichever one is used; the runspace default brings its own credential when the
/// cmdlet has none. Free of PowerShell types so the tests can run it in a plain .NET host.
/// </summary>
internal static class ConnectionResolution
{
    public const string ParameterSource = "-ConnectionString";

    public const string DefaultSource = "Connect-ClaudeDatabase";

    public static string EnvironmentSource => "$env:" + ConnectionStrings.EnvironmentVariable;

    /// <summary>The error text when no source gives a connection: it names all three.</summary>
    public static string MissingMessage =>
        "No database given. Pass -ConnectionString 'Host=...;Database=...;Username=...', " +
        "or run Connect-ClaudeDatabase -ConnectionString '...' once in this session, " +
        $"or set $env:{ConnectionStrings.EnvironmentVariable}. " +
        "For a private local server, run 'claudedb --local status' once and use the connection string it prints.";

    /// <summary>The connection to use, or null when none of the three sources gives one.</summary>
    /// <exception cref="ArgumentException">The chosen value is not a connection string; the message names its source and never quotes it.</exception>
    public static ResolvedConnection? Resolve(string? parameter, ConnectionDefault? connectDefault, string? environment, string? userName, SecureString? password)
    {
        if (!string.IsNullOrWhiteSpace(parameter))
            return Apply(parameter, ParameterSource, userName, password);
        if (connectDefault is not null)
            return userName is null
                ? Apply(connectDefault.ConnectionString, DefaultSource, connectDefault.UserName, connectDefault.Password)
                : Apply(connectDefault.ConnectionString, DefaultSource, userName, password);
        if (!string.IsNullOrWhiteSpace(environment))
            return Apply(environment, EnvironmentSource, userName, password);
        return null;
    }

    /// <summary>Parses <paramref name="value"/> and puts the credential (if any) into it.</summary>
    /// <exception cref="ArgumentException">Not a connection string; the message starts with <paramref name="source"/>.</exception>
    public static ResolvedConnection Apply(string value, string source, string? userName, SecureString? password)
    {
        ConnectionDetails details;
        try
        {
            // Only strings come back: this assembly must not touch Npgsql types (see DependencyIsolation).
            details = ConnectionStrings.Read(value, userName, password is null ? null : new NetworkCredential(string.Empty, password).Password);
        }
        catch (ArgumentException e)
        {
            // ConnectionStrings.Read never quotes the value it was given, so no password reaches the message.
            throw new ArgumentException($"{source}: {e.Message}", e);
        }
        return new ResolvedConnection(details.ConnectionString, source, details.Redacted, details.Description,
            details.Host, details.Port, details.Database, details.Username);
    }
}
