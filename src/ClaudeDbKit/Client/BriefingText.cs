using System.Globalization;
using System.Text;

namespace ClaudeDbKit.Client;

/// <summary>
/// Writes a startup briefing as plain facts for Claude's context, within a character budget (Claude
/// Code replaces hook output over 10,000 characters with a file reference).
/// </summary>
public static class BriefingText
{
    public const int DefaultBudget = 9_000;

    public static string Format(StartupBriefing briefing, int budget = DefaultBudget)
    {
        var text = new StringBuilder();
        var project = briefing.ProjectName ?? "(no project)";
        if (briefing.SessionId is { } session)
            text.Append(CultureInfo.InvariantCulture, $"ClaudeDbKit recorded this session as {session} for project {project}.\n");

        Section(text, briefing.Messages, $"{Count(briefing.Messages.Count, "message is", "messages are")} pending for this session or project {project}:",
            m => $"[{m.Priority}] {m.MessageType}: {m.Subject} (id {m.MessageId}, sent {Time(m.CreatedAt)}){Body(m.Body)}");
        Section(text, briefing.Reminders, $"{Count(briefing.Reminders.Count, "reminder is", "reminders are")} due:",
            r => $"{r.Title} (id {r.ReminderId}, due since {Time(r.CheckAfter)}, check {r.CheckType}, reminded {r.ReminderCount} of {r.MaxReminders} times){Body(r.Description)}");
        Section(text, briefing.Jobs, $"{Count(briefing.Jobs.Count, "scheduled job is", "scheduled jobs are")} due:",
            j => $"{j.JobName} (priority {j.Priority}, {j.JobType}, last run {Time(j.LastRun)} {j.LastStatus})");
        Section(text, briefing.Activity, $"Recent activity in {project}:",
            a => $"{Time(a.CreatedAt)} {a.Severity} {a.ActivityType}: {a.Title}{(a.Actor is null ? "" : $" ({a.Actor})")}");
        if (briefing.Messages.Count + briefing.Reminders.Count + briefing.Jobs.Count + briefing.Activity.Count == 0)
            text.Append("No pending messages, due reminders, due jobs or recent activity.\n");

        if (text.Length <= budget)
            return text.ToString();
        const string cut = "\n[briefing shortened to stay within the hook output limit]\n";
        return text.ToString(0, budget - cut.Length) + cut;
    }

    private static void Section<T>(StringBuilder text, IReadOnlyList<T> items, string heading, Func<T, string> line)
    {
        if (items.Count == 0)
            return;
        text.Append('\n').Append(heading).Append('\n');
        foreach (var item in items)
            text.Append("- ").Append(line(item).ReplaceLineEndings(" ")).Append('\n');
    }

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    private static string Time(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never";

    private static string Body(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return "";
        var flat = body.ReplaceLineEndings(" ").Trim();
        return ": " + (flat.Length <= 400 ? flat : flat[..400] + "...");
    }
}
