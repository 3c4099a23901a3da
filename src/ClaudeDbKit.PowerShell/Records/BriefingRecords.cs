using ClaudeDbKit.Client;

namespace ClaudeDbKit.PowerShell;

/// <summary>What a starting session should know (<c>claude.get_startup_briefing</c>), as module records.</summary>
public sealed class StartupBriefingRecord
{
    public const string PSTypeName = "ClaudeDbKit.StartupBriefing";

    public StartupBriefingRecord(StartupBriefing briefing)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        SessionId = briefing.SessionId;
        ProjectName = briefing.ProjectName;
        Reminders = briefing.Reminders.Select(r => new ReminderRecord(r)).ToList();
        Messages = briefing.Messages.Select(m => new MessageRecord(m)).ToList();
        Jobs = briefing.Jobs.Select(j => new DueJobRecord(j)).ToList();
        Activity = briefing.Activity.Select(a => new ActivityRecord(a)).ToList();
        Json = briefing.Json;
    }

    public Guid? SessionId { get; }

    public string? ProjectName { get; }

    public IReadOnlyList<ReminderRecord> Reminders { get; }

    public IReadOnlyList<MessageRecord> Messages { get; }

    public IReadOnlyList<DueJobRecord> Jobs { get; }

    public IReadOnlyList<ActivityRecord> Activity { get; }

    /// <summary>The function's jsonb result as text.</summary>
    public string Json { get; }
}

/// <summary>The connection <c>Connect-ClaudeDatabase</c> set as the runspace default; never its password.</summary>
public sealed class ConnectionRecord
{
    public const string PSTypeName = "ClaudeDbKit.Connection";

    internal ConnectionRecord(string? host, int port, string? database, string? username, bool hasCredential)
    {
        Host = host;
        Port = port;
        Database = database;
        Username = username;
        HasCredential = hasCredential;
    }

    public string? Host { get; }

    public int Port { get; }

    public string? Database { get; }

    public string? Username { get; }

    /// <summary>Whether a -Credential was stored with it.</summary>
    public bool HasCredential { get; }
}
