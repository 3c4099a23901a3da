using System.Collections;
using System.Management.Automation;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Records a piece of shared knowledge.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "ClaudeKnowledge", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(KnowledgeChangeRecord))]
[ClaudeApiFunction("record_knowledge")]
public sealed class NewClaudeKnowledgeCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, HelpMessage = "The knowledge's title (at most 200 characters).")]
    public string Title { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, HelpMessage = "What is known.")]
    public string Description { get; set; } = "";

    [Parameter(Mandatory = true, HelpMessage = "A registered knowledge type, e.g. pattern or gotcha.")]
    public string KnowledgeType { get; set; } = "";

    /// <summary>The projects it applies to; none: every project.</summary>
    [Parameter]
    public string[]? AppliesToProject { get; set; }

    /// <summary>1 to 10 (default 5).</summary>
    [Parameter]
    public int ConfidenceLevel { get; set; } = 5;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("IdentityId")]
    public Guid? LearnedByIdentityId { get; set; }

    [Parameter]
    public string? CodeExample { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"knowledge '{Title}'", "Record") &&
            TryInvoke((c, ct) => c.Knowledge.RecordAsync(Title, Description, KnowledgeType, AppliesToProject, ConfidenceLevel, LearnedByIdentityId, CodeExample, ct),
                Title, out var knowledgeId))
            WriteRecord(new KnowledgeChangeRecord(knowledgeId, "Recorded", Title));
    }
}

/// <summary>
/// <para type="synopsis">Searches the shared knowledge (ranked full text within a project's scope, most confident first).</para>
/// </summary>
[Cmdlet(VerbsCommon.Find, "ClaudeKnowledge")]
[OutputType(typeof(KnowledgeRecord))]
[ClaudeApiFunction("search_knowledge")]
public sealed class FindClaudeKnowledgeCommand : ClaudeCmdletBase
{
    [Parameter(Position = 0)]
    public string? SearchText { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ProjectName { get; set; }

    [Parameter]
    public string? KnowledgeType { get; set; }

    [Parameter]
    public int MinConfidence { get; set; } = 5;

    protected override void ProcessRecord()
    {
        if (TryInvoke((c, ct) => c.Knowledge.SearchAsync(ProjectName, KnowledgeType, SearchText, MinConfidence, ct), SearchText, out var items))
        {
            foreach (var item in items)
                WriteRecord(new KnowledgeRecord(item));
        }
    }
}

/// <summary>
/// <para type="synopsis">Records one use of a knowledge item and whether it worked (apply_knowledge).</para>
/// </summary>
[Cmdlet(VerbsOther.Use, "ClaudeKnowledge", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(KnowledgeChangeRecord))]
[ClaudeApiFunction("apply_knowledge")]
public sealed class UseClaudeKnowledgeCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the knowledge item used.")]
    public Guid KnowledgeId { get; set; }

    /// <summary>The knowledge did not work this time.</summary>
    [Parameter]
    public SwitchParameter Failed { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"knowledge {KnowledgeId}", Failed ? "Record a failed use" : "Record a successful use") &&
            TryInvoke((c, ct) => c.Knowledge.ApplyAsync(KnowledgeId, !Failed.IsPresent, ct), KnowledgeId) && PassThru)
            WriteRecord(new KnowledgeChangeRecord(KnowledgeId, "Applied", wasSuccessful: !Failed.IsPresent));
    }
}

/// <summary>
/// <para type="synopsis">Updates the fields of a knowledge item named in -Updates (update_knowledge).</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "ClaudeKnowledge", SupportsShouldProcess = true)]
[OutputType(typeof(KnowledgeChangeRecord))]
[ClaudeApiFunction("update_knowledge")]
public sealed class SetClaudeKnowledgeCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the knowledge item to update.")]
    public Guid KnowledgeId { get; set; }

    /// <summary>Field name to new value, e.g. @{ confidence_level = 8; applies_to_projects = @('a', 'b') }; sent as a JSON object.</summary>
    [Parameter(Mandatory = true, Position = 1, HelpMessage = "The fields to change, e.g. @{ title = 'New title'; confidence_level = 8 }.")]
    public Hashtable Updates { get; set; } = [];

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var updates = JsonText.FromDictionary(Updates);
        if (ShouldProcess($"knowledge {KnowledgeId}", $"Update {string.Join(", ", Updates.Keys.Cast<object>())}") &&
            TryInvoke((c, ct) => c.Knowledge.UpdateAsync(KnowledgeId, updates, ct), KnowledgeId) && PassThru)
            WriteRecord(new KnowledgeChangeRecord(KnowledgeId, "Updated"));
    }
}
