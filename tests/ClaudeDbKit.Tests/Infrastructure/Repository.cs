namespace ClaudeDbKit.Tests.Infrastructure;

/// <summary>Paths inside the checkout the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string CliAssembly =>
        Path.Combine(Root, "src", "ClaudeDbKit.Cli", "bin", BuildConfiguration, "net8.0", "claudedb.dll");

    /// <summary>The plain .NET process that imports the laid-out PowerShell module as pwsh would (tests/ClaudeDbKit.ModuleHost).</summary>
    public static string ModuleHostAssembly =>
        Path.Combine(Root, "tests", "ClaudeDbKit.ModuleHost", "bin", BuildConfiguration, "net8.0", "ClaudeDbKit.ModuleHost.dll");

    /// <summary>The module folder the PowerShell project's build lays out.</summary>
    public static string ModuleFolder => Path.Combine(Root, "artifacts", "module", "ClaudeDbKit");

    public static string TestSql(string fileName) => Path.Combine(AppContext.BaseDirectory, "Sql", fileName);

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaudeDbKit.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No ClaudeDbKit.sln above {AppContext.BaseDirectory}.");
    }
}
