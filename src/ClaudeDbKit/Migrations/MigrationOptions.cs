namespace ClaudeDbKit.Migrations;

/// <summary>How a deployment runs. The defaults suit a deployment by hand or from CI.</summary>
public sealed class MigrationOptions
{
    /// <summary>Where the scripts come from; the assembly's embedded copy unless a folder is given.</summary>
    public IScriptSource Scripts { get; init; } = new EmbeddedScriptSource();

    /// <summary>List what would run and change nothing (no schema, no journal, no lock).</summary>
    public bool DryRun { get; init; }

    /// <summary>Journal the new checksum of edited migrations instead of failing. The edited migration is not run again.</summary>
    public bool AcceptChangedMigrations { get; init; }

    /// <summary>How long to wait for another deployment to release the deployment lock.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>PostgreSQL <c>lock_timeout</c> for each statement: a script waiting longer for a table lock fails and rolls back instead of queueing every other client behind it.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>PostgreSQL <c>statement_timeout</c>; <see langword="null"/> means none (long data migrations must not be cut off by a client default).</summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>Name of the gateway role (default <c>claude_app</c>, or the name remembered from an earlier deployment): EXECUTE on the API functions, SELECT on the views.</summary>
    public string? AppRole { get; init; }

    /// <summary>Name of the read-only role (default <c>claude_reader</c>): SELECT on the views; reminder conditions run as <c>&lt;reader&gt;_sandbox</c>.</summary>
    public string? ReaderRole { get; init; }
}
