using System.Diagnostics;
using ClaudeDbKit.Migrations;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Brownfield;

/// <summary>
/// The online helpers of migration 0000a against real concurrent connections: a brief DDL statement
/// never queues other clients behind it while it waits for a long transaction, and an index build an
/// interruption left invalid is built again.
/// </summary>
public sealed class OnlineHelperTests : EmptyDatabaseTest
{
    [Fact]
    public async Task A_brief_alter_waiting_for_a_long_transaction_lets_other_writers_through_and_runs_once_it_ends()
    {
        await new MigrationRunner(ConnectionString).MigrateAsync();
        await Sql.ExecuteAsync(ConnectionString, "CREATE TABLE claude.busy (id int)");

        // A long reader holds ACCESS SHARE; the ALTER needs ACCESS EXCLUSIVE.
        await using var reader = new NpgsqlConnection(ConnectionString);
        await reader.OpenAsync();
        var longRead = await reader.BeginTransactionAsync();
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM claude.busy", reader, longRead))
            await read.ExecuteScalarAsync();

        var alter = Sql.ExecuteAsync(ConnectionString,
            "SELECT claude.migration_execute_briefly('ALTER TABLE claude.busy ADD COLUMN note text')");

        // Meanwhile a writer inserts again and again: a plain ALTER would queue each insert behind it.
        await using var writer = new NpgsqlConnection(ConnectionString);
        await writer.OpenAsync();
        await using (var limit = new NpgsqlCommand("SET lock_timeout = '2s'", writer))
            await limit.ExecuteNonQueryAsync();  // a regression fails here instead of hanging
        var longest = TimeSpan.Zero;
        for (var i = 0; i < 40; i++)
        {
            var watch = Stopwatch.StartNew();
            await using (var insert = new NpgsqlCommand("INSERT INTO claude.busy (id) VALUES (1)", writer))
                await insert.ExecuteNonQueryAsync();
            longest = watch.Elapsed > longest ? watch.Elapsed : longest;
            await Task.Delay(25);
        }
        Assert.False(alter.IsCompleted, "the ALTER should still be waiting for the long transaction");
        await longRead.CommitAsync();
        await alter;

        Assert.True(longest < TimeSpan.FromMilliseconds(500), $"an insert waited {longest.TotalMilliseconds:F0} ms behind the waiting ALTER");
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString,
            "SELECT count(*) FROM pg_attribute WHERE attrelid = 'claude.busy'::regclass AND attname = 'note'"));
        Assert.Equal(40L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.busy"));
    }

    [Fact]
    public async Task An_index_an_interrupted_concurrent_build_left_invalid_is_dropped_and_built_again()
    {
        await Sql.ExecuteAsync(ConnectionString, await File.ReadAllTextAsync(Repository.TestSql("legacy_database.sql")));
        // A failed CREATE INDEX CONCURRENTLY leaves an invalid index behind under 0005's name.
        await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(ConnectionString,
            "CREATE UNIQUE INDEX CONCURRENTLY idx_sessions_identity ON claude.sessions (identity_id)"));
        Assert.False(await Sql.ScalarAsync<bool>(ConnectionString, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'claude.idx_sessions_identity'::regclass"));

        await new MigrationRunner(ConnectionString).MigrateAsync();

        Assert.Equal(["CREATE INDEX idx_sessions_identity ON claude.sessions USING btree (identity_id) true"],
            (await Sql.RowsAsync(ConnectionString,
                "SELECT pg_get_indexdef(indexrelid) || ' ' || indisvalid FROM pg_index WHERE indexrelid = 'claude.idx_sessions_identity'::regclass"))
            .Select(r => (string)r[0]!).ToArray());
    }
}
