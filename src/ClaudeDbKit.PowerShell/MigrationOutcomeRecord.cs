using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.PowerShell;

/// <summary>What <c>Invoke-ClaudeMigration</c> did with one script.</summary>
public sealed class MigrationOutcomeRecord
{
    /// <summary>The PowerShell type name the format file's table view selects.</summary>
    public const string PSTypeName = "ClaudeDbKit.MigrationOutcome";

    public MigrationOutcomeRecord(ScriptOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Name = outcome.Name;
        Kind = outcome.Kind;
        Action = outcome.Action;
        DurationMs = (long)outcome.Duration.TotalMilliseconds;
    }

    /// <summary>The script, e.g. <c>migrations/001_schema.sql</c>.</summary>
    public string Name { get; }

    public ScriptKind Kind { get; }

    public ScriptAction Action { get; }

    public long DurationMs { get; }
}
