using Xunit;

namespace ClaudeDbKit.Tests.Infrastructure;

/// <summary>Base for tests that each get a fresh, empty database, dropped afterwards.</summary>
public abstract class EmptyDatabaseTest : IAsyncLifetime
{
    protected PostgresServer Server { get; private set; } = null!;

    protected string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.GetAsync();
        ConnectionString = await Server.CreateDatabaseAsync();
    }

    public Task DisposeAsync() => Server.DropDatabaseAsync(ConnectionString);
}

/// <summary>Base for tests that each get their own database with the shipped schema deployed (a copy of a template migrated once per run).</summary>
public abstract class MigratedDatabaseTest : IAsyncLifetime
{
    protected PostgresServer Server { get; private set; } = null!;

    protected string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.GetAsync();
        ConnectionString = await Server.CreateMigratedDatabaseAsync();
    }

    public Task DisposeAsync() => Server.DropDatabaseAsync(ConnectionString);
}
