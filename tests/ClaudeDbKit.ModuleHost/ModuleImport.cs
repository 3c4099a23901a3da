using System.Data.Common;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;

namespace ClaudeDbKit.ModuleHost;

/// <summary>
/// The steps of Import-Module and a first cmdlet call, replayed without PowerShell: load the cmdlet
/// assembly into the shared (default) context, read all its types, run its module initializer, then reach
/// the core from cmdlet code. Each step's outcome is recorded, failures included, for the tests to judge.
/// </summary>
internal sealed class ModuleImport(HostOptions options)
{
    private const string CmdletAssemblyFile = "ClaudeDbKit.PowerShell.dll";
    private const string EngineAssemblyName = "System.Management.Automation";
    private const string InitializerInterface = EngineAssemblyName + ".IModuleAssemblyInitializer";
    private static readonly string[] ReportedAssemblies = ["ClaudeDbKit", "Npgsql", "Microsoft.Extensions.", EngineAssemblyName];

    private Assembly? _cmdlets;
    private object? _initializer;

    public JsonObject Run()
    {
        // pwsh brings its own engine; here the compile-time stub stands in for it, in the shared context too.
        AssemblyLoadContext.Default.Resolving += (context, name) => name.Name == EngineAssemblyName ? context.LoadFromAssemblyPath(options.EnginePath) : null;

        var facts = new JsonObject();
        if (options.OtherNpgsqlBefore is { } before)
            facts["otherNpgsqlBefore"] = Step(() => Describe(AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(before))));
        facts["import"] = Step(Import);
        facts["coreCall"] = Step(CallCore);
        if (options.OtherNpgsqlAfter is { } after)
            facts["otherNpgsqlAfter"] = Step(() => Describe(AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(after))));
        if (options.ConnectionString is { } connectionString)
            facts["query"] = Step(() => Query(connectionString));
        facts["sharedContextFindsCore"] = Step(FindCoreInSharedContext);
        facts["sharedContextFindsNpgsql"] = Step(() => Describe(AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("Npgsql"))));
        if (_initializer is not null)
        {
            facts["remove"] = Step(Remove);
            facts["sharedContextFindsCoreAfterRemove"] = Step(FindCoreInSharedContext);
        }
        facts["assemblies"] = LoadedAssemblies();
        return facts;
    }

    private string Import()
    {
        // Import-Module loads a binary module's assembly into the shared context ...
        _cmdlets = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(Path.Combine(options.ModuleDirectory, CmdletAssemblyFile)));
        // ... and reads all its types before it runs the module's initializers.
        var types = _cmdlets.GetTypes();
        if (!options.Isolation)
        {
            // A flat module folder: PowerShell finds the dependencies next to the cmdlet assembly and loads them
            // into the shared context. Here they are looked up in dependencies/ as well.
            AssemblyLoadContext.Default.Resolving += (context, name) => FindInModuleFolder(name) is { } path ? context.LoadFromAssemblyPath(path) : null;
            return $"{types.Length} types read; no initializer run";
        }
        var initializerType = types.Single(t => t.GetInterfaces().Any(i => i.FullName == InitializerInterface));
        _initializer = Activator.CreateInstance(initializerType);
        // PowerShell may run a module's initializer more than once in one import; a single OnRemove must still undo it.
        initializerType.GetMethod("OnImport")!.Invoke(_initializer, null);
        initializerType.GetMethod("OnImport")!.Invoke(_initializer, null);
        return $"{types.Length} types read; {initializerType.FullName}.OnImport run twice";
    }

    // Cmdlet code reaching the core: the first time the shared context is asked for ClaudeDbKit.
    private string CallCore()
    {
        var resolution = Cmdlets.GetType("ClaudeDbKit.PowerShell.ConnectionResolution", throwOnError: true)!;
        var resolved = resolution.GetMethod("Apply")!.Invoke(null, ["Host=db.example;Port=5433;Database=claude", "-ConnectionString", "alice", null])!;
        return (string)resolved.GetType().GetProperty("Description")!.GetValue(resolved)!;
    }

    // A round trip through the very Npgsql the core bound to, which proves its own dependencies load too.
    private static string Query(string connectionString)
    {
        var core = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "ClaudeDbKit");
        var npgsql = AssemblyLoadContext.GetLoadContext(core)!.Assemblies.Single(a => a.GetName().Name == "Npgsql");
        using var connection = (DbConnection)Activator.CreateInstance(npgsql.GetType("Npgsql.NpgsqlConnection", throwOnError: true)!, connectionString)!;
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select current_database()";
        return (string)command.ExecuteScalar()!;
    }

    private static string FindCoreInSharedContext() =>
        Describe(AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("ClaudeDbKit")));

    private string Remove()
    {
        _initializer!.GetType().GetMethod("OnRemove")!.Invoke(_initializer, [null]);
        return "OnRemove run";
    }

    private string? FindInModuleFolder(AssemblyName name) =>
        new[] { options.ModuleDirectory, Path.Combine(options.ModuleDirectory, "dependencies") }
            .Select(folder => Path.GetFullPath(Path.Combine(folder, name.Name + ".dll")))
            .FirstOrDefault(File.Exists);

    private Assembly Cmdlets => _cmdlets ?? throw new InvalidOperationException("The cmdlet assembly was not loaded.");

    private static JsonArray LoadedAssemblies() =>
        new(AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => ReportedAssemblies.Any(prefix => a.GetName().Name!.StartsWith(prefix, StringComparison.Ordinal)))
            .OrderBy(a => a.GetName().Name, StringComparer.Ordinal)
            .Select(a => (JsonNode)new JsonObject
            {
                ["name"] = a.GetName().Name,
                ["version"] = a.GetName().Version?.ToString(),
                ["context"] = AssemblyLoadContext.GetLoadContext(a)?.Name,
                ["contextType"] = AssemblyLoadContext.GetLoadContext(a)?.GetType().Name,
                ["location"] = a.Location,
            })
            .ToArray());

    private static string Describe(Assembly assembly) =>
        $"{assembly.GetName().Name} {assembly.GetName().Version} in {AssemblyLoadContext.GetLoadContext(assembly)?.Name}";

    private static JsonObject Step(Func<string> action)
    {
        try
        {
            return new JsonObject { ["ok"] = true, ["value"] = action() };
        }
        catch (Exception e)
        {
            // The failure is the finding: a load error is what the tests look for when isolation is off.
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            return new JsonObject { ["ok"] = false, ["error"] = $"{cause.GetType().FullName}: {cause.Message}" };
        }
    }
}
