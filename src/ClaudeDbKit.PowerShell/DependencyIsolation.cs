using System.Reflection;
using System.Runtime.Loader;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// Keeps Npgsql and its dependencies out of PowerShell's shared load context, so the module coexists with
/// modules that bring other versions of them (the pattern of the PowerShell documentation, "Resolving
/// PowerShell module assembly dependency conflicts").
/// </summary>
/// <remarks>
/// The module folder holds only the cmdlet assembly; the core (ClaudeDbKit.dll), Npgsql and the rest sit in
/// <c>dependencies/</c>, where PowerShell does not look. When the cmdlet assembly first needs the core, the
/// default context cannot find it and raises <see cref="AssemblyLoadContext.Resolving"/>; the handler loads
/// the core into a <see cref="ClaudeDbKitLoadContext"/>, which then loads the core's own references from
/// <c>dependencies/</c>. The handler answers for the core alone: its name is ours, whereas answering for
/// Npgsql would hand our copy to any module asking for it. That is also why the cmdlet assembly must not
/// reference Npgsql itself. Free of PowerShell types, so a plain .NET host can run it (the tests do).
/// </remarks>
internal static class DependencyIsolation
{
    /// <summary>The folder below the module folder that holds the core and its dependencies.</summary>
    public const string DependencyFolderName = "dependencies";

    /// <summary>The one assembly the shared context is given: the core, the bridge to everything else.</summary>
    public const string BridgeAssemblyName = "ClaudeDbKit";

    private static readonly object Gate = new();
    private static ClaudeDbKitLoadContext? s_context;
    private static bool s_registered;

    /// <summary>The private context once <see cref="Register"/> has run; null before.</summary>
    public static AssemblyLoadContext? Context => s_context;

    /// <summary>
    /// Starts answering the default context's requests for the core from <c>dependencies/</c> below
    /// <paramref name="moduleDirectory"/>. PowerShell may run a module's initializer more than once, so a
    /// second call changes nothing; the first call's folder stays the one used.
    /// </summary>
    public static void Register(string moduleDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(moduleDirectory);
        lock (Gate)
        {
            // The context outlives Unregister: the core stays loaded in it (nothing loaded into the shared
            // context can be unloaded), and a second Import-Module must bind to the same core again.
            s_context ??= new ClaudeDbKitLoadContext(Path.Combine(Path.GetFullPath(moduleDirectory), DependencyFolderName));
            if (s_registered)
                return;
            AssemblyLoadContext.Default.Resolving += Resolve;
            s_registered = true;
        }
    }

    /// <summary>Stops answering (Remove-Module). Assemblies already loaded stay loaded.</summary>
    public static void Unregister()
    {
        lock (Gate)
        {
            if (!s_registered)
                return;
            AssemblyLoadContext.Default.Resolving -= Resolve;
            s_registered = false;
        }
    }

    /// <summary>The handler: the core from the private context; null (not ours) for any other name.</summary>
    internal static Assembly? Resolve(AssemblyLoadContext requestingContext, AssemblyName name) =>
        string.Equals(name.Name, BridgeAssemblyName, StringComparison.OrdinalIgnoreCase) && s_context is { } context
            ? context.LoadFromAssemblyName(name)
            : null;
}
