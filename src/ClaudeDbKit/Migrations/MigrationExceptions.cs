using Npgsql;

namespace ClaudeDbKit.Migrations;

/// <summary>A script failed; it was rolled back (unless it runs outside a transaction) and nothing after it ran.</summary>
public sealed class MigrationScriptException : ClaudeDbException
{
    public MigrationScriptException(string scriptName, int line, int column, PostgresException inner)
        : base("MigrationFailed", Format(scriptName, line, column, inner), inner)
    {
        ScriptName = scriptName;
        Line = line;
        Column = column;
        SqlState = inner.SqlState;
    }

    public string ScriptName { get; }

    /// <summary>1-based line in the script where PostgreSQL places the error.</summary>
    public int Line { get; }

    public int Column { get; }

    public string SqlState { get; }

    private static string Format(string scriptName, int line, int column, PostgresException e)
    {
        var message = $"{scriptName} failed at line {line}, column {column}: {e.SqlState}: {e.MessageText}";
        if (!string.IsNullOrEmpty(e.Detail)) message += $"{Environment.NewLine}DETAIL: {e.Detail}";
        if (!string.IsNullOrEmpty(e.Hint)) message += $"{Environment.NewLine}HINT: {e.Hint}";
        if (!string.IsNullOrEmpty(e.Where)) message += $"{Environment.NewLine}WHERE: {e.Where}";
        return message;
    }
}

/// <summary>Applied migrations were edited after they ran; nothing was applied.</summary>
public sealed class ChangedMigrationsException : ClaudeDbException
{
    public ChangedMigrationsException(IReadOnlyList<string> scriptNames)
        : base("MigrationChanged",
            $"Applied migration(s) changed since they ran: {string.Join(", ", scriptNames)}. A migration runs once; " +
            "put the change in a new migration and restore the original file, or accept the edit explicitly " +
            "(claudedb migrate --accept-changed, Invoke-ClaudeMigration -AcceptChangedMigration) if it changes nothing in effect. Nothing was applied.")
        => ScriptNames = scriptNames;

    public IReadOnlyList<string> ScriptNames { get; }
}

/// <summary>Another deployment held the lock for longer than the configured wait.</summary>
public sealed class DeploymentLockTimeoutException : ClaudeDbException
{
    public DeploymentLockTimeoutException(TimeSpan waited, string holder)
        : base("MigrationLockTimeout",
            $"Another deployment ({holder}) held the migration lock for {waited.TotalSeconds:0} s. Wait for it to finish, " +
            "or raise the wait (claudedb migrate --lock-wait, Invoke-ClaudeMigration -LockWaitSeconds). Nothing was applied.")
    { }
}
