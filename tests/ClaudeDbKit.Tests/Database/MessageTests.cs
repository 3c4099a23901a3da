using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

/// <summary>Base for the tests of issue 4 (messages, jobs, reminders, knowledge, briefing): refusals must also leave those tables unchanged.</summary>
public abstract class CoordinationApiTest : DatabaseApiTest
{
    private const string CoordinationStateSql =
        """
        SELECT md5(string_agg(j, E'\n' ORDER BY j)) FROM (
            SELECT 'm' || to_jsonb(t)::text AS j FROM claude.messages t
            UNION ALL SELECT 'j' || to_jsonb(t)::text FROM claude.scheduled_jobs t
            UNION ALL SELECT 'h' || to_jsonb(t)::text FROM claude.job_run_history t
            UNION ALL SELECT 'r' || to_jsonb(t)::text FROM claude.reminders t
            UNION ALL SELECT 'k' || to_jsonb(t)::text FROM claude.knowledge t
        ) x
        """;

    protected Task<string?> CoordinationStateAsync() => Sql.ScalarAsync<string>(ConnectionString, CoordinationStateSql);

    /// <summary>Runs <paramref name="sql"/> on <paramref name="connectionString"/> (default: the test database), expects <paramref name="sqlState"/>, and checks that no table of issues 3 and 4 changed.</summary>
    protected async Task<PostgresException> RefusedAll(string sqlState, string sql, object[]? parameters = null, string? connectionString = null)
    {
        var before = (await StateAsync(), await CoordinationStateAsync());
        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<object>(connectionString ?? ConnectionString, sql, parameters ?? []));
        Assert.True(sqlState == error.SqlState, $"expected {sqlState}, got {error.SqlState}: {error.MessageText} ({sql})");
        Assert.Equal(before, (await StateAsync(), await CoordinationStateAsync()));
        return error;
    }

    /// <summary>Each (SQLSTATE, SQL) case is refused with that code and changes nothing; one database for all cases.</summary>
    protected async Task AllRefused(IEnumerable<(string SqlState, string Sql)> cases, params object[] parameters)
    {
        foreach (var (sqlState, sql) in cases)
            await RefusedAll(sqlState, sql, parameters);
    }

    /// <summary>A direct write (no API function) that a constraint or trigger must refuse with <paramref name="sqlState"/>; names the constraint when one is expected.</summary>
    protected async Task WriteRefused(string sqlState, string sql, string? constraint = null)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => Execute(sql));
        Assert.True(sqlState == error.SqlState, $"expected {sqlState}, got {error.SqlState}: {error.MessageText} ({sql})");
        if (constraint is not null)
            Assert.True(constraint == error.ConstraintName, $"expected constraint {constraint}, got {error.ConstraintName}: {error.MessageText} ({sql})");
    }

    /// <summary>A registered identity with an active session on <paramref name="project"/>.</summary>
    protected async Task<Guid> NewSession(string identityName, string project) =>
        await StartSession(await RegisterIdentity(identityName), project);

    protected Task<Guid> NewProject(string name) =>
        Scalar<Guid>("INSERT INTO claude.projects (project_name, status) VALUES ($1, 'active') RETURNING project_id", name);
}

public sealed class MessageTests : CoordinationApiTest
{
    [Fact]
    public async Task Send_message_stores_a_pending_direct_message_with_the_defaults_and_logs_it_once()
    {
        var from = await NewSession("claude-a", "alpha");
        var to = await NewSession("claude-b", "beta");

        var id = await Scalar<Guid>("SELECT claude.send_message($1, $2, ' Deploy done ', 'All green.')", from, to);

        var row = Assert.Single(await Rows($"""
            SELECT from_session_id, to_session_id, to_project, message_type, priority, subject, body, status, from_project,
                   expires_at - created_at, read_at, acknowledged_at
              FROM claude.messages WHERE message_id = '{id}'
            """));
        Assert.Equal([from, to, null, "notification", "normal", "Deploy done", "All green.", "pending", "alpha", TimeSpan.FromDays(7), null, null], row);
        var activity = Assert.Single(await Rows($"SELECT actor, project_name, severity, title FROM claude.activity_feed WHERE activity_type = 'message_sent' AND source_id = '{id}'"));
        Assert.Equal(["claude-a", "beta", "info", "Message sent: Deploy done"], activity);
        var urgent = await Scalar<Guid>("SELECT claude.send_message($1, $2, 's', 'b', 'question', 'urgent', 30)", from, to);
        Assert.Equal(TimeSpan.FromDays(30), await Scalar<TimeSpan>("SELECT expires_at - created_at FROM claude.messages WHERE message_id = $1", urgent));
    }

