using System.Collections;
using System.Management.Automation;
using ClaudeDbKit.Jobs;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Creates a scheduled job: a command run by a session when its trigger holds.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "ClaudeScheduledJob", SupportsShouldProcess = true)]
[OutputType(typeof(JobChangeRecord))]
[ClaudeApiFunction("create_scheduled_job")]
public sealed class NewClaudeScheduledJobCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, HelpMessage = "The job's name, unique in any case.")]
    [Alias("JobName")]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, HelpMessage = "A registered job type, e.g. maintenance.")]
    public string JobType { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, HelpMessage = "The shell command the job runs on the client.")]
    public string Command { get; set; } = "";

    [Parameter]
    public string TriggerType { get; set; } = "session_start";

    /// <summary>The trigger condition as a hashtable, e.g. @{ days_since_last_run = 7 }.</summary>
    [Parameter]
    public Hashtable? TriggerCondition { get; set; }

    [Parameter]
    public int Priority { get; set; } = 5;

    [Parameter]
    public int TimeoutSeconds { get; set; } = 300;

    protected override void ProcessRecord()
    {
        var condition = TriggerCondition is null ? null : JsonText.FromDictionary(TriggerCondition);
        if (ShouldProcess($"job {Name}", "Create") &&
            TryInvoke((c, ct) => c.Jobs.CreateAsync(Name, JobType, Command, TriggerType, condition, Priority, TimeoutSeconds, ct), Name, out var jobId))
            WriteRecord(new JobChangeRecord(jobId, "Created", Name));
    }
}

/// <summary>
/// <para type="synopsis">Lists the due jobs (at most five, highest priority first).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClaudeDueJob")]
[OutputType(typeof(DueJobRecord))]
[ClaudeApiFunction("get_due_jobs")]
public sealed class GetClaudeDueJobCommand : ClaudeCmdletBase
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? ProjectName { get; set; }

    protected override void ProcessRecord()
    {
        if (TryInvoke((c, ct) => c.Jobs.DueAsync(ProjectName, ct), ProjectName, out var jobs))
        {
            foreach (var job in jobs)
                WriteRecord(new DueJobRecord(job));
        }
    }
}

/// <summary>
/// <para type="synopsis">Claims a job for one run (execute_job); the command itself is yours to run, then report it with Complete-ClaudeScheduledJob.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "ClaudeScheduledJob", SupportsShouldProcess = true)]
[OutputType(typeof(JobChangeRecord))]
[ClaudeApiFunction("execute_job")]
public sealed class StartClaudeScheduledJobCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the job to claim.")]
    public Guid JobId { get; set; }

    /// <summary>The session claiming the job.</summary>
    [Parameter]
    public Guid? SessionId { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"job {JobId}", "Claim for a run") &&
            TryInvoke((c, ct) => c.Jobs.ClaimAsync(JobId, SessionId, ct), JobId, out var runId))
            WriteRecord(new JobChangeRecord(JobId, "Claimed", runId: runId));
    }
}

/// <summary>
/// <para type="synopsis">Claims the next due job nobody else is claiming (claim_due_job); run its command yourself, then report it with Complete-ClaudeScheduledJob.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Request, "ClaudeDueJob", SupportsShouldProcess = true)]
[OutputType(typeof(ClaimedJobRecord))]
[ClaudeApiFunction("claim_due_job")]
public sealed class RequestClaudeDueJobCommand : ClaudeCmdletBase
{
    /// <summary>Only jobs for this project (and those for every project).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? ProjectName { get; set; }

    /// <summary>The session claiming the job.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Guid? SessionId { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess(ProjectName is null ? "the next due job" : $"the next due job of {ProjectName}", "Claim for a run") &&
            TryInvoke((c, ct) => c.Jobs.ClaimDueAsync(ProjectName, SessionId, cancellationToken: ct), ProjectName, out var job) && job is not null)
            WriteRecord(new ClaimedJobRecord(job));
    }
}

/// <summary>
/// <para type="synopsis">Records the result of a claimed job run (update_job_result): SUCCESS, FAILED, TIMEOUT or SKIPPED.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Complete, "ClaudeScheduledJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(JobChangeRecord))]
[ClaudeApiFunction("update_job_result")]
public sealed class CompleteClaudeScheduledJobCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the claimed job.")]
    public Guid JobId { get; set; }

    [Parameter(Mandatory = true, Position = 1, HelpMessage = "The run's result: SUCCESS, FAILED, TIMEOUT or SKIPPED.")]
    public string Status { get; set; } = "";

    [Parameter]
    public string? OutputText { get; set; }

    [Parameter]
    public string? ErrorMessage { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"job {JobId}", $"Record the result {Status}") &&
            TryInvoke((c, ct) => c.Jobs.ReportAsync(JobId, Status, OutputText, ErrorMessage, ct), JobId) && PassThru)
            WriteRecord(new JobChangeRecord(JobId, "ResultRecorded", status: Status));
    }
}

/// <summary>
/// <para type="synopsis">Runs the due jobs on this machine: claims each in the database, runs its command with its timeout, reports the result.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ClaudeDueJob", SupportsShouldProcess = true)]
[OutputType(typeof(JobRunOutcomeRecord))]
[ClaudeModulePlumbing]
public sealed class InvokeClaudeDueJobCommand : ClaudeCmdletBase
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? ProjectName { get; set; }

    /// <summary>The session the runs are recorded for.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Guid? SessionId { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(ProjectName is null ? "the due jobs" : $"the due jobs of project {ProjectName}", "Run the jobs' commands on this machine"))
            return;
        var runner = new DueJobRunner(Client);
        if (TryRunCore<IReadOnlyList<JobRunOutcome>, string>((progress, ct) => runner.RunDueAsync(SessionId, ProjectName, progress.Report, ct), WriteVerbose,
                ProjectName, out var outcomes))
        {
            foreach (var outcome in outcomes)
                WriteRecord(new JobRunOutcomeRecord(outcome));
        }
    }
}

/// <summary>
/// <para type="synopsis">Tells when a five-field cron expression fires next.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClaudeCronNextRun")]
[OutputType(typeof(CronRunRecord))]
[ClaudeApiFunction("next_cron_run")]
public sealed class GetClaudeCronNextRunCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, HelpMessage = "A five-field cron expression, e.g. '0 9 * * 1-5'.")]
    public string Schedule { get; set; } = "";

    /// <summary>Start from this time (default: now).</summary>
    [Parameter(Position = 1)]
    public DateTime? After { get; set; }

    protected override void ProcessRecord()
    {
        var after = After ?? DateTime.Now;
        if (TryInvoke((c, ct) => c.Jobs.NextCronRunAsync(Schedule, after, ct), Schedule, out var next))
            WriteRecord(new CronRunRecord(Schedule, after, next));
    }
}
