using System.Data.Common;

namespace ClaudeDbKit.Client;

/// <summary>A row of <c>claude.get_sessions</c>.</summary>
public sealed record SessionInfo(
    Guid SessionId, Guid? IdentityId, string? IdentityName, Guid? ProjectId, string? ProjectName,
    string? Status, DateTime? SessionStart, DateTime? SessionEnd, string? Summary)
{
    internal static SessionInfo Read(DbDataReader r) => new(
        r.Uuid("session_id")!.Value, r.Uuid("identity_id"), r.Text("identity_name"), r.Uuid("project_id"), r.Text("project_name"),
        r.Text("status"), r.Timestamp("session_start"), r.Timestamp("session_end"), r.Text("session_summary"));
}

/// <summary>Work sessions: <c>claude.start_session</c>, <c>end_session</c>, <c>get_active_session</c>, <c>abandon_stale_sessions</c>, <c>get_sessions</c>.</summary>
public sealed class SessionsApi
{
    private readonly FunctionCaller _caller;

    internal SessionsApi(FunctionCaller caller) => _caller = caller;

    /// <summary>Starts (or resumes, when <paramref name="sessionId"/> exists) a session and returns its id.</summary>
    public async Task<Guid> StartAsync(Guid? identityId, string projectName, string? projectSchema = null, Guid? sessionId = null,
        bool supersede = false, CancellationToken cancellationToken = default) =>
        (await _caller.ScalarAsync<Guid>(
            "SELECT claude.start_session(p_identity_id => $1, p_project_name => $2, p_project_schema => $3, p_session_id => $4, p_supersede => $5)",
            [Parameters.Uuid(identityId), Parameters.Text(projectName), Parameters.Text(projectSchema), Parameters.Uuid(sessionId), Parameters.Boolean(supersede)],
            cancellationToken).ConfigureAwait(false));

    /// <summary>Ends an active session with its summary.</summary>
    public Task EndAsync(Guid sessionId, string summary, IReadOnlyCollection<string>? tasks = null, IReadOnlyCollection<string>? learnings = null,
        IReadOnlyCollection<string>? challenges = null, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync(
            "SELECT claude.end_session(p_session_id => $1, p_summary => $2, p_tasks => $3, p_learnings => $4, p_challenges => $5)",
            [Parameters.Uuid(sessionId), Parameters.Text(summary), Parameters.TextArray(tasks ?? []), Parameters.TextArray(learnings ?? []), Parameters.TextArray(challenges ?? [])],
            cancellationToken);

    /// <summary>The identity's active session, or null.</summary>
    public Task<Guid?> GetActiveAsync(Guid identityId, CancellationToken cancellationToken = default) =>
        _caller.ScalarAsync<Guid?>("SELECT claude.get_active_session(p_identity_id => $1)", [Parameters.Uuid(identityId)], cancellationToken);

    /// <summary>Closes sessions active for longer than <paramref name="olderThan"/> as abandoned; returns how many.</summary>
    public async Task<int> AbandonStaleAsync(TimeSpan olderThan, CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<int>("SELECT claude.abandon_stale_sessions(p_older_than => $1)", [Parameters.Interval(olderThan)], cancellationToken).ConfigureAwait(false);

    /// <summary>Sessions, newest first, optionally of one identity, project or status.</summary>
    public Task<IReadOnlyList<SessionInfo>> ListAsync(Guid? identityId = null, string? projectName = null, string? status = null, int limit = 50,
        CancellationToken cancellationToken = default) =>
        _caller.QueryAsync(
            "SELECT * FROM claude.get_sessions(p_identity_id => $1, p_project_name => $2, p_status => $3, p_limit => $4)",
            [Parameters.Uuid(identityId), Parameters.Text(projectName), Parameters.Text(status), Parameters.Integer(limit)],
            SessionInfo.Read, cancellationToken);
}
