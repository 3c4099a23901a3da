using Npgsql;

namespace ClaudeDbKit;

/// <summary>What a failed database call means to the caller.</summary>
public enum DatabaseFailureKind
{
    /// <summary>No server answered, it is starting or full, the connection broke, or the database does not exist.</summary>
    Unreachable,

    /// <summary>The server refused the login (SQLSTATE class 28).</summary>
    LoginRefused,

    /// <summary>The role lacks a privilege (42501).</summary>
    PermissionDenied,

    /// <summary>Any other error the server reported.</summary>
    ServerError,
}

/// <summary>
/// An Npgsql exception told in plain values. The PowerShell module loads Npgsql in a load context of its
/// own and so may not name Npgsql types; its cmdlets learn what went wrong through this instead.
/// </summary>
/// <param name="Kind">What the failure means to the caller.</param>
/// <param name="SqlState">The server's SQLSTATE; null when the failure happened before any server answered.</param>
/// <param name="Message">The SQLSTATE and the server's message and hint, or the client's message and its cause; never a password.</param>
public sealed record DatabaseFailure(DatabaseFailureKind Kind, string? SqlState, string Message)
{
    /// <summary>The failure an Npgsql exception reports; null for any other exception.</summary>
    public static DatabaseFailure? Of(Exception exception) => exception switch
    {
        PostgresException e when IsConnectionFailure(e.SqlState) =>
            new(e.SqlState.StartsWith("28", StringComparison.Ordinal) ? DatabaseFailureKind.LoginRefused : DatabaseFailureKind.Unreachable,
                e.SqlState, $"{e.SqlState}: {e.MessageText}"),
        PostgresException e =>
            new(e.SqlState == PostgresErrorCodes.InsufficientPrivilege ? DatabaseFailureKind.PermissionDenied : DatabaseFailureKind.ServerError,
                e.SqlState, $"{e.SqlState}: {e.MessageText}{(string.IsNullOrEmpty(e.Hint) ? "" : $" HINT: {e.Hint}")}"),
        NpgsqlException e =>
            new(DatabaseFailureKind.Unreachable, null, $"{e.Message}{(e.InnerException is null ? "" : $" ({e.InnerException.Message})")}"),
        _ => null,
    };

    // 08: connection exception; 28: invalid authorization; 3D000: no such database;
    // 57P03: the server is starting up or shutting down; 53300: too many connections.
    private static bool IsConnectionFailure(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) ||
        sqlState.StartsWith("28", StringComparison.Ordinal) ||
        sqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
}
