namespace ClaudeDbKit.Connections;

/// <summary>
/// A parsed connection in plain values: the connection string to use, how to show it without its password,
/// and its parts. For callers that must not handle Npgsql types (the PowerShell module).
/// </summary>
/// <param name="ConnectionString">The Npgsql connection string, password included.</param>
/// <param name="Redacted">The connection string with the password masked, for verbose output and errors.</param>
/// <param name="Description">user@host:port/database, for messages.</param>
/// <param name="Host">The host, or null when the connection string names none.</param>
/// <param name="Port">The port (5432 unless given).</param>
/// <param name="Database">The database, or null when the connection string names none.</param>
/// <param name="Username">The user name (the credential's when one was given), or null.</param>
public sealed record ConnectionDetails(string ConnectionString, string Redacted, string Description, string? Host, int Port, string? Database, string? Username);
