using System.Reflection;
using System.Reflection.Emit;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.PowerShellModule;

/// <summary>
/// The module keeps the core, Npgsql and Npgsql's dependencies in an AssemblyLoadContext of its own, so it
/// coexists with modules that bring other versions of them (the pattern of the PowerShell documentation,
/// "Resolving PowerShell module assembly dependency conflicts"). Checked statically on the laid-out folder
/// and the compiled cmdlet assembly, and for real in a plain .NET process (tests/ClaudeDbKit.ModuleHost)
/// that imports the module as pwsh does: the test process itself already holds ClaudeDbKit and Npgsql in its
/// default context, where the module's resolving handler would never be asked. No PowerShell engine runs
/// anywhere here; the host stands the PowerShellStandard stub in for System.Management.Automation.
/// </summary>
public sealed class AssemblyIsolationTests(ModuleContractTests.ModuleFixture module) : IClassFixture<ModuleContractTests.ModuleFixture>, IDisposable
{
    private const string ModuleContext = "ClaudeDbKitLoadContext";
    private readonly string _scratch = Directory.CreateTempSubdirectory("claudedbkit-isolation-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static string DependencyFolder => Path.Combine(Repository.ModuleFolder, "dependencies");

    // The handler's own constant, read from the cmdlet assembly's metadata.
    private string Bridge => Constant("BridgeAssemblyName");

    /// <summary>The assemblies the module keeps to itself: those of its dependencies/ folder.</summary>
    private static IReadOnlyList<string> Isolated =>
        Directory.GetFiles(DependencyFolder, "*.dll").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();

    // ---- The laid-out folder and the compiled assembly ----

    [Fact]
    public void The_core_and_Npgsql_ship_in_dependencies_and_only_the_cmdlet_assembly_sits_next_to_the_manifest()
    {
        Assert.Equal("dependencies", Constant("DependencyFolderName")); // where the handler looks
        Assert.True(File.Exists(Path.Combine(DependencyFolder, "ClaudeDbKit.dll")), "dependencies/ClaudeDbKit.dll is missing.");
        Assert.True(File.Exists(Path.Combine(DependencyFolder, "Npgsql.dll")), "dependencies/Npgsql.dll is missing.");
        Assert.Equal(["ClaudeDbKit.PowerShell.dll"], Directory.GetFiles(Repository.ModuleFolder, "*.dll").Select(Path.GetFileName));
    }

    [Fact]
    public void The_cmdlet_assembly_references_the_core_but_no_other_assembly_of_dependencies()
    {
        Assert.Contains(module.Assembly.GetReferencedAssemblies(), r => r.Name == Bridge);
        Assert.Empty(IsolationRules.DirectReferences(module.Assembly, Isolated, Bridge));
    }

    [Fact]
    public void No_type_of_the_cmdlet_assembly_needs_an_assembly_of_dependencies_to_load()
    {
        Assert.Empty(IsolationRules.TypeLoadNeeds(module.Assembly, Isolated));
    }

    // No_public_type_or_member_of_the_cmdlet_assembly_exposes_Npgsql (ModuleContractTests) covers the public surface.

    [Fact]
    public void The_reference_rule_rejects_an_assembly_that_references_Npgsql()
    {
        // The core references Npgsql: judged as if it were the cmdlet assembly, it must be caught.
        var core = module.Context.LoadFromAssemblyName("ClaudeDbKit");

        Assert.Contains(IsolationRules.DirectReferences(core, Isolated, Bridge), v => v.Contains("references Npgsql,", StringComparison.Ordinal));
    }

    [Fact]
    public void The_type_load_rule_rejects_a_base_type_and_a_value_type_field_from_an_isolated_assembly()
    {
        // With the core itself counted as isolated, its exceptions derive from isolated types and its records hold isolated enums.
        var violations = IsolationRules.TypeLoadNeeds(module.Context.LoadFromAssemblyName("ClaudeDbKit"), ["ClaudeDbKit"]);

        Assert.Contains(violations, v => v.StartsWith("ClaudeDbKit.Client.NotFoundException derives from or implements ClaudeDbKit.Client.ClaudeDbApiException", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("ClaudeDbKit.Migrations.ScriptStatus.<State>k__BackingField is a field of value type", StringComparison.Ordinal));
    }

    // ---- The loading path, run in a plain .NET process ----

    [Fact]
    public async Task Imported_in_a_plain_NET_process_the_core_and_Npgsql_load_from_dependencies_into_the_module_context_and_work()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync();
        try
        {
            var report = await ModuleHostProcess.RunAsync([.. HostArguments(isolation: true), "--connection", connectionString]);

            Assert.Contains("OnImport run", report.Value("import"), StringComparison.Ordinal);
            Assert.Equal("alice@db.example:5433/claude", report.Value("coreCall"));
            Assert.Equal(new NpgsqlConnectionStringBuilder(connectionString).Database, report.Value("query"));
            AssertIsolated(report);
            // The shared context is handed the core (the bridge) and nothing else.
            Assert.EndsWith("in ClaudeDbKit dependencies", report.Value("sharedContextFindsCore"), StringComparison.Ordinal);
            Assert.Contains("FileNotFoundException", report.Error("sharedContextFindsNpgsql"), StringComparison.Ordinal);
            // OnImport ran twice; one OnRemove still takes the handler away.
            Assert.Contains("FileNotFoundException", report.Error("sharedContextFindsCoreAfterRemove"), StringComparison.Ordinal);
            Assert.Single(report.Named("ClaudeDbKit.PowerShell"), a => a.Context == "Default");
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task The_module_works_beside_an_older_Npgsql_another_module_loaded_first()
    {
        var report = await ModuleHostProcess.RunAsync([.. HostArguments(isolation: true), "--other-npgsql-before", OlderNpgsql()]);

        Assert.Equal("Npgsql 8.0.0.0 in Default", report.Value("otherNpgsqlBefore"));
        Assert.Equal("alice@db.example:5433/claude", report.Value("coreCall"));
        AssertIsolated(report);
        Assert.Single(report.Named("Npgsql"), a => a.Context == "Default" && a.Version == "8.0.0.0");
    }

    [Fact]
    public async Task Another_module_can_load_an_older_Npgsql_after_the_module_used_its_own()
    {
        var report = await ModuleHostProcess.RunAsync([.. HostArguments(isolation: true), "--other-npgsql-after", OlderNpgsql()]);

        Assert.Equal("alice@db.example:5433/claude", report.Value("coreCall"));
        Assert.Equal("Npgsql 8.0.0.0 in Default", report.Value("otherNpgsqlAfter"));
        AssertIsolated(report);
    }

    [Fact]
    public async Task Without_the_isolation_an_older_Npgsql_in_the_shared_context_breaks_either_the_module_or_the_other_module()
    {
        // The conflict the isolation exists for, shown with a flat module folder: everything in the shared context.
        var otherFirst = await ModuleHostProcess.RunAsync([.. HostArguments(isolation: false), "--other-npgsql-before", OlderNpgsql()]);
        var moduleFirst = await ModuleHostProcess.RunAsync([.. HostArguments(isolation: false), "--other-npgsql-after", OlderNpgsql()]);

        Assert.Contains("FileLoadException", otherFirst.Error("coreCall"), StringComparison.Ordinal);
        Assert.Contains("FileLoadException", moduleFirst.Error("otherNpgsqlAfter"), StringComparison.Ordinal);
        // And the checks the isolated runs pass would catch it: the core landed in the shared context.
        Assert.Single(moduleFirst.Named("ClaudeDbKit"), a => a.Context == "Default");
    }

    /// <summary>
    /// The core and Npgsql are loaded, each once, in the module's context from dependencies/; every other
    /// assembly of dependencies/ that got loaded is there too; none of them is in the shared context.
    /// </summary>
    private static void AssertIsolated(ModuleHostReport report)
    {
        var isolated = Isolated;
        foreach (var name in new[] { "ClaudeDbKit", "Npgsql" })
            Assert.Contains(report.Named(name), a => a.ContextType == ModuleContext);
        foreach (var loaded in report.Assemblies.Where(a => isolated.Contains(a.Name) && a.ContextType == ModuleContext))
            Assert.Equal(Path.GetFullPath(Path.Combine(DependencyFolder, loaded.Name + ".dll")), loaded.Location);
        Assert.Single(report.Assemblies, a => a.Name == "ClaudeDbKit");
        Assert.Single(report.Assemblies, a => a.Name == "Npgsql" && a.ContextType == ModuleContext);
        Assert.DoesNotContain(report.Assemblies, a => a.Context == "Default" && isolated.Contains(a.Name) && a.Location.StartsWith(Repository.ModuleFolder, StringComparison.Ordinal));
    }

    private static string[] HostArguments(bool isolation) =>
        ["--module", Repository.ModuleFolder, "--engine", ModuleContractTests.ModuleFixture.PowerShellStandardReference(), "--isolation", isolation ? "on" : "off"];

    /// <summary>
    /// Another module's Npgsql: an assembly with Npgsql's identity (name and public key) at version 8.0.0.0,
    /// emitted here because no older Npgsql package is available offline. The runtime binds by identity, so it
    /// is what a real Npgsql 8 would be to the loader.
    /// </summary>
    private string OlderNpgsql()
    {
        var path = Path.Combine(_scratch, "other-module", "Npgsql.dll");
        if (File.Exists(path))
            return path;
        var name = new AssemblyName("Npgsql") { Version = new Version(8, 0, 0, 0) };
        name.SetPublicKey(typeof(NpgsqlConnection).Assembly.GetName().GetPublicKey());
        var builder = new PersistedAssemblyBuilder(name, typeof(object).Assembly);
        builder.DefineDynamicModule("Npgsql.dll").DefineType("Npgsql.NpgsqlConnection", TypeAttributes.Public | TypeAttributes.Sealed).CreateType();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.Save(path);
        return path;
    }

    private string Constant(string field) =>
        (string)module.Assembly.GetType("ClaudeDbKit.PowerShell.DependencyIsolation", throwOnError: true)!
            .GetField(field, BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;
}
