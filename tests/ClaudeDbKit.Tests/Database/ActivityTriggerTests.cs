using Xunit;

namespace ClaudeDbKit.Tests.Database;

/// <summary>The activity triggers run once per statement: a statement of many rows must still log each row's events once, in the right shape.</summary>
public sealed class ActivityTriggerTests : DatabaseApiTest
{
    [Fact]
    public async Task A_multi_row_session_insert_logs_each_session_started_and_each_closed_one_ended()
    {
        await Execute("""
            INSERT INTO claude.identities (identity_name, platform) SELECT 'bulk-' || g, 'claude-code' FROM generate_series(1, 30) g;
            INSERT INTO claude.sessions (identity_id, project_name, session_start, session_end, status, session_summary)
            SELECT i.identity_id, 'bulk-project', now() - interval '1 hour',
                   CASE WHEN i.identity_name < 'bulk-2' THEN now() END,
                   CASE WHEN i.identity_name < 'bulk-2' THEN 'ended' ELSE 'active' END,
                   CASE WHEN i.identity_name < 'bulk-2' THEN 'done ' || i.identity_name END
              FROM claude.identities i WHERE i.identity_name LIKE 'bulk-%';
            """);

        Assert.Equal(30, await Count("SELECT count(*) FROM claude.activity_feed WHERE activity_type = 'session_started' AND project_name = 'bulk-project'"));
        var ended = await Count("SELECT count(*) FROM claude.sessions WHERE project_name = 'bulk-project' AND status = 'ended'");
        Assert.InRange(ended, 2, 28);
        // Each ended entry carries its own session's identity and summary, and follows its start.
        Assert.Equal(ended, await Count("""
            SELECT count(*) FROM claude.activity_feed e
              JOIN claude.sessions s ON s.session_id = e.source_id
              JOIN claude.identities i ON i.identity_id = s.identity_id
              JOIN claude.activity_feed b ON b.source_id = s.session_id AND b.activity_type = 'session_started'
             WHERE e.activity_type = 'session_ended' AND e.actor = i.identity_name AND e.summary = 'done ' || i.identity_name
               AND e.severity = 'success' AND e.title = 'Session ended on bulk-project' AND b.created_at <= e.created_at
            """));
    }

    [Fact]
    public async Task A_multi_row_update_logs_only_the_rows_whose_status_changed()
    {
        await Execute("""
            INSERT INTO claude.identities (identity_name, platform) SELECT 'upd-' || g, 'claude-code' FROM generate_series(1, 10) g;
            INSERT INTO claude.sessions (identity_id, project_name, session_start, status)
            SELECT i.identity_id, 'upd-project', now() - interval '1 hour', 'active' FROM claude.identities i WHERE i.identity_name LIKE 'upd-%';
            -- Half are closed in one statement; a second statement touches all without changing any status.
            UPDATE claude.sessions SET status = 'abandoned', session_end = now(), session_summary = 'gone'
             WHERE project_name = 'upd-project' AND identity_id IN (SELECT identity_id FROM claude.identities WHERE identity_name IN ('upd-1', 'upd-2', 'upd-3', 'upd-4', 'upd-5'));
            UPDATE claude.sessions SET session_metadata = '{"touched": true}' WHERE project_name = 'upd-project';
            """);

        Assert.Equal(5, await Count("SELECT count(*) FROM claude.activity_feed WHERE activity_type = 'session_abandoned' AND project_name = 'upd-project' AND summary = 'gone' AND severity = 'warning'"));
        Assert.Equal(0, await Count("SELECT count(*) FROM claude.activity_feed WHERE activity_type IN ('session_ended', 'session_resumed') AND project_name = 'upd-project'"));
    }

    [Fact]
    public async Task A_multi_row_message_insert_and_acknowledgement_log_one_entry_per_message()
    {
        var sender = await StartSession(await RegisterIdentity("bulk-sender"), "bulk-messages");
        await Execute($"""
            INSERT INTO claude.messages (from_session_id, to_project, message_type, subject, body)
            SELECT '{sender}', 'bulk-messages', 'broadcast', 'note ' || g, 'body' FROM generate_series(1, 12) g;
            UPDATE claude.messages SET status = 'acknowledged' WHERE subject IN ('note 1', 'note 2', 'note 3');
            UPDATE claude.messages SET status = 'acknowledged' WHERE subject IN ('note 1', 'note 2', 'note 3', 'note 4');
            """);

        Assert.Equal(12, await Count("""
            SELECT count(*) FROM claude.activity_feed a JOIN claude.messages m ON m.message_id = a.source_id
             WHERE a.activity_type = 'message_sent' AND a.actor = 'bulk-sender' AND a.project_name = 'bulk-messages'
               AND a.title = 'Message sent: ' || m.subject AND a.summary = 'normal broadcast message to project bulk-messages'
            """));
        Assert.Equal(4, await Count("SELECT count(*) FROM claude.activity_feed WHERE activity_type = 'message_acknowledged' AND project_name = 'bulk-messages'"));
    }
}
