using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

public sealed class SessionTests : DatabaseApiTest
{
    private static readonly Guid ClaudeSessionId = Guid.Parse("c1a0de00-0000-4000-8000-000000000001");

    [Fact]
    public async Task Start_session_records_an_active_session_on_the_canonical_project_and_logs_it_once()
    {
        var identity = await RegisterIdentity("claude-ato");
        var project = await Scalar<Guid>("INSERT INTO claude.projects (project_name, status, project_schema) VALUES ('ATO-Tax-Agent', 'active', 'ato') RETURNING project_id");

        var session = await StartSession(identity, "ato-tax-agent");

        var row = Assert.Single(await Rows($"SELECT identity_id, project_id, project_name, project_schema, status, session_start IS NOT NULL, session_end FROM claude.sessions WHERE session_id = '{session}'"));
        Assert.Equal([identity, project, "ATO-Tax-Agent", "ato", "active", true, null], row);
        Assert.NotNull(await Scalar<DateTime?>("SELECT last_active_at FROM claude.identities WHERE identity_id = $1", identity));
        var activity = Assert.Single(await Rows($"SELECT actor, project_name, source_type FROM claude.activity_feed WHERE activity_type = 'session_started' AND source_id = '{session}'"));
        Assert.Equal(["claude-ato", "ATO-Tax-Agent", "session"], activity);
        Assert.Equal(session, await Scalar<Guid>("SELECT claude.get_active_session($1)", identity));
        Assert.Equal(["claude-ato"], (await Rows("SELECT identity_name FROM claude.active_sessions")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task An_unknown_project_is_registered_and_a_claude_session_id_is_used_as_is()
    {
        var identity = await RegisterIdentity("claude-x");
        Assert.Equal(ClaudeSessionId, await StartSession(identity, " scratch-experiments ", ClaudeSessionId));
        Assert.Equal("scratch-experiments", await Scalar<string>("SELECT p.project_name FROM claude.sessions s JOIN claude.projects p USING (project_id) WHERE s.session_id = $1", ClaudeSessionId));
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.activity_feed WHERE activity_type = 'project_registered'"));
    }

    [Fact]
    public async Task A_second_active_session_of_an_identity_is_CD004()
    {
        var identity = await RegisterIdentity("claude-a");
        var first = await StartSession(identity, "p");
        var error = await Refused("CD004", "SELECT claude.start_session($1, 'q')", identity);
        Assert.Contains(first.ToString(), error.MessageText, StringComparison.Ordinal);
        Assert.Contains("p_supersede", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_concurrent_starts_for_one_identity_leave_exactly_one_active_session()
    {
        var identity = await RegisterIdentity("claude-racer");
        await Execute("INSERT INTO claude.projects (project_name, status) VALUES ('race', 'active')");

        var results = await Concurrently(20, c => Call(c, $"SELECT claude.start_session('{identity}', 'race')"));

        Assert.Single(results, r => r is null);
        Assert.Equal(19, results.Count(r => r == "CD004"));
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.sessions WHERE identity_id = $1", identity));
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.sessions WHERE identity_id = $1 AND status = 'active'", identity));
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.activity_feed WHERE activity_type = 'session_started'"));
    }

    [Fact]
    public async Task Concurrent_starts_with_one_claude_session_id_create_one_row()
    {
        var identity = await RegisterIdentity("claude-hooks");
        var results = await Concurrently(5, c => Call(c, $"SELECT claude.start_session('{identity}', 'p', p_session_id => '{ClaudeSessionId}')"));
        Assert.All(results, r => Assert.Null(r));
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.sessions"));
        Assert.Equal(1L, await ActivityCount("session_started", ClaudeSessionId));
    }

    [Fact]
    public async Task Supersede_abandons_the_old_session_with_an_explanation_and_an_activity_entry()
    {
        var identity = await RegisterIdentity("claude-b");
        var old = await StartSession(identity, "p");
        var @new = await StartSession(identity, "p", supersede: true);

        var row = Assert.Single(await Rows($"SELECT status, session_end IS NOT NULL, session_summary FROM claude.sessions WHERE session_id = '{old}'"));
        Assert.Equal("abandoned", row[0]);
        Assert.Equal(true, row[1]);
        Assert.Contains(@new.ToString(), (string)row[2]!, StringComparison.Ordinal);
        Assert.Equal(1L, await ActivityCount("session_abandoned", old));
        Assert.Equal("warning", await Scalar<string>("SELECT severity FROM claude.activity_feed WHERE activity_type = 'session_abandoned'"));
        Assert.Equal(@new, await Scalar<Guid>("SELECT claude.get_active_session($1)", identity));
    }

    [Fact]
    public async Task Resuming_a_session_id_returns_it_without_a_second_row_or_event()
    {
        var identity = await RegisterIdentity("claude-c");
        await StartSession(identity, "p", ClaudeSessionId);
        Assert.Equal(ClaudeSessionId, await StartSession(identity, "P", ClaudeSessionId));
        Assert.Equal(ClaudeSessionId, await Scalar<Guid>("SELECT claude.start_session(NULL, 'p', p_session_id => $1)", ClaudeSessionId));

        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.sessions"));
        Assert.Equal(1L, await ActivityCount("session_started", ClaudeSessionId));
        Assert.Equal(0L, await ActivityCount("session_resumed", ClaudeSessionId));
    }

    [Fact]
    public async Task Resuming_an_ended_session_reactivates_it_and_logs_session_resumed_once()
    {
        var identity = await RegisterIdentity("claude-d");
        await StartSession(identity, "p", ClaudeSessionId);
        await Scalar<object>("SELECT claude.end_session($1, 'first part')", ClaudeSessionId);

        await StartSession(identity, "p", ClaudeSessionId);

        var row = Assert.Single(await Rows("SELECT status, session_end FROM claude.sessions"));
        Assert.Equal(["active", null], row);
        Assert.Equal(1L, await ActivityCount("session_resumed", ClaudeSessionId));
        // The one-active rule applies to a resume as well.
        var other = Guid.NewGuid();
        await Scalar<object>("SELECT claude.end_session($1, 'second part')", ClaudeSessionId);
        await StartSession(identity, "p", other);
        await Refused("CD004", "SELECT claude.start_session($1, 'p', p_session_id => $2)", identity, ClaudeSessionId);
        await Refused("CD004", "SELECT claude.start_session(gen_random_uuid(), 'p', p_session_id => $1)", ClaudeSessionId);
    }

    [Fact]
    public async Task A_missing_identity_falls_back_to_the_projects_default_identity()
    {
        var identity = await RegisterIdentity("claude-default");
        await Execute($"INSERT INTO claude.projects (project_name, status, default_identity_id) VALUES ('with-default', 'active', '{identity}')");
        var session = await Scalar<Guid>("SELECT claude.start_session(NULL, 'WITH-DEFAULT')");
        Assert.Equal(identity, await Scalar<Guid>("SELECT identity_id FROM claude.sessions WHERE session_id = $1", session));
    }

    [Theory]
    [InlineData("CD005", "SELECT claude.start_session(NULL, 'no-default-project')")]
    [InlineData("CD005", "SELECT claude.start_session(NULL, 'brand-new-project')")]
    [InlineData("CD005", "SELECT claude.start_session($1, NULL)")]
    [InlineData("CD005", "SELECT claude.start_session($1, '  ')")]
    [InlineData("CD001", "SELECT claude.start_session($1, 'p', repeat('s', 101))")]
    [InlineData("CD002", "SELECT claude.start_session(gen_random_uuid(), 'p')")]
    [InlineData("CD003", "SELECT claude.start_session((SELECT identity_id FROM claude.identities WHERE identity_name = 'gone'), 'p')")]
    public async Task Start_session_refuses_invalid_arguments(string sqlState, string sql)
    {
        var identity = await RegisterIdentity("claude-e");
        await Scalar<object>("SELECT claude.archive_identity(claude.register_identity('gone', 'claude-code'))");
        await Execute("INSERT INTO claude.projects (project_name, status) VALUES ('no-default-project', 'active')");
        await Refused(sqlState, sql, identity);
    }

    [Fact]
    public async Task End_session_closes_it_once_with_summary_and_appended_lists()
    {
        var identity = await RegisterIdentity("claude-f");
        var session = await StartSession(identity, "p");
        await Scalar<object>("SELECT claude.end_session($1, ' Did things ', ARRAY['t1'], ARRAY['l1'], ARRAY['c1'])", session);

        var row = Assert.Single(await Rows($"SELECT status, session_end >= session_start, session_summary, tasks_completed::text, learnings_gained::text, challenges_encountered::text FROM claude.sessions WHERE session_id = '{session}'"));
        Assert.Equal(["ended", true, "Did things", "{t1}", "{l1}", "{c1}"], row);
        Assert.Equal(1L, await ActivityCount("session_ended", session));
        Assert.Equal("Did things", await Scalar<string>("SELECT summary FROM claude.activity_feed WHERE activity_type = 'session_ended'"));
        Assert.Null(await Scalar<object>("SELECT claude.get_active_session($1)", identity));
        var error = await Refused("CD003", "SELECT claude.end_session($1, 'again')", session);
        Assert.Contains("ended", error.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CD005", "SELECT claude.end_session($1, NULL)")]
    [InlineData("CD005", "SELECT claude.end_session($1, '   ')")]
    [InlineData("CD005", "SELECT claude.end_session(NULL, 'summary')")]
    [InlineData("CD002", "SELECT claude.end_session(gen_random_uuid(), 'summary')")]
    public async Task End_session_refuses_invalid_arguments(string sqlState, string sql)
    {
        var session = await StartSession(await RegisterIdentity("claude-g"), "p");
        await Refused(sqlState, sql, session);
    }

    [Theory]
    [InlineData("CD005", "SELECT claude.get_active_session(NULL)")]
    [InlineData("CD002", "SELECT claude.get_active_session(gen_random_uuid())")]
    public async Task Get_active_session_refuses_invalid_arguments(string sqlState, string sql) => await Refused(sqlState, sql);

    [Fact]
    public async Task Stale_sessions_are_abandoned_at_their_latest_evidence_with_an_explanation()
    {
        var a = await RegisterIdentity("claude-stale-a");
        var b = await RegisterIdentity("claude-stale-b");
        var fresh = await RegisterIdentity("claude-fresh");
        // Rows a legacy hook wrote before the toolkit was deployed (no status written, no activity of their start).
        await Execute("ALTER TABLE claude.sessions DISABLE TRIGGER sessions_log_activity");
        var withEvidence = await Scalar<Guid>($"INSERT INTO claude.sessions (identity_id, project_name, session_start) VALUES ('{a}', 'p', now() - interval '3 days') RETURNING session_id");
        var withoutEvidence = await Scalar<Guid>($"INSERT INTO claude.sessions (identity_id, project_name, session_start) VALUES ('{b}', 'p', now() - interval '2 days') RETURNING session_id");
        await Execute("ALTER TABLE claude.sessions ENABLE TRIGGER sessions_log_activity");
        await StartSession(fresh, "p");
        // The latest evidence of the first session: an entry one day after it started.
        await Execute($"INSERT INTO claude.activity_feed (source_type, source_id, activity_type, title, created_at) VALUES ('session', '{withEvidence}', 'note', 'worked', now() - interval '2 days')");

        Assert.Equal(2, await Scalar<int>("SELECT claude.abandon_stale_sessions()"));

        Assert.True(await Scalar<bool>($"SELECT status = 'abandoned' AND session_end = (SELECT created_at FROM claude.activity_feed WHERE activity_type = 'note') FROM claude.sessions WHERE session_id = '{withEvidence}'"));
        Assert.True(await Scalar<bool>($"SELECT status = 'abandoned' AND session_end = session_start FROM claude.sessions WHERE session_id = '{withoutEvidence}'"));
        Assert.Contains("abandon_stale_sessions", await Scalar<string>("SELECT session_summary FROM claude.sessions WHERE session_id = $1", withEvidence), StringComparison.Ordinal);
        Assert.Equal(1L, await ActivityCount("session_abandoned", withEvidence));
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.sessions WHERE status = 'active'"));
        Assert.Equal(0, await Scalar<int>("SELECT claude.abandon_stale_sessions()"));
    }

    [Theory]
    [InlineData("CD005", "SELECT claude.abandon_stale_sessions(NULL)")]
    [InlineData("CD001", "SELECT claude.abandon_stale_sessions(interval '-1 hour')")]
    public async Task Abandon_stale_sessions_refuses_invalid_thresholds(string sqlState, string sql)
    {
        await Execute($"INSERT INTO claude.sessions (identity_id, project_name, session_start) VALUES ('{await RegisterIdentity("claude-h")}', 'p', now() - interval '3 days')");
        await Refused(sqlState, sql);
    }

    [Fact]
    public async Task Get_sessions_filters_by_identity_project_and_status_newest_first()
    {
        var a = await RegisterIdentity("claude-list-a");
        var b = await RegisterIdentity("claude-list-b");
        var a1 = await StartSession(a, "Alpha");
        await Scalar<object>("SELECT claude.end_session($1, 'done')", a1);
        var a2 = await StartSession(a, "beta");
        var b1 = await StartSession(b, "ALPHA");

        Assert.Equal([b1, a2, a1], (await Rows("SELECT session_id FROM claude.get_sessions()")).Select(r => (Guid)r[0]!));
        Assert.Equal([a2, a1], (await Rows($"SELECT session_id FROM claude.get_sessions('{a}')")).Select(r => (Guid)r[0]!));
        Assert.Equal([b1, a1], (await Rows("SELECT session_id FROM claude.get_sessions(NULL, 'alpha')")).Select(r => (Guid)r[0]!));
        Assert.Equal([a1], (await Rows("SELECT session_id FROM claude.get_sessions(NULL, NULL, 'ended')")).Select(r => (Guid)r[0]!));
        Assert.Equal([b1], (await Rows("SELECT session_id FROM claude.get_sessions(p_limit => 1)")).Select(r => (Guid)r[0]!));
        var row = Assert.Single(await Rows($"SELECT identity_name, project_name, status, session_summary FROM claude.get_sessions(p_identity_id => '{a}', p_status => 'ended')"));
        Assert.Equal(["claude-list-a", "Alpha", "ended", "done"], row);
    }

    [Theory]
    [InlineData("SELECT * FROM claude.get_sessions(p_status => 'open')")]
    [InlineData("SELECT * FROM claude.get_sessions(p_limit => 0)")]
    [InlineData("SELECT * FROM claude.get_sessions(p_limit => 5000)")]
    public async Task Get_sessions_refuses_invalid_arguments(string sql)
    {
        var error = await Refused("CD001", sql);
        Assert.NotNull(error.Hint);
    }

    // ----- rules for writers that bypass the functions (the user's old hooks) -----

    [Fact]
    public async Task A_legacy_insert_without_status_becomes_active_and_a_legacy_end_becomes_ended()
    {
        var identity = await RegisterIdentity("claude-legacy");
        await Execute($"INSERT INTO claude.sessions (session_id, identity_id, project_name, session_start) VALUES ('{ClaudeSessionId}', '{identity}', 'p', now())");
        Assert.Equal("active", await Scalar<string>("SELECT status FROM claude.sessions"));

        await Execute($"UPDATE claude.sessions SET session_end = now(), session_summary = 'closed by old hook' WHERE session_id = '{ClaudeSessionId}'");

        Assert.Equal("ended", await Scalar<string>("SELECT status FROM claude.sessions"));
        Assert.Equal(1L, await ActivityCount("session_started", ClaudeSessionId));
        Assert.Equal(1L, await ActivityCount("session_ended", ClaudeSessionId));
    }

    [Fact]
    public async Task A_legacy_insert_of_a_second_active_session_is_CD004_with_the_way_out()
    {
        var identity = await RegisterIdentity("claude-legacy2");
        var first = await StartSession(identity, "p");
        var error = await Refused("CD004", $"INSERT INTO claude.sessions (identity_id, project_name, session_start) VALUES ('{identity}', 'p', now())");
        Assert.Contains(first.ToString(), error.MessageText, StringComparison.Ordinal);
        Assert.Contains("end_session", error.Hint, StringComparison.Ordinal);
        Assert.Contains("claude.start_session(..., p_supersede => true)", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_one_active_rule_is_backed_by_a_partial_unique_index()
    {
        var definition = await Scalar<string>("SELECT pg_get_indexdef('claude.sessions_one_active_per_identity'::regclass)");
        Assert.Contains("UNIQUE INDEX", definition, StringComparison.Ordinal);
        Assert.Contains("WHERE ((status)::text = 'active'::text)", definition, StringComparison.Ordinal);
        // Even with the trigger out of the way, the index refuses a second active session.
        var identity = await RegisterIdentity("claude-index");
        await StartSession(identity, "p");
        await Execute("ALTER TABLE claude.sessions DISABLE TRIGGER sessions_before_write");
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            Execute($"INSERT INTO claude.sessions (identity_id, project_name, session_start, status) VALUES ('{identity}', 'p', now(), 'active')"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Theory]
    [InlineData("UPDATE claude.sessions SET session_end = now()", "sessions_summary_required_check")]
    [InlineData("UPDATE claude.sessions SET session_end = session_start - interval '1 minute', session_summary = 's'", "sessions_end_after_start_check")]
    [InlineData("UPDATE claude.sessions SET status = 'ended'", "sessions_status_matches_end_check")]
    [InlineData("UPDATE claude.sessions SET status = 'abandoned'", "sessions_status_matches_end_check")]
    [InlineData("UPDATE claude.sessions SET status = 'paused', session_end = now(), session_summary = 's'", "sessions_status_registry_check")]
    [InlineData("UPDATE claude.sessions SET identity_id = NULL", "sessions_identity_required_check")]
    [InlineData("UPDATE claude.sessions SET project_name = ' '", "sessions_project_required_check")]
    [InlineData("UPDATE claude.sessions SET session_start = NULL", "sessions_start_required_check")]
    public async Task Direct_writes_that_break_a_session_rule_are_refused_by_its_constraint(string sql, string constraint)
    {
        await StartSession(await RegisterIdentity("claude-rules"), "p");
        var error = await Refused(PostgresErrorCodes.CheckViolation, sql);
        Assert.Equal(constraint, error.ConstraintName);
    }

    [Fact]
    public async Task A_direct_insert_without_identity_takes_the_projects_default_or_is_refused()
    {
        var identity = await RegisterIdentity("claude-proj-default");
        await Execute($"INSERT INTO claude.projects (project_name, status, default_identity_id) VALUES ('has-default', 'active', '{identity}')");
        await Execute("INSERT INTO claude.sessions (project_name) VALUES ('Has-Default')");
        Assert.Equal(identity, await Scalar<Guid>("SELECT identity_id FROM claude.sessions"));
        Assert.NotNull(await Scalar<object>("SELECT project_id FROM claude.sessions"));

        var error = await Refused(PostgresErrorCodes.CheckViolation, "INSERT INTO claude.sessions (project_name) VALUES ('unknown-project')");
        Assert.Equal("sessions_identity_required_check", error.ConstraintName);
    }

    [Theory]
    // seed 000 priority 2 and 3
    [InlineData("idx_sessions_identity", "(identity_id)")]
    [InlineData("idx_sessions_project", "(project_name)")]
    [InlineData("idx_sessions_start", "(session_start DESC)")]
    [InlineData("idx_identities_name", "(identity_name)")]
    [InlineData("idx_projects_name", "(project_name)")]
    [InlineData("idx_agent_sessions_parent", "(parent_session_id)")]
    public async Task Seed_000_indexes_exist(string index, string columns) =>
        Assert.EndsWith(columns, await Scalar<string>("SELECT pg_get_indexdef(('claude.' || $1)::regclass)", index), StringComparison.Ordinal);

    [Theory]
    [InlineData("sessions", "identity_id", "identities")]
    [InlineData("sessions", "project_id", "projects")]
    [InlineData("workspaces", "added_by_identity_id", "identities")]
    [InlineData("agent_sessions", "parent_session_id", "sessions")]
    public async Task Foreign_keys_from_seed_000_and_issue_3_are_validated(string table, string column, string referenced) =>
        Assert.True(await Scalar<bool>(
            """
            SELECT bool_and(c.convalidated) FROM pg_constraint c
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f' AND c.conrelid = ('claude.' || $1)::regclass AND a.attname = $2 AND c.confrelid = ('claude.' || $3)::regclass
            """, table, column, referenced));
}
