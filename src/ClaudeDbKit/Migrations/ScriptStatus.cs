namespace ClaudeDbKit.Migrations;

/// <summary>Where a script stands against the journal.</summary>
public enum ScriptState
{
    /// <summary>Journaled with the same checksum (or journaled by DbUp, which keeps none).</summary>
    Applied,

    /// <summary>Not journaled: the next deployment runs it.</summary>
    Pending,

    /// <summary>Journaled with another checksum: an edited migration (an error) or a function script to re-apply.</summary>
    Changed,

    /// <summary>Journaled, but this build has no script of that name (renamed, or applied by a newer build).</summary>
    Unknown,
}

/// <summary>One script's state; what <c>claudedb status</c> and <c>Get-ClaudeMigration</c> show.</summary>
public sealed record ScriptStatus(
    string Name,
    ScriptKind Kind,
    ScriptState State,
    string? Checksum,
    string? JournalChecksum,
    DateTime? AppliedAtUtc);
