using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.PowerShellModule;

/// <summary>
/// Static contract of the PowerShell module. No PowerShell engine runs on the build machines (see
/// docs/design.md), so the compiled cmdlet assembly is read as metadata and checked against the manifest,
/// the format file and the laid-out module folder. Each rule also has a test that feeds it a violation,
/// so a rule that silently stopped finding anything would fail.
/// </summary>
public sealed class ModuleContractTests(ModuleContractTests.ModuleFixture module) : IClassFixture<ModuleContractTests.ModuleFixture>
{
    [Fact]
    public void The_module_defines_the_migration_cmdlets()
    {
        var names = module.Cmdlets.Select(c => c.Name).ToList();

        Assert.Contains("Invoke-ClaudeMigration", names);
        Assert.Contains("Get-ClaudeMigration", names);
    }

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb_and_a_Claude_noun()
    {
        Assert.Empty(ModuleRules.NamingViolations(module.Cmdlets));
    }

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlets_the_assembly_defines()
    {
        var exported = Psd1.ReadList(module.Manifest, "CmdletsToExport");

        Assert.Empty(ModuleRules.ExportMismatches(module.Cmdlets, exported));
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type_and_the_output_declares_a_PSTypeName()
    {
        Assert.Empty(ModuleRules.OutputTypeViolations(module.Cmdlets));
    }

    [Fact]
    public void Every_cmdlet_that_changes_state_supports_ShouldProcess()
    {
        Assert.Empty(ModuleRules.ShouldProcessViolations(module.Cmdlets));
    }

    [Fact]
    public void Every_cmdlet_takes_a_ConnectionString()
    {
        Assert.Empty(ModuleRules.ConnectionStringViolations(module.Cmdlets));
    }

    [Fact]
    public void The_format_file_has_a_table_view_for_every_output_type_over_existing_properties()
    {
        var formats = Psd1.ReadList(module.Manifest, "FormatsToProcess");
        var formatFile = Assert.Single(formats);
        var path = Path.Combine(Repository.Root, "module", formatFile);
        Assert.True(File.Exists(path), $"FormatsToProcess names {formatFile}, which is not in module/.");

        var views = FormatFile.ReadTableViews(XDocument.Load(path));

        Assert.Empty(ModuleRules.FormatViolations(module.Cmdlets, views));
    }

    [Fact]
    public void No_public_type_or_member_of_the_cmdlet_assembly_exposes_Npgsql()
    {
        Assert.Empty(ModuleRules.NpgsqlExposures(module.Assembly));
    }

    [Fact]
    public void The_laid_out_module_folder_holds_what_Import_Module_needs_and_not_the_engine_stub()
    {
        var folder = Path.Combine(Repository.Root, "artifacts", "module", "ClaudeDbKit");
        Assert.True(Directory.Exists(folder), $"{folder} is missing: the PowerShell project's build lays it out.");
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().ToList();

        Assert.Empty(ModuleRules.LayoutViolations(files, Psd1.ReadList(module.Manifest, "RootModule")));
    }

    [Fact]
    public void The_manifest_targets_PowerShell_7_4_Core_and_exports_no_functions_aliases_or_variables()
    {
        Assert.Equal(["Core"], Psd1.ReadList(module.Manifest, "CompatiblePSEditions"));
        Assert.Equal(["7.4"], Psd1.ReadList(module.Manifest, "PowerShellVersion"));
        Assert.Equal(["ClaudeDbKit.PowerShell.dll"], Psd1.ReadList(module.Manifest, "RootModule"));
        Assert.Empty(Psd1.ReadList(module.Manifest, "FunctionsToExport"));
        Assert.Empty(Psd1.ReadList(module.Manifest, "AliasesToExport"));
        Assert.Empty(Psd1.ReadList(module.Manifest, "VariablesToExport"));
    }

    // ---- The rules catch violations (each rule's failure path) ----

    private static CmdletModel Cmdlet(string verb, string noun, bool shouldProcess = true, string[]? outputs = null, string[]? parameters = null) =>
        new($"Fake.{verb}{noun}Command", verb, noun, shouldProcess,
            (outputs ?? ["Fake.Output"]).Select(psTypeName => new OutputModel("Fake.OutputRecord", psTypeName, ["Name"])).ToList(),
            parameters ?? ["ConnectionString"]);

    [Fact]
    public void The_naming_rule_rejects_an_unapproved_verb_and_a_foreign_noun()
    {
        var violations = ModuleRules.NamingViolations([Cmdlet("Fetch", "ClaudeMigration"), Cmdlet("Get", "Migration")]);

        Assert.Equal(2, violations.Count);
    }

    [Fact]
    public void The_export_rule_reports_both_a_missing_and_an_extra_export()
    {
        var violations = ModuleRules.ExportMismatches([Cmdlet("Get", "ClaudeMigration")], ["Invoke-ClaudeMigration"]);

        Assert.Equal(2, violations.Count);
    }

    [Fact]
    public void The_output_rule_rejects_a_cmdlet_without_OutputType_and_an_output_without_PSTypeName()
    {
        var noOutput = Cmdlet("Get", "ClaudeMigration", outputs: []);
        var noTypeName = Cmdlet("Get", "ClaudeThing") with { Outputs = [new OutputModel("Fake.Record", null, [])] };

        Assert.Equal(2, ModuleRules.OutputTypeViolations([noOutput, noTypeName]).Count);
    }

    [Fact]
    public void The_ShouldProcess_rule_rejects_a_state_changing_verb_without_it_and_ignores_Get()
    {
        var violations = ModuleRules.ShouldProcessViolations([Cmdlet("Remove", "ClaudeMessage", shouldProcess: false), Cmdlet("Get", "ClaudeMessage", shouldProcess: false)]);

        Assert.Contains("Remove-ClaudeMessage", Assert.Single(violations), StringComparison.Ordinal);
    }

    [Fact]
    public void The_connection_rule_rejects_a_cmdlet_without_ConnectionString()
    {
        Assert.Single(ModuleRules.ConnectionStringViolations([Cmdlet("Get", "ClaudeMigration", parameters: ["ScriptsPath"])]));
    }

    [Fact]
    public void The_format_rule_rejects_a_missing_view_and_a_column_over_an_unknown_property()
    {
        var views = FormatFile.ReadTableViews(XDocument.Parse("""
            <Configuration><ViewDefinitions><View><Name>a</Name>
              <ViewSelectedBy><TypeName>Fake.Output</TypeName></ViewSelectedBy>
              <TableControl><TableRowEntries><TableRowEntry><TableColumnItems>
                <TableColumnItem><PropertyName>Missing</PropertyName></TableColumnItem>
              </TableColumnItems></TableRowEntry></TableRowEntries></TableControl>
            </View></ViewDefinitions></Configuration>
            """));

        var violations = ModuleRules.FormatViolations([Cmdlet("Get", "ClaudeA"), Cmdlet("Get", "ClaudeB", outputs: ["Fake.Other"])], views);

        Assert.Equal(2, violations.Count);
    }

    [Fact]
    public void The_Npgsql_rule_finds_Npgsql_types_in_a_public_surface()
    {
        // Npgsql's own surface is made of Npgsql types: a rule that finds nothing there finds nothing anywhere.
        Assert.NotEmpty(ModuleRules.NpgsqlExposures(module.Context.LoadFromAssemblyName("Npgsql")));
    }

    [Fact]
    public void The_layout_rule_rejects_the_engine_stub_and_a_missing_dependency()
    {
        var violations = ModuleRules.LayoutViolations(
            ["ClaudeDbKit.psd1", "ClaudeDbKit.Format.ps1xml", "ClaudeDbKit.PowerShell.dll", "ClaudeDbKit.dll", "System.Management.Automation.dll"],
            ["ClaudeDbKit.PowerShell.dll"]);

        Assert.Equal(2, violations.Count); // Npgsql.dll missing, System.Management.Automation.dll present
    }

    [Fact]
    public void The_manifest_reader_reads_lists_single_values_and_skips_comments()
    {
        const string manifest = """
            @{
                # CmdletsToExport = @('Commented-Out')
                CmdletsToExport = @(
                    'Get-ClaudeA', "Get-ClaudeB"
                    'Get-ClaudeC'
                )
                FormatsToProcess = 'A.Format.ps1xml'
                AliasesToExport = @()
            }
            """;

        Assert.Equal(["Get-ClaudeA", "Get-ClaudeB", "Get-ClaudeC"], Psd1.ReadList(manifest, "CmdletsToExport"));
        Assert.Equal(["A.Format.ps1xml"], Psd1.ReadList(manifest, "FormatsToProcess"));
        Assert.Empty(Psd1.ReadList(manifest, "AliasesToExport"));
        Assert.Throws<InvalidOperationException>(() => Psd1.ReadList(manifest, "FunctionsToExport"));
    }

    /// <summary>The compiled cmdlet assembly, loaded as metadata only, and the manifest text.</summary>
    public sealed class ModuleFixture : IDisposable
    {
        public ModuleFixture()
        {
            // The test project's ProjectReference copies the cmdlet assembly next to the tests; its
            // dependencies (ClaudeDbKit.dll, Npgsql.dll) are there too because the tests reference the core.
            var modulePath = Path.Combine(AppContext.BaseDirectory, "ClaudeDbKit.PowerShell.dll");
            Assert.True(File.Exists(modulePath), $"{modulePath} is missing: build the solution first.");

            var paths = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
                .Concat(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
                .Append(PowerShellStandardReference())
                .ToList();
            Context = new MetadataLoadContext(new PathAssemblyResolver(paths));
            Assembly = Context.LoadFromAssemblyPath(modulePath);
            Cmdlets = CmdletModel.ReadAll(Assembly);
            Manifest = File.ReadAllText(Path.Combine(Repository.Root, "module", "ClaudeDbKit.psd1"));
        }

        public MetadataLoadContext Context { get; }

        public Assembly Assembly { get; }

        public IReadOnlyList<CmdletModel> Cmdlets { get; }

        public string Manifest { get; }

        public void Dispose() => Context.Dispose();

        private static string PowerShellStandardReference()
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var path = Path.Combine(packages, "powershellstandard.library", "5.1.0-preview-06", "lib", "netstandard2.0", "System.Management.Automation.dll");
            Assert.True(File.Exists(path), $"{path} is missing: restore the solution first.");
            return path;
        }
    }
}

/// <summary>A cmdlet as its attributes describe it.</summary>
public sealed record CmdletModel(
    string ClassName,
    string Verb,
    string Noun,
    bool SupportsShouldProcess,
    IReadOnlyList<OutputModel> Outputs,
    IReadOnlyList<string> Parameters)
{
    public string Name => $"{Verb}-{Noun}";

    public static IReadOnlyList<CmdletModel> ReadAll(Assembly assembly) =>
        assembly.GetTypes()
            .Select(type => (type, attribute: Attribute(type.GetCustomAttributesData(), "System.Management.Automation.CmdletAttribute")))
            .Where(pair => pair.attribute is not null)
            .Select(pair => Read(pair.type, pair.attribute!))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

    private static CmdletModel Read(Type type, CustomAttributeData cmdlet)
    {
        var shouldProcess = cmdlet.NamedArguments.Any(a => a.MemberName == "SupportsShouldProcess" && a.TypedValue.Value is true);
        var outputs = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value as ReadOnlyCollection<CustomAttributeTypedArgument> ?? [arg])
            .Select(arg => arg.Value switch
            {
                Type t => new OutputModel(t.FullName!, PSTypeNameOf(t), t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToList()),
                string name => new OutputModel(name, name, []),
                var other => new OutputModel($"{other}", null, []),
            })
            .ToList();
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => Attribute(p.GetCustomAttributesData(), "System.Management.Automation.ParameterAttribute") is not null)
            .Select(p => p.PropertyType.FullName == "System.String" ? p.Name : $"{p.Name}:{p.PropertyType.FullName}")
            .ToList();
        return new CmdletModel(type.FullName!, (string)cmdlet.ConstructorArguments[0].Value!, (string)cmdlet.ConstructorArguments[1].Value!,
            shouldProcess, outputs, parameters);
    }

    private static string? PSTypeNameOf(Type type) =>
        type.GetField("PSTypeName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? field.GetRawConstantValue() as string : null;

    private static CustomAttributeData? Attribute(IEnumerable<CustomAttributeData> attributes, string fullName) =>
        attributes.FirstOrDefault(a => a.AttributeType.FullName == fullName);
}

