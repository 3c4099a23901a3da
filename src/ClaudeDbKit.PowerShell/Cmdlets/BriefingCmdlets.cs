using System.Management.Automation;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Gets what a starting session should know: due reminders, pending messages, due jobs, recent activity, in one round trip.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClaudeStartupBriefing")]
[OutputType(typeof(StartupBriefingRecord))]
[ClaudeApiFunction("get_startup_briefing")]
public sealed class GetClaudeStartupBriefingCommand : ClaudeCmdletBase
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public Guid? SessionId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ProjectName { get; set; }

    protected override void ProcessRecord()
    {
        if (TryInvoke((c, ct) => c.Briefing.GetAsync(SessionId, ProjectName, ct), (object?)SessionId ?? ProjectName, out var briefing))
            WriteRecord(new StartupBriefingRecord(briefing));
    }
}
