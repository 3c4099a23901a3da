using System.Xml.Linq;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.PowerShellModule;

/// <summary>
/// The module's MAML help (module/en-US/ClaudeDbKit.PowerShell.dll-Help.xml, what Get-Help reads for a binary
/// module) against the cmdlets the compiled assembly declares. No PowerShell engine runs here, so the help is
/// checked as XML: every cmdlet documented with a synopsis and an example, every declared parameter described,
/// no parameter invented. The failure-path tests feed the same check broken documents.
/// </summary>
public sealed class HelpCoverageTests(ModuleContractTests.ModuleFixture module) : IClassFixture<ModuleContractTests.ModuleFixture>
{
    private const string HelpFileName = "ClaudeDbKit.PowerShell.dll-Help.xml";

    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    /// <summary>The common parameters PowerShell adds to a cmdlet that supports ShouldProcess; help may describe them.</summary>
    private static readonly string[] ShouldProcessParameters = ["WhatIf", "Confirm"];

    private static string SourceHelpPath => Path.Combine(Repository.Root, "module", "en-US", HelpFileName);

    private static XDocument LoadHelp()
    {
        Assert.True(File.Exists(SourceHelpPath), $"{SourceHelpPath} is missing.");
        return XDocument.Load(SourceHelpPath);
    }

    [Fact]
    public void Every_cmdlet_has_help_with_a_synopsis_an_example_and_a_description_of_every_parameter()
    {
        Assert.Empty(HelpViolations(module.Cmdlets, LoadHelp()));
    }

    [Fact]
    public void The_help_document_uses_the_MAML_root_PowerShell_reads()
    {
        var root = LoadHelp().Root!;

        Assert.Equal(XName.Get("helpItems", "http://msh"), root.Name);
        Assert.Equal("maml", (string?)root.Attribute("schema"));
        Assert.Equal(module.Cmdlets.Count, root.Elements(Command + "command").Count());
    }

    [Fact]
    public void The_laid_out_module_folder_holds_the_help_file_under_en_US()
    {
        var laidOut = Path.Combine(Repository.Root, "artifacts", "module", "ClaudeDbKit", "en-US", HelpFileName);

        Assert.True(File.Exists(laidOut), $"{laidOut} is missing: the PowerShell project's build copies module/en-US/*.xml there.");
        Assert.Equal(File.ReadAllText(SourceHelpPath), File.ReadAllText(laidOut));
    }

    // ---- The check catches violations (its failure path) ----

    [Fact]
    public void The_help_check_reports_a_cmdlet_missing_from_the_help()
    {
        var broken = LoadHelp();
        broken.Root!.Elements(Command + "command").Single(c => NameOf(c) == "Stop-ClaudeSession").Remove();

        var violations = HelpViolations(module.Cmdlets, broken);

        Assert.Contains("Stop-ClaudeSession", Assert.Single(violations), StringComparison.Ordinal);
    }

    [Fact]
    public void The_help_check_reports_an_empty_synopsis_a_missing_example_an_undocumented_and_an_invented_parameter()
    {
        var broken = LoadHelp();
        XElement Help(string name) => broken.Root!.Elements(Command + "command").Single(c => NameOf(c) == name);

        Help("Get-ClaudeSession").Element(Command + "details")!.Element(Maml + "description")!.Remove();
        Help("Get-ClaudeReminder").Element(Command + "examples")!.RemoveNodes();
        Help("Stop-ClaudeSession").Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => NameOf(p) == "Summary").Remove();
        Help("Get-ClaudeIdentity").Element(Command + "parameters")!.Add(new XElement(Command + "parameter",
            new XAttribute("required", "false"), new XAttribute("pipelineInput", "False"),
            new XElement(Maml + "name", "Nonexistent"),
            new XElement(Maml + "description", new XElement(Maml + "para", "Not a parameter.")),
            new XElement(Dev + "type", new XElement(Maml + "name", "System.String"))));
        // -WhatIf is a common parameter only of cmdlets that support ShouldProcess; Get-ClaudeMessage does not.
        Help("Get-ClaudeMessage").Element(Command + "parameters")!.Add(new XElement(Command + "parameter",
            new XAttribute("required", "false"), new XAttribute("pipelineInput", "False"),
            new XElement(Maml + "name", "WhatIf"),
            new XElement(Maml + "description", new XElement(Maml + "para", "Shows what would happen.")),
            new XElement(Dev + "type", new XElement(Maml + "name", "System.Management.Automation.SwitchParameter"))));

