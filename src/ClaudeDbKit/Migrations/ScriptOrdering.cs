namespace ClaudeDbKit.Migrations;

internal static class ScriptOrdering
{
    /// <summary>Migrations first, then functions; each group in ordinal order of its name.</summary>
    public static IReadOnlyList<SqlScript> Order(IEnumerable<SqlScript> scripts) =>
        scripts.OrderBy(s => s.Kind).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();

    public static string FolderOf(ScriptKind kind) => kind == ScriptKind.Migration ? "migrations" : "functions";
}
