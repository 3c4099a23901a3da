namespace ClaudeDbKit;

/// <summary>Base of every error the toolkit raises on purpose; <see cref="ErrorId"/> is stable for scripts and error records.</summary>
public class ClaudeDbException : Exception
{
    public ClaudeDbException(string errorId, string message, Exception? innerException = null)
        : base(message, innerException) => ErrorId = errorId;

    /// <summary>A stable identifier such as <c>MigrationFailed</c>; PowerShell error records use it as their FullyQualifiedErrorId.</summary>
    public string ErrorId { get; }
}
