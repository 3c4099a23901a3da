using System.Globalization;

namespace ClaudeDbKit.Bench;

/// <summary>Command line of the benchmark: <c>--claudedb &lt;native binary&gt; --claudedb-dll &lt;claudedb.dll&gt; --iterations N</c>.</summary>
internal sealed record BenchOptions(string? NativeClaudedb, string? JitClaudedb, int Iterations)
{
    public static BenchOptions Parse(string[] args)
    {
        string? native = null, jit = null;
        var iterations = 30;
        for (var i = 0; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--claudedb": native = Path.GetFullPath(args[i + 1]); break;
                case "--claudedb-dll": jit = Path.GetFullPath(args[i + 1]); break;
                case "--iterations": iterations = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}; expected --claudedb, --claudedb-dll, --iterations");
            }
        }
        return new BenchOptions(native, jit, Math.Max(3, iterations));
    }
}
