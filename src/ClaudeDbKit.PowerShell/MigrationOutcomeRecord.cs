using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.PowerShell;

/// <summary>What <c>Invoke-ClaudeMigration</c> did with one script.</summary>
public sealed class MigrationOutcomeRecord
{
    /// <summary>The PowerShell type name the format file's table view selects.</summary>
    public const string PSTypeName = "ClaudeDbKit.MigrationOutcome";

    // The core's record, not copies of its enums: see MigrationStatusRecord.
    private readonly ScriptOutcome _outcome;

    public MigrationOutcomeRecord(ScriptOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _outcome = outcome;
    }

    /// <summary>The script, e.g. <c>migrations/001_schema.sql</c>.</summary>
    public string Name => _outcome.Name;

    public ScriptKind Kind => _outcome.Kind;

    public ScriptAction Action => _outcome.Action;

    public long DurationMs => (long)_outcome.Duration.TotalMilliseconds;
}
