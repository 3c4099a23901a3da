using ClaudeDbKit.Migrations;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

/// <summary>Issue 3's rules deployed on the user's dirty legacy database (tests/Sql/legacy_database.sql).</summary>
public sealed class LegacyDeployTests : EmptyDatabaseTest
{
    private static readonly Guid Unified = Guid.Parse("10000000-0000-4000-8000-000000000001");
    private static readonly Guid Desktop = Guid.Parse("10000000-0000-4000-8000-000000000002");

    private async Task LoadLegacyAsync(string? extraSql = null)
    {
        await Sql.ExecuteAsync(ConnectionString, await File.ReadAllTextAsync(Repository.TestSql("legacy_database.sql")));
        if (extraSql is not null)
            await Sql.ExecuteAsync(ConnectionString, extraSql);
    }

    private Task<MigrationResult> MigrateAsync() => new MigrationRunner(ConnectionString).MigrateAsync();

    private Task<T?> Scalar<T>(string sql, params object[] parameters) => Sql.ScalarAsync<T>(ConnectionString, sql, parameters);

    [Fact]
    public async Task The_legacy_database_deploys_and_keeps_every_session_end_and_summary()
    {
        await LoadLegacyAsync();
        await RepairAudit.SnapshotAsync(ConnectionString);

        await MigrateAsync();

        // Ends, summaries and identities change only where the brownfield repair (0010) logged it with the old value.
        Assert.Empty(await RepairAudit.ViolationsAsync(ConnectionString));
        Assert.Equal(0L, await Scalar<long>(
            "SELECT count(*) FROM claude.repair_log WHERE table_name = 'sessions' AND column_name IN ('session_end', 'session_summary', 'identity_id') AND old_value IS NOT NULL"));
        Assert.Empty((await MigrateAsync()).Scripts);

        // Status: 0005 backfills it where the row satisfies the rules; 0010 derives the rest from the repaired rows.
        var statuses = (await Sql.RowsAsync(ConnectionString, "SELECT right(session_id::text, 2), status FROM claude.sessions"))
            .ToDictionary(r => (string)r[0]!, r => (string?)r[1]);
        Assert.Equal("abandoned", statuses["22"]);  // newest open session of claude-code-unified, open since 2025-12-21
        Assert.Equal("abandoned", statuses["21"]);  // older open session of the same identity
        Assert.Equal("ended", statuses["01"]);      // closed with a summary
        Assert.Equal("ended", statuses["03"]);      // closed without a summary: it now says none was recorded
        Assert.Equal("ended", statuses["07"]);      // NULL identity (now the placeholder), closed with a summary
        Assert.Equal(0, statuses.Values.Count(s => s is null));

        // Every session rule holds for every row after the repair; build tasks' todo became pending.
        var notValid = (await Sql.RowsAsync(ConnectionString,
                "SELECT conname::text FROM pg_constraint WHERE conrelid = 'claude.sessions'::regclass AND NOT convalidated ORDER BY 1"))
            .Select(r => (string)r[0]!).ToList();
        Assert.Empty(notValid);
        Assert.True(await Scalar<bool>("SELECT convalidated FROM pg_constraint WHERE conname = 'build_tasks_status_registry_check'"));
        Assert.True(await Scalar<bool>("SELECT convalidated FROM pg_constraint WHERE conname = 'sessions_status_matches_end_check'"));

        // The hand-made foreign key is reused, not duplicated; the new ones are there.
        Assert.Equal(1L, await Scalar<long>(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = 'claude.sessions'::regclass AND contype = 'f' AND confrelid = 'claude.identities'::regclass"));
        Assert.Equal(4L, await Scalar<long>(
            """
            SELECT count(*) FROM pg_constraint
             WHERE contype = 'f' AND conname IN ('sessions_identity_id_fkey', 'workspaces_identity_fkey', 'agent_sessions_parent_fkey', 'sessions_project_id_fkey')
            """));

        // project_id filled where the name matches case-insensitively (0005), and for punctuation variants by the repair (0010).
        Assert.Equal(Guid.Parse("20000000-0000-4000-8000-000000000002"),
            await Scalar<Guid>("SELECT project_id FROM claude.sessions WHERE session_id = '30000000-0000-4000-8000-000000000022'"));
        Assert.Equal(Guid.Parse("20000000-0000-4000-8000-000000000002"),
            await Scalar<Guid>("SELECT project_id FROM claude.sessions WHERE session_id = '30000000-0000-4000-8000-000000000007'"));
        // The agent id that an old hook kept in metadata became agent_id.
        Assert.Equal("agent-a1b2c3", await Scalar<string>("SELECT agent_id FROM claude.agent_sessions WHERE session_id = '50000000-0000-4000-8000-000000000001'"));
    }

    [Fact]
    public async Task The_registry_migration_records_the_values_it_replaced()
    {
        await LoadLegacyAsync();
        await MigrateAsync();

        var rows = await Sql.RowsAsync(ConnectionString,
            "SELECT table_name || '.' || column_name, old_values::text, new_values::text FROM claude.column_registry_history WHERE old_values IS NOT NULL ORDER BY 1");
        Assert.Equal(3, rows.Count);
        // activity_feed.source_type: the work tracking migration appends feature, build_task and requirement.
        Assert.Equal("activity_feed.source_type", rows[0][0]);
        Assert.EndsWith("\"agent\", \"feature\", \"build_task\", \"requirement\"]", (string)rows[0][2]!);
        rows.RemoveAt(0);
        Assert.Equal(["build_tasks.status", """["todo", "in_progress", "completed", "blocked", "cancelled"]""", """["pending", "in_progress", "blocked", "completed", "cancelled"]"""], rows[0]);
        Assert.Equal("feedback.status", rows[1][0]);
        // An unchanged row (projects.priority) is left alone and not recorded.
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM claude.column_registry_history WHERE table_name = 'projects' AND column_name = 'priority'"));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM claude.column_registry WHERE data_type IS NULL"));
    }

