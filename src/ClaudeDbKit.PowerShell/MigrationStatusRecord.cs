using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.PowerShell;

/// <summary>Where one script stands against the journal; what <c>Get-ClaudeMigration</c> writes.</summary>
public sealed class MigrationStatusRecord
{
    /// <summary>The PowerShell type name the format file's table view selects.</summary>
    public const string PSTypeName = "ClaudeDbKit.MigrationStatus";

    public MigrationStatusRecord(ScriptStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        Name = status.Name;
        Kind = status.Kind;
        State = status.State;
        Checksum = status.Checksum;
        JournalChecksum = status.JournalChecksum;
        AppliedAtUtc = status.AppliedAtUtc;
    }

    public string Name { get; }

    public ScriptKind Kind { get; }

    public ScriptState State { get; }

    /// <summary>Checksum of this build's script; empty for a script only the journal knows.</summary>
    public string? Checksum { get; }

    /// <summary>Checksum the journal recorded; empty for a pending script or one journaled by DbUp.</summary>
    public string? JournalChecksum { get; }

    public DateTime? AppliedAtUtc { get; }
}
