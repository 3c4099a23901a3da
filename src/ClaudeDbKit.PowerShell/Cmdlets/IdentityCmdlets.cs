using System.Collections;
using System.Management.Automation;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Registers a Claude identity (a named Claude on a platform).</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "ClaudeIdentity", SupportsShouldProcess = true)]
[OutputType(typeof(IdentityChangeRecord))]
[ClaudeApiFunction("register_identity")]
public sealed class RegisterClaudeIdentityCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The identity's name, unique among active identities.")]
    [Alias("IdentityName")]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, HelpMessage = "The platform the identity runs on (a registered value, e.g. claude-code).")]
    public string Platform { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? RoleDescription { get; set; }

    /// <summary>Capabilities, written as a JSON object.</summary>
    [Parameter]
    public Hashtable? Capabilities { get; set; }

    protected override void ProcessRecord()
    {
        var capabilities = Capabilities is null ? null : JsonText.FromDictionary(Capabilities);
        if (ShouldProcess($"identity {Name} on {Platform}", "Register") &&
            TryInvoke((c, ct) => c.Identities.RegisterAsync(Name, Platform, RoleDescription, capabilities, ct), Name, out var identityId))
            WriteRecord(new IdentityChangeRecord(identityId, "Registered", Name, Platform));
    }
}

/// <summary>
/// <para type="synopsis">Lists the active identities, most recently active first.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClaudeIdentity")]
[OutputType(typeof(IdentityRecord))]
[ClaudeApiFunction("get_active_identities")]
public sealed class GetClaudeIdentityCommand : ClaudeCmdletBase
{
    protected override void ProcessRecord()
    {
        if (TryInvoke((c, ct) => c.Identities.ListActiveAsync(ct), null, out var identities))
        {
            foreach (var identity in identities)
                WriteRecord(new IdentityRecord(identity));
        }
    }
}

/// <summary>
/// <para type="synopsis">Records that an identity was active now.</para>
/// </summary>
[Cmdlet(VerbsData.Update, "ClaudeIdentityActivity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(IdentityChangeRecord))]
[ClaudeApiFunction("update_identity_activity")]
public sealed class UpdateClaudeIdentityActivityCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the identity that was active.")]
    public Guid IdentityId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"identity {IdentityId}", "Record activity now") &&
            TryInvoke((c, ct) => c.Identities.TouchAsync(IdentityId, ct), IdentityId) && PassThru)
            WriteRecord(new IdentityChangeRecord(IdentityId, "Touched"));
    }
}

/// <summary>
/// <para type="synopsis">Archives an identity that has no active session (identities are never deleted).</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Disable, "ClaudeIdentity", SupportsShouldProcess = true)]
[OutputType(typeof(IdentityChangeRecord))]
[ClaudeApiFunction("archive_identity")]
public sealed class DisableClaudeIdentityCommand : ClaudeCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of the identity to archive.")]
    public Guid IdentityId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ShouldProcess($"identity {IdentityId}", "Archive") &&
            TryInvoke((c, ct) => c.Identities.ArchiveAsync(IdentityId, ct), IdentityId) && PassThru)
            WriteRecord(new IdentityChangeRecord(IdentityId, "Archived"));
    }
}
