using System.Data.Common;

namespace ClaudeDbKit.Client;

/// <summary>A row of the activity feed.</summary>
public sealed record ActivityEntry(
    Guid Id, string? SourceType, Guid? SourceId, string? Actor, string? ActivityType, string? Title, string? Summary,
    string? ProjectName, string? Severity, DateTime? CreatedAt)
{
    internal static ActivityEntry Read(DbDataReader r) => new(
        r.Uuid("id")!.Value, r.Text("source_type"), r.Uuid("source_id"), r.Text("actor"), r.Text("activity_type"), r.Text("title"),
        r.Text("summary"), r.Text("project_name"), r.Text("severity"), r.Timestamp("created_at"));
}

/// <summary>The activity feed: <c>log_activity</c>, <c>get_recent_activity</c>, <c>get_activity_by_source</c>, <c>archive_activity</c>.</summary>
public sealed class ActivityApi
{
    private readonly FunctionCaller _caller;

    internal ActivityApi(FunctionCaller caller) => _caller = caller;

    /// <summary>Appends an entry; returns its id.</summary>
    public async Task<Guid> LogAsync(string sourceType, Guid? sourceId, string? actor, string activityType, string title, string? summary = null,
        string? projectName = null, string severity = "info", CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<Guid>(
            "SELECT claude.log_activity(p_source_type => $1, p_source_id => $2, p_actor => $3, p_activity_type => $4, p_title => $5, p_summary => $6, p_project_name => $7, p_severity => $8)",
            [Parameters.Text(sourceType), Parameters.Uuid(sourceId), Parameters.Text(actor), Parameters.Text(activityType), Parameters.Text(title),
             Parameters.Text(summary), Parameters.Text(projectName), Parameters.Text(severity)],
            cancellationToken).ConfigureAwait(false);

    /// <summary>Newest entries first, optionally of one project and severity.</summary>
    public Task<IReadOnlyList<ActivityEntry>> RecentAsync(string? projectName = null, string? severity = null, int limit = 50,
        CancellationToken cancellationToken = default) =>
        _caller.QueryAsync("SELECT * FROM claude.get_recent_activity(p_project_name => $1, p_severity => $2, p_limit => $3)",
            [Parameters.Text(projectName), Parameters.Text(severity), Parameters.Integer(limit)], ActivityEntry.Read, cancellationToken);

    /// <summary>Every entry about one source (a session, a message, ...), newest first.</summary>
    public Task<IReadOnlyList<ActivityEntry>> BySourceAsync(string sourceType, Guid sourceId, CancellationToken cancellationToken = default) =>
        _caller.QueryAsync("SELECT * FROM claude.get_activity_by_source(p_source_type => $1, p_source_id => $2)",
            [Parameters.Text(sourceType), Parameters.Uuid(sourceId)], ActivityEntry.Read, cancellationToken);

    /// <summary>Moves entries older than <paramref name="olderThan"/> into the archive table; returns how many.</summary>
    public async Task<int> ArchiveAsync(TimeSpan olderThan, CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<int>("SELECT claude.archive_activity(p_older_than => $1)", [Parameters.Interval(olderThan)], cancellationToken).ConfigureAwait(false);
}
