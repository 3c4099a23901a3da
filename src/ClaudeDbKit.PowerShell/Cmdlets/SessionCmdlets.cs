using System.Management.Automation;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Starts a work session for an identity in a project (or resumes one by -SessionId).</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "ClaudeSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SessionChangeRecord))]
[ClaudeApiFunction("start_session")]
public sealed class StartClaudeSessionCommand : ClaudeCmdletBase
{
    /// <summary>The project the session works on (any case; the database resolves it).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The project the session works on.")]
    public string ProjectName { get; set; } = "";

    /// <summary>The identity working in the session.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Guid? IdentityId { get; set; }

    /// <summary>The project's schema, recorded when the project is new.</summary>
    [Parameter]
    public string? ProjectSchema { get; set; }

    /// <summary>The session id to use (Claude Code's session_id); an existing session with this id is resumed.</summary>
    [Parameter]
    public Guid? SessionId { get; set; }

    /// <summary>Close the identity's other active session instead of refusing (CD004).</summary>
    [Parameter]
    public SwitchParameter Supersede { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"project {ProjectName}", "Start a session") &&
            TryInvoke((c, ct) => c.Sessions.StartAsync(IdentityId, ProjectName, ProjectSchema, SessionId, Supersede.IsPresent, ct), ProjectName, out var sessionId))
            WriteRecord(new SessionChangeRecord(sessionId, "Started", IdentityId, ProjectName));
    }
}

/// <summary>
/// <para type="synopsis">Ends an active session with its summary.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "ClaudeSession", SupportsShouldProcess = true)]
[OutputType(typeof(SessionChangeRecord))]
[ClaudeApiFunction("end_session")]
public sealed class StopClaudeSessionCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the session to end.")]
    public Guid SessionId { get; set; }

    /// <summary>What the session did.</summary>
    [Parameter(Mandatory = true, HelpMessage = "What the session did: the summary recorded with it.")]
    public string Summary { get; set; } = "";

    /// <summary>Tasks done in the session.</summary>
    [Parameter]
    public string[]? Task { get; set; }

    /// <summary>What was learned.</summary>
    [Parameter]
    public string[]? Learning { get; set; }

    /// <summary>What was hard.</summary>
    [Parameter]
    public string[]? Challenge { get; set; }

    /// <summary>Write a SessionChange object for the ended session.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"session {SessionId}", "End the session") &&
            TryInvoke((c, ct) => c.Sessions.EndAsync(SessionId, Summary, Task, Learning, Challenge, ct), SessionId) && PassThru)
            WriteRecord(new SessionChangeRecord(SessionId, "Ended", summary: Summary));
    }
}

/// <summary>
/// <para type="synopsis">Lists sessions, newest first, optionally of one identity, project or status.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClaudeSession")]
[OutputType(typeof(SessionRecord))]
[ClaudeApiFunction("get_sessions")]
public sealed class GetClaudeSessionCommand : ClaudeCmdletBase
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Identity")]
    public Guid? IdentityId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ProjectName { get; set; }

    /// <summary>active, ended or abandoned (the registry's values).</summary>
    [Parameter]
    public string? Status { get; set; }

    [Parameter]
    public int Limit { get; set; } = 50;

    protected override void ProcessRecord()
    {
        if (TryInvoke((c, ct) => c.Sessions.ListAsync(IdentityId, ProjectName, Status, Limit, ct), IdentityId, out var sessions))
        {
            foreach (var session in sessions)
                WriteRecord(new SessionRecord(session));
        }
    }
}

/// <summary>
/// <para type="synopsis">Gets the active session of an identity; writes nothing when it has none.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClaudeActiveSession")]
[OutputType(typeof(ActiveSessionRecord))]
[ClaudeApiFunction("get_active_session")]
public sealed class GetClaudeActiveSessionCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the identity whose active session to get.")]
    public Guid IdentityId { get; set; }

    protected override void ProcessRecord()
    {
        if (TryInvoke((c, ct) => c.Sessions.GetActiveAsync(IdentityId, ct), IdentityId, out var sessionId) && sessionId is { } id)
            WriteRecord(new ActiveSessionRecord(IdentityId, id));
    }
}

/// <summary>
/// <para type="synopsis">Closes sessions that stayed active longer than -OlderThan as abandoned.</para>
/// </summary>
[Cmdlet(VerbsCommon.Close, "ClaudeStaleSession", SupportsShouldProcess = true)]
[OutputType(typeof(AffectedCountRecord))]
[ClaudeApiFunction("abandon_stale_sessions")]
public sealed class CloseClaudeStaleSessionCommand : ClaudeCmdletBase
{
    /// <summary>How long a session may stay active (default 12 hours, as the function's).</summary>
    [Parameter(Position = 0)]
    public TimeSpan OlderThan { get; set; } = TimeSpan.FromHours(12);

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"sessions active for more than {OlderThan}", "Close as abandoned") &&
            TryInvoke((c, ct) => c.Sessions.AbandonStaleAsync(OlderThan, ct), OlderThan, out var count))
            WriteRecord(new AffectedCountRecord("abandon_stale_sessions", count));
    }
}

/// <summary>
/// <para type="synopsis">Records a spawned agent (a Claude Code subagent) under its parent session.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "ClaudeAgentSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(AgentSessionChangeRecord))]
[ClaudeApiFunction("start_agent_session")]
public sealed class StartClaudeAgentSessionCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The agent's id, as Claude Code names it (e.g. agent-abc123).")]
    public string AgentId { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the session that spawned the agent.")]
    [Alias("SessionId")]
    public Guid ParentSessionId { get; set; }

    [Parameter]
    public string? AgentType { get; set; }

    [Parameter]
    public string? TaskDescription { get; set; }

    [Parameter]
    public string? WorkspaceDirectory { get; set; }

    [Parameter]
    public string? Model { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"agent {AgentId} of session {ParentSessionId}", "Record the agent's start") &&
            TryInvoke((c, ct) => c.Agents.StartAsync(AgentId, ParentSessionId, AgentType, TaskDescription, WorkspaceDirectory, Model, ct), AgentId, out var agentSessionId))
            WriteRecord(new AgentSessionChangeRecord(AgentId, "Started", agentSessionId, ParentSessionId));
    }
}

/// <summary>
/// <para type="synopsis">Records how a spawned agent ended.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Complete, "ClaudeAgentSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(AgentSessionChangeRecord))]
[ClaudeApiFunction("complete_agent_session")]
public sealed class CompleteClaudeAgentSessionCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The agent's id, as Claude Code names it (e.g. agent-abc123).")]
    public string AgentId { get; set; } = "";

    /// <summary>The agent did not succeed (success is recorded otherwise).</summary>
    [Parameter]
    public SwitchParameter Failed { get; set; }

    [Parameter]
    public string? OutputText { get; set; }

    [Parameter]
    public string? ErrorMessage { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"agent {AgentId}", Failed ? "Record the agent as failed" : "Record the agent as completed") &&
            TryInvoke((c, ct) => c.Agents.CompleteAsync(AgentId, !Failed.IsPresent, OutputText, ErrorMessage, ct), AgentId) && PassThru)
            WriteRecord(new AgentSessionChangeRecord(AgentId, "Completed", success: !Failed.IsPresent));
    }
}
