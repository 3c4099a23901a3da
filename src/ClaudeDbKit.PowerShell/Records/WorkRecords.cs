using ClaudeDbKit.Client;

namespace ClaudeDbKit.PowerShell;

/// <summary>A work item read by <c>claude.get_work_item</c>: a feature, feedback or build task.</summary>
public sealed class WorkItemRecord
{
    public const string PSTypeName = "ClaudeDbKit.WorkItem";

    public WorkItemRecord(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Code = item.Code;
        Kind = item.Kind;
        Id = item.Id;
        Name = item.Name;
        Description = item.Description;
        Status = item.Status;
        Priority = item.Priority;
        FeedbackType = item.FeedbackType;
        ProjectId = item.ProjectId;
        ProjectName = item.ProjectName;
        FeatureCode = item.FeatureCode;
        FeatureId = item.FeatureId;
        FeatureName = item.FeatureName;
        CreatedSessionId = item.CreatedSessionId;
        CreatedAt = item.CreatedAt;
        StartedAt = item.StartedAt;
        CompletedAt = item.CompletedAt;
        ResolvedAt = item.ResolvedAt;
        Tasks = item.Tasks.Select(t => new WorkItemChildRecord(t)).ToList();
        Requirements = item.Requirements.Select(r => new WorkItemChildRecord(r)).ToList();
    }

    /// <summary>F&lt;n&gt;, FB&lt;n&gt; or BT&lt;n&gt;.</summary>
    public string Code { get; }

    /// <summary>feature, feedback or build_task.</summary>
    public string Kind { get; }

    public Guid Id { get; }

    /// <summary>The feature's or task's name, or the feedback's title.</summary>
    public string? Name { get; }

    public string? Description { get; }

    public string? Status { get; }

    /// <summary>1 (highest) to 5; feedback may hold text such as high.</summary>
    public string? Priority { get; }

    public string? FeedbackType { get; }

    public Guid? ProjectId { get; }

    public string? ProjectName { get; }

    /// <summary>A build task's feature.</summary>
    public string? FeatureCode { get; }

    public Guid? FeatureId { get; }

    public string? FeatureName { get; }

    public Guid? CreatedSessionId { get; }

    public DateTime? CreatedAt { get; }

    public DateTime? StartedAt { get; }

    public DateTime? CompletedAt { get; }

    public DateTime? ResolvedAt { get; }

    /// <summary>A feature's build tasks.</summary>
    public IReadOnlyList<WorkItemChildRecord> Tasks { get; }

    /// <summary>A feature's requirements.</summary>
    public IReadOnlyList<WorkItemChildRecord> Requirements { get; }
}

/// <summary>A build task or requirement listed under its feature.</summary>
public sealed class WorkItemChildRecord
{
    public const string PSTypeName = "ClaudeDbKit.WorkItemChild";

    public WorkItemChildRecord(WorkItemChild child)
    {
        ArgumentNullException.ThrowIfNull(child);
        Code = child.Code;
        Id = child.Id;
        Name = child.Name;
        Status = child.Status;
        Priority = child.Priority;
    }

    /// <summary>BT&lt;n&gt; for a task; none for a requirement.</summary>
    public string? Code { get; }

    public Guid Id { get; }

    public string? Name { get; }

    public string? Status { get; }

    public int? Priority { get; }
}

/// <summary>A work item that was created or whose status changed.</summary>
public sealed class WorkItemChangeRecord
{
    public const string PSTypeName = "ClaudeDbKit.WorkItemChange";

    public WorkItemChangeRecord(string code, string kind, string action, string? name = null, string? status = null)
    {
        Code = code;
        Kind = kind;
        Action = action;
        Name = name;
        Status = status;
    }

    /// <summary>F&lt;n&gt;, FB&lt;n&gt;, BT&lt;n&gt;, or a requirement's id: pipe it to Set-ClaudeWorkItemStatus or Get-ClaudeWorkItem.</summary>
    public string Code { get; }

    /// <summary>feature, feedback, build_task or requirement.</summary>
    public string Kind { get; }

    /// <summary>Created or StatusChanged.</summary>
    public string Action { get; }

    public string? Name { get; }

    public string? Status { get; }
}
