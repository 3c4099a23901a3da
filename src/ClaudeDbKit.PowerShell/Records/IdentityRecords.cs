using ClaudeDbKit.Client;

namespace ClaudeDbKit.PowerShell;

/// <summary>An active identity (<c>claude.get_active_identities</c>).</summary>
public sealed class IdentityRecord
{
    public const string PSTypeName = "ClaudeDbKit.Identity";

    public IdentityRecord(IdentityInfo identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        IdentityId = identity.IdentityId;
        IdentityName = identity.IdentityName;
        Platform = identity.Platform;
        RoleDescription = identity.RoleDescription;
        Capabilities = identity.Capabilities;
        Status = identity.Status;
        CreatedAt = identity.CreatedAt;
        LastActiveAt = identity.LastActiveAt;
    }

    public Guid IdentityId { get; }

    public string? IdentityName { get; }

    public string? Platform { get; }

    public string? RoleDescription { get; }

    /// <summary>The capabilities JSON object as text.</summary>
    public string? Capabilities { get; }

    public string? Status { get; }

    public DateTime? CreatedAt { get; }

    public DateTime? LastActiveAt { get; }
}

/// <summary>An identity that was registered, touched or archived.</summary>
public sealed class IdentityChangeRecord
{
    public const string PSTypeName = "ClaudeDbKit.IdentityChange";

    public IdentityChangeRecord(Guid identityId, string action, string? identityName = null, string? platform = null)
    {
        IdentityId = identityId;
        Action = action;
        IdentityName = identityName;
        Platform = platform;
    }

    public Guid IdentityId { get; }

    /// <summary>Registered, Touched or Archived.</summary>
    public string Action { get; }

    public string? IdentityName { get; }

    public string? Platform { get; }
}
