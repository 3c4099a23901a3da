namespace ClaudeDbKit.Client;

/// <summary>Spawned agents (Claude Code subagents): <c>start_agent_session</c>, <c>complete_agent_session</c>.</summary>
public sealed class AgentSessionsApi
{
    private readonly FunctionCaller _caller;

    internal AgentSessionsApi(FunctionCaller caller) => _caller = caller;

    /// <summary>Records a spawned agent under its parent session (an upsert on <paramref name="agentId"/>); returns its agent session id.</summary>
    public async Task<Guid> StartAsync(string agentId, Guid parentSessionId, string? agentType = null, string? taskDescription = null,
        string? workspaceDirectory = null, string? model = null, CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<Guid>(
            "SELECT claude.start_agent_session(p_agent_id => $1, p_parent_session_id => $2, p_agent_type => $3, p_task_description => $4, p_workspace_dir => $5, p_model => $6)",
            [Parameters.Text(agentId), Parameters.Uuid(parentSessionId), Parameters.Text(agentType), Parameters.Text(taskDescription),
             Parameters.Text(workspaceDirectory), Parameters.Text(model)],
            cancellationToken).ConfigureAwait(false);

    /// <summary>Records how the agent ended.</summary>
    public Task CompleteAsync(string agentId, bool success, string? outputText = null, string? errorMessage = null, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync(
            "SELECT claude.complete_agent_session(p_agent_id => $1, p_success => $2, p_output_text => $3, p_error_message => $4)",
            [Parameters.Text(agentId), Parameters.Boolean(success), Parameters.Text(outputText), Parameters.Text(errorMessage)],
            cancellationToken);
}
