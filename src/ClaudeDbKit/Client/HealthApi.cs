using System.Text.Json;
using static ClaudeDbKit.Client.JsonFields;

namespace ClaudeDbKit.Client;

/// <summary>An expected object of the schema that is missing, or a constraint left NOT VALID although no row breaks it.</summary>
public sealed record SchemaDriftItem(string ObjectType, string? Table, string Name, string Problem, string? Detail);

/// <summary>One data quality issue of seed 000, counted live: how many rows, and a few of them (keys or values).</summary>
public sealed record DataIssue(string Issue, string? Table, string? Column, string? Constraint, long Count, IReadOnlyList<string> Samples, string? Detail);

/// <summary>What <c>claude.check_health</c> returns: schema drift and data issues; healthy when both are empty.</summary>
public sealed record HealthReport(
    bool Healthy,
    DateTime? CheckedAt,
    int? StaleHours,
    IReadOnlyList<SchemaDriftItem> SchemaDrift,
    IReadOnlyList<DataIssue> DataIssues,
    string Json)
{
    /// <summary>Reads the function's jsonb result; unknown keys are ignored and missing parts are empty.</summary>
    public static HealthReport Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new HealthReport(
            root.TryGetProperty("healthy", out var healthy) && healthy.ValueKind == JsonValueKind.True,
            Time(root, "checked_at"),
            Int(root, "stale_hours"),
            Array(root, "schema_drift", e => new SchemaDriftItem(Text(e, "object_type") ?? "", Text(e, "table"), Text(e, "name") ?? "",
                Text(e, "problem") ?? "", Text(e, "detail"))),
            Array(root, "data_issues", e => new DataIssue(Text(e, "issue") ?? "", Text(e, "table"), Text(e, "column"), Text(e, "constraint"),
                e.TryGetProperty("count", out var count) && count.TryGetInt64(out var n) ? n : 0,
                Array(e, "samples", s => s.ValueKind == JsonValueKind.String ? s.GetString()! : s.GetRawText()),
                Text(e, "detail"))),
            json);
    }
}

/// <summary>The health report of an existing database: seed 000's data quality issues and the schema drift, computed live.</summary>
public sealed class HealthApi
{
    private readonly FunctionCaller _caller;

    internal HealthApi(FunctionCaller caller) => _caller = caller;

    /// <summary>Checks the data and the schema in one call; sessions active longer than <paramref name="staleHours"/> (default 24) count as stale.</summary>
    public async Task<HealthReport> CheckAsync(int? staleHours = null, CancellationToken cancellationToken = default)
    {
        var json = staleHours is null
            ? await _caller.ScalarAsync<string>("SELECT claude.check_health()::text", [], cancellationToken).ConfigureAwait(false)
            : await _caller.ScalarAsync<string>("SELECT claude.check_health(p_stale_hours => $1)::text",
                [Parameters.Integer(staleHours)], cancellationToken).ConfigureAwait(false);
        return HealthReport.Parse(json ?? "{}");
    }
}
