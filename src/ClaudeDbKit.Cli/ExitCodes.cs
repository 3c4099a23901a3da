namespace ClaudeDbKit.Cli;

/// <summary>What <c>claudedb</c> returns: scripts and hooks rely on these.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
