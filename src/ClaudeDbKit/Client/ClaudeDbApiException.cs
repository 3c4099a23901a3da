using Npgsql;

namespace ClaudeDbKit.Client;

/// <summary>
/// The database refused a call under one of its rules (SQLSTATE class CD). The message is the
/// database's own, naming the value, the rule and the fix; <see cref="Hint"/> adds what helps
/// (valid values, the option to use).
/// </summary>
public class ClaudeDbApiException : ClaudeDbException
{
    public ClaudeDbApiException(string errorId, PostgresException inner)
        : base(errorId, inner.MessageText + (string.IsNullOrEmpty(inner.Hint) ? "" : $" ({inner.Hint})"), inner)
    {
        SqlState = inner.SqlState;
        DatabaseMessage = inner.MessageText;
        Hint = inner.Hint;
    }

    public string SqlState { get; }

    public string DatabaseMessage { get; }

    public string? Hint { get; }

    /// <summary>Maps a server error to the typed exception of its SQLSTATE; null for errors outside class CD.</summary>
    public static ClaudeDbApiException? FromPostgres(PostgresException e) => e.SqlState switch
    {
        "CD001" => new InvalidValueException(e),
        "CD002" => new NotFoundException(e),
        "CD003" => new InvalidStateException(e),
        "CD004" => new ConflictException(e),
        "CD005" => new RequiredValueException(e),
        _ => null,
    };
}

/// <summary>CD001: a value outside the registry or out of range.</summary>
public sealed class InvalidValueException(PostgresException inner) : ClaudeDbApiException("InvalidValue", inner);

/// <summary>CD002: the session, identity, project, ... does not exist.</summary>
public sealed class NotFoundException(PostgresException inner) : ClaudeDbApiException("NotFound", inner);

/// <summary>CD003: the object is not in a state that allows this (ending an ended session, editing the activity feed).</summary>
public sealed class InvalidStateException(PostgresException inner) : ClaudeDbApiException("InvalidState", inner);

/// <summary>CD004: a conflict with existing data (an active session already, a name taken, a job already claimed).</summary>
public sealed class ConflictException(PostgresException inner) : ClaudeDbApiException("Conflict", inner);

/// <summary>CD005: a required value is missing (a summary when ending a session).</summary>
public sealed class RequiredValueException(PostgresException inner) : ClaudeDbApiException("RequiredValue", inner);

/// <summary>The database could not be reached or the connection broke; nothing is known to have been written.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : ClaudeDbException("DatabaseUnavailable", message, inner);