    [Fact]
    public async Task Broadcast_resolves_a_case_variant_and_stores_the_canonical_project_name()
    {
        var from = await NewSession("claude-a", "alpha");
        await NewProject("ATO-Tax-Agent");

        var id = await Scalar<Guid>("SELECT claude.broadcast_to_project($1, 'ato-TAX-agent', 'Heads up', 'Schema change tonight.')", from);

        var row = Assert.Single(await Rows($"SELECT to_session_id, to_project, message_type, priority, status, expires_at - created_at FROM claude.messages WHERE message_id = '{id}'"));
        Assert.Equal([null, "ATO-Tax-Agent", "broadcast", "normal", "pending", TimeSpan.FromDays(7)], row);
        Assert.Equal("ATO-Tax-Agent", await Scalar<string>("SELECT project_name FROM claude.activity_feed WHERE activity_type = 'message_sent' AND source_id = $1", id));
    }

    [Fact]
    public async Task Pending_messages_are_direct_ones_and_project_broadcasts_not_expired_urgent_first_then_oldest()
    {
        var me = await NewSession("claude-me", "ATO-Tax-Agent");
        var other = await NewSession("claude-other", "beta");
        await Execute($"""
            INSERT INTO claude.messages (from_session_id, to_session_id, to_project, message_type, priority, subject, body, created_at, expires_at) VALUES
                ('{other}', '{me}', NULL, 'notification', 'normal', 'direct old', 'b', now() - interval '3 hours', NULL),
                ('{other}', NULL, 'ato-tax-agent', 'broadcast', 'normal', 'broadcast mid', 'b', now() - interval '2 hours', now() + interval '1 day'),
                ('{other}', '{me}', NULL, 'question', 'urgent', 'urgent new', 'b', now() - interval '1 hour', NULL),
                ('{other}', '{me}', NULL, 'notification', 'low', 'low newest', 'b', now() - interval '1 minute', NULL),
                ('{other}', '{me}', NULL, 'notification', 'urgent', 'expired', 'b', now() - interval '5 hours', now() - interval '1 minute'),
                ('{other}', NULL, 'beta', 'broadcast', 'urgent', 'other project', 'b', now() - interval '6 hours', NULL),
                ('{me}', '{other}', NULL, 'notification', 'urgent', 'to someone else', 'b', now() - interval '6 hours', NULL),
                ('{other}', NULL, 'gamma', 'broadcast', 'normal', 'named project', 'b', now() - interval '4 hours', NULL)
            """);
        await Execute("UPDATE claude.messages SET status = 'read' WHERE subject = 'low newest'");
        await Execute($"INSERT INTO claude.messages (from_session_id, to_session_id, message_type, subject, body) VALUES ('{other}', '{me}', 'notification', 'read later', 'b')");

        var mine = (await Rows($"SELECT subject FROM claude.get_pending_messages('{me}')")).Select(r => (string)r[0]!);
        Assert.Equal(["urgent new", "direct old", "broadcast mid", "read later"], mine);
        var withProject = (await Rows($"SELECT subject FROM claude.get_pending_messages('{me}', 'GAMMA')")).Select(r => (string)r[0]!);
        Assert.Equal(["urgent new", "named project", "direct old", "broadcast mid", "read later"], withProject);
        var projectOnly = (await Rows("SELECT subject, status FROM claude.get_pending_messages(p_project_name => ' Ato-Tax-Agent ')")).Select(r => (string)r[0]!);
        Assert.Equal(["broadcast mid"], projectOnly);
    }

