using System.Data.Common;

namespace ClaudeDbKit.Client;

/// <summary>A row of <c>claude.get_active_identities</c>.</summary>
public sealed record IdentityInfo(
    Guid IdentityId, string? IdentityName, string? Platform, string? RoleDescription, string? Capabilities,
    string? Status, DateTime? CreatedAt, DateTime? LastActiveAt)
{
    internal static IdentityInfo Read(DbDataReader r) => new(
        r.Uuid("identity_id")!.Value, r.Text("identity_name"), r.Text("platform"), r.Text("role_description"), r.Text("capabilities"),
        r.Text("status"), r.Timestamp("created_at"), r.Timestamp("last_active_at"));
}

/// <summary>Claude identities: <c>register_identity</c>, <c>update_identity_activity</c>, <c>archive_identity</c>, <c>get_active_identities</c>.</summary>
public sealed class IdentitiesApi
{
    private readonly FunctionCaller _caller;

    internal IdentitiesApi(FunctionCaller caller) => _caller = caller;

    /// <summary>Registers an identity; <paramref name="capabilitiesJson"/> is a JSON object.</summary>
    public async Task<Guid> RegisterAsync(string identityName, string platform, string? roleDescription = null, string? capabilitiesJson = null,
        CancellationToken cancellationToken = default) =>
        await _caller.ScalarAsync<Guid>(
            "SELECT claude.register_identity(p_identity_name => $1, p_platform => $2, p_role_description => $3, p_capabilities => coalesce($4, '{}'::jsonb))",
            [Parameters.Text(identityName), Parameters.Text(platform), Parameters.Text(roleDescription), Parameters.Jsonb(capabilitiesJson)],
            cancellationToken).ConfigureAwait(false);

    /// <summary>Records that the identity was active now.</summary>
    public Task TouchAsync(Guid identityId, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync("SELECT claude.update_identity_activity(p_identity_id => $1)", [Parameters.Uuid(identityId)], cancellationToken);

    /// <summary>Archives an identity that has no active session.</summary>
    public Task ArchiveAsync(Guid identityId, CancellationToken cancellationToken = default) =>
        _caller.ExecuteAsync("SELECT claude.archive_identity(p_identity_id => $1)", [Parameters.Uuid(identityId)], cancellationToken);

    /// <summary>Active identities, most recently active first.</summary>
    public Task<IReadOnlyList<IdentityInfo>> ListActiveAsync(CancellationToken cancellationToken = default) =>
        _caller.QueryAsync("SELECT identity_id, identity_name, platform, role_description, capabilities::text AS capabilities, status, created_at, last_active_at FROM claude.get_active_identities()",
            [], IdentityInfo.Read, cancellationToken);
}
