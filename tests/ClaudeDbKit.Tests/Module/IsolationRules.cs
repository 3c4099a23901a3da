using System.Reflection;

namespace ClaudeDbKit.Tests.PowerShellModule;

/// <summary>
/// What the cmdlet assembly must respect so its dependencies can live in the module's own load context;
/// each rule returns the violations it finds, one readable line each. "Isolated" names the assemblies of
/// the module's dependencies/ folder.
/// </summary>
public static class IsolationRules
{
    /// <summary>
    /// The cmdlet assembly references no isolated assembly but the bridge (the core). Any other reference would
    /// be resolved by PowerShell's shared context, which either cannot find it or finds another module's copy.
    /// </summary>
    public static IReadOnlyList<string> DirectReferences(Assembly assembly, IReadOnlyCollection<string> isolated, string bridge) =>
        assembly.GetReferencedAssemblies()
            .Where(r => r.Name != bridge && isolated.Contains(r.Name!, StringComparer.OrdinalIgnoreCase))
            .Select(r => $"{assembly.GetName().Name} references {r.FullName} itself; only {bridge} may be reached from the shared context, the rest through it.")
            .ToList();

    /// <summary>
    /// No type of the assembly needs an isolated assembly to be loaded: none derives from or implements an
    /// isolated type (generic arguments included), and none has a field whose value type is isolated (the
    /// runtime needs its size). PowerShell loads every public type of a binary module before it runs the
    /// module's initializer, when nothing can resolve the isolated assemblies yet.
    /// </summary>
    public static IReadOnlyList<string> TypeLoadNeeds(Assembly assembly, IReadOnlyCollection<string> isolated)
    {
        const BindingFlags fields = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<string>();
        foreach (var type in assembly.GetTypes())
        {
            var inherited = new[] { type.BaseType }.OfType<Type>().Concat(type.GetInterfaces());
            found.AddRange(inherited.Where(t => Mentions(t, isolated)).Select(t => $"{type.FullName} derives from or implements {t.FullName}."));
            found.AddRange(type.GetFields(fields).Where(f => f.FieldType.IsValueType && Mentions(f.FieldType, isolated))
                .Select(f => $"{type.FullName}.{f.Name} is a field of value type {f.FieldType.FullName}."));
        }
        return found;
    }

    private static bool Mentions(Type type, IReadOnlyCollection<string> isolated)
    {
        if (type.HasElementType)
            return Mentions(type.GetElementType()!, isolated);
        if (type.IsGenericParameter)
            return false;
        return isolated.Contains(type.Assembly.GetName().Name!, StringComparer.OrdinalIgnoreCase) ||
               (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, isolated)));
    }
}