/// <summary>An [OutputType] class: its PSTypeName constant (null when it has none) and its public properties.</summary>
public sealed record OutputModel(string ClassName, string? PSTypeName, IReadOnlyList<string> Properties);

/// <summary>The module's rules; each returns the violations it finds, one readable line each.</summary>
public static class ModuleRules
{
    // Get-Verb's documented list (https://learn.microsoft.com/powershell/scripting/developer/cmdlet/approved-verbs-for-windows-powershell-commands).
    private static readonly HashSet<string> ApprovedVerbs = new(StringComparer.Ordinal)
    {
        // Common
        "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New", "Open",
        "Optimize", "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set", "Show", "Skip", "Split",
        "Step", "Switch", "Undo", "Unlock", "Watch",
        // Communications
        "Connect", "Disconnect", "Read", "Receive", "Send", "Write",
        // Data
        "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit", "Expand", "Export",
        "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore", "Save", "Sync", "Unpublish", "Update",
        // Diagnostic
        "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace",
        // Lifecycle
        "Approve", "Assert", "Build", "Complete", "Confirm", "Deny", "Deploy", "Disable", "Enable", "Install", "Invoke", "Register",
        "Request", "Restart", "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Wait",
        // Security
        "Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect",
        // Other
        "Use",
    };

