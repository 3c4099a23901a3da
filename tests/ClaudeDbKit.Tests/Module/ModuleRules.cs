using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ClaudeDbKit.Tests.PowerShellModule;

/// <summary>The module's rules; each returns the violations it finds, one readable line each.</summary>
public static partial class ModuleRules
{
    /// <summary>The set name of a [Parameter] without ParameterSetName (System.Management.Automation.ParameterAttribute.AllParameterSets).</summary>
    public const string AllParameterSets = "__AllParameterSets";

    public const string PSCredentialType = "System.Management.Automation.PSCredential";

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

    // Verbs that only read: their cmdlets must not offer -WhatIf/-Confirm (there is nothing to confirm).
    private static readonly HashSet<string> ReadingVerbs = new(StringComparer.Ordinal)
    {
        "Get", "Find", "Search", "Test", "Measure", "Compare", "Resolve", "Show", "Watch", "Trace", "Read", "Select", "Format",
    };

    // Verbs that change only the runspace (the default connection), nothing in the database.
    private static readonly HashSet<string> RunspaceOnlyVerbs = new(StringComparer.Ordinal) { "Connect", "Disconnect" };

    // Cmdlets that do not reach the database, so take no -ConnectionString: forgetting the default needs none.
    private static readonly HashSet<string> NoConnectionCmdlets = new(StringComparer.Ordinal) { "Disconnect-ClaudeDatabase" };

    // Output types a cmdlet may write without a PSTypeName: the hook writes the JSON text Claude Code reads.
    private static readonly HashSet<string> PlainOutputTypes = new(StringComparer.Ordinal) { "System.String" };

    // Ids that name the item a cmdlet acts on; a mandatory one must come from the pipeline by property name.
    private static readonly HashSet<string> ItemIdParameters = new(StringComparer.Ordinal)
    {
        "SessionId", "IdentityId", "AgentId", "MessageId", "JobId", "ReminderId", "KnowledgeId",
    };

