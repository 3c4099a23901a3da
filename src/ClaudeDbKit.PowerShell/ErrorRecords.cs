using System.Management.Automation;
using Npgsql;

namespace ClaudeDbKit.PowerShell;

/// <summary>Turns the toolkit's and Npgsql's exceptions into error records with stable error ids and fitting categories.</summary>
internal static class ErrorRecords
{
    /// <summary>The error id of a server that could not be reached or refused the login.</summary>
    public const string ConnectionFailedErrorId = "ConnectionFailed";

    /// <summary>The error id of any other error PostgreSQL reported.</summary>
    public const string DatabaseErrorId = "DatabaseError";

    /// <summary>The error id of a -ScriptsPath without migrations/ or functions/.</summary>
    public const string ScriptsNotFoundErrorId = "ScriptsNotFound";

    public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target, Exception? exception = null) =>
        new(exception ?? new InvalidOperationException(message), errorId, category, target)
        {
            ErrorDetails = new ErrorDetails(message),
        };

    /// <summary>An error record for the exceptions the core and Npgsql raise on purpose; <see langword="null"/> for anything else (a bug: let it surface as it is).</summary>
    /// <param name="connection">user@host:port/database (never a password), the record's target.</param>
    public static ErrorRecord? TryCreate(Exception exception, string connection) => exception switch
    {
        ClaudeDbException e => Create(e.ErrorId, CategoryOf(e.ErrorId), e.Message, connection, e),
        PostgresException e when IsConnectionFailure(e.SqlState) =>
            Create(ConnectionFailedErrorId, e.SqlState.StartsWith("28", StringComparison.Ordinal) ? ErrorCategory.AuthenticationError : ErrorCategory.ConnectionError,
                $"{connection}: {e.SqlState}: {e.MessageText}", connection, e),
        PostgresException e =>
            Create(DatabaseErrorId, e.SqlState == PostgresErrorCodes.InsufficientPrivilege ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidOperation,
                $"{connection}: {e.SqlState}: {e.MessageText}{(string.IsNullOrEmpty(e.Hint) ? "" : $" HINT: {e.Hint}")}", connection, e),
        NpgsqlException e =>
            Create(ConnectionFailedErrorId, ErrorCategory.ConnectionError,
                $"Could not reach {connection}: {e.Message}{(e.InnerException is null ? "" : $" ({e.InnerException.Message})")}", connection, e),
        DirectoryNotFoundException e => Create(ScriptsNotFoundErrorId, ErrorCategory.ObjectNotFound, e.Message, null, e),
        _ => null,
    };

    /// <summary>The category for a <see cref="ClaudeDbException.ErrorId"/>.</summary>
    public static ErrorCategory CategoryOf(string errorId) => errorId switch
    {
        "MigrationChanged" => ErrorCategory.InvalidData,
        "MigrationLockTimeout" => ErrorCategory.ResourceBusy,
        "MigrationFailed" => ErrorCategory.InvalidOperation,
        "PostgresNotInstalled" => ErrorCategory.NotInstalled,
        _ => ErrorCategory.InvalidOperation,
    };

    // 08: connection exception; 28: invalid authorization; 3D000: no such database;
    // 57P03: the server is starting up or shutting down; 53300: too many connections.
    private static bool IsConnectionFailure(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) ||
        sqlState.StartsWith("28", StringComparison.Ordinal) ||
        sqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
}
