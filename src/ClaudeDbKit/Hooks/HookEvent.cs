namespace ClaudeDbKit.Hooks;

/// <summary>The Claude Code hook events the toolkit records.</summary>
public enum HookEvent
{
    SessionStart,
    SessionEnd,
    SubagentStart,
    SubagentStop,
}
