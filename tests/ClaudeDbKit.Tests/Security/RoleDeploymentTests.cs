using System.Security.Cryptography;
using ClaudeDbKit.Migrations;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Security;

/// <summary>Role names chosen at deploy time, deployers that may not create roles, and names that must be refused.</summary>
public sealed class RoleDeploymentTests : SecurityDatabaseTest
{
    private static Task<MigrationResult> MigrateAsync(string connectionString, string? appRole = null, string? readerRole = null) =>
        new MigrationRunner(connectionString, new MigrationOptions { AppRole = appRole, ReaderRole = readerRole }).MigrateAsync();

    private Task<bool> HasExecuteAsync(string role, string function) =>
        Sql.ScalarAsync<bool>(ConnectionString, $"SELECT has_function_privilege('{role.Replace("'", "''", StringComparison.Ordinal)}', '{function}', 'EXECUTE')");

    [Fact]
    public async Task Role_names_given_at_deploy_are_created_granted_and_remembered_and_the_old_roles_keep_their_rights()
    {
        var app = TestRoleName("app");
        // Quotes and a statement in a name are just characters of the name.
        var reader = TestRoleNameFor(TestRoleName("rd") + "\"; DROP TABLE claude.sessions; --");
        var sandbox = TestRoleNameFor(reader + "_sandbox");

        var result = await MigrateAsync(ConnectionString, app, reader);

        Assert.Equal(["functions/99_security.sql"], result.Scripts.Select(s => s.Name));
        Assert.Equal([app, reader], (await Sql.RowsAsync(ConnectionString, "SELECT role_name FROM claude.security_roles ORDER BY role_kind")).Select(r => (string)r[0]!));
        Assert.Equal(3L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM pg_roles WHERE rolname IN ($1, $2, $3) AND NOT rolcanlogin", app, reader, sandbox));
        Assert.True(await HasExecuteAsync(app, "claude.start_session(uuid,text,text,uuid,boolean)"));
        Assert.True(await Sql.ScalarAsync<bool>(ConnectionString, "SELECT has_table_privilege($1, 'claude.active_sessions', 'SELECT')", reader));
        Assert.Equal(sandbox, await Sql.ScalarAsync<string>(ConnectionString, "SELECT pg_get_userbyid(proowner)::text FROM pg_proc WHERE oid = 'claude.evaluate_reminder_condition(text,boolean)'::regprocedure"));
        Assert.True(await Sql.ScalarAsync<bool>(ConnectionString, "SELECT to_regclass('claude.sessions') IS NOT NULL"));
        // Nothing is revoked: the default roles keep what they were given.
        Assert.True(await HasExecuteAsync(AppRole, "claude.start_session(uuid,text,text,uuid,boolean)"));

        await Sql.ExecuteAsync(ConnectionString, "CREATE OR REPLACE VIEW claude.later_view AS SELECT 1 AS x; COMMENT ON VIEW claude.later_view IS 'test'");
        Assert.Equal(["functions/99_security.sql"], (await MigrateAsync(ConnectionString, app)).Scripts.Select(s => s.Name));
        Assert.True(await Sql.ScalarAsync<bool>(ConnectionString, "SELECT has_table_privilege($1, 'claude.later_view', 'SELECT')", reader));
        Assert.Empty((await MigrateAsync(ConnectionString)).Scripts);
    }

    [Fact]
    public async Task Deployments_to_two_databases_at_once_create_the_same_new_roles_without_failing()
    {
        for (var round = 0; round < 3; round++)
        {
            var (app, reader) = (TestRoleName("app"), TestRoleName("reader"));
            TestRoleNameFor(reader + "_sandbox");
            var databases = new[] { await Server.CreateDatabaseAsync(), await Server.CreateDatabaseAsync() };
            try
            {
                // Roles belong to the server while each deployment locks only its own database.
                await Task.WhenAll(databases.Select(d => MigrateAsync(d, app, reader)));

                foreach (var database in databases)
                    Assert.True(await Sql.ScalarAsync<bool>(database, $"SELECT has_function_privilege('{app}', 'claude.start_session(uuid,text,text,uuid,boolean)', 'EXECUTE')"));
            }
            finally
            {
                foreach (var database in databases)
                    await Server.DropDatabaseAsync(database);
            }
        }
    }

    [Theory]
    [InlineData("pg_gateway", null, "CD001")]
    [InlineData(null, "postgres", "CD001")]
    [InlineData("a_role_name_that_is_much_too_long_for_postgresql_identifiers_0123456789", null, "CD001")]
    public async Task Invalid_role_names_fail_the_deployment_with_CD001_and_change_nothing(string? app, string? reader, string sqlState)
    {
        var before = await Sql.RowsAsync(ConnectionString, "SELECT role_kind, role_name FROM claude.security_roles ORDER BY 1");
        if (reader == "postgres")
            reader = new NpgsqlConnectionStringBuilder(ConnectionString).Username; // the deploying role: owns everything

        var error = await Assert.ThrowsAsync<MigrationScriptException>(() => MigrateAsync(ConnectionString, app, reader));

        Assert.Equal(("functions/99_security.sql", sqlState), (error.ScriptName, error.SqlState));
        Assert.Equal(before, await Sql.RowsAsync(ConnectionString, "SELECT role_kind, role_name FROM claude.security_roles ORDER BY 1"));
    }

    /// <summary>A fresh empty database owned by a new login role that is no superuser; its connection string.</summary>
    private async Task<(string Database, string AsDeployer)> DatabaseOfDeployerAsync(string attributes)
    {
        var deployer = TestRoleName("deployer");
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var database = await Server.CreateDatabaseAsync();
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await Sql.ExecuteAsync(ConnectionString, $"CREATE ROLE \"{deployer}\" LOGIN {attributes} PASSWORD '{password}'");
        await Sql.ExecuteAsync(database, $"ALTER DATABASE \"{name}\" OWNER TO \"{deployer}\"");
        return (database, new NpgsqlConnectionStringBuilder(database) { Username = deployer, Password = password, Pooling = false }.ConnectionString);
    }

    [Fact]
    public async Task A_deployer_that_may_create_roles_but_is_no_superuser_gets_the_whole_setup()
    {
        var (database, asDeployer) = await DatabaseOfDeployerAsync("CREATEROLE");
        try
        {
            var (app, reader) = (TestRoleName("app"), TestRoleName("reader"));
            var sandbox = TestRoleNameFor(reader + "_sandbox");

            await MigrateAsync(asDeployer, app, reader);

            Assert.Equal(sandbox, await Sql.ScalarAsync<string>(database, "SELECT pg_get_userbyid(proowner)::text FROM pg_proc WHERE oid = 'claude.evaluate_reminder_condition(text,boolean)'::regprocedure"));
            Assert.False(await Sql.ScalarAsync<bool>(database, "SELECT has_schema_privilege($1, 'claude', 'CREATE')", sandbox));
            var login = TestRoleName("login");
            await Sql.ExecuteAsync(database, $"CREATE ROLE \"{login}\" LOGIN PASSWORD 'pw' IN ROLE \"{app}\"");
            var asApp = new NpgsqlConnectionStringBuilder(database) { Username = login, Password = "pw", Pooling = false }.ConnectionString;
            var reminder = await Sql.ScalarAsync<Guid>(asApp, "SELECT claude.create_reminder('r', now()::timestamp, p_check_type => 'sql_query', p_check_condition => $1)", $"current_user = '{sandbox}'");
            Assert.True(await Sql.ScalarAsync<bool>(new NpgsqlConnectionStringBuilder(asApp) { Options = "-c statement_timeout=5000" }.ConnectionString, "SELECT claude.check_reminder($1)", reminder));
            // A second deployment by the same role re-creates and re-secures the functions it no longer owns alone.
            await Sql.ExecuteAsync(database, "DELETE FROM claude.schemaversions WHERE scriptname = 'functions/80_reminders.sql'");
            Assert.Contains("functions/80_reminders.sql", (await MigrateAsync(asDeployer)).Scripts.Select(s => s.Name));
            Assert.True(await Sql.ScalarAsync<bool>(database, "SELECT prosecdef FROM pg_proc WHERE oid = 'claude.evaluate_reminder_condition(text,boolean)'::regprocedure"));
        }
        finally
        {
            await Server.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task A_deployer_that_may_not_create_roles_deploys_with_a_notice_and_secured_functions()
    {
        var (database, asDeployer) = await DatabaseOfDeployerAsync("NOCREATEROLE");
        try
        {
            var missingApp = TestRoleName("missingapp");
            var missingReader = TestRoleName("missingreader");

            await MigrateAsync(asDeployer, missingApp, missingReader);

            Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM pg_roles WHERE rolname IN ($1, $2)", missingApp, missingReader));
            var functions = await Sql.RowsAsync(database, GatewayCatalog.FunctionsSql);
            Assert.True((bool)Assert.Single(functions, f => (string)f[0]! == "claude.start_session(uuid,text,text,uuid,boolean)")[3]!);
            // Without a sandbox, conditions must not run with the owner's rights: check_reminder stays invoker.
            Assert.False((bool)Assert.Single(functions, f => (string)f[0]! == "claude.check_reminder(uuid)")[3]!);
            Assert.All(functions.Where(f => !(bool)f[2]!), f => Assert.False((bool)f[6]!, $"{f[0]} is executable by PUBLIC"));
            Assert.NotNull(await Sql.ScalarAsync<object>(asDeployer, "SELECT claude.register_identity('deployed-without-roles', 'claude-code')"));
        }
        finally
        {
            await Server.DropDatabaseAsync(database);
        }
    }
}
