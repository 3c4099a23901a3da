using ClaudeDbKit.Client;

namespace ClaudeDbKit.Jobs;

/// <summary>What happened to one due job in a <see cref="DueJobRunner"/> pass.</summary>
public sealed record JobRunOutcome(Guid JobId, string JobName, string Status, int? ExitCode, TimeSpan Duration, string? Error);

/// <summary>
/// The client half of <c>execute_job</c>: claims each due job in the database (so two sessions never
/// run one job twice), runs its command locally with its timeout, and reports the result.
/// </summary>
public sealed class DueJobRunner(ClaudeDbClient client)
{
    /// <summary>Runs the due jobs (at most five, as the database returns them). Jobs another client claimed first are skipped.</summary>
    public async Task<IReadOnlyList<JobRunOutcome>> RunDueAsync(Guid? sessionId, string? projectName, Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        var outcomes = new List<JobRunOutcome>();
        foreach (var job in await client.Jobs.DueAsync(projectName, cancellationToken).ConfigureAwait(false))
        {
            var name = job.JobName ?? job.JobId.ToString();
            try
            {
                await client.Jobs.ClaimAsync(job.JobId, sessionId, cancellationToken).ConfigureAwait(false);
            }
            catch (ConflictException)
            {
                log?.Invoke($"Job {name} was claimed by another session; skipped.");
                continue;
            }
            log?.Invoke($"Running job {name}: {job.Command}");
            outcomes.Add(await RunClaimedAsync(job, name, cancellationToken).ConfigureAwait(false));
        }
        return outcomes;
    }

    private async Task<JobRunOutcome> RunClaimedAsync(DueJob job, string name, CancellationToken cancellationToken)
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

    private async Task<JobRunOutcome> ReportAsync(DueJob job, string name, string status, int? exitCode, TimeSpan duration, string output, string? error)
    {
        // Reported even when the caller is being cancelled: an unreported claim blocks the job until it times out.
        await client.Jobs.ReportAsync(job.JobId, status, output.Length == 0 ? null : output, error, CancellationToken.None).ConfigureAwait(false);
        return new JobRunOutcome(job.JobId, name, status, exitCode, duration, error);
    }

    private static string Tail(string errorOutput) => string.IsNullOrWhiteSpace(errorOutput) ? "" : "\n" + errorOutput.TrimEnd();
}
