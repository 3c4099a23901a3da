using System.Security.Cryptography;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Security;

/// <summary>
/// A migrated database per test plus login roles made members of the toolkit's roles, as an
/// administrator would (<c>CREATE ROLE alice LOGIN IN ROLE claude_app</c>). Roles belong to the whole
/// server: the ones a test makes are dropped after its database.
/// </summary>
public abstract class SecurityDatabaseTest : IAsyncLifetime
{
    public const string AppRole = "claude_app";
    public const string ReaderRole = "claude_reader";
    public const string SandboxRole = "claude_reader_sandbox";

    private readonly List<string> _roles = [];

    protected PostgresServer Server { get; private set; } = null!;

    /// <summary>The deploying role (owner of the schema).</summary>
    protected string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.GetAsync();
        ConnectionString = await Server.CreateMigratedDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DropDatabaseAsync(ConnectionString);
        foreach (var role in _roles)
            await Sql.ExecuteAsync(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ConnectionString, $"DROP ROLE IF EXISTS {Identifier(role)}");
    }

    /// <summary>A quoted SQL identifier: test role names hold quotes on purpose.</summary>
    protected static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A role name unique to this test, dropped after it.</summary>
    protected string TestRoleName(string prefix) => TestRoleNameFor($"cdbk_{prefix}_{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>Drops <paramref name="name"/> after the test (a role the deployment made from another name).</summary>
    protected string TestRoleNameFor(string name)
    {
        _roles.Add(name);
        return name;
    }

    /// <summary>A connection string of a new login role that is a member of <paramref name="groupRole"/> and nothing else.</summary>
    protected async Task<string> LoginAsync(string groupRole, string prefix = "login")
    {
        var name = TestRoleName(prefix);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        await Sql.ExecuteAsync(ConnectionString, $"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}' IN ROLE \"{groupRole}\"");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Username = name, Password = password, Pooling = false }.ConnectionString;
    }

    /// <summary>Runs <paramref name="sql"/> and returns the SQLSTATE it failed with, or null when it succeeded.</summary>
    protected static async Task<string?> SqlStateOf(string connectionString, string sql)
    {
        try
        {
            await Sql.ExecuteAsync(connectionString, sql);
            return null;
        }
        catch (PostgresException e)
        {
            return e.SqlState;
        }
    }

    /// <summary>A digest of every row of every table of schema claude (except the journal): equal before and after means nothing was written.</summary>
    protected async Task<string> ContentDigestAsync()
    {
        var digest = await Sql.ScalarAsync<string>(ConnectionString, DigestSql);
        Assert.False(string.IsNullOrEmpty(digest), "the content digest is empty");
        return digest!;
    }

    private const string DigestSql = """
        SELECT md5(string_agg(t.digest, ',' ORDER BY t.name))
          FROM (SELECT c.relname::text AS name,
                       (xpath('/table/row/d/text()', query_to_xml(format('SELECT md5(coalesce(string_agg(x::text, '','' ORDER BY x::text), '''')) AS d FROM %s x', c.oid::regclass), false, false, '')))[1]::text AS digest
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'claude' AND c.relkind IN ('r', 'p') AND c.relname <> 'schemaversions') t
        """;
}
