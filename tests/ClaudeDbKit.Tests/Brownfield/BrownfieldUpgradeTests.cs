using ClaudeDbKit.Client;
using ClaudeDbKit.Migrations;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Brownfield;

/// <summary>
/// Issue 6 on the user's dirty database (tests/Sql/legacy_database.sql plus brownfield_legacy.sql),
/// deployed in one run as the user would: repaired, constrained, verified, nothing lost.
/// </summary>
public sealed class BrownfieldUpgradeTests : EmptyDatabaseTest
{
    private static readonly Guid AtoTaxAgent = Guid.Parse("20000000-0000-4000-8000-000000000002");

    private async Task LoadLegacyAsync()
    {
        await Sql.ExecuteAsync(ConnectionString, await File.ReadAllTextAsync(Repository.TestSql("legacy_database.sql")));
        await Sql.ExecuteAsync(ConnectionString, await File.ReadAllTextAsync(Repository.TestSql("brownfield_legacy.sql")));
    }

    private Task<MigrationResult> MigrateAsync() => new MigrationRunner(ConnectionString).MigrateAsync();

    private Task<T?> Scalar<T>(string sql, params object[] parameters) => Sql.ScalarAsync<T>(ConnectionString, sql, parameters);

    private async Task<List<string>> Column(string sql) => (await Sql.RowsAsync(ConnectionString, sql)).Select(r => Convert.ToString(r[0], System.Globalization.CultureInfo.InvariantCulture)!).ToList();

    private async Task<HealthReport> HealthAsync()
    {
        await using var client = new ClaudeDbClient(ConnectionString);
        return await client.Health.CheckAsync();
    }

