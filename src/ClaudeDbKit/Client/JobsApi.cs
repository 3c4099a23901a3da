using System.Data.Common;

namespace ClaudeDbKit.Client;

/// <summary>A row of <c>claude.get_due_jobs</c>.</summary>
public sealed record DueJob(
    Guid JobId, string? JobName, string? JobType, string? Command, string? WorkingDirectory, int? TimeoutSeconds, int? Priority,
    string? TriggerType, DateTime? LastRun, string? LastStatus)
{
    internal static DueJob Read(DbDataReader r) => new(
        r.Uuid("job_id")!.Value, r.Text("job_name"), r.Text("job_type"), r.Text("command"), r.Text("working_directory"),
        r.Integer("timeout_seconds"), r.Integer("priority"), r.Text("trigger_type"), r.Timestamp("last_run"), r.Text("last_status"));
}

/// <summary>A job claimed for one run (<c>claude.claim_due_job</c>): what to run, and the run to report on.</summary>
public sealed record ClaimedJob(
    Guid JobId, Guid RunId, string? JobName, string? JobType, string? Command, string? WorkingDirectory, int? TimeoutSeconds, int? Priority,
    string? TriggerType)
{
    internal static ClaimedJob Read(DbDataReader r) => new(
        r.Uuid("job_id")!.Value, r.Uuid("run_id")!.Value, r.Text("job_name"), r.Text("job_type"), r.Text("command"), r.Text("working_directory"),
        r.Integer("timeout_seconds"), r.Integer("priority"), r.Text("trigger_type"));
}

/// <summary>Scheduled jobs: <c>create_scheduled_job</c>, <c>get_due_jobs</c>, <c>execute_job</c> (claim), <c>claim_due_job</c>, <c>update_job_result</c>, <c>next_cron_run</c>.</summary>
public sealed class JobsApi
{
    private readonly FunctionCaller _caller;

    internal JobsApi(FunctionCaller caller) => _caller = caller;

    /// <summary>Creates a job; <paramref name="triggerConditionJson"/> is a JSON object such as <c>{"days_since_last_run": 7}</c>.</summary>
    public async Task<Guid> CreateAsync(string jobName, string jobType, string command, string triggerType = "session_start",
        string? triggerConditionJson = null, int priority = 5, int timeoutSeconds = 300, CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<Guid>(
            "SELECT claude.create_scheduled_job(p_job_name => $1, p_job_type => $2, p_command => $3, p_trigger_type => $4, p_trigger_condition => coalesce($5, '{}'::jsonb), p_priority => $6, p_timeout_seconds => $7)",
            [Parameters.Text(jobName), Parameters.Text(jobType), Parameters.Text(command), Parameters.Text(triggerType),
             Parameters.Jsonb(triggerConditionJson), Parameters.Integer(priority), Parameters.Integer(timeoutSeconds)], cancellationToken).ConfigureAwait(false);

    /// <summary>At most five due jobs, highest priority first.</summary>
    public Task<IReadOnlyList<DueJob>> DueAsync(string? projectName = null, CancellationToken cancellationToken = default) =>
        _caller.QueryAsync("SELECT * FROM claude.get_due_jobs(p_project_name => $1)", [Parameters.Text(projectName)], DueJob.Read, cancellationToken);

    /// <summary>Claims a job for this client; returns the run id. <see cref="ConflictException"/> when another client holds it.</summary>
    public async Task<Guid> ClaimAsync(Guid jobId, Guid? sessionId = null, CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<Guid>("SELECT claude.execute_job(p_job_id => $1, p_session_id => $2)",
            [Parameters.Uuid(jobId), Parameters.Uuid(sessionId)], cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Claims the next due job (in <see cref="DueAsync"/> order) for this client, or returns null when none is due. Concurrent
    /// callers never get the same job: the database skips rows another caller is claiming. <paramref name="skipJobIds"/> are
    /// passed over (the jobs this caller already ran in this pass).
    /// </summary>
    public async Task<ClaimedJob?> ClaimDueAsync(string? projectName = null, Guid? sessionId = null, IReadOnlyCollection<Guid>? skipJobIds = null,
        CancellationToken cancellationToken = default)
    {
        var claimed = await _caller.QueryAsync("SELECT * FROM claude.claim_due_job(p_project_name => $1, p_session_id => $2, p_skip_job_ids => $3)",
            [Parameters.Text(projectName), Parameters.Uuid(sessionId), Parameters.UuidArray(skipJobIds)], ClaimedJob.Read, cancellationToken).ConfigureAwait(false);
        return claimed.Count == 0 ? null : claimed[0];
    }

    /// <summary>Records the result of a claimed run: SUCCESS, FAILED, TIMEOUT or SKIPPED.</summary>
    public Task ReportAsync(Guid jobId, string status, string? output = null, string? error = null, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync("SELECT claude.update_job_result(p_job_id => $1, p_status => $2, p_output => $3, p_error => $4)",
            [Parameters.Uuid(jobId), Parameters.Text(status), Parameters.Text(output), Parameters.Text(error)], cancellationToken);

    /// <summary>The next time a five-field cron expression fires after <paramref name="after"/>.</summary>
    public Task<DateTime?> NextCronRunAsync(string schedule, DateTime after, CancellationToken cancellationToken = default) =>
        _caller.ScalarAsync<DateTime?>("SELECT claude.next_cron_run(p_schedule => $1, p_after => $2)",
            [Parameters.Text(schedule), Parameters.Timestamp(after)], cancellationToken);
}
