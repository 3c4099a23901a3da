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
}
