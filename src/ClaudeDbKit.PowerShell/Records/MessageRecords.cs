using ClaudeDbKit.Client;

namespace ClaudeDbKit.PowerShell;

/// <summary>A pending message (<c>claude.get_pending_messages</c>).</summary>
public sealed class MessageRecord
{
    public const string PSTypeName = "ClaudeDbKit.Message";

    public MessageRecord(MessageInfo message)
    {
        ArgumentNullException.ThrowIfNull(message);
        MessageId = message.MessageId;
        FromSessionId = message.FromSessionId;
        ToSessionId = message.ToSessionId;
        ToProject = message.ToProject;
        MessageType = message.MessageType;
        Priority = message.Priority;
        Subject = message.Subject;
        Body = message.Body;
        Status = message.Status;
        CreatedAt = message.CreatedAt;
        ExpiresAt = message.ExpiresAt;
    }

    public Guid MessageId { get; }

    public Guid? FromSessionId { get; }

    public Guid? ToSessionId { get; }

    public string? ToProject { get; }

    public string? MessageType { get; }

    public string? Priority { get; }

    public string? Subject { get; }

    public string? Body { get; }

    public string? Status { get; }

    public DateTime? CreatedAt { get; }

    public DateTime? ExpiresAt { get; }
}

/// <summary>A message that was sent, broadcast, read or acknowledged.</summary>
public sealed class MessageChangeRecord
{
    public const string PSTypeName = "ClaudeDbKit.MessageChange";

    public MessageChangeRecord(Guid messageId, string action, string? subject = null, Guid? toSessionId = null, string? toProject = null)
    {
        MessageId = messageId;
        Action = action;
        Subject = subject;
        ToSessionId = toSessionId;
        ToProject = toProject;
    }

    public Guid MessageId { get; }

    /// <summary>Sent, Broadcast, Read or Acknowledged.</summary>
    public string Action { get; }

    public string? Subject { get; }

    public Guid? ToSessionId { get; }

    public string? ToProject { get; }
}
