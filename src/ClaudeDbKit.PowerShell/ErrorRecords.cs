using System.Management.Automation;
using ClaudeDbKit.Client;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// Turns the toolkit's and Npgsql's exceptions into error records with stable error ids and fitting categories.
/// Npgsql's exceptions are read through <see cref="DatabaseFailure"/>: this assembly must not reference Npgsql
/// (see <see cref="DependencyIsolation"/>).
/// </summary>
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

    /// <summary>
    /// The error record of a call the database refused under one of its rules (SQLSTATE class CD): error id
    /// = the exception's (InvalidValue, NotFound, ...), category from the SQLSTATE, the database's message
    /// as ErrorDetails and its hint as RecommendedAction; the target is the item the call was about.
    /// </summary>
    public static ErrorRecord FromApiException(ClaudeDbApiException exception, object? target)
    {
        var (message, recommendedAction) = DetailsOf(exception);
        return new ErrorRecord(exception, exception.ErrorId, CategoryOf(exception), target)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction },
        };
    }

    /// <summary>What the error record shows: the database's own message, and its hint as the recommended action.</summary>
    public static (string Message, string? RecommendedAction) DetailsOf(ClaudeDbApiException exception) =>
        (exception.DatabaseMessage, string.IsNullOrEmpty(exception.Hint) ? null : exception.Hint);

    /// <summary>An error record for the exceptions the core and Npgsql raise on purpose; <see langword="null"/> for anything else (a bug: let it surface as it is).</summary>
    /// <param name="connection">user@host:port/database (never a password), the target of connection and database errors.</param>
    /// <param name="item">The item a per-item call was about; the target of a refused call.</param>
    public static ErrorRecord? TryCreate(Exception exception, string connection, object? item = null) => exception switch
    {
        ClaudeDbApiException e => FromApiException(e, item),
        // The same error id as a connection failure the migration runner reports (a raw Npgsql exception below).
        DatabaseUnavailableException e => Create(ConnectionFailedErrorId, CategoryOf(e), $"Could not reach {connection}: {e.Message}", connection, e),
        ClaudeDbException e => Create(e.ErrorId, CategoryOf(e), e.Message, connection, e),
        _ when DatabaseFailure.Of(exception) is { } failure => FromDatabaseFailure(failure, connection, exception),
        DirectoryNotFoundException e => Create(ScriptsNotFoundErrorId, ErrorCategory.ObjectNotFound, e.Message, null, e),
        _ => null,
    };

    /// <summary>The category of a toolkit exception: from the SQLSTATE for refused API calls, ConnectionError for an unreachable database.</summary>
    public static ErrorCategory CategoryOf(ClaudeDbException exception) => exception switch
    {
        ClaudeDbApiException e => CategoryOfSqlState(e.SqlState),
        DatabaseUnavailableException => ErrorCategory.ConnectionError,
        _ => CategoryOf(exception.ErrorId),
    };

    /// <summary>The category of an API error's SQLSTATE (design.md's CD class).</summary>
    public static ErrorCategory CategoryOfSqlState(string sqlState) => sqlState switch
    {
        "CD001" => ErrorCategory.InvalidArgument,
        "CD002" => ErrorCategory.ObjectNotFound,
        "CD003" => ErrorCategory.InvalidOperation,
        "CD004" => ErrorCategory.ResourceExists,
        "CD005" => ErrorCategory.InvalidData,
        _ => ErrorCategory.InvalidOperation,
    };

    /// <summary>The category for a <see cref="ClaudeDbException.ErrorId"/> of the migration runner and the local server.</summary>
    public static ErrorCategory CategoryOf(string errorId) => errorId switch
    {
        "MigrationChanged" => ErrorCategory.InvalidData,
        "MigrationLockTimeout" => ErrorCategory.ResourceBusy,
        "MigrationFailed" => ErrorCategory.InvalidOperation,
        "PostgresNotInstalled" => ErrorCategory.NotInstalled,
        _ => ErrorCategory.InvalidOperation,
    };

    /// <summary>An Npgsql failure: ConnectionFailed when the server was not reached or refused the login, DatabaseError otherwise.</summary>
    public static ErrorRecord FromDatabaseFailure(DatabaseFailure failure, string connection, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var message = failure.SqlState is null ? $"Could not reach {connection}: {failure.Message}" : $"{connection}: {failure.Message}";
        return failure.Kind switch
        {
            DatabaseFailureKind.Unreachable => Create(ConnectionFailedErrorId, ErrorCategory.ConnectionError, message, connection, exception),
            DatabaseFailureKind.LoginRefused => Create(ConnectionFailedErrorId, ErrorCategory.AuthenticationError, message, connection, exception),
            DatabaseFailureKind.PermissionDenied => Create(DatabaseErrorId, ErrorCategory.PermissionDenied, message, connection, exception),
            _ => Create(DatabaseErrorId, ErrorCategory.InvalidOperation, message, connection, exception),
        };
    }
}
