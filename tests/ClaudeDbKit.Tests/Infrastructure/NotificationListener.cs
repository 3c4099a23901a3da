using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Infrastructure;

/// <summary>A connection that LISTENs on one channel, like the user's live listener, and collects the payloads it hears.</summary>
public sealed class NotificationListener : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly List<string> _heard = [];

    private NotificationListener(NpgsqlConnection connection) => _connection = connection;

    public static async Task<NotificationListener> ListenAsync(string connectionString, string channel)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var listener = new NotificationListener(connection);
        connection.Notification += (_, e) => { if (e.Channel == channel) listener._heard.Add(e.Payload); };
        await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
            await listen.ExecuteNonQueryAsync();
        return listener;
    }

    /// <summary>Waits up to 10 s for <paramref name="payload"/> and fails the test if it does not arrive.</summary>
    public async Task HearAsync(string payload)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_heard.Contains(payload) && DateTime.UtcNow < deadline)
            await _connection.WaitAsync(TimeSpan.FromMilliseconds(500));
        Assert.Contains(payload, _heard);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
