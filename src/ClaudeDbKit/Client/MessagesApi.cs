using System.Data.Common;

namespace ClaudeDbKit.Client;

/// <summary>A row of <c>claude.get_pending_messages</c>.</summary>
public sealed record MessageInfo(
    Guid MessageId, Guid? FromSessionId, Guid? ToSessionId, string? ToProject, string? MessageType, string? Priority,
    string? Subject, string? Body, string? Status, DateTime? CreatedAt, DateTime? ExpiresAt)
{
    internal static MessageInfo Read(DbDataReader r) => new(
        r.Uuid("message_id")!.Value, r.Uuid("from_session_id"), r.Uuid("to_session_id"), r.Text("to_project"), r.Text("message_type"),
        r.Text("priority"), r.Text("subject"), r.Text("body"), r.Text("status"), r.Timestamp("created_at"), r.Timestamp("expires_at"));
}

/// <summary>Messages between sessions: <c>send_message</c>, <c>broadcast_to_project</c>, <c>get_pending_messages</c>, <c>mark_message_read</c>, <c>acknowledge_message</c>, <c>expire_messages</c>.</summary>
public sealed class MessagesApi
{
    private readonly FunctionCaller _caller;

    internal MessagesApi(FunctionCaller caller) => _caller = caller;

    /// <summary>Sends a direct message from one session to another; returns its id.</summary>
    public async Task<Guid> SendAsync(Guid fromSessionId, Guid toSessionId, string subject, string body, string messageType = "notification",
        string priority = "normal", int expiresInDays = 7, CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<Guid>(
            "SELECT claude.send_message(p_from_session_id => $1, p_to_session_id => $2, p_subject => $3, p_body => $4, p_message_type => $5, p_priority => $6, p_expires_in_days => $7)",
            [Parameters.Uuid(fromSessionId), Parameters.Uuid(toSessionId), Parameters.Text(subject), Parameters.Text(body), Parameters.Text(messageType),
             Parameters.Text(priority), Parameters.Integer(expiresInDays)], cancellationToken).ConfigureAwait(false);

    /// <summary>Broadcasts to every session of a project; returns the message id.</summary>
    public async Task<Guid> BroadcastAsync(Guid fromSessionId, string projectName, string subject, string body, string messageType = "broadcast",
        string priority = "normal", CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<Guid>(
            "SELECT claude.broadcast_to_project(p_from_session_id => $1, p_project_name => $2, p_subject => $3, p_body => $4, p_message_type => $5, p_priority => $6)",
            [Parameters.Uuid(fromSessionId), Parameters.Text(projectName), Parameters.Text(subject), Parameters.Text(body), Parameters.Text(messageType),
             Parameters.Text(priority)], cancellationToken).ConfigureAwait(false);

    /// <summary>Pending, unexpired messages to a session and broadcasts to its project; urgent first, then oldest.</summary>
    public Task<IReadOnlyList<MessageInfo>> PendingAsync(Guid? sessionId = null, string? projectName = null, CancellationToken cancellationToken = default) =>
        _caller.QueryAsync("SELECT * FROM claude.get_pending_messages(p_session_id => $1, p_project_name => $2)",
            [Parameters.Uuid(sessionId), Parameters.Text(projectName)], MessageInfo.Read, cancellationToken);

    public Task MarkReadAsync(Guid messageId, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync("SELECT claude.mark_message_read(p_message_id => $1)", [Parameters.Uuid(messageId)], cancellationToken);

    public Task AcknowledgeAsync(Guid messageId, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync("SELECT claude.acknowledge_message(p_message_id => $1)", [Parameters.Uuid(messageId)], cancellationToken);

    /// <summary>Marks messages past their expiry as expired; returns how many.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<int>("SELECT claude.expire_messages()", [], cancellationToken).ConfigureAwait(false);
}