    [Fact]
    public async Task Old_hooks_keep_working_and_are_told_why_when_they_break_a_rule()
    {
        await LoadLegacyAsync();
        await MigrateAsync();

        // claude-desktop has no open session: the old hook's INSERT (no status column) works.
        await Sql.ExecuteAsync(ConnectionString,
            $"INSERT INTO claude.sessions (session_id, identity_id, project_name, session_start) VALUES ('40000000-0000-4000-8000-000000000001', '{Desktop}', 'mission-control-web', now())");
        Assert.Equal("active", await Scalar<string>("SELECT status FROM claude.sessions WHERE session_id = '40000000-0000-4000-8000-000000000001'"));
        await Sql.ExecuteAsync(ConnectionString,
            "UPDATE claude.sessions SET session_end = now(), session_summary = 'done' WHERE session_id = '40000000-0000-4000-8000-000000000001'");
        Assert.Equal("ended", await Scalar<string>("SELECT status FROM claude.sessions WHERE session_id = '40000000-0000-4000-8000-000000000001'"));

        // The upgrade closed the sessions claude-code-unified left open since 2025-12-21, at their latest evidence.
        Assert.Equal(["abandoned", new DateTime(2025, 12, 21, 9, 15, 0)], (await Sql.RowsAsync(ConnectionString,
            "SELECT status, session_end FROM claude.sessions WHERE session_id = '30000000-0000-4000-8000-000000000021'"))[0]);
        Assert.Equal(0, await Scalar<int>("SELECT claude.abandon_stale_sessions()"));

        // An old hook opens a session for claude-code-unified; a second one is CD004 with the way out.
        await Sql.ExecuteAsync(ConnectionString,
            $"INSERT INTO claude.sessions (session_id, identity_id, project_name, session_start) VALUES ('40000000-0000-4000-8000-000000000002', '{Unified}', 'claude-family', now())");
        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(ConnectionString,
            $"INSERT INTO claude.sessions (identity_id, project_name, session_start) VALUES ('{Unified}', 'claude-family', now())"));
        Assert.Equal("CD004", error.SqlState);
        Assert.Contains("40000000-0000-4000-8000-000000000002", error.MessageText, StringComparison.Ordinal);
        Assert.Contains("p_supersede => true", error.Hint, StringComparison.Ordinal);
        await Sql.ExecuteAsync(ConnectionString,
            "UPDATE claude.sessions SET session_end = now(), session_summary = 'done' WHERE session_id = '40000000-0000-4000-8000-000000000002'");
        var session = await Scalar<Guid>($"SELECT claude.start_session('{Unified}', 'ATO-TAX-AGENT')");
        Assert.Equal("ATO-Tax-Agent", await Scalar<string>("SELECT project_name FROM claude.sessions WHERE session_id = $1", session));
    }

    [Fact]
    public async Task Duplicate_names_and_existing_indexes_in_the_legacy_data_do_not_fail_the_deploy()
    {
        await LoadLegacyAsync(
            """
            INSERT INTO claude.projects (project_id, project_name, status) VALUES ('20000000-0000-4000-8000-000000000099', 'ato-tax-agent', 'active');
            INSERT INTO claude.identities (identity_id, identity_name, platform, status) VALUES ('10000000-0000-4000-8000-000000000099', 'Claude-Desktop', 'claude-desktop', 'active');
            CREATE INDEX my_sessions_identity ON claude.sessions (identity_id);
            """);

        await MigrateAsync();

        Assert.Null(await Scalar<string>("SELECT to_regclass('claude.projects_name_unique')::text"));
        Assert.Null(await Scalar<string>("SELECT to_regclass('claude.identities_active_name_unique')::text"));
        Assert.Null(await Scalar<string>("SELECT to_regclass('claude.idx_sessions_identity')::text"));
        // The rules still hold for new writes, through the triggers.
        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(ConnectionString,
            "INSERT INTO claude.projects (project_name, status) VALUES ('ATO-TAX-AGENT', 'active')"));
        Assert.Equal("CD004", error.SqlState);
        error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(ConnectionString,
            "SELECT claude.register_identity('CLAUDE-DESKTOP', 'claude-desktop')"));
        Assert.Equal("CD004", error.SqlState);
        // A case variant still resolves, to the oldest project.
        Assert.Equal(Guid.Parse("20000000-0000-4000-8000-000000000002"), await Scalar<Guid>("SELECT claude.resolve_project('Ato-Tax-Agent')"));
    }
}
