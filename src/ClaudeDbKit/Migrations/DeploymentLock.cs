using System.Diagnostics;
using Npgsql;

namespace ClaudeDbKit.Migrations;

/// <summary>
/// A session-level advisory lock that serialises deployments to one database. Taken with
/// <c>pg_try_advisory_lock</c> and polled, so a waiting deployer can say who it waits for and give up
/// after a timeout, instead of blocking silently inside the server.
/// </summary>
internal sealed class DeploymentLock : IAsyncDisposable
{
    // "CLDB" / 1: a fixed key in a namespace other tools are unlikely to use.
    private const int LockClass = 0x434C4442;
    private const int LockObject = 1;

    private readonly NpgsqlConnection _connection;

    private DeploymentLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<DeploymentLock> AcquireAsync(
        NpgsqlConnection connection, TimeSpan wait, Action<string> onWaiting, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(50);
        var announced = false;
        while (true)
        {
            if (await TryLockAsync(connection, cancellationToken).ConfigureAwait(false))
                return new DeploymentLock(connection);

            if (clock.Elapsed >= wait)
                throw new DeploymentLockTimeoutException(clock.Elapsed, await DescribeHolderAsync(connection, cancellationToken).ConfigureAwait(false));

            if (!announced)
            {
                onWaiting($"Waiting for another deployment to finish ({await DescribeHolderAsync(connection, cancellationToken).ConfigureAwait(false)}); giving up after {wait.TotalSeconds:0} s.");
                announced = true;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.State != System.Data.ConnectionState.Open)
            return;
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1, $2)", _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = LockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = LockObject });
        await command.ExecuteScalarAsync().ConfigureAwait(false);
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = LockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = LockObject });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<string> DescribeHolderAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT format('server process %s, %s, since %s', a.pid,
                          coalesce(nullif(a.application_name, ''), 'unnamed client'),
                          to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS'))
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::oid AND l.objid = $2::oid
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            LIMIT 1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (long)LockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)LockObject });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string ?? "holder not visible to this role";
    }
}
