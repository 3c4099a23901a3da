using System.Text.Json;
using static ClaudeDbKit.Client.JsonFields;

namespace ClaudeDbKit.Client;

/// <summary>What <c>claude.get_startup_briefing</c> returns: everything a starting session should know, from one statement.</summary>
public sealed record StartupBriefing(
    Guid? SessionId,
    string? ProjectName,
    IReadOnlyList<DueReminder> Reminders,
    IReadOnlyList<MessageInfo> Messages,
    IReadOnlyList<DueJob> Jobs,
    IReadOnlyList<ActivityEntry> Activity,
    string Json)
{
    /// <summary>Reads the function's jsonb result; unknown keys are ignored and missing parts are empty.</summary>
    public static StartupBriefing Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new StartupBriefing(
            Uuid(root, "session_id"),
            Text(root, "project_name"),
            Array(root, "reminders", e => new DueReminder(Uuid(e, "reminder_id") ?? Guid.Empty, Text(e, "title"), Text(e, "description"),
                Time(e, "check_after"), Text(e, "check_type"), Text(e, "check_condition"), Int(e, "reminder_count"), Int(e, "max_reminders"), Text(e, "project_name"))),
            Array(root, "messages", e => new MessageInfo(Uuid(e, "message_id") ?? Guid.Empty, Uuid(e, "from_session_id"), Uuid(e, "to_session_id"),
                Text(e, "to_project"), Text(e, "message_type"), Text(e, "priority"), Text(e, "subject"), Text(e, "body"), Text(e, "status"),
                Time(e, "created_at"), Time(e, "expires_at"))),
            Array(root, "jobs", e => new DueJob(Uuid(e, "job_id") ?? Guid.Empty, Text(e, "job_name"), Text(e, "job_type"), Text(e, "command"),
                Text(e, "working_directory"), Int(e, "timeout_seconds"), Int(e, "priority"), Text(e, "trigger_type"), Time(e, "last_run"), Text(e, "last_status"))),
            Array(root, "activity", e => new ActivityEntry(Uuid(e, "id") ?? Guid.Empty, Text(e, "source_type"), Uuid(e, "source_id"), Text(e, "actor"),
                Text(e, "activity_type"), Text(e, "title"), Text(e, "summary"), Text(e, "project_name"), Text(e, "severity"), Time(e, "created_at"))),
            json);
    }
}

/// <summary>The one-call session start briefing.</summary>
public sealed class BriefingApi
{
    private readonly FunctionCaller _caller;

    internal BriefingApi(FunctionCaller caller) => _caller = caller;

    /// <summary>Due reminders, pending messages, due jobs (at most five) and recent activity for a session's project, in one round trip.</summary>
    public async Task<StartupBriefing> GetAsync(Guid? sessionId, string? projectName, CancellationToken cancellationToken = default)
    {
        var json = await _caller.ScalarAsync<string>("SELECT claude.get_startup_briefing(p_session_id => $1, p_project_name => $2)::text",
            [Parameters.Uuid(sessionId), Parameters.Text(projectName)], cancellationToken).ConfigureAwait(false);
        return StartupBriefing.Parse(json ?? "{}");
    }
}
