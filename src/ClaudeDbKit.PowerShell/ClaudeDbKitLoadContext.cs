using System.Reflection;
using System.Runtime.Loader;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// The module's private load context: the core and every assembly it needs that ships in the module's
/// <c>dependencies/</c> folder (Npgsql and what Npgsql needs) load here, in exactly the versions the module
/// was built with, whatever other modules loaded into PowerShell's shared context.
/// </summary>
internal sealed class ClaudeDbKitLoadContext(string dependencyDirectory) : AssemblyLoadContext("ClaudeDbKit dependencies")
{
    public string DependencyDirectory { get; } = dependencyDirectory;

    /// <summary>An assembly of <c>dependencies/</c> from there; anything else (the framework, System.Management.Automation) from the shared context.</summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not { Length: > 0 } name)
            return null;
        // Satellite resource assemblies sit in a folder named after their culture, as in any .NET output.
        var folder = string.IsNullOrEmpty(assemblyName.CultureName) ? DependencyDirectory : Path.Combine(DependencyDirectory, assemblyName.CultureName);
        var path = Path.Combine(folder, name + ".dll");
        // Returning null lets the runtime fall back to the default context, so the framework and
        // System.Management.Automation stay the ones PowerShell itself uses.
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
