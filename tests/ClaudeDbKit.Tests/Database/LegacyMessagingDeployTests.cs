using ClaudeDbKit.Migrations;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

/// <summary>Issue 4's rules deployed on the user's dirty legacy database (tests/Sql/legacy_database.sql) with its two message triggers.</summary>
public sealed class LegacyMessagingDeployTests : EmptyDatabaseTest
{
    private static readonly Guid Session28 = Guid.Parse("30000000-0000-4000-8000-000000000028");
    private static readonly Guid Session29 = Guid.Parse("30000000-0000-4000-8000-000000000029");

    // The legacy columns of the issue 4 tables (job_run_history gains session_id and created_at in 0002).
    private const string LegacyRowsSql =
        """
        SELECT md5(string_agg(j, E'\n' ORDER BY j)) FROM (
            SELECT 'm' || to_jsonb(t)::text AS j FROM claude.messages t
            UNION ALL SELECT 'j' || to_jsonb(t)::text FROM claude.scheduled_jobs t
            UNION ALL SELECT 'h' || (to_jsonb(t) - 'session_id' - 'created_at')::text FROM claude.job_run_history t
            UNION ALL SELECT 'r' || to_jsonb(t)::text FROM claude.reminders t
            UNION ALL SELECT 'k' || to_jsonb(t)::text FROM claude.knowledge t
        ) x
        """;

    private async Task DeployLegacyAsync()
    {
        await Sql.ExecuteAsync(ConnectionString, await File.ReadAllTextAsync(Repository.TestSql("legacy_database.sql")));
        await new MigrationRunner(ConnectionString).MigrateAsync();
    }

    private Task<T?> Scalar<T>(string sql, params object[] parameters) => Sql.ScalarAsync<T>(ConnectionString, sql, parameters);

    private Task<List<object?[]>> Rows(string sql) => Sql.RowsAsync(ConnectionString, sql);

