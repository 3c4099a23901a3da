using System.Management.Automation;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Sends a direct message from one session to another.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Send, "ClaudeMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(MessageChangeRecord))]
[ClaudeApiFunction("send_message")]
public sealed class SendClaudeMessageCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, HelpMessage = "The id of the sending session.")]
    public Guid FromSessionId { get; set; }

    /// <summary>The receiving session; piped sessions each get the message.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the receiving session.")]
    [Alias("SessionId")]
    public Guid ToSessionId { get; set; }

    [Parameter(Mandatory = true, Position = 0, HelpMessage = "The message's subject (at most 200 characters).")]
    public string Subject { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, HelpMessage = "The message's text.")]
    public string Body { get; set; } = "";

    [Parameter]
    public string MessageType { get; set; } = "notification";

    [Parameter]
    public string Priority { get; set; } = "normal";

    [Parameter]
    public int ExpiresInDays { get; set; } = 7;

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"session {ToSessionId}", $"Send '{Subject}'") &&
            TryInvoke((c, ct) => c.Messages.SendAsync(FromSessionId, ToSessionId, Subject, Body, MessageType, Priority, ExpiresInDays, ct), ToSessionId, out var messageId))
            WriteRecord(new MessageChangeRecord(messageId, "Sent", Subject, ToSessionId));
    }
}

/// <summary>
/// <para type="synopsis">Broadcasts a message to every session of a project.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Send, "ClaudeBroadcast", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(MessageChangeRecord))]
[ClaudeApiFunction("broadcast_to_project")]
public sealed class SendClaudeBroadcastCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, HelpMessage = "The id of the sending session.")]
    public Guid FromSessionId { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The project whose sessions get the message.")]
    public string ProjectName { get; set; } = "";

    [Parameter(Mandatory = true, Position = 0, HelpMessage = "The message's subject (at most 200 characters).")]
    public string Subject { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, HelpMessage = "The message's text.")]
    public string Body { get; set; } = "";

    [Parameter]
    public string MessageType { get; set; } = "broadcast";

    [Parameter]
    public string Priority { get; set; } = "normal";

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"project {ProjectName}", $"Broadcast '{Subject}'") &&
            TryInvoke((c, ct) => c.Messages.BroadcastAsync(FromSessionId, ProjectName, Subject, Body, MessageType, Priority, ct), ProjectName, out var messageId))
            WriteRecord(new MessageChangeRecord(messageId, "Broadcast", Subject, toProject: ProjectName));
    }
}

/// <summary>
/// <para type="synopsis">Lists pending, unexpired messages to a session and broadcasts to its project; urgent first.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClaudeMessage")]
[OutputType(typeof(MessageRecord))]
[ClaudeApiFunction("get_pending_messages")]
public sealed class GetClaudeMessageCommand : ClaudeCmdletBase
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public Guid? SessionId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ProjectName { get; set; }

    protected override void ProcessRecord()
    {
        if (TryInvoke((c, ct) => c.Messages.PendingAsync(SessionId, ProjectName, ct), (object?)SessionId ?? ProjectName, out var messages))
        {
            foreach (var message in messages)
                WriteRecord(new MessageRecord(message));
        }
    }
}

/// <summary>
/// <para type="synopsis">Marks a pending message read (mark_message_read).</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "ClaudeMessageRead", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(MessageChangeRecord))]
[ClaudeApiFunction("mark_message_read")]
public sealed class SetClaudeMessageReadCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the message to mark read.")]
    public Guid MessageId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"message {MessageId}", "Mark read") &&
            TryInvoke((c, ct) => c.Messages.MarkReadAsync(MessageId, ct), MessageId) && PassThru)
            WriteRecord(new MessageChangeRecord(MessageId, "Read"));
    }
}

/// <summary>
/// <para type="synopsis">Acknowledges a pending or read message.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Confirm, "ClaudeMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(MessageChangeRecord))]
[ClaudeApiFunction("acknowledge_message")]
public sealed class ConfirmClaudeMessageCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the message to acknowledge.")]
    public Guid MessageId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"message {MessageId}", "Acknowledge") &&
            TryInvoke((c, ct) => c.Messages.AcknowledgeAsync(MessageId, ct), MessageId) && PassThru)
            WriteRecord(new MessageChangeRecord(MessageId, "Acknowledged"));
    }
}

/// <summary>
/// <para type="synopsis">Marks pending and read messages past their expiry as expired (expire_messages).</para>
/// </summary>
[Cmdlet(VerbsCommon.Close, "ClaudeExpiredMessage", SupportsShouldProcess = true)]
[OutputType(typeof(AffectedCountRecord))]
[ClaudeApiFunction("expire_messages")]
public sealed class CloseClaudeExpiredMessageCommand : ClaudeCmdletBase
{
    protected override void ProcessRecord()
    {
        if (ShouldProcess("messages past their expiry", "Mark expired") &&
            TryInvoke((c, ct) => c.Messages.ExpireAsync(ct), null, out var count))
            WriteRecord(new AffectedCountRecord("expire_messages", count));
    }
}
