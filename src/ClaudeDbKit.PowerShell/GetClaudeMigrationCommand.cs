using System.Management.Automation;
using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Shows each script: applied, pending, changed, or journaled but unknown to this build.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClaudeMigration")]
[OutputType(typeof(MigrationStatusRecord))]
[ClaudeModulePlumbing]
public sealed class GetClaudeMigrationCommand : ClaudeMigrationCmdletBase
{
    /// <summary>Only scripts in these states.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public ScriptState[]? State { get; set; }

    protected override void ProcessRecord()
    {
        var runner = new MigrationRunner(ResolveConnectionString(), new MigrationOptions { Scripts = CreateScriptSource() });
        var status = RunCore(runner.GetStatusAsync);
        foreach (var script in status)
        {
            if (State is null || State.Contains(script.State))
                WriteTypedObject(new MigrationStatusRecord(script), MigrationStatusRecord.PSTypeName);
        }
    }
}
