using ClaudeDbKit.Local;
using ClaudeDbKit.Migrations;
using Npgsql;

namespace ClaudeDbKit.Tests.Infrastructure;

/// <summary>
/// The one PostgreSQL server of a test run: the server in $CLAUDEDBKIT_TEST_CONNECTION when set,
/// otherwise a throwaway cluster started from the installed server programs and removed when the run
/// ends, also when it crashes.
/// </summary>
public sealed class PostgresServer
{
    public const string EnvironmentVariable = "CLAUDEDBKIT_TEST_CONNECTION";

    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly NpgsqlConnectionStringBuilder _admin;
    private readonly Lazy<Task<string>> _template;

    private PostgresServer(string adminConnectionString)
    {
        _admin = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false };
        _template = new Lazy<Task<string>>(CreateMigratedTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static Task<PostgresServer> GetAsync() => Instance.Value;

    /// <summary>A new empty database; its name is unique to this run.</summary>
    public Task<string> CreateDatabaseAsync() => CreateDatabaseAsync(template: null);

    /// <summary>A new database copied from a template migrated once per run with the shipped scripts: fast isolation for domain tests.</summary>
    public async Task<string> CreateMigratedDatabaseAsync() => await CreateDatabaseAsync(await _template.Value);

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> CreateDatabaseAsync(string? template)
    {
        var name = "cdbk_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_admin.ConnectionString))
        {
            await connection.OpenAsync();
            var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    private async Task<string> CreateMigratedTemplateAsync()
    {
        var connectionString = await CreateDatabaseAsync(template: null);
        await new MigrationRunner(connectionString).MigrateAsync();
        // CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template.
        NpgsqlConnection.ClearAllPools();
        return new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return new PostgresServer(configured);

        var cluster = new LocalCluster(Path.Combine(Path.GetTempPath(), "claudedbkit-tests-" + Guid.NewGuid().ToString("N")[..8]), throwaway: true);
        try
        {
            var connectionString = await cluster.EnsureRunningAsync("postgres");
            cluster.RemoveWhenProcessExits(Environment.ProcessId);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DestroyAsync().GetAwaiter().GetResult();
            return new PostgresServer(connectionString);
        }
        catch
        {
            await cluster.DestroyAsync();
            throw;
        }
    }
}
