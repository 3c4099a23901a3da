namespace ClaudeDbKit.Migrations;

/// <summary>Compares the scripts of this build with the journal. Pure: no database access.</summary>
internal static class MigrationPlanner
{
    public static IReadOnlyList<ScriptStatus> Compare(IReadOnlyList<SqlScript> scripts, IReadOnlyList<JournalEntry> journal)
    {
        // The newest row of a name wins: a re-applied function or an accepted edit appends a row.
        var latest = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
        foreach (var entry in journal)
            latest[entry.ScriptName] = entry;

        var statuses = new List<ScriptStatus>(scripts.Count);
        foreach (var script in scripts)
        {
            if (!latest.Remove(script.Name, out var entry))
            {
                statuses.Add(new ScriptStatus(script.Name, script.Kind, ScriptState.Pending, script.Checksum, null, null));
                continue;
            }
            var state = entry.Checksum is null || entry.Checksum == script.Checksum ? ScriptState.Applied : ScriptState.Changed;
            statuses.Add(new ScriptStatus(script.Name, script.Kind, state, script.Checksum, entry.Checksum, entry.Applied));
        }

        // What is left is journaled but unknown to this build, reported in journal order.
        foreach (var entry in journal.Where(e => latest.TryGetValue(e.ScriptName, out var last) && ReferenceEquals(last, e)))
        {
            var kind = entry.Kind == "function" || entry.ScriptName.StartsWith("functions/", StringComparison.Ordinal)
                ? ScriptKind.Function : ScriptKind.Migration;
            statuses.Add(new ScriptStatus(entry.ScriptName, kind, ScriptState.Unknown, null, entry.Checksum, entry.Applied));
        }
        return statuses;
    }
}
