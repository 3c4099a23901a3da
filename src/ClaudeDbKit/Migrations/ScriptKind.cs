namespace ClaudeDbKit.Migrations;

/// <summary>How the runner treats a script.</summary>
public enum ScriptKind
{
    /// <summary>From <c>migrations/</c>: runs once; editing it after it ran is an error.</summary>
    Migration,

    /// <summary>From <c>functions/</c>: repeatable; runs again whenever its content changes.</summary>
    Function,
}
