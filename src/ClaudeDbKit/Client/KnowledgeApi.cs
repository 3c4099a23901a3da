using System.Data.Common;

namespace ClaudeDbKit.Client;

/// <summary>A row of <c>claude.search_knowledge</c>.</summary>
public sealed record KnowledgeItem(
    Guid KnowledgeId, string? Title, string? Description, string? KnowledgeType, string? KnowledgeCategory, IReadOnlyList<string> AppliesToProjects,
    int? ConfidenceLevel, int? TimesApplied, int? TimesFailed, float? Rank)
{
    internal static KnowledgeItem Read(DbDataReader r) => new(
        r.Uuid("knowledge_id")!.Value, r.Text("title"), r.Text("description"), r.Text("knowledge_type"), r.Text("knowledge_category"),
        r["applies_to_projects"] as string[] ?? [], r.Integer("confidence_level"), r.Integer("times_applied"), r.Integer("times_failed"),
        r["rank"] is float f ? f : null);
}

/// <summary>Shared knowledge: record, search, apply (tracks success and confidence), update.</summary>
public sealed class KnowledgeApi
{
    private readonly FunctionCaller _caller;

    internal KnowledgeApi(FunctionCaller caller) => _caller = caller;

    public async Task<Guid> RecordAsync(string title, string description, string knowledgeType, IReadOnlyCollection<string>? appliesToProjects = null,
        int confidenceLevel = 5, Guid? learnedByIdentityId = null, string? codeExample = null, CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<Guid>(
            "SELECT claude.record_knowledge(p_title => $1, p_description => $2, p_knowledge_type => $3, p_applies_to_projects => $4, p_confidence_level => $5, p_learned_by_identity_id => $6, p_code_example => $7)",
            [Parameters.Text(title), Parameters.Text(description), Parameters.Text(knowledgeType), Parameters.TextArray(appliesToProjects ?? []),
             Parameters.Integer(confidenceLevel), Parameters.Uuid(learnedByIdentityId), Parameters.Text(codeExample)], cancellationToken).ConfigureAwait(false);

    /// <summary>Ranked full-text search within a project's scope, most confident first.</summary>
    public Task<IReadOnlyList<KnowledgeItem>> SearchAsync(string? projectName = null, string? knowledgeType = null, string? searchText = null,
        int minConfidence = 5, CancellationToken cancellationToken = default) =>
        _caller.QueryAsync("SELECT * FROM claude.search_knowledge(p_project_name => $1, p_knowledge_type => $2, p_search_text => $3, p_min_confidence => $4)",
            [Parameters.Text(projectName), Parameters.Text(knowledgeType), Parameters.Text(searchText), Parameters.Integer(minConfidence)],
            KnowledgeItem.Read, cancellationToken);

    /// <summary>Records one use of a knowledge item and whether it worked.</summary>
    public Task ApplyAsync(Guid knowledgeId, bool wasSuccessful = true, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync("SELECT claude.apply_knowledge(p_knowledge_id => $1, p_was_successful => $2)",
            [Parameters.Uuid(knowledgeId), Parameters.Boolean(wasSuccessful)], cancellationToken);

    /// <summary>Updates the fields named in <paramref name="updatesJson"/> (a JSON object).</summary>
    public Task UpdateAsync(Guid knowledgeId, string updatesJson, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync("SELECT claude.update_knowledge(p_knowledge_id => $1, p_updates => $2)",
            [Parameters.Uuid(knowledgeId), Parameters.Jsonb(updatesJson)], cancellationToken);
}
