using System.Globalization;

namespace ClaudeDbKit.Bench;

/// <summary>
/// Command line of the benchmark: <c>--scale S --iterations N --growth F --workers 1,2,4,8 --only name --json
/// --claudedb &lt;native binary&gt; --claudedb-dll &lt;claudedb.dll&gt;</c>.
/// </summary>
internal sealed record BenchOptions(double Scale, int Iterations, int Growth, int[] Workers, string? Only, bool Json,
    string? NativeClaudedb, string? JitClaudedb, int ProcessIterations)
{
    public const string Usage =
        "usage: bench [--scale 1] [--iterations 200] [--growth 10] [--workers 1,2,4,8] [--only <function prefix>] [--json] " +
        "[--claudedb <native claudedb>] [--claudedb-dll <claudedb.dll>] [--process-iterations 30]";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(1.0, 200, 10, [1, 2, 4, 8], null, false, null, null, 30);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            options = args[i] switch
            {
                "--scale" => options with { Scale = Positive(double.Parse(Value(), CultureInfo.InvariantCulture), "--scale") },
                "--iterations" => options with { Iterations = (int)Positive(int.Parse(Value(), CultureInfo.InvariantCulture), "--iterations") },
                "--growth" => options with { Growth = (int)Positive(int.Parse(Value(), CultureInfo.InvariantCulture), "--growth") },
                "--workers" => options with { Workers = Value().Split(',').Select(w => (int)Positive(int.Parse(w, CultureInfo.InvariantCulture), "--workers")).ToArray() },
                "--only" => options with { Only = Value() },
                "--json" => options with { Json = true },
                "--claudedb" => options with { NativeClaudedb = Path.GetFullPath(Value()) },
                "--claudedb-dll" => options with { JitClaudedb = Path.GetFullPath(Value()) },
                "--process-iterations" => options with { ProcessIterations = (int)Positive(int.Parse(Value(), CultureInfo.InvariantCulture), "--process-iterations") },
                _ => throw new ArgumentException($"unknown option {args[i]}. {Usage}"),
            };
        }
        return options;
    }

    private static double Positive(double value, string option) =>
        value > 0 ? value : throw new ArgumentException($"{option} {value.ToString(CultureInfo.InvariantCulture)} must be positive. {Usage}");
}