    // Paths inside the module folder, '/'-separated. The core and Npgsql sit in dependencies/, out of PowerShell's sight.
    private static readonly string[] RequiredModuleFiles =
        ["ClaudeDbKit.psd1", "ClaudeDbKit.Format.ps1xml", "ClaudeDbKit.PowerShell.dll", "dependencies/ClaudeDbKit.dll", "dependencies/Npgsql.dll"];

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
                : c.Outputs.Where(o => string.IsNullOrEmpty(o.PSTypeName) && !PlainOutputTypes.Contains(o.ClassName))
                    .Select(o => $"{c.Name}: output {o.ClassName} has no public const string PSTypeName."))
            .ToList();

    public static IReadOnlyList<string> ShouldProcessViolations(IEnumerable<CmdletModel> cmdlets) =>
        cmdlets.Select(c =>
                ReadingVerbs.Contains(c.Verb)
                    ? c.SupportsShouldProcess ? $"{c.Name} only reads but sets SupportsShouldProcess: -WhatIf/-Confirm would have nothing to act on." : null
                    : RunspaceOnlyVerbs.Contains(c.Verb) || c.SupportsShouldProcess ? null
                    : $"{c.Name} changes state but does not set SupportsShouldProcess = true.")
            .OfType<string>()
            .ToList();

    public static IReadOnlyList<string> ConnectionParameterViolations(IEnumerable<CmdletModel> cmdlets) =>
        cmdlets.Where(c => !NoConnectionCmdlets.Contains(c.Name))
            .SelectMany(c => new[]
            {
                c.Parameters.Any(p => p is { Name: "ConnectionString", TypeName: "System.String" }) ? null : $"{c.Name} has no string -ConnectionString parameter.",
                c.Parameters.Any(p => p.Name == "Credential" && p.TypeName == PSCredentialType) ? null : $"{c.Name} has no PSCredential -Credential parameter.",
            })
            .OfType<string>()
            .ToList();

    /// <summary>
    /// Two parameter sets are ambiguous when one call can satisfy both: neither has a mandatory parameter the
    /// other lacks, and neither is the default set PowerShell falls back to. Also: two parameters of one set at
    /// the same position, and a DefaultParameterSetName naming no set.
    /// </summary>
    public static IReadOnlyList<string> ParameterSetViolations(IEnumerable<CmdletModel> cmdlets)
    {
        var found = new List<string>();
        foreach (var c in cmdlets)
        {
            var sets = c.ParameterSets;
            if (c.DefaultParameterSet is { } defaultSet && sets.Count > 0 && !sets.Contains(defaultSet))
                found.Add($"{c.Name}: DefaultParameterSetName '{defaultSet}' is not one of its parameter sets ({string.Join(", ", sets)}).");

            for (var i = 0; i < sets.Count; i++)
            {
                for (var j = i + 1; j < sets.Count; j++)
                {
                    if (Separates(c, sets[i], sets[j]) || Separates(c, sets[j], sets[i]) || c.DefaultParameterSet == sets[i] || c.DefaultParameterSet == sets[j])
                        continue;
                    found.Add($"{c.Name}: parameter sets '{sets[i]}' and '{sets[j]}' cannot be told apart: neither has a mandatory parameter the other lacks, and neither is the default set.");
                }
            }

            foreach (var set in sets.Count == 0 ? [AllParameterSets] : sets)
            {
                found.AddRange(c.ParametersIn(set).Where(x => x.Set.Position is not null).GroupBy(x => x.Set.Position).Where(g => g.Count() > 1)
                    .Select(g => $"{c.Name}: {string.Join(" and ", g.Select(x => x.Parameter.Name))} share position {g.Key} in parameter set '{set}'."));
            }
        }
        return found;

        // Some mandatory parameter of set a is not in set b: no call valid for a is valid for b.
        static bool Separates(CmdletModel c, string a, string b)
        {
            var inB = c.ParametersIn(b).Select(x => x.Parameter.Name).ToHashSet(StringComparer.Ordinal);
            return c.ParametersIn(a).Any(x => x.Set.Mandatory && !inB.Contains(x.Parameter.Name));
        }
    }

    public static IReadOnlyList<string> HelpMessageViolations(IEnumerable<CmdletModel> cmdlets) =>
        cmdlets.SelectMany(c => c.Parameters.SelectMany(p => p.Sets.Where(s => s.Mandatory && string.IsNullOrWhiteSpace(s.HelpMessage))
                .Select(s => $"{c.Name}: mandatory parameter -{p.Name}{(s.SetName == AllParameterSets ? "" : $" (set {s.SetName})")} has no HelpMessage.")))
            .ToList();

    /// <summary>A mandatory item id (SessionId, MessageId, ...) takes pipeline input by property name, and some cmdlet outputs a type with that property.</summary>
    public static IReadOnlyList<string> PipelineIdViolations(IReadOnlyCollection<CmdletModel> cmdlets)
    {
        var produced = cmdlets.SelectMany(c => c.Outputs).SelectMany(o => o.Properties).ToHashSet(StringComparer.Ordinal);
        return cmdlets.SelectMany(c => c.Parameters
                .Where(p => ItemIdParameters.Contains(p.Name))
                .SelectMany(p => p.Sets.Where(s => s.Mandatory).SelectMany(s => new[]
                {
                    s.FromPipelineByPropertyName ? null : $"{c.Name}: mandatory -{p.Name} does not take ValueFromPipelineByPropertyName.",
                    produced.Contains(p.Name) ? null : $"{c.Name}: -{p.Name} takes pipeline input, but no cmdlet outputs an object with a {p.Name} property.",
                })))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// <c>source | target -given...</c>: every mandatory parameter of target (in some set) is given explicitly or
    /// bound by property name (its name or an alias) from a property of source's output. Empty when it binds.
    /// </summary>
    public static IReadOnlyList<string> PipelineBindingViolations(CmdletModel source, CmdletModel target, IReadOnlyCollection<string> given)
    {
        var properties = source.Outputs.SelectMany(o => o.Properties).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sets = target.ParameterSets.Count == 0 ? [AllParameterSets] : target.ParameterSets;
        var problems = sets.Select(set => target.ParametersIn(set)
                .Where(x => x.Set.Mandatory && !given.Contains(x.Parameter.Name, StringComparer.OrdinalIgnoreCase))
                .Where(x => !(x.Set.FromPipelineByPropertyName && x.Parameter.Names.Any(properties.Contains)))
                .Select(x => x.Parameter.Name)
                .ToList())
            .ToList();
        var bindable = problems.Any(p => p.Count == 0)
            && sets.Any(set => target.ParametersIn(set).Any(x => x.Set.FromPipelineByPropertyName && x.Parameter.Names.Any(properties.Contains)));
        return bindable
            ? []
            : [$"{source.Name} | {target.Name}: nothing binds by property name, or mandatory {string.Join(", ", problems.OrderBy(p => p.Count).First().Select(n => "-" + n))} stays unbound."];
    }

    /// <summary>Each cmdlet wraps API functions or is plumbing (not both, not neither); one that wraps two names a distinct existing parameter set for each.</summary>
    public static IReadOnlyList<string> MarkingViolations(IEnumerable<CmdletModel> cmdlets)
    {
        var found = new List<string>();
        foreach (var c in cmdlets)
        {
            if (c.ApiFunctions.Count == 0 && !c.IsPlumbing)
                found.Add($"{c.Name} has neither [ClaudeApiFunction] nor [ClaudeModulePlumbing].");
            if (c.ApiFunctions.Count > 0 && c.IsPlumbing)
                found.Add($"{c.Name} has both [ClaudeApiFunction] and [ClaudeModulePlumbing].");
            if (c.ApiFunctions.Count > 1)
            {
                found.AddRange(c.ApiFunctions.Where(f => f.ParameterSet is null)
                    .Select(f => $"{c.Name} wraps several functions, but [ClaudeApiFunction(\"{f.Name}\")] names no ParameterSetName."));
                found.AddRange(c.ApiFunctions.Where(f => f.ParameterSet is not null).GroupBy(f => f.ParameterSet).Where(g => g.Count() > 1)
                    .Select(g => $"{c.Name}: parameter set '{g.Key}' is named by several [ClaudeApiFunction] attributes."));
            }
            found.AddRange(c.ApiFunctions.Where(f => f.ParameterSet is not null && !c.ParameterSets.Contains(f.ParameterSet))
                .Select(f => $"{c.Name}: [ClaudeApiFunction(\"{f.Name}\")] names parameter set '{f.ParameterSet}', which the cmdlet does not have."));
        }
        return found;
    }

    /// <summary>Every API function of schema claude has exactly one cmdlet, and every [ClaudeApiFunction] names an API function.</summary>
    public static IReadOnlyList<string> ApiMappingViolations(IEnumerable<CmdletModel> cmdlets, IReadOnlyCollection<string> apiFunctions)
    {
        var wrappers = cmdlets.SelectMany(c => c.ApiFunctions.Select(f => (Function: f.Name, Cmdlet: c.Name)))
            .GroupBy(x => x.Function, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Cmdlet).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        return apiFunctions.Order(StringComparer.Ordinal).Select(f => wrappers.TryGetValue(f, out var names)
                ? names.Count == 1 ? null : $"claude.{f} has {names.Count} cmdlets: {string.Join(", ", names)}."
                : $"claude.{f} has no cmdlet (no [ClaudeApiFunction(\"{f}\")]).")
            .Concat(wrappers.Keys.Except(apiFunctions, StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(f => $"{string.Join(", ", wrappers[f])} names claude.{f}, which is not an API function of schema claude (missing, a trigger, or commented 'Internal')."))
            .OfType<string>()
            .ToList();
    }

    /// <param name="views">Type name → the property names its table view's columns read (PropertyName columns and $_.Name in script blocks).</param>
    public static IReadOnlyList<string> FormatViolations(IEnumerable<CmdletModel> cmdlets, IReadOnlyDictionary<string, IReadOnlyList<string>> views) =>
        cmdlets.SelectMany(c => c.Outputs).Where(o => o.PSTypeName is not null).DistinctBy(o => o.PSTypeName)
            .SelectMany(o => views.TryGetValue(o.PSTypeName!, out var columns)
                ? columns.Distinct(StringComparer.Ordinal).Where(p => !o.Properties.Contains(p)).Select(p => $"The view for {o.PSTypeName} shows '{p}', which {o.ClassName} does not have.")
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

    /// <param name="files">Every file of the module folder, as a path inside it with '/' separators.</param>
    /// <param name="rootModule">The manifest's RootModule.</param>
    public static IReadOnlyList<string> LayoutViolations(IReadOnlyCollection<string> files, IReadOnlyCollection<string> rootModule)
    {
        var required = RequiredModuleFiles.Concat(rootModule).Distinct(StringComparer.OrdinalIgnoreCase);
        return required.Where(f => !files.Contains(f, StringComparer.OrdinalIgnoreCase)).Select(f => $"The module folder lacks {f}.")
            .Concat(files.Where(f => Path.GetFileName(f).Equals("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase))
                .Select(f => $"The module folder holds {f}: the compile-time stub would shadow pwsh's engine."))
            .Concat(files.Where(f => !f.Contains('/', StringComparison.Ordinal) && f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !rootModule.Contains(f, StringComparer.OrdinalIgnoreCase))
                .Select(f => $"The module folder holds {f} next to the cmdlet assembly, where PowerShell finds it and loads it into its shared context; it belongs in dependencies/."))
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

/// <summary>Reads a Format.ps1xml file's table views.</summary>
public static partial class FormatFile
{
    /// <summary>Type name → the properties its table view reads: PropertyName columns and <c>$_.Name</c> in ScriptBlock columns.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadTableViews(XDocument document) =>
        document.Descendants("View")
            .Where(v => v.Element("TableControl") is not null)
            .SelectMany(v => v.Elements("ViewSelectedBy").Elements("TypeName").Select(t => (type: t.Value.Trim(), view: v)))
            .GroupBy(x => x.type, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)g.SelectMany(x => x.view.Descendants("TableColumnItem"))
                    .SelectMany(item => item.Elements("PropertyName").Select(p => p.Value.Trim())
                        .Concat(item.Elements("ScriptBlock").SelectMany(s => PropertyReference().Matches(s.Value).Select(m => m.Groups[1].Value))))
                    .ToList(),
                StringComparer.Ordinal);

    /// <summary>Tables whose header count differs from a row's column count (PowerShell refuses to load such a format file).</summary>
    public static IReadOnlyList<string> ShapeViolations(XDocument document) =>
        document.Descendants("View")
            .SelectMany(v => v.Elements("TableControl").Select(t => (name: v.Element("Name")?.Value ?? "?", table: t)))
            .SelectMany(x => x.table.Descendants("TableRowEntry")
                .Select(row => row.Descendants("TableColumnItem").Count())
                .Where(columns => x.table.Element("TableHeaders") is { } headers && headers.Elements("TableColumnHeader").Count() != columns)
                .Select(columns => $"View {x.name}: {x.table.Element("TableHeaders")!.Elements("TableColumnHeader").Count()} headers but {columns} columns."))
            .ToList();

    [GeneratedRegex(@"\$_\.(\w+)")]
    private static partial Regex PropertyReference();
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

