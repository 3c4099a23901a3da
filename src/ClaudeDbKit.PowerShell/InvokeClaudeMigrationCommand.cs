using System.Management.Automation;
using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Deploys the claude schema: pending migrations, then changed function scripts.</para>
/// <para type="description">With -WhatIf, lists the scripts that would run and changes nothing.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ClaudeMigration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MigrationOutcomeRecord))]
[ClaudeModulePlumbing]
public sealed class InvokeClaudeMigrationCommand : ClaudeMigrationCmdletBase
{
    private const string Activity = "Deploying the claude schema";

    /// <summary>Journal edited migrations' new checksums instead of failing; they are not run again.</summary>
    [Parameter]
    public SwitchParameter AcceptChangedMigration { get; set; }

    /// <summary>Seconds to wait for another deployment to release the deployment lock.</summary>
    [Parameter]
    [ValidateRange(0, 86400)]
    public int LockWaitSeconds { get; set; } = 300;

    /// <summary>Seconds a statement may wait for a table lock before its script fails and rolls back (0: no limit).</summary>
    [Parameter]
    [ValidateRange(0, 86400)]
    public int LockTimeoutSeconds { get; set; } = 30;

    /// <summary>Name of the gateway role (EXECUTE on the API functions, SELECT on the views); default claude_app or the name given before.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AppRole { get; set; }

    /// <summary>Name of the read-only role (SELECT on the views); default claude_reader or the name given before.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ReaderRole { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnectionString();
        var scripts = CreateScriptSource();
        var deploy = ShouldProcess(
            $"Deploying {scripts.Description} to {ConnectionDescription}.",
            $"Deploy {scripts.Description} to {ConnectionDescription}?",
            "Invoke-ClaudeMigration",
            out var reason);
        if (!deploy && reason != ShouldProcessReason.WhatIf)
            return;

        var runner = new MigrationRunner(connection, new MigrationOptions
        {
            Scripts = scripts,
            DryRun = !deploy,
            AcceptChangedMigrations = AcceptChangedMigration.IsPresent,
            LockWait = TimeSpan.FromSeconds(LockWaitSeconds),
            LockTimeout = TimeSpan.FromSeconds(LockTimeoutSeconds),
            AppRole = AppRole,
            ReaderRole = ReaderRole,
        });
        var result = RunCore<MigrationResult, MigrationProgress>(runner.MigrateAsync, ReportProgress);
        WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });

        foreach (var outcome in result.Scripts)
        {
            if (result.DryRun)
                // -WhatIf: one "What if:" line per script that would run; ShouldProcess returns false and changes nothing.
                ShouldProcess(outcome.Name, outcome.Action == ScriptAction.WouldAccept ? "Accept the edited migration without running it" : $"Apply {outcome.Kind.ToString().ToLowerInvariant()} script");
            else
                WriteTypedObject(new MigrationOutcomeRecord(outcome), MigrationOutcomeRecord.PSTypeName);
        }
    }

    private void ReportProgress(MigrationProgress progress)
    {
        WriteVerbose(progress.Message);
        WriteProgress(new ProgressRecord(1, Activity, progress.Message)
        {
            CurrentOperation = progress.ScriptName ?? "",
            PercentComplete = progress.Total > 0 ? progress.Completed * 100 / progress.Total : -1,
        });
    }
}
