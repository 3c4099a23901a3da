using System.Text.Json;

namespace ClaudeDbKit.Client;

/// <summary>The column registry: valid values of every enumerated column, and the CHECK constraints derived from them.</summary>
public sealed class RegistryApi
{
    private readonly FunctionCaller _caller;

    internal RegistryApi(FunctionCaller caller) => _caller = caller;

    /// <summary>The valid values of <paramref name="table"/>.<paramref name="column"/>, as text (numbers included).</summary>
    public async Task<IReadOnlyList<string>> GetValidValuesAsync(string table, string column, CancellationToken cancellationToken = default)
    {
        var json = await _caller.ScalarAsync<string>("SELECT claude.get_valid_values(p_table_name => $1, p_column_name => $2)::text",
            [Parameters.Text(table), Parameters.Text(column)], cancellationToken).ConfigureAwait(false);
        if (json is null)
            return [];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
            .ToList();
    }

    /// <summary>Re-derives the CHECK constraints from the registry (all, one table, or one column); returns how many changed.</summary>
    public async Task<int> RefreshConstraintsAsync(string? table = null, string? column = null, CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<int>("SELECT claude.refresh_registry_constraints(p_table_name => $1, p_column_name => $2)",
            [Parameters.Text(table), Parameters.Text(column)], cancellationToken).ConfigureAwait(false);
}