    // Verbs whose cmdlets change something outside the session: they must honour -WhatIf and -Confirm.
    private static readonly HashSet<string> StateChangingVerbs = new(StringComparer.Ordinal)
    {
        "Add", "Clear", "Copy", "Move", "New", "Remove", "Rename", "Reset", "Set", "Lock", "Unlock",
        "Send", "Write", "Dismount", "Edit", "Import", "Initialize", "Merge", "Mount", "Publish", "Restore", "Save", "Sync", "Unpublish", "Update",
        "Repair", "Approve", "Complete", "Deny", "Deploy", "Disable", "Enable", "Install", "Invoke", "Register", "Request", "Restart",
        "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect",
    };

    private static readonly string[] RequiredModuleFiles =
        ["ClaudeDbKit.psd1", "ClaudeDbKit.Format.ps1xml", "ClaudeDbKit.PowerShell.dll", "ClaudeDbKit.dll", "Npgsql.dll"];

    public static IReadOnlyList<string> NamingViolations(IEnumerable<CmdletModel> cmdlets) =>
        cmdlets.SelectMany(c => new[]
        {
            ApprovedVerbs.Contains(c.Verb) ? null : $"{c.Name} ({c.ClassName}): '{c.Verb}' is not an approved verb (Get-Verb).",
            c.Noun.StartsWith("Claude", StringComparison.Ordinal) && c.Noun.Length > "Claude".Length ? null : $"{c.Name} ({c.ClassName}): the noun must start with 'Claude'.",
        }).OfType<string>().ToList();

