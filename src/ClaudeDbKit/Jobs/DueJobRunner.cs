using ClaudeDbKit.Client;

namespace ClaudeDbKit.Jobs;

/// <summary>What happened to one due job in a <see cref="DueJobRunner"/> pass.</summary>
public sealed record JobRunOutcome(Guid JobId, string JobName, string Status, int? ExitCode, TimeSpan Duration, string? Error);

/// <summary>
/// The client half of <c>claim_due_job</c>: claims each due job in the database (so two sessions never
/// run one job twice), runs its command locally with its timeout, and reports the result.
/// </summary>
public sealed class DueJobRunner(ClaudeDbClient client)
{
    // The seed's session start limit: one pass runs at most this many jobs.
    private const int JobsPerPass = 5;

    /// <summary>
    /// Claims and runs due jobs one at a time (at most five per pass), highest priority first. Each claim takes the next
    /// due job nobody else is claiming and this pass has not run, so clients running passes at the same time share the work and never run a job twice.
    /// </summary>
    public async Task<IReadOnlyList<JobRunOutcome>> RunDueAsync(Guid? sessionId, string? projectName, Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        var outcomes = new List<JobRunOutcome>();
        while (outcomes.Count < JobsPerPass)
        {
            ClaimedJob? job;
            try
            {
                job = await client.Jobs.ClaimDueAsync(projectName, sessionId, outcomes.Select(o => o.JobId).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidStateException e)
            {
                log?.Invoke($"No more jobs this pass: {e.Message}");
                break;
            }
            if (job is null)
                break;
            var name = job.JobName ?? job.JobId.ToString();
            log?.Invoke($"Running job {name}: {job.Command}");
            outcomes.Add(await RunClaimedAsync(job, name, cancellationToken).ConfigureAwait(false));
        }
        return outcomes;
    }

    private async Task<JobRunOutcome> RunClaimedAsync(ClaimedJob job, string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(job.Command))
            return await ReportAsync(job, name, "FAILED", null, TimeSpan.Zero, "", "The job has no command.").ConfigureAwait(false);
        if (!string.IsNullOrEmpty(job.WorkingDirectory) && !Directory.Exists(job.WorkingDirectory))
            return await ReportAsync(job, name, "FAILED", null, TimeSpan.Zero, "", $"The working directory '{job.WorkingDirectory}' does not exist on this machine.").ConfigureAwait(false);

        ShellCommandResult result;
        try
        {
            result = await ShellCommand.RunAsync(job.Command, job.WorkingDirectory, TimeSpan.FromSeconds(job.TimeoutSeconds ?? 300), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The claim must not stay RUNNING until its timeout because the user pressed Ctrl+C.
            await ReportAsync(job, name, "FAILED", null, TimeSpan.Zero, "", "Cancelled by the user before the command finished.").ConfigureAwait(false);
            throw;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return await ReportAsync(job, name, "FAILED", null, TimeSpan.Zero, "", $"The command could not be started: {e.Message}").ConfigureAwait(false);
        }

        if (result.TimedOut)
            return await ReportAsync(job, name, "TIMEOUT", null, result.Duration, result.Output,
                $"Killed after {job.TimeoutSeconds ?? 300} s (timeout_seconds).{Tail(result.ErrorOutput)}").ConfigureAwait(false);
        if (result.ExitCode == 0)
            return await ReportAsync(job, name, "SUCCESS", 0, result.Duration, result.Output, null).ConfigureAwait(false);
        return await ReportAsync(job, name, "FAILED", result.ExitCode, result.Duration, result.Output,
            $"Exited with code {result.ExitCode}.{Tail(result.ErrorOutput)}").ConfigureAwait(false);
    }

    private async Task<JobRunOutcome> ReportAsync(ClaimedJob job, string name, string status, int? exitCode, TimeSpan duration, string output, string? error)
    {
        // Reported even when the caller is being cancelled: an unreported claim blocks the job until it times out.
        await client.Jobs.ReportAsync(job.JobId, status, output.Length == 0 ? null : output, error, CancellationToken.None).ConfigureAwait(false);
        return new JobRunOutcome(job.JobId, name, status, exitCode, duration, error);
    }

    private static string Tail(string errorOutput) => string.IsNullOrWhiteSpace(errorOutput) ? "" : "\n" + errorOutput.TrimEnd();
}
