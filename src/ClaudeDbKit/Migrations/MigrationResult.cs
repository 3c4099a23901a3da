namespace ClaudeDbKit.Migrations;

/// <summary>What a deployment did (or, in a dry run, would do) with one script.</summary>
public enum ScriptAction
{
    Applied,
    /// <summary>An edited migration whose new checksum was journaled without running it.</summary>
    Accepted,
    WouldApply,
    WouldAccept,
}

public sealed record ScriptOutcome(string Name, ScriptKind Kind, ScriptAction Action, TimeSpan Duration);

/// <summary>The result of <see cref="MigrationRunner.MigrateAsync"/>.</summary>
public sealed record MigrationResult(bool DryRun, IReadOnlyList<ScriptOutcome> Scripts, IReadOnlyList<ScriptStatus> Status)
{
    public bool ChangedAnything => !DryRun && Scripts.Count > 0;
}

/// <summary>A progress report: a message and how far the deployment is.</summary>
public sealed record MigrationProgress(string Message, string? ScriptName, int Completed, int Total);
