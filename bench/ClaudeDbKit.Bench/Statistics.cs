namespace ClaudeDbKit.Bench;

/// <summary>Percentiles of a sample of durations.</summary>
internal static class Statistics
{
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * fraction) - 1, 0, sorted.Count - 1)];

    public static List<TimeSpan> Sorted(IEnumerable<TimeSpan> times)
    {
        var list = times.ToList();
        list.Sort();
        return list;
    }
}
