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
