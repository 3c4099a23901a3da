namespace ClaudeDbKit.Cli;

/// <summary>The command line is incomplete or contradictory; exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
