using System.Management.Automation;
using ClaudeDbKit.Client;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Creates a pending reminder, due from -CheckAfter.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "ClaudeReminder", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ReminderChangeRecord))]
[ClaudeApiFunction("create_reminder")]
public sealed class NewClaudeReminderCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, HelpMessage = "The reminder's title (at most 200 characters).")]
    public string Title { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, HelpMessage = "When the reminder becomes due (server-local time).")]
    public DateTime CheckAfter { get; set; }

    [Parameter]
    public string? Description { get; set; }

    /// <summary>manual, file_exists, table_empty or sql_query (the registry's values).</summary>
    [Parameter]
    public string CheckType { get; set; } = "manual";

    [Parameter]
    public string? CheckCondition { get; set; }

    [Parameter]
    public int RescheduleDays { get; set; } = 7;

    [Parameter]
    public int MaxReminders { get; set; } = 3;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ProjectName { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"reminder '{Title}'", "Create") &&
            TryInvoke((c, ct) => c.Reminders.CreateAsync(Title, CheckAfter, Description, CheckType, CheckCondition, RescheduleDays, MaxReminders, ProjectName, ct),
                Title, out var reminderId))
            WriteRecord(new ReminderChangeRecord(reminderId, "Created", Title, CheckAfter));
    }
}

/// <summary>
/// <para type="synopsis">Lists the due reminders, oldest first (of a project, plus those without one).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClaudeReminder")]
[OutputType(typeof(ReminderRecord))]
[ClaudeApiFunction("get_due_reminders")]
public sealed class GetClaudeReminderCommand : ClaudeCmdletBase
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? ProjectName { get; set; }

    protected override void ProcessRecord()
    {
        if (TryInvoke((c, ct) => c.Reminders.DueAsync(ProjectName, ct), ProjectName, out var reminders))
        {
            foreach (var reminder in reminders)
                WriteRecord(new ReminderRecord(reminder));
        }
    }
}

/// <summary>
/// <para type="synopsis">Answers a reminder's check: the database answers table_empty and sql_query, this machine file_exists; manual stays unanswered.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ClaudeReminder")]
[OutputType(typeof(ReminderCheckRecord))]
[ClaudeApiFunction("check_reminder")]
public sealed class TestClaudeReminderCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the reminder to check.")]
    public Guid ReminderId { get; set; }

    protected override void ProcessRecord()
    {
        if (TryInvoke((c, ct) => ReminderCheck.EvaluateAsync(c, ReminderId, ct), ReminderId, out var isDone))
            WriteRecord(new ReminderCheckRecord(ReminderId, isDone));
    }
}

/// <summary>
/// <para type="synopsis">Marks a pending reminder done.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Complete, "ClaudeReminder", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ReminderChangeRecord))]
[ClaudeApiFunction("complete_reminder")]
public sealed class CompleteClaudeReminderCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the reminder that is done.")]
    public Guid ReminderId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"reminder {ReminderId}", "Mark done") &&
            TryInvoke((c, ct) => c.Reminders.CompleteAsync(ReminderId, ct), ReminderId) && PassThru)
            WriteRecord(new ReminderChangeRecord(ReminderId, "Completed"));
    }
}

/// <summary>
/// <para type="synopsis">Reschedules (snoozes) a reminder that is not done yet: due again after its reschedule days; expires after its maximum count (reschedule_reminder).</para>
/// </summary>
[Cmdlet(VerbsCommon.Skip, "ClaudeReminder", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ReminderChangeRecord))]
[ClaudeApiFunction("reschedule_reminder")]
public sealed class SkipClaudeReminderCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the reminder to reschedule.")]
    public Guid ReminderId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"reminder {ReminderId}", "Reschedule") &&
            TryInvoke((c, ct) => c.Reminders.RescheduleAsync(ReminderId, ct), ReminderId) && PassThru)
            WriteRecord(new ReminderChangeRecord(ReminderId, "Rescheduled"));
    }
}

/// <summary>
/// <para type="synopsis">Dismisses a pending reminder without completing it: no more reminding (dismiss_reminder).</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "ClaudeReminder", SupportsShouldProcess = true)]
[OutputType(typeof(ReminderChangeRecord))]
[ClaudeApiFunction("dismiss_reminder")]
public sealed class StopClaudeReminderCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the reminder to dismiss.")]
    public Guid ReminderId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"reminder {ReminderId}", "Dismiss") &&
            TryInvoke((c, ct) => c.Reminders.DismissAsync(ReminderId, ct), ReminderId) && PassThru)
            WriteRecord(new ReminderChangeRecord(ReminderId, "Dismissed"));
    }
}
