namespace ClaudeDbKit.ModuleHost;

/// <summary>What the host is asked to do.</summary>
/// <param name="ModuleDirectory">The laid-out module folder (artifacts/module/ClaudeDbKit).</param>
/// <param name="EnginePath">A System.Management.Automation to stand in for pwsh's engine (the PowerShellStandard stub).</param>
/// <param name="Isolation">Run the module's initializer (true), or load its dependencies into the shared context as a flat module folder would be (false).</param>
/// <param name="OtherNpgsqlBefore">An Npgsql.dll "another module" loads into the shared context before this module is imported.</param>
/// <param name="OtherNpgsqlAfter">An Npgsql.dll "another module" loads into the shared context after this module has used its own.</param>
/// <param name="ConnectionString">When given, a query runs through the Npgsql the core bound to.</param>
internal sealed record HostOptions(string ModuleDirectory, string EnginePath, bool Isolation, string? OtherNpgsqlBefore, string? OtherNpgsqlAfter, string? ConnectionString)
{
    public const string Usage =
        "usage: ClaudeDbKit.ModuleHost --module <dir> --engine <System.Management.Automation.dll> [--isolation on|off] " +
        "[--other-npgsql-before <dll>] [--other-npgsql-after <dll>] [--connection <connection string>]";

    public static HostOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new ArgumentException($"Expected '--option value' at '{args[i]}'.", nameof(args));
            values[args[i][2..]] = args[i + 1];
        }

        var isolation = values.GetValueOrDefault("isolation", "on") switch
        {
            "on" => true,
            "off" => false,
            var other => throw new ArgumentException($"--isolation takes on or off, not '{other}'.", nameof(args)),
        };
        return new HostOptions(
            values.GetValueOrDefault("module") ?? throw new ArgumentException("--module is required.", nameof(args)),
            values.GetValueOrDefault("engine") ?? throw new ArgumentException("--engine is required.", nameof(args)),
            isolation,
            values.GetValueOrDefault("other-npgsql-before"),
            values.GetValueOrDefault("other-npgsql-after"),
            values.GetValueOrDefault("connection"));
    }
}
