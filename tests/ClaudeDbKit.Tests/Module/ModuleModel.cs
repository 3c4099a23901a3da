using System.Collections.ObjectModel;
using System.Reflection;

namespace ClaudeDbKit.Tests.PowerShellModule;

/// <summary>A cmdlet as its attributes describe it.</summary>
public sealed record CmdletModel(
    string ClassName,
    string Verb,
    string Noun,
    bool SupportsShouldProcess,
    IReadOnlyList<OutputModel> Outputs,
    IReadOnlyList<ParameterModel> Parameters,
    string? DefaultParameterSet,
    IReadOnlyList<ApiFunctionModel> ApiFunctions,
    bool IsPlumbing)
{
    private const string Sma = "System.Management.Automation.";
    private const string Module = "ClaudeDbKit.PowerShell.";

    public string Name => $"{Verb}-{Noun}";

    /// <summary>The named parameter sets; empty when every parameter is in all sets.</summary>
    public IReadOnlyList<string> ParameterSets =>
        Parameters.SelectMany(p => p.Sets).Select(s => s.SetName).Where(s => s != ModuleRules.AllParameterSets).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The parameters of one set (those in all sets included), with their attribute for that set.</summary>
    public IEnumerable<(ParameterModel Parameter, ParameterSetModel Set)> ParametersIn(string setName) =>
        Parameters.SelectMany(p => p.Sets.Where(s => s.SetName == setName || s.SetName == ModuleRules.AllParameterSets).Take(1).Select(s => (p, s)));

    public static IReadOnlyList<CmdletModel> ReadAll(Assembly assembly) =>
        assembly.GetTypes()
            .Select(type => (type, attribute: Attribute(type.GetCustomAttributesData(), Sma + "CmdletAttribute")))
            .Where(pair => pair.attribute is not null)
            .Select(pair => Read(pair.type, pair.attribute!))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

    private static CmdletModel Read(Type type, CustomAttributeData cmdlet)
    {
        var shouldProcess = Named(cmdlet, "SupportsShouldProcess") is true;
        var attributes = type.GetCustomAttributesData();
        var outputs = attributes
            .Where(a => a.AttributeType.FullName == Sma + "OutputTypeAttribute")
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
            .Select(ReadParameter)
            .OfType<ParameterModel>()
            .ToList();
        var api = attributes
            .Where(a => a.AttributeType.FullName == Module + "ClaudeApiFunctionAttribute")
            .Select(a => new ApiFunctionModel((string)a.ConstructorArguments[0].Value!, Named(a, "ParameterSetName") as string))
            .ToList();
        var plumbing = attributes.Any(a => a.AttributeType.FullName == Module + "ClaudeModulePlumbingAttribute");
        return new CmdletModel(type.FullName!, (string)cmdlet.ConstructorArguments[0].Value!, (string)cmdlet.ConstructorArguments[1].Value!,
            shouldProcess, outputs, parameters, Named(cmdlet, "DefaultParameterSetName") as string, api, plumbing);
    }

    private static ParameterModel? ReadParameter(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        var sets = attributes
            .Where(a => a.AttributeType.FullName == Sma + "ParameterAttribute")
            .Select(a => new ParameterSetModel(
                Named(a, "ParameterSetName") as string ?? ModuleRules.AllParameterSets,
                Named(a, "Mandatory") is true,
                Named(a, "Position") is int position && position != int.MinValue ? position : null,
                Named(a, "HelpMessage") as string,
                Named(a, "ValueFromPipeline") is true,
                Named(a, "ValueFromPipelineByPropertyName") is true))
            .ToList();
        if (sets.Count == 0)
            return null;
        var aliases = attributes
            .Where(a => a.AttributeType.FullName == Sma + "AliasAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value as ReadOnlyCollection<CustomAttributeTypedArgument> ?? [arg])
            .Select(arg => (string)arg.Value!)
            .ToList();
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return new ParameterModel(property.Name, type.FullName!, aliases, sets);
    }

    private static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).FirstOrDefault();

    private static string? PSTypeNameOf(Type type) =>
        type.GetField("PSTypeName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? field.GetRawConstantValue() as string : null;

    private static CustomAttributeData? Attribute(IEnumerable<CustomAttributeData> attributes, string fullName) =>
        attributes.FirstOrDefault(a => a.AttributeType.FullName == fullName);
}

/// <summary>An [OutputType] class: its PSTypeName constant (null when it has none) and its public properties.</summary>
public sealed record OutputModel(string ClassName, string? PSTypeName, IReadOnlyList<string> Properties);

/// <summary>A parameter: its name, its type (nullable unwrapped), its aliases and one entry per [Parameter] attribute (per set).</summary>
public sealed record ParameterModel(string Name, string TypeName, IReadOnlyList<string> Aliases, IReadOnlyList<ParameterSetModel> Sets)
{
    public bool IsMandatoryAnywhere => Sets.Any(s => s.Mandatory);

    public IEnumerable<string> Names => Aliases.Prepend(Name);
}

/// <summary>What one [Parameter] attribute says.</summary>
public sealed record ParameterSetModel(string SetName, bool Mandatory, int? Position, string? HelpMessage, bool FromPipeline, bool FromPipelineByPropertyName);

/// <summary>A [ClaudeApiFunction] attribute: the SQL function and, for a cmdlet that wraps two, the parameter set that calls it.</summary>
public sealed record ApiFunctionModel(string Name, string? ParameterSet);