    public static IReadOnlyList<string> ExportMismatches(IEnumerable<CmdletModel> cmdlets, IEnumerable<string> exported)
    {
        var defined = cmdlets.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var listed = exported.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return defined.Except(listed).Select(n => $"{n} is defined but not in CmdletsToExport.")
            .Concat(listed.Except(defined).Select(n => $"{n} is in CmdletsToExport but no class defines it."))
            .ToList();
    }

    public static IReadOnlyList<string> OutputTypeViolations(IEnumerable<CmdletModel> cmdlets) =>
        cmdlets.SelectMany(c => c.Outputs.Count == 0
                ? [$"{c.Name} has no [OutputType]."]
                : c.Outputs.Where(o => string.IsNullOrEmpty(o.PSTypeName)).Select(o => $"{c.Name}: output {o.ClassName} has no public const string PSTypeName."))
            .ToList();

    public static IReadOnlyList<string> ShouldProcessViolations(IEnumerable<CmdletModel> cmdlets) =>
        cmdlets.Where(c => StateChangingVerbs.Contains(c.Verb) && !c.SupportsShouldProcess)
            .Select(c => $"{c.Name} changes state but does not set SupportsShouldProcess = true.")
            .ToList();

    public static IReadOnlyList<string> ConnectionStringViolations(IEnumerable<CmdletModel> cmdlets) =>
        cmdlets.Where(c => !c.Parameters.Contains("ConnectionString"))
            .Select(c => $"{c.Name} has no string -ConnectionString parameter.")
            .ToList();

    /// <param name="views">Type name → the property names its table view's columns read.</param>
    public static IReadOnlyList<string> FormatViolations(IEnumerable<CmdletModel> cmdlets, IReadOnlyDictionary<string, IReadOnlyList<string>> views) =>
        cmdlets.SelectMany(c => c.Outputs).Where(o => o.PSTypeName is not null).DistinctBy(o => o.PSTypeName)
            .SelectMany(o => views.TryGetValue(o.PSTypeName!, out var columns)
                ? columns.Where(p => !o.Properties.Contains(p)).Select(p => $"The view for {o.PSTypeName} shows '{p}', which {o.ClassName} does not have.")
                : [$"The format file has no table view for {o.PSTypeName}."])
            .ToList();