    [Fact]
    public async Task Status_moves_forward_only_and_acknowledging_is_logged_once()
    {
        var from = await NewSession("claude-a", "alpha");
        var to = await NewSession("claude-b", "beta");
        var first = await Scalar<Guid>("SELECT claude.send_message($1, $2, 'one', 'b')", from, to);
        var second = await Scalar<Guid>("SELECT claude.send_message($1, $2, 'two', 'b')", from, to);

        await Scalar<object>("SELECT claude.mark_message_read($1)", first);
        Assert.Equal(["read", true, null], Assert.Single(await Rows($"SELECT status, read_at IS NOT NULL, acknowledged_at FROM claude.messages WHERE message_id = '{first}'")));
        var again = await RefusedAll("CD003", "SELECT claude.mark_message_read($1)", [first]);
        Assert.Contains("acknowledge_message", again.Hint, StringComparison.Ordinal);

        await Scalar<object>("SELECT claude.acknowledge_message($1)", first);
        await Scalar<object>("SELECT claude.acknowledge_message($1)", second);   // straight from pending
        Assert.Equal(2L, await Count("SELECT count(*) FROM claude.messages WHERE status = 'acknowledged' AND read_at IS NOT NULL AND acknowledged_at >= read_at"));
        Assert.Equal(1L, await ActivityCount("message_acknowledged", first));
        Assert.Equal("beta", await Scalar<string>("SELECT project_name FROM claude.activity_feed WHERE activity_type = 'message_acknowledged' AND source_id = $1", first));
        Assert.Equal("claude-b", await Scalar<string>("SELECT actor FROM claude.activity_feed WHERE activity_type = 'message_acknowledged' AND source_id = $1", first));

        await RefusedAll("CD003", "SELECT claude.acknowledge_message($1)", [first]);
        await RefusedAll("CD003", "SELECT claude.mark_message_read($1)", [second]);
        // Direct writers are held to the same rule by the trigger.
        await WriteRefused("CD003", $"UPDATE claude.messages SET status = 'read' WHERE message_id = '{first}'");
        await WriteRefused("CD003", $"UPDATE claude.messages SET status = 'pending' WHERE message_id = '{second}'");
        await Execute($"UPDATE claude.messages SET body = 'edited' WHERE message_id = '{first}'");
        Assert.Equal(1L, await ActivityCount("message_acknowledged", first));
    }

    [Fact]
    public async Task Expired_messages_are_ignored_refused_and_marked_expired()
    {
        var from = await NewSession("claude-a", "alpha");
        var to = await NewSession("claude-b", "beta");
        var stale = await Scalar<Guid>("SELECT claude.send_message($1, $2, 'stale', 'b')", from, to);
        var read = await Scalar<Guid>("SELECT claude.send_message($1, $2, 'read stale', 'b')", from, to);
        var fresh = await Scalar<Guid>("SELECT claude.send_message($1, $2, 'fresh', 'b')", from, to);
        await Scalar<object>("SELECT claude.mark_message_read($1)", read);
        await Execute($"UPDATE claude.messages SET expires_at = now() - interval '1 second' WHERE message_id IN ('{stale}', '{read}')");

        Assert.Equal([fresh], (await Rows($"SELECT message_id FROM claude.get_pending_messages('{to}')")).Select(r => (Guid)r[0]!));
        var error = await RefusedAll("CD003", "SELECT claude.mark_message_read($1)", [stale]);
        Assert.Contains("expired", error.MessageText, StringComparison.Ordinal);
        await RefusedAll("CD003", "SELECT claude.acknowledge_message($1)", [read]);
        await WriteRefused("CD003", $"UPDATE claude.messages SET status = 'acknowledged' WHERE message_id = '{stale}'");

        Assert.Equal(2, await Scalar<int>("SELECT claude.expire_messages()"));
        Assert.Equal(["expired", "expired", "pending"], (await Rows("SELECT status FROM claude.messages ORDER BY status, subject")).Select(r => (string)r[0]!));
        Assert.Equal(0, await Scalar<int>("SELECT claude.expire_messages()"));
        await WriteRefused("CD003", $"UPDATE claude.messages SET status = 'pending', expires_at = NULL WHERE message_id = '{stale}'");
    }

