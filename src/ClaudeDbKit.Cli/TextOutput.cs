using System.Globalization;
using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.Cli;

/// <summary>Human-readable results for stdout.</summary>
internal static class TextOutput
{
    public static void Write(TextWriter output, MigrationResult result)
    {
        if (result.Scripts.Count == 0)
            output.WriteLine(result.DryRun ? "Dry run: nothing would be applied." : "Nothing applied: the database is up to date.");
        else
        {
            output.WriteLine(result.DryRun ? $"Dry run: {result.Scripts.Count} script(s) would be applied:" : $"Applied {result.Scripts.Count} script(s):");
            foreach (var s in result.Scripts)
            {
                var duration = result.DryRun ? "" : $"  {s.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
                output.WriteLine($"  {Action(s.Action),-13} {s.Name}{duration}");
            }
        }
        output.WriteLine();
        Write(output, result.Status);
    }

    public static void Write(TextWriter output, IReadOnlyList<ScriptStatus> status)
    {
        var width = Math.Max(6, status.Count == 0 ? 0 : status.Max(s => s.Name.Length));
        output.WriteLine($"{"SCRIPT".PadRight(width)}  {"KIND",-9}  {"STATE",-8}  APPLIED (UTC)");
        foreach (var s in status)
        {
            var applied = s.AppliedAtUtc?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";
            output.WriteLine($"{s.Name.PadRight(width)}  {Kind(s.Kind),-9}  {State(s.State),-8}  {applied}");
        }
        var counts = status.GroupBy(s => s.State).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine();
        output.WriteLine($"{Count(counts, ScriptState.Applied)} applied, {Count(counts, ScriptState.Pending)} pending, " +
                         $"{Count(counts, ScriptState.Changed)} changed, {Count(counts, ScriptState.Unknown)} unknown to this build.");
    }

    private static int Count(Dictionary<ScriptState, int> counts, ScriptState state) => counts.GetValueOrDefault(state);

    internal static string Kind(ScriptKind kind) => kind == ScriptKind.Migration ? "migration" : "function";

    internal static string State(ScriptState state) => state.ToString().ToLowerInvariant();

    internal static string Action(ScriptAction action) => action switch
    {
        ScriptAction.Applied => "applied",
        ScriptAction.Accepted => "accepted",
        ScriptAction.WouldApply => "would apply",
        ScriptAction.WouldAccept => "would accept",
        _ => action.ToString(),
    };
}
