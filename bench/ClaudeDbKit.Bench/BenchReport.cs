using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClaudeDbKit.Bench;

/// <summary>Everything one run measured, printed as markdown tables (ratios to the prepared SELECT 1 of the same run) or as JSON.</summary>
internal sealed class BenchReport
{
    // The issue's targets: the startup briefing within 3 round trips of SELECT 1, every other call within 5.
    public const double BriefingTarget = 3.0;
    public const double CallTarget = 5.0;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public required string Machine { get; init; }
    public required double Scale { get; init; }
    public required int Iterations { get; init; }
    public required TimeSpan Generation { get; init; }
    public required IReadOnlyDictionary<string, long> Rows { get; init; }
    public required TimeSpan SelectOne { get; init; }
    public required IReadOnlyList<CallTiming> Calls { get; init; }
    public required IReadOnlyList<TriggerCost> Triggers { get; init; }
    public required IReadOnlyList<ClaimThroughput> Claims { get; init; }
    public required IReadOnlyList<DeployMeasurement> Deploys { get; init; }
    public IReadOnlyList<Measurement> HookProcesses { get; init; } = [];
    public int Growth { get; init; }
    public TimeSpan GrownSelectOne { get; init; }
    public IReadOnlyList<CallTiming> GrownCalls { get; init; } = [];

    public static double Target(string function) => function == "get_startup_briefing" ? BriefingTarget : CallTarget;

    public string ToJson() => JsonSerializer.Serialize(new
    {
        machine = Machine,
        scale = Scale,
        iterations = Iterations,
        generation_ms = Generation.TotalMilliseconds,
        rows = Rows,
        select_one_ms = SelectOne.TotalMilliseconds,
        calls = Calls.Select(c => new
        {
            function = c.Function, writes = c.Writes, p50_ms = c.P50.TotalMilliseconds, p99_ms = c.P99.TotalMilliseconds,
            p50_ratio = c.P50 / SelectOne, target = Target(c.Function), error = c.Error,
        }),
        triggers = Triggers.Select(t => new { table = t.Table, trigger = t.Trigger, rows_per_s_with = t.RowsPerSecondWith, rows_per_s_without = t.RowsPerSecondWithout, ratio = t.Ratio }),
        job_claims = Claims.Select(c => new { workers = c.Workers, jobs = c.Jobs, jobs_per_s = c.JobsPerSecond, double_claims = c.DoubleClaims, lost_races = c.LostRaces }),
        deploys = Deploys.Select(d => new { name = d.Name, ms = d.Elapsed.TotalMilliseconds, commands = d.Commands }),
        hook_processes = HookProcesses.Select(h => new { name = h.Name, median_ms = h.Median.TotalMilliseconds, p90_ms = h.P90.TotalMilliseconds }),
        growth = Growth,
        grown_select_one_ms = GrownSelectOne.TotalMilliseconds,
        grown_calls = GrownCalls.Select(c => new { function = c.Function, p50_ms = c.P50.TotalMilliseconds, p99_ms = c.P99.TotalMilliseconds, error = c.Error }),
    }, Indented);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line($"Machine: {Machine}. Scale {Num(Scale)} ({string.Join(", ", Rows.Select(r => $"{r.Value:N0} {r.Key}"))}), generated in {Ms(Generation)}; {Iterations} iterations per call after 20 of warm-up.");
        Line();
        Line("| API call | p50 | p99 | p50 / SELECT 1 | target |");
        Line("|---|---:|---:|---:|---|");
        Line($"| prepared `SELECT 1` (physical limit) | {Ms(SelectOne)} | | 1.0 | |");
        foreach (var c in Calls.OrderBy(c => c.Function == "get_startup_briefing" ? 0 : 1).ThenBy(c => c.Function, StringComparer.Ordinal))
        {
            var name = $"`{c.Function}`{(c.Writes ? " (write, rolled back)" : "")}";
            if (c.Error is not null)
                Line($"| {name} | failed: {c.Error} | | | |");
            else
            {
                var ratio = c.P50 / SelectOne;
                Line($"| {name} | {Ms(c.P50)} | {Ms(c.P99)} | {Num(ratio)} | {(ratio <= Target(c.Function) ? "met" : "missed")} (≤ {Num(Target(c.Function))}) |");
            }
        }
        Line();
        Line("| activity trigger | rows/s with | rows/s without | with / without (target ≥ 0.67) |");
        Line("|---|---:|---:|---:|");
        foreach (var t in Triggers)
            Line($"| `{t.Trigger}` on {t.Table} | {t.RowsPerSecondWith:N0} | {t.RowsPerSecondWithout:N0} | {Num(t.Ratio)} |");
        Line();
        Line("| job claims | jobs | jobs/s | double claims | lost races (CD004) |");
        Line("|---|---:|---:|---:|---:|");
        foreach (var c in Claims)
            Line($"| {c.Workers} worker(s) | {c.Jobs} | {c.JobsPerSecond:N0} | {c.DoubleClaims} | {c.LostRaces} |");
        Line();
        Line("| deployment | time | commands sent |");
        Line("|---|---:|---:|");
        foreach (var d in Deploys)
            Line($"| {d.Name} | {Ms(d.Elapsed)} | {d.Commands} |");
        if (HookProcesses.Count > 0)
        {
            Line();
            Line("| hook process | median | p90 |");
            Line("|---|---:|---:|");
            foreach (var h in HookProcesses)
                Line($"| {h.Name} | {Ms(h.Median)} | {Ms(h.P90)} |");
        }
        if (GrownCalls.Count > 0)
        {
            Line();
            Line($"| activity_feed grown {Growth}× | p50 at scale {Num(Scale)} | p50 after growth | after / before | after / SELECT 1 |");
            Line("|---|---:|---:|---:|---:|");
            Line($"| prepared `SELECT 1` | {Ms(SelectOne)} | {Ms(GrownSelectOne)} | {Num(GrownSelectOne / SelectOne)} | 1.0 |");
            foreach (var g in GrownCalls)
            {
                var before = Calls.FirstOrDefault(c => c.Function == g.Function);
                if (g.Error is not null || before is null || before.Error is not null)
                    Line($"| `{g.Function}` | | failed: {g.Error ?? before?.Error} | | |");
                else
                    Line($"| `{g.Function}` | {Ms(before.P50)} | {Ms(g.P50)} | {Num(g.P50 / before.P50)} | {Num(g.P50 / GrownSelectOne)} |");
            }
        }
        return text.ToString();
    }

    private static string Ms(TimeSpan t) =>
        t.TotalMilliseconds.ToString(t.TotalMilliseconds < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + " ms";

    private static string Num(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
}