    public static IReadOnlyList<string> NpgsqlExposures(Assembly assembly)
    {
        const BindingFlags members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            var inherited = new[] { type.BaseType }.Concat(type.GetInterfaces()).OfType<Type>();
            found.AddRange(inherited.Where(IsNpgsql).Select(t => $"{type.FullName} derives from {t.FullName}"));

            foreach (var member in type.GetMembers(members))
            {
                var signature = member switch
                {
                    FieldInfo f when Visible(f.IsPublic, f.IsFamily, f.IsFamilyOrAssembly) => [f.FieldType],
                    MethodBase m when Visible(m.IsPublic, m.IsFamily, m.IsFamilyOrAssembly) =>
                        m.GetParameters().Select(p => p.ParameterType).Concat(m is MethodInfo mi ? [mi.ReturnType] : []),
                    PropertyInfo p when p.GetAccessors(true).Any(a => Visible(a.IsPublic, a.IsFamily, a.IsFamilyOrAssembly)) => [p.PropertyType],
                    EventInfo e when e.AddMethod is { } add && Visible(add.IsPublic, add.IsFamily, add.IsFamilyOrAssembly) => [e.EventHandlerType!],
                    _ => Enumerable.Empty<Type>(),
                };
                found.AddRange(signature.Where(IsNpgsql).Select(t => $"{type.FullName}.{member.Name} exposes {t.FullName}"));
            }
        }
        return found;

        static bool Visible(bool isPublic, bool isFamily, bool isFamilyOrAssembly) => isPublic || isFamily || isFamilyOrAssembly;
    }

    public static IReadOnlyList<string> LayoutViolations(IReadOnlyCollection<string> files, IEnumerable<string> rootModule)
    {
        var required = RequiredModuleFiles.Concat(rootModule).Distinct();
        return required.Where(f => !files.Contains(f, StringComparer.OrdinalIgnoreCase)).Select(f => $"The module folder lacks {f}.")
            .Concat(files.Where(f => f.Equals("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase))
                .Select(f => $"The module folder holds {f}: the compile-time stub would shadow pwsh's engine."))
            .ToList();
    }

    private static bool IsNpgsql(Type type)
    {
        if (type.HasElementType)
            return IsNpgsql(type.GetElementType()!);
        if (type.IsGenericParameter)
            return false;
        if (type.IsGenericType && type.GetGenericArguments().Any(IsNpgsql))
            return true;
        return (type.Namespace ?? "").StartsWith("Npgsql", StringComparison.Ordinal) ||
               (type.Assembly.GetName().Name ?? "").StartsWith("Npgsql", StringComparison.Ordinal);
    }
}

/// <summary>Reads top-level settings from a module manifest (.psd1) without PowerShell.</summary>
public static partial class Psd1
{
    /// <summary>The strings of <c>Key = 'a'</c> or <c>Key = @('a', 'b')</c>; throws when the key is absent.</summary>
    public static IReadOnlyList<string> ReadList(string manifest, string key)
    {
        var text = CommentLine().Replace(manifest, "");
        var match = Regex.Match(text, $@"^\s*{Regex.Escape(key)}\s*=\s*(?:@\((?<list>[^)]*)\)|(?<list>'[^']*'|""[^""]*""))",
            RegexOptions.Multiline | RegexOptions.IgnoreCase);
        if (!match.Success)
            throw new InvalidOperationException($"The manifest does not set {key}.");
        return QuotedString().Matches(match.Groups["list"].Value).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
    }

    [GeneratedRegex(@"^\s*#.*$", RegexOptions.Multiline)]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"'([^']*)'|""([^""]*)""")]
    private static partial Regex QuotedString();
}

/// <summary>Reads a Format.ps1xml file's table views.</summary>
public static class FormatFile
{
    /// <summary>Type name → the PropertyName columns of its table view.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadTableViews(XDocument document) =>
        document.Descendants("View")
            .Where(v => v.Element("TableControl") is not null)
            .SelectMany(v => v.Elements("ViewSelectedBy").Elements("TypeName").Select(t => (type: t.Value.Trim(), view: v)))
            .GroupBy(x => x.type, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)g.SelectMany(x => x.view.Descendants("TableColumnItem").Elements("PropertyName")).Select(p => p.Value.Trim()).ToList(),
                StringComparer.Ordinal);
}
