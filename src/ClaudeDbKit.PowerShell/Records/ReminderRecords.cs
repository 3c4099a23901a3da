using ClaudeDbKit.Client;

namespace ClaudeDbKit.PowerShell;

/// <summary>A due reminder (<c>claude.get_due_reminders</c>).</summary>
public sealed class ReminderRecord
{
    public const string PSTypeName = "ClaudeDbKit.Reminder";

    public ReminderRecord(DueReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ReminderId = reminder.ReminderId;
        Title = reminder.Title;
        Description = reminder.Description;
        CheckAfter = reminder.CheckAfter;
        CheckType = reminder.CheckType;
        CheckCondition = reminder.CheckCondition;
        ReminderCount = reminder.ReminderCount;
        MaxReminders = reminder.MaxReminders;
        ProjectName = reminder.ProjectName;
    }

    public Guid ReminderId { get; }

    public string? Title { get; }

    public string? Description { get; }

    public DateTime? CheckAfter { get; }

    public string? CheckType { get; }

    public string? CheckCondition { get; }

    public int? ReminderCount { get; }

    public int? MaxReminders { get; }

    public string? ProjectName { get; }
}

/// <summary>A reminder that was created, completed, rescheduled or dismissed.</summary>
public sealed class ReminderChangeRecord
{
    public const string PSTypeName = "ClaudeDbKit.ReminderChange";

    public ReminderChangeRecord(Guid reminderId, string action, string? title = null, DateTime? checkAfter = null)
    {
        ReminderId = reminderId;
        Action = action;
        Title = title;
        CheckAfter = checkAfter;
    }

    public Guid ReminderId { get; }

    /// <summary>Created, Completed, Rescheduled or Dismissed.</summary>
    public string Action { get; }

    public string? Title { get; }

    public DateTime? CheckAfter { get; }
}

/// <summary>The answer to a reminder's check: true done, false not yet, null for a person to decide (manual).</summary>
public sealed class ReminderCheckRecord
{
    public const string PSTypeName = "ClaudeDbKit.ReminderCheck";

    public ReminderCheckRecord(Guid reminderId, bool? isDone)
    {
        ReminderId = reminderId;
        IsDone = isDone;
    }

    public Guid ReminderId { get; }

    public bool? IsDone { get; }
}
