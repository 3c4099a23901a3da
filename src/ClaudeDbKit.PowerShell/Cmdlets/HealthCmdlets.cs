using System.Management.Automation;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Checks the database for schema drift and for seed 000's data quality issues (the health report of claudedb doctor).</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ClaudeSchema")]
[OutputType(typeof(HealthReportRecord))]
[ClaudeApiFunction("check_health")]
public sealed class TestClaudeSchemaCommand : ClaudeCmdletBase
{
    /// <summary>Sessions active longer than this many hours count as stale (default 24).</summary>
    [Parameter(Position = 0)]
    [ValidateRange(1, int.MaxValue)]
    public int? StaleHours { get; set; }

    protected override void ProcessRecord()
    {
        if (TryInvoke((c, ct) => c.Health.CheckAsync(StaleHours, ct), StaleHours, out var report))
            WriteRecord(new HealthReportRecord(report));
    }
}