    [Fact]
    public async Task Direct_writers_are_held_to_the_message_rules()
    {
        var from = await NewSession("claude-a", "alpha");
        var to = await NewSession("claude-b", "beta");
        const string Columns = "INSERT INTO claude.messages (from_session_id, to_session_id, to_project, message_type, priority, subject, body)";

        // Priority defaults to normal, status to pending, also when a writer passes NULL.
        await Execute($"{Columns} VALUES ('{from}', '{to}', NULL, 'notification', NULL, 'no priority', 'b')");
        Assert.Equal(["normal", "pending"], Assert.Single(await Rows("SELECT priority, status FROM claude.messages WHERE subject = 'no priority'")));

        await WriteRefused("23514", $"{Columns} VALUES ('{from}', '{to}', 'beta', 'notification', 'normal', 's', 'b')", "messages_one_recipient_check");
        await WriteRefused("23514", $"{Columns} VALUES ('{from}', NULL, NULL, 'notification', 'normal', 's', 'b')", "messages_one_recipient_check");
        await WriteRefused("23514", $"{Columns} VALUES ('{from}', NULL, '  ', 'notification', 'normal', 's', 'b')", "messages_one_recipient_check");
        await WriteRefused("23514", $"{Columns} VALUES (NULL, '{to}', NULL, 'notification', 'normal', 's', 'b')", "messages_sender_required_check");
        await WriteRefused("23514", $"{Columns} VALUES ('{from}', '{to}', NULL, NULL, 'normal', 's', 'b')", "messages_type_required_check");
        await WriteRefused("23514", $"{Columns} VALUES ('{from}', '{to}', NULL, 'notification', 'normal', ' ', 'b')", "messages_subject_required_check");
        await WriteRefused("23514", $"{Columns} VALUES ('{from}', '{to}', NULL, 'notification', 'normal', 's', NULL)", "messages_body_required_check");
        await WriteRefused("23514", $"{Columns} VALUES ('{from}', '{to}', NULL, 'memo', 'normal', 's', 'b')", "messages_message_type_registry_check");
        await WriteRefused("23514", $"{Columns} VALUES ('{from}', '{to}', NULL, 'notification', 'high', 's', 'b')", "messages_priority_registry_check");
        await WriteRefused("23503", $"{Columns} VALUES ('{from}', gen_random_uuid(), NULL, 'notification', 'normal', 's', 'b')", "messages_to_session_id_fkey");
        await WriteRefused("23503", $"{Columns} VALUES (gen_random_uuid(), '{to}', NULL, 'notification', 'normal', 's', 'b')", "messages_from_session_id_fkey");
        await WriteRefused("23514", "UPDATE claude.messages SET priority = NULL", "messages_priority_required_check");
        await WriteRefused("23514", $"INSERT INTO claude.messages (from_session_id, to_session_id, message_type, subject, body, status) VALUES ('{from}', '{to}', 'notification', 's', 'b', 'actioned')", "messages_status_registry_check");
        // A status cannot be taken away or moved outside the registered ones by an update either.
        await WriteRefused("CD003", "UPDATE claude.messages SET status = NULL");
        await WriteRefused("CD003", "UPDATE claude.messages SET status = 'actioned'");
        await Execute("ALTER TABLE claude.messages DISABLE TRIGGER messages_before_write");
        await WriteRefused("23514", "UPDATE claude.messages SET status = NULL", "messages_status_required_check");
    }

