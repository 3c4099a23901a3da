using System.Management.Automation;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Appends an entry to the activity feed.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Write, "ClaudeActivity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ActivityChangeRecord))]
[ClaudeApiFunction("log_activity")]
public sealed class WriteClaudeActivityCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, HelpMessage = "What the entry is about: a registered source type such as session, message or job.")]
    public string SourceType { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, HelpMessage = "What happened: the activity type, e.g. deployment.")]
    public string ActivityType { get; set; } = "";

    [Parameter(Mandatory = true, Position = 2, HelpMessage = "A one-line title for the entry.")]
    public string Title { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Guid? SourceId { get; set; }

    [Parameter]
    public string? Actor { get; set; }

    [Parameter]
    public string? Summary { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ProjectName { get; set; }

    /// <summary>A registered severity (default info).</summary>
    [Parameter]
    public string Severity { get; set; } = "info";

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"activity feed{(ProjectName is null ? "" : $" of {ProjectName}")}", $"Log '{Title}'") &&
            TryInvoke((c, ct) => c.Activity.LogAsync(SourceType, SourceId, Actor, ActivityType, Title, Summary, ProjectName, Severity, ct), Title, out var id))
            WriteRecord(new ActivityChangeRecord(id, "Logged", SourceType, SourceId, ActivityType, Title));
    }
}

/// <summary>
/// <para type="synopsis">Reads the activity feed: recent entries (of a project and severity), or every entry about one source.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClaudeActivity", DefaultParameterSetName = RecentSet)]
[OutputType(typeof(ActivityRecord))]
[ClaudeApiFunction("get_recent_activity", ParameterSetName = RecentSet)]
[ClaudeApiFunction("get_activity_by_source", ParameterSetName = BySourceSet)]
public sealed class GetClaudeActivityCommand : ClaudeCmdletBase
{
    private const string RecentSet = "Recent";
    private const string BySourceSet = "BySource";

    [Parameter(ParameterSetName = RecentSet, Position = 0)]
    public string? ProjectName { get; set; }

    [Parameter(ParameterSetName = RecentSet)]
    public string? Severity { get; set; }

    [Parameter(ParameterSetName = RecentSet)]
    public int Limit { get; set; } = 50;

    [Parameter(ParameterSetName = BySourceSet, Mandatory = true, HelpMessage = "The source type of the entries, e.g. session.")]
    public string SourceType { get; set; } = "";

    [Parameter(ParameterSetName = BySourceSet, Mandatory = true, HelpMessage = "The id of the source (a session id, a message id, ...).")]
    public Guid SourceId { get; set; }

    protected override void ProcessRecord()
    {
        var ok = ParameterSetName == BySourceSet
            ? TryInvoke((c, ct) => c.Activity.BySourceAsync(SourceType, SourceId, ct), SourceId, out var entries)
            : TryInvoke((c, ct) => c.Activity.RecentAsync(ProjectName, Severity, Limit, ct), ProjectName, out entries);
        if (ok)
        {
            foreach (var entry in entries)
                WriteRecord(new ActivityRecord(entry));
        }
    }
}

/// <summary>
/// <para type="synopsis">Moves activity entries older than -OlderThan into the archive table.</para>
/// </summary>
[Cmdlet(VerbsCommon.Move, "ClaudeActivity", SupportsShouldProcess = true)]
[OutputType(typeof(AffectedCountRecord))]
[ClaudeApiFunction("archive_activity")]
public sealed class MoveClaudeActivityCommand : ClaudeCmdletBase
{
    /// <summary>The age past which entries move (default 90 days, as the function's).</summary>
    [Parameter(Position = 0)]
    public TimeSpan OlderThan { get; set; } = TimeSpan.FromDays(90);

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"activity entries older than {OlderThan}", "Move to the archive") &&
            TryInvoke((c, ct) => c.Activity.ArchiveAsync(OlderThan, ct), OlderThan, out var count))
            WriteRecord(new AffectedCountRecord("archive_activity", count));
    }
}

/// <summary>
/// <para type="synopsis">Lists the valid values of a registered column (the column registry).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClaudeValidValue")]
[OutputType(typeof(ValidValueRecord))]
[ClaudeApiFunction("get_valid_values")]
public sealed class GetClaudeValidValueCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The table, e.g. messages.")]
    public string TableName { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, HelpMessage = "The column, e.g. priority.")]
    public string ColumnName { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (TryInvoke((c, ct) => c.Registry.GetValidValuesAsync(TableName, ColumnName, ct), $"{TableName}.{ColumnName}", out var values))
        {
            foreach (var value in values)
                WriteRecord(new ValidValueRecord(TableName, ColumnName, value));
        }
    }
}

/// <summary>
/// <para type="synopsis">Re-derives the CHECK constraints from the column registry (all, one table, or one column).</para>
/// </summary>
[Cmdlet(VerbsData.Update, "ClaudeRegistryConstraint", SupportsShouldProcess = true)]
[OutputType(typeof(AffectedCountRecord))]
[ClaudeApiFunction("refresh_registry_constraints")]
public sealed class UpdateClaudeRegistryConstraintCommand : ClaudeCmdletBase
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? TableName { get; set; }

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? ColumnName { get; set; }

    protected override void ProcessRecord()
    {
        var scope = TableName is null ? "every registered column" : ColumnName is null ? $"table {TableName}" : $"{TableName}.{ColumnName}";
        if (ShouldProcess(scope, "Re-derive the CHECK constraints from the registry") &&
            TryInvoke((c, ct) => c.Registry.RefreshConstraintsAsync(TableName, ColumnName, ct), scope, out var count))
            WriteRecord(new AffectedCountRecord("refresh_registry_constraints", count));
    }
}
