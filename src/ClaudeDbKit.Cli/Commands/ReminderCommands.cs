using System.CommandLine;
using ClaudeDbKit.Client;
using static ClaudeDbKit.Cli.Commands.CommandBuilder;

namespace ClaudeDbKit.Cli.Commands;

/// <summary><c>claudedb reminder create|due|check|complete|reschedule|dismiss</c>.</summary>
internal static class ReminderCommands
{
    public static Command Create(CommandContext context)
    {
        var reminder = new Command("reminder", "Follow-ups that come back until they are done.");

        var title = Required<string>("--title", "What to remember.");
        var after = Required<DateTime>("--check-after", "Not due before this time (server-local, e.g. 2026-12-01T09:00).");
        var description = Optional<string?>("--description", "Details.");
        var checkType = WithDefault("--check-type", "manual, sql_query, file_exists or table_empty.", "manual");
        var condition = Optional<string?>("--condition", "The SQL boolean expression, file path or table name the check uses.");
        var days = WithDefault("--reschedule-days", "Days to wait before asking again.", 7);
        var max = WithDefault("--max-reminders", "Expire after this many reschedules.", 3);
        var project = Optional<string?>("--project", "Project it belongs to (none: every project).");
        reminder.Subcommands.Add(Call(context, "create", "Create a reminder; prints its id.", [title, after, description, checkType, condition, days, max, project],
            async (client, parse, ct) => context.WriteId(parse, await client.Reminders.CreateAsync(parse.GetValue(title)!, parse.GetValue(after),
                parse.GetValue(description), parse.GetValue(checkType)!, parse.GetValue(condition), parse.GetValue(days), parse.GetValue(max),
                parse.GetValue(project), ct).ConfigureAwait(false))));

        var dueProject = Optional<string?>("--project", "That project's reminders and those with no project.");
        reminder.Subcommands.Add(Call(context, "due", "Due reminders, oldest first.", [dueProject],
            async (client, parse, ct) => context.Write(parse, await client.Reminders.DueAsync(parse.GetValue(dueProject), ct).ConfigureAwait(false),
                CliJsonContext.Default.IReadOnlyListDueReminder,
                (o, rows) => Table.Write(o, rows, ("REMINDER", r => r.ReminderId), ("DUE", r => r.CheckAfter), ("CHECK", r => r.CheckType),
                    ("COUNT", r => $"{r.ReminderCount}/{r.MaxReminders}"), ("PROJECT", r => r.ProjectName), ("TITLE", r => r.Title)))));

        var checkId = new Argument<Guid>("id");
        reminder.Subcommands.Add(Call(context, "check", "Evaluate a table_empty, sql_query or file_exists reminder: prints done, not-done or manual.", [checkId],
            async (client, parse, ct) =>
            {
                var done = await ReminderCheck.EvaluateAsync(client, parse.GetValue(checkId), ct).ConfigureAwait(false);
                context.WriteOk(parse, done switch { true => "done", false => "not-done", null => "manual" });
            }));
        reminder.Subcommands.Add(MessageCommands.IdCall(context, "complete", "Mark a reminder done.", (c, id, ct) => c.Reminders.CompleteAsync(id, ct), "completed"));
        reminder.Subcommands.Add(MessageCommands.IdCall(context, "reschedule", "Ask again after its reschedule_days (expires after max_reminders).", (c, id, ct) => c.Reminders.RescheduleAsync(id, ct), "rescheduled"));
        reminder.Subcommands.Add(MessageCommands.IdCall(context, "dismiss", "Dismiss a reminder without doing it.", (c, id, ct) => c.Reminders.DismissAsync(id, ct), "dismissed"));
        return reminder;
    }
}