    [Fact]
    public async Task Every_message_function_refuses_invalid_arguments_and_changes_nothing()
    {
        var from = await NewSession("claude-a", "alpha");
        var to = await NewSession("claude-b", "beta");
        var message = await Scalar<Guid>("SELECT claude.send_message($1, $2, 's', 'b')", from, to);
        await AllRefused(
        [
            ("CD005", "SELECT claude.send_message(NULL, $2, 's', 'b')"),
            ("CD005", "SELECT claude.send_message($1, NULL, 's', 'b')"),
            ("CD005", "SELECT claude.send_message($1, $2, '  ', 'b')"),
            ("CD005", "SELECT claude.send_message($1, $2, 's', NULL)"),
            ("CD005", "SELECT claude.send_message($1, $2, 's', 'b', NULL)"),
            ("CD005", "SELECT claude.send_message($1, $2, 's', 'b', p_expires_in_days => NULL)"),
            ("CD001", "SELECT claude.send_message($1, $2, 's', 'b', 'memo')"),
            ("CD001", "SELECT claude.send_message($1, $2, 's', 'b', p_priority => 'high')"),
            ("CD001", "SELECT claude.send_message($1, $2, 's', 'b', p_expires_in_days => 0)"),
            ("CD001", "SELECT claude.send_message($1, $2, 's', 'b', p_expires_in_days => 366)"),
            ("CD001", "SELECT claude.send_message($1, $2, repeat('s', 201), 'b')"),
            ("CD002", "SELECT claude.send_message(gen_random_uuid(), $2, 's', 'b')"),
            ("CD002", "SELECT claude.send_message($1, gen_random_uuid(), 's', 'b')"),
            ("CD005", "SELECT claude.broadcast_to_project(NULL, 'beta', 's', 'b')"),
            ("CD005", "SELECT claude.broadcast_to_project($1, ' ', 's', 'b')"),
            ("CD005", "SELECT claude.broadcast_to_project($1, 'beta', 's', '')"),
            ("CD001", "SELECT claude.broadcast_to_project($1, 'beta', 's', 'b', 'memo')"),
            ("CD001", "SELECT claude.broadcast_to_project($1, 'beta', 's', 'b', p_priority => 'HIGH')"),
            ("CD002", "SELECT claude.broadcast_to_project($1, 'no-such-project', 's', 'b')"),
            ("CD002", "SELECT claude.broadcast_to_project(gen_random_uuid(), 'beta', 's', 'b')"),
            ("CD005", "SELECT * FROM claude.get_pending_messages()"),
            ("CD005", "SELECT * FROM claude.get_pending_messages(NULL, '  ')"),
            ("CD002", "SELECT * FROM claude.get_pending_messages(gen_random_uuid())"),
            ("CD005", "SELECT claude.mark_message_read(NULL)"),
            ("CD002", "SELECT claude.mark_message_read(gen_random_uuid())"),
            ("CD005", "SELECT claude.acknowledge_message(NULL)"),
            ("CD002", "SELECT claude.acknowledge_message(gen_random_uuid())"),
        ], from, to);
        var hint = (await RefusedAll("CD001", "SELECT claude.send_message($1, $2, 's', 'b', p_priority => 'high')", [from, to])).Hint;
        Assert.Equal("valid values: urgent, normal, low", hint);
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.messages WHERE message_id = $1 AND status = 'pending'", message));
    }

    [Fact]
    public async Task A_user_trigger_that_already_logs_messages_is_detected_at_run_time_so_each_message_is_logged_once()
    {
        var from = await NewSession("claude-a", "alpha");
        var to = await NewSession("claude-b", "beta");
        await Execute(
            """
            CREATE FUNCTION public.my_message_log() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO claude.activity_feed (source_type, source_id, activity_type, title) VALUES ('message', NEW.message_id, 'message_sent', 'mine');
                RETURN NEW;
            END $$;
            CREATE TRIGGER my_message_log AFTER INSERT ON claude.messages FOR EACH ROW EXECUTE FUNCTION public.my_message_log();
            """);
        Assert.Equal("my_message_log", await Scalar<string>("SELECT claude.messages_user_activity_trigger()"));

        var first = await Scalar<Guid>("SELECT claude.send_message($1, $2, 'one', 'b')", from, to);
        Assert.Equal(["mine"], (await Rows($"SELECT title FROM claude.activity_feed WHERE source_id = '{first}'")).Select(r => (string)r[0]!));

        // Disabled (or dropped) later: ours takes over without a redeploy.
        await Execute("ALTER TABLE claude.messages DISABLE TRIGGER my_message_log");
        var second = await Scalar<Guid>("SELECT claude.send_message($1, $2, 'two', 'b')", from, to);
        Assert.Equal(["Message sent: two"], (await Rows($"SELECT title FROM claude.activity_feed WHERE source_id = '{second}'")).Select(r => (string)r[0]!));
        Assert.Null(await Scalar<string>("SELECT claude.messages_user_activity_trigger()"));
    }
}
