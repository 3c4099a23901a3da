using ClaudeDbKit.Client;

namespace ClaudeDbKit.PowerShell;

/// <summary>A knowledge item found by <c>claude.search_knowledge</c>.</summary>
public sealed class KnowledgeRecord
{
    public const string PSTypeName = "ClaudeDbKit.Knowledge";

    public KnowledgeRecord(KnowledgeItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        KnowledgeId = item.KnowledgeId;
        Title = item.Title;
        Description = item.Description;
        KnowledgeType = item.KnowledgeType;
        KnowledgeCategory = item.KnowledgeCategory;
        AppliesToProjects = item.AppliesToProjects;
        ConfidenceLevel = item.ConfidenceLevel;
        TimesApplied = item.TimesApplied;
        TimesFailed = item.TimesFailed;
        Rank = item.Rank;
    }

    public Guid KnowledgeId { get; }

    public string? Title { get; }

    public string? Description { get; }

    public string? KnowledgeType { get; }

    public string? KnowledgeCategory { get; }

    public IReadOnlyList<string> AppliesToProjects { get; }

    public int? ConfidenceLevel { get; }

    public int? TimesApplied { get; }

    public int? TimesFailed { get; }

    public float? Rank { get; }
}

/// <summary>A knowledge item that was recorded, applied or updated.</summary>
public sealed class KnowledgeChangeRecord
{
    public const string PSTypeName = "ClaudeDbKit.KnowledgeChange";

    public KnowledgeChangeRecord(Guid knowledgeId, string action, string? title = null, bool? wasSuccessful = null)
    {
        KnowledgeId = knowledgeId;
        Action = action;
        Title = title;
        WasSuccessful = wasSuccessful;
    }

    public Guid KnowledgeId { get; }

    /// <summary>Recorded, Applied or Updated.</summary>
    public string Action { get; }

    public string? Title { get; }

    /// <summary>Applied only: whether the use worked.</summary>
    public bool? WasSuccessful { get; }
}
