using System.Data.Common;

namespace ClaudeDbKit.Client;

/// <summary>A row of <c>claude.get_due_reminders</c>.</summary>
public sealed record DueReminder(
    Guid ReminderId, string? Title, string? Description, DateTime? CheckAfter, string? CheckType, string? CheckCondition,
    int? ReminderCount, int? MaxReminders, string? ProjectName)
{
    internal static DueReminder Read(DbDataReader r) => new(
        r.Uuid("reminder_id")!.Value, r.Text("title"), r.Text("description"), r.Timestamp("check_after"), r.Text("check_type"),
        r.Text("check_condition"), r.Integer("reminder_count"), r.Integer("max_reminders"), r.Text("project_name"));
}

/// <summary>Reminders: create, list due, check, complete, reschedule, dismiss.</summary>
public sealed class RemindersApi
{
    /// <summary>The statement timeout the client gives an untrusted <c>sql_query</c> condition.</summary>
    public static readonly TimeSpan ConditionTimeout = TimeSpan.FromSeconds(5);

    private readonly FunctionCaller _caller;

    internal RemindersApi(FunctionCaller caller) => _caller = caller;

    public async Task<Guid> CreateAsync(string title, DateTime checkAfter, string? description = null, string checkType = "manual",
        string? checkCondition = null, int rescheduleDays = 7, int maxReminders = 3, string? projectName = null,
        CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<Guid>(
            "SELECT claude.create_reminder(p_title => $1, p_check_after => $2, p_description => $3, p_check_type => $4, p_check_condition => $5, p_reschedule_days => $6, p_max_reminders => $7, p_project_name => $8)",
            [Parameters.Text(title), Parameters.Timestamp(checkAfter), Parameters.Text(description), Parameters.Text(checkType),
             Parameters.Text(checkCondition), Parameters.Integer(rescheduleDays), Parameters.Integer(maxReminders), Parameters.Text(projectName)],
            cancellationToken).ConfigureAwait(false);

    /// <summary>Pending reminders whose time has come, for that project and those with no project.</summary>
    public Task<IReadOnlyList<DueReminder>> DueAsync(string? projectName = null, CancellationToken cancellationToken = default) =>
        _caller.QueryAsync("SELECT * FROM claude.get_due_reminders(p_project_name => $1)", [Parameters.Text(projectName)], DueReminder.Read, cancellationToken);

    /// <summary>
    /// Evaluates a <c>table_empty</c> or <c>sql_query</c> reminder in the database (null for <c>manual</c> and
    /// <c>file_exists</c>, which the caller answers). The condition runs under a short statement timeout.
    /// </summary>
    public Task<bool?> CheckAsync(Guid reminderId, CancellationToken cancellationToken = default) =>
        _caller.ScalarInTransactionAsync<bool?>(
            $"SET LOCAL statement_timeout = {(int)ConditionTimeout.TotalMilliseconds}",
            "SELECT claude.check_reminder(p_reminder_id => $1)", [Parameters.Uuid(reminderId)], cancellationToken);

    public Task CompleteAsync(Guid reminderId, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync("SELECT claude.complete_reminder(p_reminder_id => $1)", [Parameters.Uuid(reminderId)], cancellationToken);

    public Task RescheduleAsync(Guid reminderId, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync("SELECT claude.reschedule_reminder(p_reminder_id => $1)", [Parameters.Uuid(reminderId)], cancellationToken);

    public Task DismissAsync(Guid reminderId, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync("SELECT claude.dismiss_reminder(p_reminder_id => $1)", [Parameters.Uuid(reminderId)], cancellationToken);
}
