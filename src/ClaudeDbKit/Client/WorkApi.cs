using System.Text.Json;
using static ClaudeDbKit.Client.JsonFields;

namespace ClaudeDbKit.Client;

/// <summary>A build task or requirement listed under its feature by <c>claude.get_work_item</c>.</summary>
public sealed record WorkItemChild(string? Code, Guid Id, string? Name, string? Status, int? Priority);

/// <summary>What <c>claude.get_work_item</c> returns for a code F&lt;n&gt;, FB&lt;n&gt; or BT&lt;n&gt;.</summary>
public sealed record WorkItem(
    string Code,
    string Kind,
    Guid Id,
    string? Name,
    string? Description,
    string? Status,
    string? Priority,
    string? FeedbackType,
    Guid? ProjectId,
    string? ProjectName,
    string? FeatureCode,
    Guid? FeatureId,
    string? FeatureName,
    Guid? CreatedSessionId,
    DateTime? CreatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    DateTime? ResolvedAt,
    IReadOnlyList<WorkItemChild> Tasks,
    IReadOnlyList<WorkItemChild> Requirements,
    string Json)
{
    /// <summary>Reads the function's jsonb result; a feature lists its tasks and requirements, a task names its feature.</summary>
    public static WorkItem Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var project = Object(root, "project");
        var feature = Object(root, "feature");
        var hasProject = project.ValueKind == JsonValueKind.Object;
        var hasFeature = feature.ValueKind == JsonValueKind.Object;
        return new WorkItem(
            Text(root, "code") ?? "", Text(root, "kind") ?? "", Uuid(root, "id") ?? Guid.Empty, Text(root, "name"), Text(root, "description"),
            Text(root, "status"), Text(root, "priority"), Text(root, "feedback_type"),
            hasProject ? Uuid(project, "id") : null, hasProject ? Text(project, "name") : null,
            hasFeature ? Text(feature, "code") : null, hasFeature ? Uuid(feature, "id") : null, hasFeature ? Text(feature, "name") : null,
            Uuid(root, "created_session_id"), Time(root, "created_at"), Time(root, "started_at"), Time(root, "completed_at"), Time(root, "resolved_at"),
            Array(root, "tasks", Child), Array(root, "requirements", Child), json);
    }

    private static WorkItemChild Child(JsonElement e) =>
        new(Text(e, "code"), Uuid(e, "id") ?? Guid.Empty, Text(e, "name"), Text(e, "status"), Int(e, "priority"));
}

/// <summary>Work tracking (seed 003): features F&lt;n&gt;, feedback FB&lt;n&gt;, build tasks BT&lt;n&gt; and requirements.</summary>
public sealed class WorkApi
{
    private readonly FunctionCaller _caller;

    internal WorkApi(FunctionCaller caller) => _caller = caller;

    /// <summary>Creates a feature (status draft) in a project given by name (any case) or id; returns its code, e.g. F12.</summary>
    public async Task<string> CreateFeatureAsync(string project, string featureName, string? description = null, int priority = 3,
        Guid? sessionId = null, CancellationToken cancellationToken = default) =>
        (await _caller.ScalarAsync<string>(
            "SELECT claude.create_feature(p_project => $1, p_feature_name => $2, p_description => $3, p_priority => $4, p_session_id => $5)",
            [Parameters.Text(project), Parameters.Text(featureName), Parameters.Text(description), Parameters.Integer(priority), Parameters.Uuid(sessionId)],
            cancellationToken).ConfigureAwait(false))!;

    /// <summary>Records feedback (status new) of a registered type in a project; returns its code, e.g. FB3.</summary>
    public async Task<string> CreateFeedbackAsync(string project, string feedbackType, string description, string? title = null,
        Guid? sessionId = null, CancellationToken cancellationToken = default) =>
        (await _caller.ScalarAsync<string>(
            "SELECT claude.create_feedback(p_project => $1, p_feedback_type => $2, p_description => $3, p_title => $4, p_session_id => $5)",
            [Parameters.Text(project), Parameters.Text(feedbackType), Parameters.Text(description), Parameters.Text(title), Parameters.Uuid(sessionId)],
            cancellationToken).ConfigureAwait(false))!;

    /// <summary>Creates a build task (status pending) of a feature given as F&lt;n&gt; or id, in the feature's project; returns its code, e.g. BT7.</summary>
    public async Task<string> CreateBuildTaskAsync(string feature, string taskName, string? description = null, int priority = 3,
        Guid? sessionId = null, CancellationToken cancellationToken = default) =>
        (await _caller.ScalarAsync<string>(
            "SELECT claude.create_build_task(p_feature => $1, p_task_name => $2, p_description => $3, p_priority => $4, p_session_id => $5)",
            [Parameters.Text(feature), Parameters.Text(taskName), Parameters.Text(description), Parameters.Integer(priority), Parameters.Uuid(sessionId)],
            cancellationToken).ConfigureAwait(false))!;

    /// <summary>Adds a requirement (status pending) to a feature; returns its id.</summary>
    public async Task<Guid> AddRequirementAsync(string feature, string requirementName, string? description = null,
        CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<Guid>("SELECT claude.add_requirement(p_feature => $1, p_requirement_name => $2, p_description => $3)",
            [Parameters.Text(feature), Parameters.Text(requirementName), Parameters.Text(description)], cancellationToken).ConfigureAwait(false);

    /// <summary>Moves a work item (F&lt;n&gt;, FB&lt;n&gt;, BT&lt;n&gt;, or a requirement id) to a registered status.</summary>
    public Task SetStatusAsync(string code, string status, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync("SELECT claude.set_work_item_status(p_code => $1, p_status => $2)",
            [Parameters.Text(code), Parameters.Text(status)], cancellationToken);

    /// <summary>The work item of a code, with its project and, for a task, its feature; for a feature, its tasks and requirements.</summary>
    public async Task<WorkItem> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        var json = await _caller.ScalarAsync<string>("SELECT claude.get_work_item(p_code => $1)::text", [Parameters.Text(code)], cancellationToken)
            .ConfigureAwait(false);
        return WorkItem.Parse(json ?? "{}");
    }
}