    [Fact]
    public async Task The_legacy_database_deploys_keeps_every_row_and_leaves_the_rules_old_rows_break_NOT_VALID()
    {
        await Sql.ExecuteAsync(ConnectionString, await File.ReadAllTextAsync(Repository.TestSql("legacy_database.sql")));
        var before = await Scalar<string>(LegacyRowsSql);
        await RepairAudit.SnapshotAsync(ConnectionString);

        await new MigrationRunner(ConnectionString).MigrateAsync();

        // Only the legacy statuses with a documented alias changed (actioned, deferred, running), each logged.
        Assert.NotEqual(before, await Scalar<string>(LegacyRowsSql));
        Assert.Empty(await RepairAudit.ViolationsAsync(ConnectionString));
        Assert.Equal(4L, await Scalar<long>(
            "SELECT count(*) FROM claude.repair_log WHERE table_name IN ('messages', 'scheduled_jobs', 'job_run_history', 'reminders', 'knowledge')"));
        Assert.Empty((await new MigrationRunner(ConnectionString).MigrateAsync()).Scripts);
        var notValid = (await Rows(
                """
                SELECT conname::text FROM pg_constraint
                 WHERE NOT convalidated
                   AND conrelid IN ('claude.messages'::regclass, 'claude.scheduled_jobs'::regclass, 'claude.job_run_history'::regclass,
                                    'claude.reminders'::regclass, 'claude.knowledge'::regclass)
                 ORDER BY 1
                """)).Select(r => (string)r[0]!).ToList();
        Assert.Equal(
            [
                // 'running', actioned and deferred were mapped through claude.status_aliases (migration 0010).
                "knowledge_confidence_range_check",             // 85 and 60 on the 1..100 scale
                "messages_priority_required_check",             // message 6 has no priority
                "messages_sender_required_check",               // message 8 has no sender
                "scheduled_jobs_priority_required_check",       // job 4 has no priority
            ], notValid);
        // Rules the data allows are in force: unique names, one open run, foreign keys.
        Assert.Equal(2L, await Scalar<long>("SELECT count(*) FROM pg_class WHERE oid IN (to_regclass('claude.scheduled_jobs_name_unique'), to_regclass('claude.job_run_history_one_running'))"));
        Assert.Equal(8L, await Scalar<long>(
            """
            SELECT count(*) FROM pg_constraint
             WHERE contype = 'f' AND convalidated
               AND conrelid IN ('claude.messages'::regclass, 'claude.scheduled_jobs'::regclass, 'claude.job_run_history'::regclass, 'claude.knowledge'::regclass)
            """));
        // The user's triggers are untouched.
        Assert.Equal(["trg_message_activity O", "trg_notify_new_message O"], (await Rows(
            "SELECT tgname || ' ' || tgenabled::text FROM pg_trigger WHERE tgrelid = 'claude.messages'::regclass AND tgname LIKE 'trg%' ORDER BY 1")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task The_listener_still_hears_every_message_and_each_message_is_logged_once()
    {
        await DeployLegacyAsync();
        await using var listener = await NotificationListener.ListenAsync(ConnectionString, "claude_messages");
        Task Hear(Guid message) => listener.HearAsync(message.ToString());

        // Through the API.
        var sent = await Scalar<Guid>("SELECT claude.send_message($1, $2, 'Stale sessions', 'Close them please.')", Session28, Session29);
        await Hear(sent);
        Assert.Equal(["message_sent Message: Stale sessions"], (await Rows($"SELECT activity_type || ' ' || title FROM claude.activity_feed WHERE source_id = '{sent}'")).Select(r => (string)r[0]!));

        // Through an old hook that writes the table directly and leaves priority out.
        var direct = await Scalar<Guid>(
            $"INSERT INTO claude.messages (from_session_id, to_project, message_type, subject, body) VALUES ('{Session28}', 'claude-family', 'broadcast', 'Hook says hi', 'b') RETURNING message_id");
        await Hear(direct);
        Assert.Equal(1L, await Scalar<long>("SELECT count(*) FROM claude.activity_feed WHERE source_id = $1", direct));
        Assert.Equal(["normal", "pending"], Assert.Single(await Rows($"SELECT priority, status FROM claude.messages WHERE message_id = '{direct}'")));

        // Acknowledging is ours to log (the user's trigger only covers INSERT).
        await Scalar<object>("SELECT claude.acknowledge_message($1)", sent);
        Assert.Equal(["message_acknowledged", "message_sent"], (await Rows($"SELECT activity_type FROM claude.activity_feed WHERE source_id = '{sent}' ORDER BY 1")).Select(r => (string)r[0]!));

        // Once the user's activity trigger is gone, ours logs the message (decided per row at run time).
        await Sql.ExecuteAsync(ConnectionString, "DROP TRIGGER trg_message_activity ON claude.messages");
        var later = await Scalar<Guid>("SELECT claude.broadcast_to_project($1, 'CLAUDE-FAMILY', 'After the drop', 'b')", Session29);
        await Hear(later);
        Assert.Equal(["Message sent: After the drop"], (await Rows($"SELECT title FROM claude.activity_feed WHERE source_id = '{later}'")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task Legacy_jobs_reminders_messages_and_knowledge_work_with_the_new_functions()
    {
        await DeployLegacyAsync();

        // Job 2 has been 'running' (lower case) since 2025: past its timeout, so due and claimable; the stale claim becomes TIMEOUT.
        Assert.Equal("stale-session-cleanup", (await Rows("SELECT job_name FROM claude.get_due_jobs('Claude-Family')"))[0][0]);
        var run = await Scalar<Guid>("SELECT claude.execute_job('70000000-0000-4000-8000-000000000002', $1)", Session28);
        Assert.Equal(["TIMEOUT", true], Assert.Single(await Rows("SELECT status, completed_at IS NOT NULL FROM claude.job_run_history WHERE run_id = '71000000-0000-4000-8000-000000000003'")));
        Assert.Equal(["RUNNING", Session28], Assert.Single(await Rows($"SELECT status, session_id FROM claude.job_run_history WHERE run_id = '{run}'")));
        await Scalar<object>("SELECT claude.update_job_result('70000000-0000-4000-8000-000000000002', 'SUCCESS', 'closed 2 sessions')");
        Assert.Equal(["SUCCESS", 14, 12], Assert.Single(await Rows("SELECT last_status, run_count, success_count FROM claude.scheduled_jobs WHERE job_id = '70000000-0000-4000-8000-000000000002'")));
        // Job 3's legacy RUNNING claim still takes its late result.
        await Scalar<object>("SELECT claude.update_job_result('70000000-0000-4000-8000-000000000003', 'FAILED', NULL, 'vault missing')");
        Assert.Equal("FAILED", await Scalar<string>("SELECT status FROM claude.job_run_history WHERE run_id = '71000000-0000-4000-8000-000000000004'"));

        // Reminder 1 is a full SELECT statement: it still evaluates (the claude_pm view exists, so not done).
        // Conditions run with the reader role's rights, and information_schema shows only what it may see.
        await Sql.ExecuteAsync(ConnectionString, "GRANT USAGE ON SCHEMA claude_pm TO claude_reader; GRANT SELECT ON ALL TABLES IN SCHEMA claude_pm TO claude_reader");
        Assert.Contains("Drop deprecated claude_pm schema", (await Rows("SELECT title FROM claude.get_due_reminders('claude-family')")).Select(r => (string)r[0]!));
        var timed = new NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c statement_timeout=5000" }.ConnectionString;
        Assert.False(await Sql.ScalarAsync<bool?>(timed, "SELECT claude.check_reminder('80000000-0000-4000-8000-000000000001')"));

        // Knowledge on the old 1..100 scale reads as 1..10 and is recalculated within 1..10 when applied.
        var knowledge = await Rows("SELECT title, confidence_level FROM claude.search_knowledge('ato-tax-agent', NULL, NULL, 6)");
        Assert.Equal(["Upsert keyed on the natural id", 9], knowledge[0]);
        Assert.Contains(knowledge, r => Equals(r[0], "Hydration mismatch on dates") && Equals(r[1], 6));
        await Scalar<object>("SELECT claude.apply_knowledge('a0000000-0000-4000-8000-000000000002')");
        Assert.Equal(9, await Scalar<int>("SELECT confidence_level FROM claude.knowledge WHERE knowledge_id = 'a0000000-0000-4000-8000-000000000002'"));

        // Legacy message statuses can be repaired forward; registered ones still only move forward.
        await Sql.ExecuteAsync(ConnectionString, "UPDATE claude.messages SET status = 'acknowledged' WHERE status = 'actioned'");
        await Sql.ExecuteAsync(ConnectionString, "UPDATE claude.messages SET status = 'pending' WHERE status = 'deferred'");
        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(ConnectionString,
            "UPDATE claude.messages SET status = 'pending' WHERE message_id = '60000000-0000-4000-8000-000000000003'"));
        Assert.Equal("CD003", error.SqlState);
        // Broadcasts to any case variant of the project; message 1 (urgent) until it expires at the end of 2026.
        var pending = (await Rows("SELECT subject FROM claude.get_pending_messages(NULL, 'ato-tax-agent')")).Select(r => (string)r[0]!).ToList();
        var expected = await Scalar<bool>("SELECT expires_at > now() FROM claude.messages WHERE message_id = '60000000-0000-4000-8000-000000000001'")
            ? new List<string> { "Migrate the tax tables", "Stale sessions" }
            : ["Stale sessions"];
        Assert.Equal(expected, pending);
    }
}
