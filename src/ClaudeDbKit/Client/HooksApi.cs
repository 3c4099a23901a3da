namespace ClaudeDbKit.Client;

/// <summary>One SQL call per Claude Code hook event (<c>claude.hook_*</c>); each is idempotent on its event id.</summary>
public sealed class HooksApi
{
    private readonly FunctionCaller _caller;

    internal HooksApi(FunctionCaller caller) => _caller = caller;

    /// <summary>Records the session start and returns the briefing (jsonb text) in one round trip.</summary>
    public async Task<string> SessionStartAsync(Guid eventId, Guid sessionId, string projectName, string? identity, string? source,
        DateTime? occurredAt, TimeSpan staleAfter, CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<string>(
            "SELECT claude.hook_session_start(p_event_id => $1, p_session_id => $2, p_project_name => $3, p_identity => $4, p_source => $5, p_occurred_at => $6, p_stale_after => $7)::text",
            [Parameters.Uuid(eventId), Parameters.Uuid(sessionId), Parameters.Text(projectName), Parameters.Text(identity), Parameters.Text(source),
             Parameters.Timestamp(occurredAt), Parameters.Interval(staleAfter)], cancellationToken).ConfigureAwait(false) ?? "{}";

    /// <summary>Ends the session; returns ended, already_closed, unknown_session or replayed.</summary>
    public async Task<string> SessionEndAsync(Guid eventId, Guid sessionId, string? reason, string? summary, DateTime? occurredAt,
        CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<string>(
            "SELECT claude.hook_session_end(p_event_id => $1, p_session_id => $2, p_reason => $3, p_summary => $4, p_occurred_at => $5)",
            [Parameters.Uuid(eventId), Parameters.Uuid(sessionId), Parameters.Text(reason ?? "other"), Parameters.Text(summary), Parameters.Timestamp(occurredAt)],
            cancellationToken).ConfigureAwait(false) ?? "";

    /// <summary>Records a spawned agent under its parent session; returns the agent session id.</summary>
    public async Task<Guid> SubagentStartAsync(Guid eventId, string agentId, Guid parentSessionId, string? agentType, string? workspaceDirectory,
        DateTime? occurredAt, CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<Guid>(
            "SELECT claude.hook_subagent_start(p_event_id => $1, p_agent_id => $2, p_parent_session_id => $3, p_agent_type => $4, p_workspace_dir => $5, p_occurred_at => $6)",
            [Parameters.Uuid(eventId), Parameters.Text(agentId), Parameters.Uuid(parentSessionId), Parameters.Text(agentType), Parameters.Text(workspaceDirectory),
             Parameters.Timestamp(occurredAt)], cancellationToken).ConfigureAwait(false);

    /// <summary>Records how an agent ended; returns completed, already_completed or replayed.</summary>
    public async Task<string> SubagentStopAsync(Guid eventId, string agentId, Guid parentSessionId, bool success, string? output, string? error,
        string? agentType, DateTime? occurredAt, CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<string>(
            "SELECT claude.hook_subagent_stop(p_event_id => $1, p_agent_id => $2, p_parent_session_id => $3, p_success => $4, p_output_text => $5, p_error_message => $6, p_agent_type => $7, p_occurred_at => $8)",
            [Parameters.Uuid(eventId), Parameters.Text(agentId), Parameters.Uuid(parentSessionId), Parameters.Boolean(success), Parameters.Text(output),
             Parameters.Text(error), Parameters.Text(agentType), Parameters.Timestamp(occurredAt)], cancellationToken).ConfigureAwait(false) ?? "";
}
