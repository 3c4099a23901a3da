using ClaudeDbKit.Client;

namespace ClaudeDbKit.PowerShell;

/// <summary>An activity feed entry (<c>claude.get_recent_activity</c>, <c>claude.get_activity_by_source</c>).</summary>
public sealed class ActivityRecord
{
    public const string PSTypeName = "ClaudeDbKit.Activity";

    public ActivityRecord(ActivityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Id = entry.Id;
        SourceType = entry.SourceType;
        SourceId = entry.SourceId;
        Actor = entry.Actor;
        ActivityType = entry.ActivityType;
        Title = entry.Title;
        Summary = entry.Summary;
        ProjectName = entry.ProjectName;
        Severity = entry.Severity;
        CreatedAt = entry.CreatedAt;
    }

    public Guid Id { get; }

    public string? SourceType { get; }

    public Guid? SourceId { get; }

    public string? Actor { get; }

    public string? ActivityType { get; }

    public string? Title { get; }

    public string? Summary { get; }

    public string? ProjectName { get; }

    public string? Severity { get; }

    public DateTime? CreatedAt { get; }
}

/// <summary>The entry <c>Write-ClaudeActivity</c> appended.</summary>
public sealed class ActivityChangeRecord
{
    public const string PSTypeName = "ClaudeDbKit.ActivityChange";

    public ActivityChangeRecord(Guid id, string action, string? sourceType, Guid? sourceId, string? activityType, string? title)
    {
        Id = id;
        Action = action;
        SourceType = sourceType;
        SourceId = sourceId;
        ActivityType = activityType;
        Title = title;
    }

    public Guid Id { get; }

    /// <summary>Logged.</summary>
    public string Action { get; }

    public string? SourceType { get; }

    public Guid? SourceId { get; }

    public string? ActivityType { get; }

    public string? Title { get; }
}

/// <summary>How many rows a bulk function changed (stale sessions closed, entries archived, constraints refreshed, messages expired).</summary>
public sealed class AffectedCountRecord
{
    public const string PSTypeName = "ClaudeDbKit.AffectedCount";

    public AffectedCountRecord(string function, int count)
    {
        Function = function;
        Count = count;
    }

    /// <summary>The SQL function that did it, e.g. <c>abandon_stale_sessions</c>.</summary>
    public string Function { get; }

    public int Count { get; }
}

/// <summary>One valid value of a registered column (<c>claude.get_valid_values</c>).</summary>
public sealed class ValidValueRecord
{
    public const string PSTypeName = "ClaudeDbKit.ValidValue";

    public ValidValueRecord(string tableName, string columnName, string value)
    {
        TableName = tableName;
        ColumnName = columnName;
        Value = value;
    }

    public string TableName { get; }

    public string ColumnName { get; }

    public string Value { get; }
}
