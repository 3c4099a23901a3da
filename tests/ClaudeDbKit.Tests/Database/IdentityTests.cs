using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

public sealed class IdentityTests : DatabaseApiTest
{
    [Fact]
    public async Task Register_identity_creates_an_active_identity_and_logs_it_once()
    {
        var id = await Scalar<Guid>("SELECT claude.register_identity(' claude-family ', 'claude-code', 'Per-project identity', '{\"tools\": [\"bash\"]}')");

        var row = Assert.Single(await Rows($"SELECT identity_name, platform, role_description, capabilities::text, status, created_at IS NOT NULL FROM claude.identities WHERE identity_id = '{id}'"));
        Assert.Equal(["claude-family", "claude-code", "Per-project identity", """{"tools": ["bash"]}""", "active", true], row);
        Assert.Equal(1L, await ActivityCount("identity_registered", id));
        var bare = await RegisterIdentity("x", "claude-desktop");
        Assert.Equal("{}", await Scalar<string>("SELECT capabilities::text FROM claude.identities WHERE identity_id = $1", bare));
    }

    [Theory]
    [InlineData("CD005", "SELECT claude.register_identity(NULL, 'claude-code')")]
    [InlineData("CD005", "SELECT claude.register_identity('  ', 'claude-code')")]
    [InlineData("CD005", "SELECT claude.register_identity(E'\\t\\r\\n', 'claude-code')")]
    [InlineData("CD005", "SELECT claude.register_identity('a', E' \\t')")]
    [InlineData("CD005", "SELECT claude.register_identity('a', NULL)")]
    [InlineData("CD005", "SELECT claude.register_identity('a', '')")]
    [InlineData("CD001", "SELECT claude.register_identity('a', 'claude-code', NULL, '[1, 2]')")]
    [InlineData("CD001", "SELECT claude.register_identity(repeat('a', 101), 'claude-code')")]
    [InlineData("CD004", "SELECT claude.register_identity('CLAUDE-Desktop', 'claude-code')")]
    public async Task Register_identity_refuses_invalid_arguments(string sqlState, string sql)
    {
        await RegisterIdentity("claude-desktop", "claude-desktop");
        await Refused(sqlState, sql);
    }