        var violations = HelpViolations(module.Cmdlets, broken);

        Assert.Equal(5, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("Get-ClaudeSession:", StringComparison.Ordinal) && v.Contains("synopsis", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Get-ClaudeReminder:", StringComparison.Ordinal) && v.Contains("example", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Stop-ClaudeSession:", StringComparison.Ordinal) && v.Contains("-Summary", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Get-ClaudeIdentity:", StringComparison.Ordinal) && v.Contains("-Nonexistent", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Get-ClaudeMessage:", StringComparison.Ordinal) && v.Contains("-WhatIf", StringComparison.Ordinal));
    }

    [Fact]
    public void The_help_check_reports_a_parameter_whose_required_pipeline_or_type_is_wrong()
    {
        var broken = LoadHelp();
        var parameters = broken.Root!.Elements(Command + "command").Single(c => NameOf(c) == "Stop-ClaudeSession").Element(Command + "parameters")!;
        XElement Parameter(string name) => parameters.Elements(Command + "parameter").Single(p => NameOf(p) == name);

        Parameter("Summary").SetAttributeValue("required", "false");
        Parameter("SessionId").SetAttributeValue("pipelineInput", "False");
        Parameter("Task").Element(Dev + "type")!.Element(Maml + "name")!.Value = "System.String";

        var violations = HelpViolations(module.Cmdlets, broken);

        Assert.Equal(3, violations.Count);
        Assert.All(violations, v => Assert.StartsWith("Stop-ClaudeSession:", v, StringComparison.Ordinal));
    }

    /// <summary>
    /// What the help document gets wrong about <paramref name="cmdlets"/>: a cmdlet without help, an empty
    /// synopsis or description, no example, a declared parameter without a described entry (or with the wrong
    /// required flag, pipeline input or type), and an entry naming a parameter the cmdlet does not have.
    /// </summary>
    public static IReadOnlyList<string> HelpViolations(IReadOnlyList<CmdletModel> cmdlets, XDocument help)
    {
        ArgumentNullException.ThrowIfNull(cmdlets);
        ArgumentNullException.ThrowIfNull(help);
        var violations = new List<string>();
        var entries = help.Root?.Elements(Command + "command").ToList() ?? [];
        var known = cmdlets.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        violations.AddRange(entries.Select(NameOf).Where(n => !known.Contains(n)).Select(n => $"{n}: the help documents a cmdlet the assembly does not define."));
        violations.AddRange(entries.GroupBy(NameOf, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => $"{g.Key}: the help documents it {g.Count()} times."));

        foreach (var cmdlet in cmdlets)
        {
            var entry = entries.FirstOrDefault(e => string.Equals(NameOf(e), cmdlet.Name, StringComparison.OrdinalIgnoreCase));
            if (entry is null)
            {
                violations.Add($"{cmdlet.Name}: no help entry.");
                continue;
            }
            violations.AddRange(EntryViolations(cmdlet, entry).Select(v => $"{cmdlet.Name}: {v}"));
        }
        return violations;
    }

    private static IEnumerable<string> EntryViolations(CmdletModel cmdlet, XElement entry)
    {
        if (string.IsNullOrWhiteSpace(Text(entry.Element(Command + "details")?.Element(Maml + "description"))))
            yield return "the synopsis (command:details/maml:description) is empty.";
        if (string.IsNullOrWhiteSpace(Text(entry.Element(Maml + "description"))))
            yield return "the description is empty.";
        var examples = entry.Element(Command + "examples")?.Elements(Command + "example").ToList() ?? [];
        if (examples.Count == 0)
            yield return "no example.";
        foreach (var example in examples.Where(e =>
                     string.IsNullOrWhiteSpace(e.Element(Maml + "title")?.Value) ||
                     string.IsNullOrWhiteSpace(e.Element(Dev + "code")?.Value) ||
                     string.IsNullOrWhiteSpace(Text(e.Element(Dev + "remarks")))))
            yield return $"an example lacks a title, code or remarks: {example.Element(Dev + "code")?.Value}";

        var helpParameters = entry.Element(Command + "parameters")?.Elements(Command + "parameter").ToList() ?? [];
        foreach (var parameter in cmdlet.Parameters)
        {
            var help = helpParameters.FirstOrDefault(p => string.Equals(NameOf(p), parameter.Name, StringComparison.OrdinalIgnoreCase));
            if (help is null)
            {
                yield return $"-{parameter.Name} has no help entry.";
                continue;
            }
            if (string.IsNullOrWhiteSpace(Text(help.Element(Maml + "description"))))
                yield return $"-{parameter.Name} has no description.";
            if (((string?)help.Attribute("required") == "true") != parameter.IsMandatoryAnywhere)
                yield return $"-{parameter.Name}: help says required=\"{(string?)help.Attribute("required")}\", the cmdlet says Mandatory={parameter.IsMandatoryAnywhere}.";
            var fromPipeline = parameter.Sets.Any(s => s.FromPipeline || s.FromPipelineByPropertyName);
            if (((string?)help.Attribute("pipelineInput") ?? "").StartsWith("True", StringComparison.OrdinalIgnoreCase) != fromPipeline)
                yield return $"-{parameter.Name}: help says pipelineInput=\"{(string?)help.Attribute("pipelineInput")}\", the cmdlet says {(fromPipeline ? "it binds" : "it does not bind")} from the pipeline.";
            var type = help.Element(Dev + "type")?.Element(Maml + "name")?.Value.Trim();
            if (type != Unwrapped(parameter.TypeName))
                yield return $"-{parameter.Name}: help gives the type {type ?? "(none)"}, the cmdlet declares {Unwrapped(parameter.TypeName)}.";
        }

        var declared = cmdlet.Parameters.Select(p => p.Name)
            .Concat(cmdlet.SupportsShouldProcess ? ShouldProcessParameters : [])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var syntaxParameters = entry.Element(Command + "syntax")?.Elements(Command + "syntaxItem").SelectMany(i => i.Elements(Command + "parameter")) ?? [];
        foreach (var name in helpParameters.Concat(syntaxParameters).Select(NameOf).Distinct(StringComparer.OrdinalIgnoreCase).Where(n => !declared.Contains(n)))
            yield return $"the help names -{name}, which the cmdlet does not have.";
    }

    /// <summary>
    /// The type a user passes: System.Guid for Guid?. Nullable.GetUnderlyingType does not see through a
    /// MetadataLoadContext type, so the model can hold the full name "System.Nullable`1[[System.Guid, ...]]".
    /// </summary>
    private static string Unwrapped(string typeName) =>
        typeName.StartsWith("System.Nullable`1[[", StringComparison.Ordinal)
            ? typeName["System.Nullable`1[[".Length..typeName.IndexOf(',', StringComparison.Ordinal)]
            : typeName;

    private static string NameOf(XElement element) =>
        (element.Element(Command + "details")?.Element(Command + "name") ?? element.Element(Maml + "name"))?.Value.Trim() ?? "";

    private static string Text(XElement? element) =>
        element is null ? "" : string.Concat(element.Descendants(Maml + "para").Select(p => p.Value)).Trim();
}
