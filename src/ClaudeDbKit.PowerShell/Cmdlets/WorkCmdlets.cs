using System.Management.Automation;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Creates a feature (status draft) in a project and returns its code, e.g. F12.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "ClaudeFeature", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(WorkItemChangeRecord))]
[ClaudeApiFunction("create_feature")]
public sealed class NewClaudeFeatureCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The project's name (any case) or project_id.")]
    [Alias("ProjectName")]
    public string Project { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, HelpMessage = "The feature's name (at most 200 characters).")]
    [Alias("FeatureName")]
    public string Name { get; set; } = "";

    [Parameter]
    public string? Description { get; set; }

    /// <summary>1 (highest) to 5; default 3.</summary>
    [Parameter]
    [ValidateRange(1, 5)]
    public int Priority { get; set; } = 3;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Guid? SessionId { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"project '{Project}'", $"Create feature '{Name}'") &&
            TryInvoke((c, ct) => c.Work.CreateFeatureAsync(Project, Name, Description, Priority, SessionId, ct), Name, out var code))
            WriteRecord(new WorkItemChangeRecord(code, "feature", "Created", Name, "draft"));
    }
}

/// <summary>
/// <para type="synopsis">Records feedback (a bug, design note, question or change request) in a project and returns its code, e.g. FB3.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "ClaudeFeedback", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(WorkItemChangeRecord))]
[ClaudeApiFunction("create_feedback")]
public sealed class NewClaudeFeedbackCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The project's name (any case) or project_id.")]
    [Alias("ProjectName")]
    public string Project { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, HelpMessage = "A registered feedback type: bug, design, question or change.")]
    public string FeedbackType { get; set; } = "";

    [Parameter(Mandatory = true, Position = 2, HelpMessage = "What was observed or asked.")]
    public string Description { get; set; } = "";

    [Parameter]
    public string? Title { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Guid? SessionId { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"project '{Project}'", $"Record {FeedbackType} feedback") &&
            TryInvoke((c, ct) => c.Work.CreateFeedbackAsync(Project, FeedbackType, Description, Title, SessionId, ct), Description, out var code))
            WriteRecord(new WorkItemChangeRecord(code, "feedback", "Created", Title, "new"));
    }
}

/// <summary>
/// <para type="synopsis">Creates a build task (status pending) of a feature, in the feature's project, and returns its code, e.g. BT7.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "ClaudeBuildTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(WorkItemChangeRecord))]
[ClaudeApiFunction("create_build_task")]
public sealed class NewClaudeBuildTaskCommand : ClaudeCmdletBase
{
    /// <summary>The feature's code (F12) or feature_id; binds the Code of a piped New-ClaudeFeature result.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The feature's code (F12) or feature_id.")]
    [Alias("Code", "FeatureCode")]
    public string Feature { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, HelpMessage = "The task's name (at most 200 characters).")]
    [Alias("TaskName")]
    public string Name { get; set; } = "";

    [Parameter]
    public string? Description { get; set; }

    /// <summary>1 (highest) to 5; default 3.</summary>
    [Parameter]
    [ValidateRange(1, 5)]
    public int Priority { get; set; } = 3;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Guid? SessionId { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"feature {Feature}", $"Create build task '{Name}'") &&
            TryInvoke((c, ct) => c.Work.CreateBuildTaskAsync(Feature, Name, Description, Priority, SessionId, ct), Feature, out var code))
            WriteRecord(new WorkItemChangeRecord(code, "build_task", "Created", Name, "pending"));
    }
}

/// <summary>
/// <para type="synopsis">Adds a requirement (acceptance criterion, status pending) to a feature.</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "ClaudeRequirement", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(WorkItemChangeRecord))]
[ClaudeApiFunction("add_requirement")]
public sealed class AddClaudeRequirementCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The feature's code (F12) or feature_id.")]
    [Alias("Code", "FeatureCode")]
    public string Feature { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, HelpMessage = "The requirement (at most 200 characters).")]
    [Alias("RequirementName")]
    public string Name { get; set; } = "";

    [Parameter]
    public string? Description { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"feature {Feature}", $"Add requirement '{Name}'") &&
            TryInvoke((c, ct) => c.Work.AddRequirementAsync(Feature, Name, Description, ct), Feature, out var requirementId))
            WriteRecord(new WorkItemChangeRecord(requirementId.ToString(), "requirement", "Created", Name, "pending"));
    }
}

/// <summary>
/// <para type="synopsis">Moves a feature, feedback, build task (by code) or requirement (by id) to a registered status.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "ClaudeWorkItemStatus", SupportsShouldProcess = true)]
[OutputType(typeof(WorkItemChangeRecord))]
[ClaudeApiFunction("set_work_item_status")]
public sealed class SetClaudeWorkItemStatusCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "F<n>, FB<n>, BT<n>, or a requirement id.")]
    public string Code { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, HelpMessage = "The new status, e.g. in_progress or completed.")]
    public string Status { get; set; } = "";

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess(Code, $"Set status {Status}") &&
            TryInvoke((c, ct) => c.Work.SetStatusAsync(Code, Status, ct), Code) && PassThru)
            WriteRecord(new WorkItemChangeRecord(Code.Trim().ToUpperInvariant(), "", "StatusChanged", status: Status));
    }
}

/// <summary>
/// <para type="synopsis">Gets a work item by its code (F12, FB3, BT7; any case) with its project, feature, tasks and requirements.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClaudeWorkItem")]
[OutputType(typeof(WorkItemRecord))]
[ClaudeApiFunction("get_work_item")]
public sealed class GetClaudeWorkItemCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, HelpMessage = "F<n>, FB<n> or BT<n>.")]
    public string[] Code { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var code in Code)
        {
            if (TryInvoke((c, ct) => c.Work.GetAsync(code, ct), code, out var item))
                WriteRecord(new WorkItemRecord(item));
        }
    }
}