    [Fact]
    public async Task The_legacy_database_upgrades_in_one_deploy_keeps_every_row_and_logs_every_repaired_value()
    {
        await LoadLegacyAsync();
        await RepairAudit.SnapshotAsync(ConnectionString);

        await MigrateAsync();

        // Every old row is there, the feed got no repair noise, and each changed value is logged with its old value.
        Assert.Empty(await RepairAudit.ViolationsAsync(ConnectionString));
        var logged = await Scalar<long>("SELECT count(*) FROM claude.repair_log");
        Assert.True(logged > 40, $"only {logged} repairs logged");
        Assert.Equal(["identities", "projects"], await Column("SELECT table_name FROM claude.repair_log WHERE column_name = '*' ORDER BY 1"));

        // A second deploy has nothing to do; running the repair and the constraint step again changes nothing.
        Assert.Empty((await MigrateAsync()).Scripts);
        await Sql.ExecuteAsync(ConnectionString, "CALL claude.repair_legacy_data()");
        await Sql.ExecuteAsync(ConnectionString, "CALL claude.upgrade_constraints()");
        Assert.Equal(logged, await Scalar<long>("SELECT count(*) FROM claude.repair_log"));
        Assert.Empty(await RepairAudit.ViolationsAsync(ConnectionString));

        // Sessions without identity: the archived placeholder, for closed ones only.
        var placeholder = await Scalar<Guid>("SELECT identity_id FROM claude.identities WHERE identity_name = 'legacy-unknown-identity' AND status = 'archived'");
        Assert.Equal(["07", "17", "27", "31"], await Column($"SELECT right(session_id::text, 2) FROM claude.sessions WHERE identity_id = '{placeholder}' ORDER BY 1"));
        Assert.Equal(["36"], await Column("SELECT right(session_id::text, 2) FROM claude.sessions WHERE identity_id IS NULL"));
        // Stale sessions: abandoned at their latest evidence (a message for 31, nothing after the start for 21 and 22).
        Assert.Equal(
            ["21 abandoned 2025-12-21 09:15:00", "22 abandoned 2025-12-21 15:40:00", "31 abandoned 2025-12-22 11:30:00"],
            await Column("SELECT right(session_id::text, 2) || ' ' || status || ' ' || session_end FROM claude.sessions WHERE status = 'abandoned' ORDER BY 1"));
        Assert.StartsWith("Closed as abandoned by the ClaudeDbKit upgrade", await Scalar<string>("SELECT session_summary FROM claude.sessions WHERE session_id = '30000000-0000-4000-8000-000000000031'"));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM claude.sessions WHERE session_end IS NULL AND session_id <> '30000000-0000-4000-8000-000000000036'"));
        // Project name variants take their project's name and id; unmatched names became one project.
        Assert.Equal([$"ATO-Tax-Agent {AtoTaxAgent}"], await Column(
            "SELECT DISTINCT project_name || ' ' || project_id FROM claude.sessions WHERE project_schema = 'ato'"));
        Assert.Equal("mission-control-web", await Scalar<string>("SELECT project_name FROM claude.sessions WHERE session_id = '30000000-0000-4000-8000-000000000034'"));
        Assert.Equal(["scratch-experiments 3"], await Column(
            "SELECT p.project_name || ' ' || count(*) FROM claude.projects p JOIN claude.sessions s ON s.project_id = p.project_id WHERE p.project_name ILIKE 'scratch%' GROUP BY p.project_name"));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM claude.sessions WHERE project_id IS NULL"));
        // Legacy values mapped through the documented aliases and case folding; the rest left alone.
        Assert.Equal(["active", "active", "archived", "paused", "active", "paused", "active"], await Column("SELECT status FROM claude.projects ORDER BY project_code NULLS LAST"));
        Assert.Equal(["pending", "pending", "wip"], await Column("SELECT status FROM claude.build_tasks WHERE task_id IN ('e0000000-0000-4000-8000-000000000003', 'e0000000-0000-4000-8000-000000000004', 'e0000000-0000-4000-8000-000000000007') ORDER BY task_id"));
        Assert.Equal(["draft", "draft"], await Column("SELECT status FROM claude.features WHERE feature_id IN ('b0000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000005') ORDER BY 1"));
        Assert.Equal(["acknowledged", "pending"], await Column("SELECT status FROM claude.messages WHERE message_id IN ('60000000-0000-4000-8000-000000000004', '60000000-0000-4000-8000-000000000005') ORDER BY message_id"));
        Assert.Equal(["2", "3", "2", "4", ""], await Column("SELECT coalesce(priority, '') FROM claude.feedback ORDER BY feedback_id"));
        Assert.Equal("RUNNING", await Scalar<string>("SELECT last_status FROM claude.scheduled_jobs WHERE job_id = '70000000-0000-4000-8000-000000000002'"));
        Assert.Equal("completed", await Scalar<string>("SELECT status FROM claude.components WHERE component_id = 'd0000000-0000-4000-8000-000000000001'"));
        // Existing short codes never change.
        Assert.Equal(["1", "2", "3", "4", "5"], await Column("SELECT short_code FROM claude.features ORDER BY feature_id"));
        // Agent sessions: a parent only where exactly one session of the project was open at spawn time.
        Assert.Equal(
            ["01 09", "02 10", "03 14", "04 15", "05 16", "06 16", "07 23", "08 28", "09 ", "10 "],
            await Column("SELECT right(session_id::text, 2) || ' ' || coalesce(right(parent_session_id::text, 2), '') FROM claude.agent_sessions ORDER BY 1"));
        // The rules the repaired rows now satisfy are validated; the others stay NOT VALID for the rows that break them.
        Assert.Equal(
            ["build_tasks_status_registry_check", "knowledge_confidence_range_check", "messages_priority_required_check", "messages_sender_required_check",
             "projects_priority_registry_check", "requirements_status_registry_check", "scheduled_jobs_priority_required_check",
             "sessions_identity_required_check"],
            await Column("SELECT conname FROM pg_constraint WHERE connamespace = 'claude'::regnamespace AND NOT convalidated ORDER BY 1"));
        Assert.True(await Scalar<bool>("SELECT to_regclass('claude.sessions_one_active_per_identity') IS NOT NULL"));
        // The user's triggers on messages are still there and enabled.
        Assert.Equal(["trg_message_activity O", "trg_notify_new_message O"], await Column(
            "SELECT tgname || ' ' || tgenabled::text FROM pg_trigger WHERE tgrelid = 'claude.messages'::regclass AND tgname LIKE 'trg%' ORDER BY 1"));
    }

