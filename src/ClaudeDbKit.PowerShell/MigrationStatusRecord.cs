using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.PowerShell;

/// <summary>Where one script stands against the journal; what <c>Get-ClaudeMigration</c> writes.</summary>
public sealed class MigrationStatusRecord
{
    /// <summary>The PowerShell type name the format file's table view selects.</summary>
    public const string PSTypeName = "ClaudeDbKit.MigrationStatus";

    // The core's record, not copies of its enums: PowerShell loads every public type of the module before
    // the module's initializer runs, and a field of a core enum type would need the core at that point
    // (see DependencyIsolation). A reference to a core class does not.
    private readonly ScriptStatus _status;

    public MigrationStatusRecord(ScriptStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        _status = status;
    }

    public string Name => _status.Name;

    public ScriptKind Kind => _status.Kind;

    public ScriptState State => _status.State;

    /// <summary>Checksum of this build's script; empty for a script only the journal knows.</summary>
    public string? Checksum => _status.Checksum;

    /// <summary>Checksum the journal recorded; empty for a pending script or one journaled by DbUp.</summary>
    public string? JournalChecksum => _status.JournalChecksum;

    public DateTime? AppliedAtUtc => _status.AppliedAtUtc;
}
