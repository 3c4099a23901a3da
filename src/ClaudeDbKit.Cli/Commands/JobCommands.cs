using System.CommandLine;
using System.Globalization;
using ClaudeDbKit.Jobs;
using static ClaudeDbKit.Cli.Commands.CommandBuilder;

namespace ClaudeDbKit.Cli.Commands;

/// <summary><c>claudedb jobs create|due|run-due|claim|claim-due|report|next-run</c>.</summary>
internal static class JobCommands
{
    public static Command Create(CommandContext context)
    {
        var jobs = new Command("jobs", "Scheduled jobs: define them, list what is due, run it.");

        var name = Required<string>("--name", "Unique job name.");
        var type = Required<string>("--type", "maintenance, sync, backup, audit, health_check, indexer or security.");
        var command = Required<string>("--command", "Command line to run (through /bin/sh or cmd.exe).");
        var trigger = WithDefault("--trigger", "session_start, schedule, on_demand or session_end.", "session_start");
        var condition = Optional<string?>("--condition", "Trigger condition as JSON, e.g. {\"days_since_last_run\": 7}.");
        var priority = WithDefault("--priority", "1 is highest.", 5);
        var timeout = WithDefault("--timeout-seconds", "Kill the command after this long.", 300);
        jobs.Subcommands.Add(Call(context, "create", "Define a job; prints its id.", [name, type, command, trigger, condition, priority, timeout],
            async (client, parse, ct) => context.WriteId(parse, await client.Jobs.CreateAsync(parse.GetValue(name)!, parse.GetValue(type)!,
                parse.GetValue(command)!, parse.GetValue(trigger)!, parse.GetValue(condition), parse.GetValue(priority), parse.GetValue(timeout), ct).ConfigureAwait(false))));

        var dueProject = Optional<string?>("--project", "Only jobs for this project (and those for every project).");
        jobs.Subcommands.Add(Call(context, "due", "List due jobs (at most five), highest priority first.", [dueProject],
            async (client, parse, ct) => context.Write(parse, await client.Jobs.DueAsync(parse.GetValue(dueProject), ct).ConfigureAwait(false),
                CliJsonContext.Default.IReadOnlyListDueJob,
                (o, rows) => Table.Write(o, rows, ("JOB", j => j.JobId), ("NAME", j => j.JobName), ("PRIORITY", j => j.Priority),
                    ("TRIGGER", j => j.TriggerType), ("LAST RUN", j => j.LastRun), ("LAST STATUS", j => j.LastStatus)))));

        var session = Optional<Guid?>("--session", "The session running them (recorded in the run history).");
        var runProject = Optional<string?>("--project", "Only jobs for this project.");
        jobs.Subcommands.Add(Call(context, "run-due", "Claim and run each due job with its timeout, and record the results.", [session, runProject],
            async (client, parse, ct) => context.Write(parse,
                await new DueJobRunner(client).RunDueAsync(parse.GetValue(session), parse.GetValue(runProject), context.Diagnostics.WriteLine, ct).ConfigureAwait(false),
                CliJsonContext.Default.IReadOnlyListJobRunOutcome,
                (o, rows) => Table.Write(o, rows, ("JOB", j => j.JobName), ("STATUS", j => j.Status), ("EXIT", j => j.ExitCode),
                    ("SECONDS", j => j.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)), ("ERROR", j => j.Error)))));

        var claimJob = new Argument<Guid>("job-id");
        var claimSession = Optional<Guid?>("--session", "The claiming session.");
        jobs.Subcommands.Add(Call(context, "claim", "Claim a job for a run you perform yourself; prints the run id.", [claimJob, claimSession],
            async (client, parse, ct) => context.WriteId(parse, await client.Jobs.ClaimAsync(parse.GetValue(claimJob), parse.GetValue(claimSession), ct).ConfigureAwait(false))));

        var claimDueProject = Optional<string?>("--project", "Only jobs for this project (and those for every project).");
        var claimDueSession = Optional<Guid?>("--session", "The claiming session.");
        jobs.Subcommands.Add(Call(context, "claim-due", "Claim the next due job nobody else is claiming, for a run you perform yourself; prints it with its run id (nothing when none is due).",
            [claimDueProject, claimDueSession],
            async (client, parse, ct) =>
            {
                var claimed = await client.Jobs.ClaimDueAsync(parse.GetValue(claimDueProject), parse.GetValue(claimDueSession), cancellationToken: ct).ConfigureAwait(false);
                context.Write(parse, claimed is null ? [] : [claimed], CliJsonContext.Default.IReadOnlyListClaimedJob,
                    (o, rows) => Table.Write(o, rows, ("JOB", j => j.JobId), ("RUN", j => j.RunId), ("NAME", j => j.JobName), ("COMMAND", j => j.Command),
                        ("TIMEOUT", j => j.TimeoutSeconds)));
            }));

        var reportJob = new Argument<Guid>("job-id");
        var status = Required<string>("--status", "SUCCESS, FAILED, TIMEOUT or SKIPPED.");
        var output = Optional<string?>("--output", "What the run printed.");
        var error = Optional<string?>("--error", "Why it failed.");
        jobs.Subcommands.Add(Call(context, "report", "Record the result of a claimed run.", [reportJob, status, output, error],
            async (client, parse, ct) =>
            {
                await client.Jobs.ReportAsync(parse.GetValue(reportJob), parse.GetValue(status)!, parse.GetValue(output), parse.GetValue(error), ct).ConfigureAwait(false);
                context.WriteOk(parse, $"Result of {parse.GetValue(reportJob)} recorded.");
            }));

        var schedule = new Argument<string>("cron") { Description = "Five-field cron expression, e.g. \"0 3 * * 1\"." };
        var after = Optional<DateTime?>("--after", "Start from this time (default: now).");
        jobs.Subcommands.Add(Call(context, "next-run", "When a cron expression fires next.", [schedule, after],
            async (client, parse, ct) =>
            {
                var next = await client.Jobs.NextCronRunAsync(parse.GetValue(schedule)!, parse.GetValue(after) ?? DateTime.Now, ct).ConfigureAwait(false);
                context.WriteOk(parse, next?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never");
            }));
        return jobs;
    }
}
