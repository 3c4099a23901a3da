using ClaudeDbKit.Client;
using ClaudeDbKit.Jobs;

namespace ClaudeDbKit.PowerShell;

/// <summary>A due scheduled job (<c>claude.get_due_jobs</c>).</summary>
public sealed class DueJobRecord
{
    public const string PSTypeName = "ClaudeDbKit.DueJob";

    public DueJobRecord(DueJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        JobId = job.JobId;
        JobName = job.JobName;
        JobType = job.JobType;
        Command = job.Command;
        WorkingDirectory = job.WorkingDirectory;
        TimeoutSeconds = job.TimeoutSeconds;
        Priority = job.Priority;
        TriggerType = job.TriggerType;
        LastRun = job.LastRun;
        LastStatus = job.LastStatus;
    }

    public Guid JobId { get; }

    public string? JobName { get; }

    public string? JobType { get; }

    public string? Command { get; }

    public string? WorkingDirectory { get; }

    public int? TimeoutSeconds { get; }

    public int? Priority { get; }

    public string? TriggerType { get; }

    public DateTime? LastRun { get; }

    public string? LastStatus { get; }
}

/// <summary>A job claimed for one run (<c>claude.claim_due_job</c>): what to run, and the run to report on.</summary>
public sealed class ClaimedJobRecord
{
    public const string PSTypeName = "ClaudeDbKit.ClaimedJob";

    public ClaimedJobRecord(ClaimedJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        JobId = job.JobId;
        RunId = job.RunId;
        JobName = job.JobName;
        JobType = job.JobType;
        Command = job.Command;
        WorkingDirectory = job.WorkingDirectory;
        TimeoutSeconds = job.TimeoutSeconds;
        Priority = job.Priority;
        TriggerType = job.TriggerType;
    }

    public Guid JobId { get; }

    public Guid RunId { get; }

    public string? JobName { get; }

    public string? JobType { get; }

    public string? Command { get; }

    public string? WorkingDirectory { get; }

    public int? TimeoutSeconds { get; }

    public int? Priority { get; }

    public string? TriggerType { get; }
}

/// <summary>A job that was created, claimed for a run, or given its run's result.</summary>
public sealed class JobChangeRecord
{
    public const string PSTypeName = "ClaudeDbKit.JobChange";

    public JobChangeRecord(Guid jobId, string action, string? jobName = null, Guid? runId = null, string? status = null)
    {
        JobId = jobId;
        Action = action;
        JobName = jobName;
        RunId = runId;
        Status = status;
    }

    public Guid JobId { get; }

    /// <summary>Created, Claimed or ResultRecorded.</summary>
    public string Action { get; }

    public string? JobName { get; }

    /// <summary>The run <c>execute_job</c> opened (Claimed only).</summary>
    public Guid? RunId { get; }

    /// <summary>The result recorded (ResultRecorded only): SUCCESS, FAILED, TIMEOUT or SKIPPED.</summary>
    public string? Status { get; }
}

/// <summary>What <c>Invoke-ClaudeDueJob</c> did with one due job.</summary>
public sealed class JobRunOutcomeRecord
{
    public const string PSTypeName = "ClaudeDbKit.JobRunOutcome";

    public JobRunOutcomeRecord(JobRunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        JobId = outcome.JobId;
        JobName = outcome.JobName;
        Status = outcome.Status;
        ExitCode = outcome.ExitCode;
        DurationMs = (long)outcome.Duration.TotalMilliseconds;
        Error = outcome.Error;
    }

    public Guid JobId { get; }

    public string JobName { get; }

    public string Status { get; }

    public int? ExitCode { get; }

    public long DurationMs { get; }

    public string? Error { get; }
}

/// <summary>When a cron expression fires next (<c>claude.next_cron_run</c>).</summary>
public sealed class CronRunRecord
{
    public const string PSTypeName = "ClaudeDbKit.CronRun";

    public CronRunRecord(string schedule, DateTime after, DateTime? nextRun)
    {
        Schedule = schedule;
        After = after;
        NextRun = nextRun;
    }

    public string Schedule { get; }

    public DateTime After { get; }

    public DateTime? NextRun { get; }
}
