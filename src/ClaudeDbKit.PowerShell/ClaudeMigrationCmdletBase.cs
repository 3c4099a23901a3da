using System.Management.Automation;
using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.PowerShell;

/// <summary>The migration cmdlets' shared <c>-ScriptsPath</c>: the scripts built into ClaudeDbKit.dll unless a folder is given.</summary>
public abstract class ClaudeMigrationCmdletBase : ClaudeCmdletBase
{
    /// <summary>A folder holding <c>migrations/</c> and <c>functions/</c> (the repository root), read instead of the built-in scripts.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ScriptsPath { get; set; }

    /// <summary>The script source <c>-ScriptsPath</c> names, resolved against the current PowerShell location.</summary>
    protected IScriptSource CreateScriptSource() =>
        ScriptsPath is null
            ? new EmbeddedScriptSource()
            : new DirectoryScriptSource(SessionState.Path.GetUnresolvedProviderPathFromPSPath(ScriptsPath));
}
