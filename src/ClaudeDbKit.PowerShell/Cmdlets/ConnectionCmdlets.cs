using System.Management.Automation;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Sets the database the ClaudeDbKit cmdlets of this runspace use when -ConnectionString is not given.</para>
/// <para type="description">Only reads the connection string (no round trip); the first cmdlet connects. A -Credential is stored with it, its password as a SecureString.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "ClaudeDatabase")]
[OutputType(typeof(ConnectionRecord))]
[ClaudeModulePlumbing]
public sealed class ConnectClaudeDatabaseCommand : ClaudeCmdletCore
{
    [Parameter(Mandatory = true, Position = 0, HelpMessage = "An Npgsql connection string ('Host=...;Database=...;Username=...') or a postgres:// URL.")]
    [ValidateNotNullOrEmpty]
    public string ConnectionString { get; set; } = "";

    /// <summary>User name and password for the database, replacing those of the connection string.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>Write the stored connection (never its password).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var hasCredential = Credential is not null && Credential != PSCredential.Empty;
        var password = hasCredential ? Credential!.Password?.Copy() : null;
        password?.MakeReadOnly();
        ResolvedConnection resolved;
        try
        {
            resolved = ConnectionResolution.Apply(ConnectionString, ConnectionResolution.DefaultSource, hasCredential ? Credential!.UserName : null, password);
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(ErrorRecords.Create(ClaudeCmdletBase.ConnectionInvalidErrorId, ErrorCategory.InvalidArgument, e.Message, target: null, e));
            return;
        }

        RunspaceConnections.Set(new ConnectionDefault(ConnectionString, hasCredential ? Credential!.UserName : null, password));
        WriteVerbose($"ClaudeDbKit cmdlets in this runspace now default to {resolved.Redacted}");
        if (PassThru)
            WriteRecord(new ConnectionRecord(resolved.Host, resolved.Port, resolved.Database, resolved.Username, hasCredential));
    }
}

/// <summary>
/// <para type="synopsis">Forgets the runspace's default database set by Connect-ClaudeDatabase.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "ClaudeDatabase")]
[OutputType(typeof(ConnectionRecord))]
[ClaudeModulePlumbing]
public sealed class DisconnectClaudeDatabaseCommand : ClaudeCmdletCore
{
    /// <summary>Write the connection that was forgotten (nothing when there was none).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var removed = RunspaceConnections.Remove();
        if (removed is null)
        {
            WriteVerbose("No default connection was set in this runspace.");
            return;
        }
        if (!PassThru)
            return;
        try
        {
            var resolved = ConnectionResolution.Apply(removed.ConnectionString, ConnectionResolution.DefaultSource, removed.UserName, removed.Password);
            WriteRecord(new ConnectionRecord(resolved.Host, resolved.Port, resolved.Database, resolved.Username, removed.UserName is not null));
        }
        catch (ArgumentException)
        {
            // Connect-ClaudeDatabase stored only readable connection strings.
        }
    }
}