    [Fact]
    public async Task Names_are_unique_among_active_identities_only_and_for_direct_writers_too()
    {
        var first = await RegisterIdentity("claude-desktop");
        var error = await Refused("CD004", "INSERT INTO claude.identities (identity_name, platform) VALUES ('Claude-Desktop', 'x')");
        Assert.Contains("archive_identity", error.Hint, StringComparison.Ordinal);
        // An archived identity's name can be used again; it cannot be reactivated while the name is taken.
        await Scalar<object>("SELECT claude.archive_identity($1)", first);
        var second = await RegisterIdentity("claude-desktop");
        Assert.NotEqual(first, second);
        await Refused("CD004", $"UPDATE claude.identities SET status = 'active' WHERE identity_id = '{first}'");
        Assert.True(await Scalar<bool>("SELECT indisunique FROM pg_index WHERE indexrelid = 'claude.identities_active_name_unique'::regclass"));
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_name_create_one_identity()
    {
        var results = await Concurrently(8, conn => Call(conn, "SELECT claude.register_identity('racer', 'claude-code')"));
        Assert.Single(results, r => r is null);
        Assert.All(results.Where(r => r is not null), r => Assert.Equal("CD004", r));
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.identities WHERE identity_name = 'racer'"));
    }

    [Theory]
    [InlineData("DELETE FROM claude.identities")]
    [InlineData("TRUNCATE claude.identities CASCADE")]
    public async Task Identities_are_never_deleted(string sql)
    {
        await RegisterIdentity("keeper");
        var error = await Refused("CD003", sql);
        Assert.Contains("archive_identity", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_identity_archives_once_and_logs_it_once()
    {
        var id = await RegisterIdentity("retiree");
        await Scalar<object>("SELECT claude.archive_identity($1)", id);

        Assert.Equal("archived", await Scalar<string>("SELECT status FROM claude.identities WHERE identity_id = $1", id));
        Assert.Equal(1L, await ActivityCount("identity_archived", id));
        await Refused("CD003", "SELECT claude.archive_identity($1)", id);
        Assert.Empty(await Rows("SELECT * FROM claude.get_active_identities()"));
    }

    [Fact]
    public async Task Archive_identity_refuses_while_the_identity_has_an_active_session()
    {
        var id = await RegisterIdentity("busy");
        var session = await StartSession(id, "proj");
        var error = await Refused("CD003", "SELECT claude.archive_identity($1)", id);
        Assert.Contains(session.ToString(), error.MessageText, StringComparison.Ordinal);
        Assert.Contains("end_session", error.Hint, StringComparison.Ordinal);

        await Scalar<object>("SELECT claude.end_session($1, 'done')", session);
        await Scalar<object>("SELECT claude.archive_identity($1)", id);
    }

    [Theory]
    [InlineData("CD005", "SELECT claude.archive_identity(NULL)")]
    [InlineData("CD002", "SELECT claude.archive_identity(gen_random_uuid())")]
    [InlineData("CD005", "SELECT claude.update_identity_activity(NULL)")]
    [InlineData("CD002", "SELECT claude.update_identity_activity(gen_random_uuid())")]
    public async Task Identity_functions_refuse_missing_and_unknown_ids(string sqlState, string sql)
    {
        await RegisterIdentity("someone");
        await Refused(sqlState, sql);
    }

    [Fact]
    public async Task Update_identity_activity_sets_last_active_at_and_refuses_archived_identities()
    {
        var id = await RegisterIdentity("worker");
        Assert.Null(await Scalar<DateTime?>("SELECT last_active_at FROM claude.identities WHERE identity_id = $1", id));
        await Scalar<object>("SELECT claude.update_identity_activity($1)", id);
        Assert.NotNull(await Scalar<DateTime?>("SELECT last_active_at FROM claude.identities WHERE identity_id = $1", id));

        await Scalar<object>("SELECT claude.archive_identity($1)", id);
        await Refused("CD003", "SELECT claude.update_identity_activity($1)", id);
    }

    [Fact]
    public async Task Active_identities_are_listed_most_recently_active_first()
    {
        var never = await RegisterIdentity("never-active");
        var old = await RegisterIdentity("old");
        var recent = await RegisterIdentity("recent");
        var archived = await RegisterIdentity("archived");
        await Execute($"UPDATE claude.identities SET last_active_at = now() - interval '2 days' WHERE identity_id = '{old}'");
        await Execute($"UPDATE claude.identities SET last_active_at = now() - interval '1 hour' WHERE identity_id = '{recent}'");
        await Scalar<object>("SELECT claude.archive_identity($1)", archived);

        var rows = await Rows("SELECT identity_id, identity_name, platform, status FROM claude.get_active_identities()");
        Assert.Equal([recent, old, never], rows.Select(r => (Guid)r[0]!));
        Assert.All(rows, r => Assert.Equal("active", r[3]));
    }

    [Theory]
    [InlineData("INSERT INTO claude.identities (identity_name, platform) VALUES (' ', 'claude-code')", "identities_name_required_check")]
    [InlineData("INSERT INTO claude.identities (identity_name, platform) VALUES ('n', NULL)", "identities_platform_required_check")]
    [InlineData("INSERT INTO claude.identities (identity_name, platform, capabilities) VALUES ('n', 'p', '[\"bash\"]')", "identities_capabilities_object_check")]
    [InlineData("INSERT INTO claude.identities (identity_name, platform, status) VALUES ('n', 'p', 'retired')", "identities_status_registry_check")]
    [InlineData("INSERT INTO claude.identities (identity_name, platform, status) VALUES ('n', 'p', NULL)", "identities_status_required_check")]
    public async Task Direct_writes_that_break_an_identity_rule_are_refused_by_its_constraint(string sql, string constraint)
    {
        var error = await Refused(PostgresErrorCodes.CheckViolation, sql);
        Assert.Equal(constraint, error.ConstraintName);
    }
}
