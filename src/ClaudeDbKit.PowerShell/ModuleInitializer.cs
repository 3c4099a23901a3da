using System.Management.Automation;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// Import-Module and Remove-Module hooks: they switch the module's dependency isolation on and off. PowerShell
/// runs <see cref="OnImport"/> before any cmdlet of the module, so the core is first needed after it.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>Runs on Import-Module.</summary>
    public void OnImport() => DependencyIsolation.Register(ModuleDirectory);

    /// <summary>Runs on Remove-Module.</summary>
    public void OnRemove(PSModuleInfo psModuleInfo) => DependencyIsolation.Unregister();

    // The folder the cmdlet assembly was loaded from: the laid-out module folder.
    private static string ModuleDirectory =>
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)
        ?? throw new InvalidOperationException("The ClaudeDbKit module was not loaded from a file, so its dependencies/ folder cannot be found.");
}
