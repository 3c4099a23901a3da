using System.Diagnostics;
using Npgsql;

namespace ClaudeDbKit.Bench;

internal sealed record Measurement(string Name, TimeSpan Median, TimeSpan P90);

/// <summary>Whole processes (a hook as Claude Code starts it) timed repeatedly after warm-up; medians and 90th percentiles.</summary>
internal static class HookProcessTiming
{
    private const int WarmUp = 3;

    public static async Task<Measurement> ProcessAsync(string name, string fileName, string[] arguments, IDictionary<string, string> environment,
        Func<int, string?> stdin, int iterations)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < iterations + WarmUp; i++)
        {
            var start = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in arguments)
                start.ArgumentList.Add(a);
            foreach (var (k, v) in environment)
                start.Environment[k] = v;
            var input = stdin(i);
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            if (input is not null)
                await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var elapsed = clock.Elapsed;
            if (process.ExitCode != 0 || (await output).Length == 0)
                throw new InvalidOperationException($"{name} failed (exit {process.ExitCode}): {await errors}");
            if (i >= WarmUp)
                times.Add(elapsed);
        }
        return Summarize(name, times);
    }

    private static Measurement Summarize(string name, List<TimeSpan> times)
    {
        times.Sort();
        return new Measurement(name, times[times.Count / 2], times[(int)(times.Count * 0.9)]);
    }
}