    [Fact]
    public async Task A_database_deployed_by_the_previous_release_is_repaired_without_feed_noise_and_with_every_derived_value_logged()
    {
        await LoadLegacyAsync();
        // The previous release: migrations up to 0009 and the function scripts (without this release's
        // 97_health and 99_security),
        // with log_activity lacking the repair_quiet guard (functions/20 gains it in this release; 0010
        // patches a live one). The session and message triggers of this release write the
        // feed themselves and carry their own guard, as the previous release's row triggers did through
        // log_activity.
        using (var previous = new ScriptFolder())
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "migrations")).Where(f => string.CompareOrdinal(Path.GetFileName(f), "0010") < 0))
                previous.Migration(Path.GetFileName(file), await File.ReadAllTextAsync(file));
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "functions")).Where(f => !f.EndsWith("97_health.sql", StringComparison.Ordinal) && !f.EndsWith("99_security.sql", StringComparison.Ordinal)))
            {
                var text = await File.ReadAllTextAsync(file);
                var guard = !file.EndsWith("20_activity.sql", StringComparison.Ordinal) ? -1
                    : text.IndexOf("    -- The brownfield repair (migration 0010) sets claude.repair_quiet", StringComparison.Ordinal);
                if (guard >= 0)
                    text = text.Remove(guard, text.IndexOf("END IF;", guard, StringComparison.Ordinal) + "END IF;".Length - guard);
                previous.Function(Path.GetFileName(file), text);
            }
            await new MigrationRunner(ConnectionString, new MigrationOptions { Scripts = previous.Source }).MigrateAsync();
        }
        Assert.False(await Scalar<bool>("SELECT strpos(prosrc, 'repair_quiet') > 0 FROM pg_proc WHERE proname = 'log_activity'"));
        var feedBefore = await Scalar<long>("SELECT count(*) FROM claude.activity_feed");
        await RepairAudit.SnapshotAsync(ConnectionString);

        await MigrateAsync();

        // The feed got nothing from the repair; values the triggers derived (updated_at, acknowledged_at) are logged too.
        Assert.Empty(await RepairAudit.ViolationsAsync(ConnectionString));
        Assert.Equal(feedBefore, await Scalar<long>("SELECT count(*) FROM claude.activity_feed"));
        Assert.Contains("acknowledged_at", await Column("SELECT column_name FROM claude.repair_log WHERE reason LIKE 'set by a trigger of claude.messages%'"));
        Assert.Empty((await HealthAsync()).SchemaDrift);
        // The repair's stand-in status trigger is gone although functions/50, unchanged, did not run again.
        Assert.Equal(["sessions_before_write"], await Column(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'claude.sessions'::regclass AND tgname IN ('sessions_before_write', 'sessions_status_during_upgrade')"));
    }

    [Fact]
    public async Task The_online_groundwork_for_0005_changes_nothing_on_a_database_where_0005_already_ran()
    {
        // A database deployed before 0004a existed gets it as a pending script that sorts before applied ones.
        await LoadLegacyAsync();
        await MigrateAsync();
        const string digest =
            """
            SELECT md5(concat_ws('|',
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM claude.sessions t),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM claude.activity_feed t),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM claude.identities t),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM claude.projects t),
                (SELECT string_agg(conrelid::regclass || conname || pg_get_constraintdef(oid) || convalidated, ',' ORDER BY 1)
                   FROM pg_constraint WHERE connamespace = 'claude'::regnamespace),
                (SELECT string_agg(pg_get_indexdef(indexrelid) || indisvalid, ',' ORDER BY 1)
                   FROM pg_index WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'claude'::regnamespace)),
                (SELECT string_agg(tgrelid::regclass || tgname, ',' ORDER BY 1)
                   FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'claude'::regnamespace))))
            """;
        var before = await Scalar<string>(digest);
        await Sql.ExecuteAsync(ConnectionString, "DELETE FROM claude.schemaversions WHERE scriptname = 'migrations/0004a_prepare_0005_online.sql'");

        var result = await MigrateAsync();

        Assert.Contains(result.Scripts, s => s.Name == "migrations/0004a_prepare_0005_online.sql" && s.Action == ScriptAction.Applied);
        Assert.Equal(before, await Scalar<string>(digest));
    }

    [Fact]
    public async Task The_online_groundwork_leaves_the_schema_0005_and_0008_would_have_built_alone()
    {
        // The same legacy database upgraded twice: as shipped, and with 0004a and 0007a renamed to sort
        // after 0008, where they find 0005 and 0008 journaled and do nothing.
        await LoadLegacyAsync();
        var alone = await Server.CreateDatabaseAsync();
        try
        {
            await Sql.ExecuteAsync(alone, await File.ReadAllTextAsync(Repository.TestSql("legacy_database.sql")));
            await Sql.ExecuteAsync(alone, await File.ReadAllTextAsync(Repository.TestSql("brownfield_legacy.sql")));
            using var scripts = new ScriptFolder();
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "migrations")))
            {
                var name = Path.GetFileName(file);
                scripts.Migration(name.StartsWith("0004a", StringComparison.Ordinal) ? "0009y" + name[5..]
                                  : name.StartsWith("0007a", StringComparison.Ordinal) ? "0009z" + name[5..] : name,
                                  await File.ReadAllTextAsync(file));
            }
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "functions")))
                scripts.Function(Path.GetFileName(file), await File.ReadAllTextAsync(file));
            await new MigrationRunner(alone, new MigrationOptions { Scripts = scripts.Source }).MigrateAsync();
            await MigrateAsync();

            const string catalog =
                """
                SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull
                       || ' ' || COALESCE(pg_get_expr(d.adbin, d.adrelid), '') || ' ' || a.attnum || ' ' || COALESCE(col_description(c.oid, a.attnum), '')
                  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
                 WHERE c.relnamespace = 'claude'::regnamespace AND c.relkind IN ('r', 'v') AND c.relname <> 'schemaversions'
                UNION ALL
                SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated
                       || ' ' || COALESCE(obj_description(oid, 'pg_constraint'), '')
                  FROM pg_constraint WHERE connamespace = 'claude'::regnamespace
                UNION ALL
                SELECT 'index ' || pg_get_indexdef(indexrelid) || ' ' || indisvalid
                  FROM pg_index WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'claude'::regnamespace)
                UNION ALL
                SELECT 'trigger ' || pg_get_triggerdef(oid)
                  FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'claude'::regnamespace)
                UNION ALL
                SELECT 'table ' || relname || ' ' || COALESCE(obj_description(oid, 'pg_class'), '')
                  FROM pg_class WHERE relnamespace = 'claude'::regnamespace AND relkind = 'r' AND relname <> 'schemaversions'
                ORDER BY 1
                """;
            var online = await Column(catalog);
            var inOneTransaction = (await Sql.RowsAsync(alone, catalog)).Select(r => (string)r[0]!).ToList();
            Assert.True(online.Count > 1000, $"only {online.Count} catalog entries");
            Assert.Equal(inOneTransaction.Except(online).ToList(), online.Except(inOneTransaction).ToList());
            Assert.Equal(inOneTransaction, online);
        }
        finally
        {
            await Server.DropDatabaseAsync(alone);
        }
    }

    [Fact]
    public async Task Doctor_reports_no_drift_and_exactly_the_data_issues_the_upgrade_could_not_repair()
    {
        await LoadLegacyAsync();
        await MigrateAsync();

        var report = await HealthAsync();

        Assert.Empty(report.SchemaDrift);
        Assert.False(report.Healthy);
        Assert.Equal(
            [
                "orphan_agent_sessions agent_sessions.parent_session_id 2: 50000000-0000-4000-8000-000000000009, 50000000-0000-4000-8000-000000000010",
                "rule_broken_by_old_rows knowledge.knowledge_confidence_range_check 2: a0000000-0000-4000-8000-000000000002, a0000000-0000-4000-8000-000000000005",
                "rule_broken_by_old_rows messages.messages_priority_required_check 1: 60000000-0000-4000-8000-000000000006",
                "rule_broken_by_old_rows messages.messages_sender_required_check 1: 60000000-0000-4000-8000-000000000008",
                "rule_broken_by_old_rows scheduled_jobs.scheduled_jobs_priority_required_check 1: 70000000-0000-4000-8000-000000000004",
                "rule_broken_by_old_rows sessions.sessions_identity_required_check 1: 30000000-0000-4000-8000-000000000036",
                "sessions_without_identity sessions.identity_id 1: 30000000-0000-4000-8000-000000000036",
                "values_outside_registry build_tasks.status 1: wip",
                "values_outside_registry projects.priority 2: 0, 9",
                "values_outside_registry requirements.status 3: completed, draft, in_progress",
            ],
            report.DataIssues.Select(i => $"{i.Issue} {i.Table}.{i.Constraint ?? i.Column} {i.Count}: {string.Join(", ", i.Samples)}").Order(StringComparer.Ordinal));

        // A stricter threshold finds the session started an hour ago.
        await using var client = new ClaudeDbClient(ConnectionString);
        Assert.Contains((await client.Health.CheckAsync(staleHours: 1)).DataIssues, i => i is { Issue: "stale_active_sessions", Count: 1 });
        await Assert.ThrowsAsync<InvalidValueException>(() => client.Health.CheckAsync(staleHours: 0));
    }

    [Fact]
    public async Task The_existing_listener_still_hears_a_message_inserted_after_the_upgrade()
    {
        await LoadLegacyAsync();
        await MigrateAsync();

        await using var listener = await NotificationListener.ListenAsync(ConnectionString, "claude_messages");
        var message = await Scalar<Guid>(
            "INSERT INTO claude.messages (from_session_id, to_project, message_type, subject, body) VALUES ('30000000-0000-4000-8000-000000000028', 'claude-family', 'broadcast', 'After the upgrade', 'b') RETURNING message_id");
        await listener.HearAsync(message.ToString());
        Assert.Equal(1L, await Scalar<long>("SELECT count(*) FROM claude.activity_feed WHERE source_id = $1", message));
    }

    [Fact]
    public async Task Undo_repair_puts_the_old_values_back_and_refuses_what_it_cannot_undo()
    {
        await LoadLegacyAsync();
        await MigrateAsync();

        // Session 7's project name: the name and the id the same repair set come back together.
        var repair = await Scalar<long>("SELECT repair_id FROM claude.repair_log WHERE table_name = 'sessions' AND row_key = '30000000-0000-4000-8000-000000000007' AND column_name = 'project_name'");
        await Sql.ExecuteAsync(ConnectionString, $"CALL claude.undo_repair({repair})");
        Assert.Equal(["ato_tax_agent", null], (await Sql.RowsAsync(ConnectionString, "SELECT project_name, project_id FROM claude.sessions WHERE session_id = '30000000-0000-4000-8000-000000000007'"))[0]);
        Assert.Equal(2L, await Scalar<long>("SELECT count(*) FROM claude.repair_log WHERE row_key = '30000000-0000-4000-8000-000000000007' AND undone_at IS NOT NULL"));
        Assert.Contains((await HealthAsync()).DataIssues, i => i is { Issue: "project_name_variants", Count: 1 });

        async Task<PostgresException> Refused(string sql) => await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(ConnectionString, sql));
        Assert.Equal("CD003", (await Refused($"CALL claude.undo_repair({repair})")).SqlState);                 // already undone
        Assert.Equal("CD002", (await Refused("CALL claude.undo_repair(-1)")).SqlState);
        var inserted = await Scalar<long>("SELECT repair_id FROM claude.repair_log WHERE column_name = '*' AND table_name = 'projects'");
        Assert.Equal("CD003", (await Refused($"CALL claude.undo_repair({inserted})")).SqlState);           // rows are never deleted
        // Session 3's summary: the rule "a closed session has a summary" holds for every row now, so NULL cannot come back.
        var summary = await Scalar<long>("SELECT repair_id FROM claude.repair_log WHERE row_key = '30000000-0000-4000-8000-000000000003' AND column_name = 'session_summary'");
        var error = await Refused($"CALL claude.undo_repair({summary})");
        Assert.Equal("CD003", error.SqlState);
        Assert.Contains("sessions_summary_required_check", error.MessageText, StringComparison.Ordinal);
        // A value changed after the repair is not overwritten.
        var status = await Scalar<long>("SELECT repair_id FROM claude.repair_log WHERE table_name = 'build_tasks' AND row_key = 'e0000000-0000-4000-8000-000000000003'");
        await Sql.ExecuteAsync(ConnectionString, "UPDATE claude.build_tasks SET status = 'in_progress' WHERE task_id = 'e0000000-0000-4000-8000-000000000003'");
        Assert.Equal("CD003", (await Refused($"CALL claude.undo_repair({status})")).SqlState);
    }
}
