using ClaudeDbKit.Client;

namespace ClaudeDbKit.PowerShell;

/// <summary>The health report of <c>claude.check_health</c> (Test-ClaudeSchema), as module records.</summary>
public sealed class HealthReportRecord
{
    public const string PSTypeName = "ClaudeDbKit.HealthReport";

    public HealthReportRecord(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Healthy = report.Healthy;
        CheckedAt = report.CheckedAt;
        StaleHours = report.StaleHours;
        SchemaDrift = report.SchemaDrift.Select(d => new SchemaDriftRecord(d)).ToList();
        DataIssues = report.DataIssues.Select(i => new DataIssueRecord(i)).ToList();
        Json = report.Json;
    }

    /// <summary>True when there is neither schema drift nor a data issue.</summary>
    public bool Healthy { get; }

    public DateTime? CheckedAt { get; }

    public int? StaleHours { get; }

    public IReadOnlyList<SchemaDriftRecord> SchemaDrift { get; }

    public IReadOnlyList<DataIssueRecord> DataIssues { get; }

    /// <summary>The function's jsonb result as text.</summary>
    public string Json { get; }
}

/// <summary>An expected object that is missing, or a constraint left NOT VALID although no row breaks it.</summary>
public sealed class SchemaDriftRecord
{
    public const string PSTypeName = "ClaudeDbKit.SchemaDrift";

    public SchemaDriftRecord(SchemaDriftItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ObjectType = item.ObjectType;
        Table = item.Table;
        Name = item.Name;
        Problem = item.Problem;
        Detail = item.Detail;
    }

    public string ObjectType { get; }

    public string? Table { get; }

    public string Name { get; }

    /// <summary>missing or not_validated.</summary>
    public string Problem { get; }

    public string? Detail { get; }
}

/// <summary>One data quality issue, counted live, with a few sample keys or values.</summary>
public sealed class DataIssueRecord
{
    public const string PSTypeName = "ClaudeDbKit.DataIssue";

    public DataIssueRecord(DataIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        Issue = issue.Issue;
        Table = issue.Table;
        Column = issue.Column;
        Constraint = issue.Constraint;
        Count = issue.Count;
        Samples = issue.Samples;
        Detail = issue.Detail;
    }

    public string Issue { get; }

    public string? Table { get; }

    public string? Column { get; }

    public string? Constraint { get; }

    public long Count { get; }

    public IReadOnlyList<string> Samples { get; }

    public string? Detail { get; }
}
