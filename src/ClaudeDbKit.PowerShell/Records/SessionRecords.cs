using ClaudeDbKit.Client;

namespace ClaudeDbKit.PowerShell;

/// <summary>A session as <c>Get-ClaudeSession</c> lists it (<c>claude.get_sessions</c>).</summary>
public sealed class SessionRecord
{
    public const string PSTypeName = "ClaudeDbKit.Session";

    public SessionRecord(SessionInfo session)
    {
        ArgumentNullException.ThrowIfNull(session);
        SessionId = session.SessionId;
        IdentityId = session.IdentityId;
        IdentityName = session.IdentityName;
        ProjectId = session.ProjectId;
        ProjectName = session.ProjectName;
        Status = session.Status;
        SessionStart = session.SessionStart;
        SessionEnd = session.SessionEnd;
        Summary = session.Summary;
    }

    public Guid SessionId { get; }

    public Guid? IdentityId { get; }

    public string? IdentityName { get; }

    public Guid? ProjectId { get; }

    public string? ProjectName { get; }

    public string? Status { get; }

    public DateTime? SessionStart { get; }

    public DateTime? SessionEnd { get; }

    public string? Summary { get; }
}

/// <summary>The active session of an identity (<c>claude.get_active_session</c>).</summary>
public sealed class ActiveSessionRecord
{
    public const string PSTypeName = "ClaudeDbKit.ActiveSession";

    public ActiveSessionRecord(Guid identityId, Guid sessionId)
    {
        IdentityId = identityId;
        SessionId = sessionId;
    }

    public Guid IdentityId { get; }

    public Guid SessionId { get; }
}

/// <summary>A session that <c>Start-ClaudeSession</c> started or <c>Stop-ClaudeSession -PassThru</c> ended.</summary>
public sealed class SessionChangeRecord
{
    public const string PSTypeName = "ClaudeDbKit.SessionChange";

    public SessionChangeRecord(Guid sessionId, string action, Guid? identityId = null, string? projectName = null, string? summary = null)
    {
        SessionId = sessionId;
        Action = action;
        IdentityId = identityId;
        ProjectName = projectName;
        Summary = summary;
    }

    public Guid SessionId { get; }

    /// <summary>Started or Ended.</summary>
    public string Action { get; }

    public Guid? IdentityId { get; }

    public string? ProjectName { get; }

    public string? Summary { get; }
}

/// <summary>A spawned agent that <c>Start-ClaudeAgentSession</c> recorded or <c>Complete-ClaudeAgentSession -PassThru</c> completed.</summary>
public sealed class AgentSessionChangeRecord
{
    public const string PSTypeName = "ClaudeDbKit.AgentSessionChange";

    public AgentSessionChangeRecord(string agentId, string action, Guid? agentSessionId = null, Guid? parentSessionId = null, bool? success = null)
    {
        AgentId = agentId;
        Action = action;
        AgentSessionId = agentSessionId;
        ParentSessionId = parentSessionId;
        Success = success;
    }

    public string AgentId { get; }

    /// <summary>Started or Completed.</summary>
    public string Action { get; }

    public Guid? AgentSessionId { get; }

    public Guid? ParentSessionId { get; }

    public bool? Success { get; }
}
