using Npgsql;

namespace ClaudeDbKit.Connections;

/// <summary>
/// Turns what a user types (an Npgsql connection string or a <c>postgres://</c> URL) into an Npgsql
/// connection string, and renders connection strings without their secrets for messages and logs.
/// </summary>
public static class ConnectionStrings
{
    /// <summary>The environment variable the CLI and the module read when no connection is given.</summary>
    public const string EnvironmentVariable = "CLAUDEDB_CONNECTION";

    /// <summary>Parses <paramref name="value"/> as a URL (<c>postgres://</c>, <c>postgresql://</c>) or a key=value string.</summary>
    /// <exception cref="ArgumentException">The value is empty or not a connection string; the message says which form is expected.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException(
                "The connection string is empty. Give an Npgsql connection string ('Host=...;Database=...') or a URL ('postgres://user@host:5432/db').",
                nameof(value));

        var trimmed = value.Trim();
        if (trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
            trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return FromUrl(trimmed);

        try
        {
            return new NpgsqlConnectionStringBuilder(trimmed);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"The connection string could not be read ({e.Message}). Give an Npgsql connection string ('Host=...;Database=...') or a URL ('postgres://user@host:5432/db').",
                nameof(value), e);
        }
    }

    /// <summary>
    /// Parses <paramref name="value"/> as <see cref="Parse"/> does and, when <paramref name="userName"/> is given,
    /// replaces the user name and password with it and <paramref name="password"/> (none when null). Only
    /// strings come back: the PowerShell module loads Npgsql in a load context of its own, so no Npgsql type
    /// may cross into the cmdlets.
    /// </summary>
    /// <exception cref="ArgumentException">The value is empty or not a connection string; the message never quotes it.</exception>
    public static ConnectionDetails Read(string value, string? userName = null, string? password = null)
    {
        var builder = Parse(value);
        if (!string.IsNullOrEmpty(userName))
        {
            builder.Username = userName;
            builder.Password = password;
        }
        return new ConnectionDetails(builder.ConnectionString, Redact(builder), Describe(builder), builder.Host, builder.Port, builder.Database, builder.Username);
    }

    /// <summary>The connection string with its password (if any) replaced, safe for errors and verbose output.</summary>
    public static string Redact(NpgsqlConnectionStringBuilder builder)
    {
        var copy = new NpgsqlConnectionStringBuilder(builder.ConnectionString);
        if (!string.IsNullOrEmpty(copy.Password))
            copy.Password = "********";
        return copy.ConnectionString;
    }

    /// <summary>A short description (host, port, database, user) for progress messages; never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Username ?? "(default user)"}@{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? "(default database)"}";

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        Uri uri;
        try
        {
            // Uri does not know the postgres scheme's default port, so an absent port stays -1.
            uri = new Uri(url);
        }
        catch (UriFormatException e)
        {
            throw new ArgumentException(
                $"The connection URL could not be read ({e.Message}). Expected postgres://user:password@host:port/database?option=value.",
                nameof(url), e);
        }

        var builder = new NpgsqlConnectionStringBuilder();
        if (!string.IsNullOrEmpty(uri.Host))
            builder.Host = uri.Host.Trim('[', ']');
        if (uri.Port > 0)
            builder.Port = uri.Port;

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var separator = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            if (separator >= 0)
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
            builder.Database = database;

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            try
            {
                builder[MapUrlKeyword(key)] = value;
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The connection URL option '{key}' is not known to Npgsql ({e.Message}). Expected postgres://user:password@host:port/database?option=value with Npgsql option names (sslmode, application_name and connect_timeout are also understood).", nameof(url), e);
            }
        }

        return builder;
    }

    // libpq spells a few options differently from Npgsql.
    private static string MapUrlKeyword(string key) => key.ToLowerInvariant() switch
    {
        "sslmode" => "SSL Mode",
        "connect_timeout" => "Timeout",
        "application_name" => "Application Name",
        "options" => "Options",
        _ => key,
    };
}
