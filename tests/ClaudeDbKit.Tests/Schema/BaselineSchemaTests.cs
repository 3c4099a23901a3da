using ClaudeDbKit.Migrations;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Schema;

public sealed class BaselineSchemaTests : EmptyDatabaseTest
{
    private static readonly string[] SeedTables =
    [
        "sessions", "identities", "projects", "workspaces", "agent_sessions", "messages", "scheduled_jobs",
        "job_run_history", "reminders", "activity_feed", "knowledge", "features", "feedback", "feedback_comments",
        "build_tasks", "requirements", "components", "column_registry",
    ];

    // A sample of documented columns per table (seed 004 tables, seed 003, existing-database.md).
    private static readonly (string Table, string Column, string Type)[] DocumentedColumns =
    [
        ("sessions", "session_id", "uuid"), ("sessions", "identity_id", "uuid"), ("sessions", "project_name", "character varying"),
        ("sessions", "session_start", "timestamp without time zone"), ("sessions", "tasks_completed", "ARRAY"),
        ("sessions", "status", "character varying"), ("sessions", "project_id", "uuid"),
        ("identities", "capabilities", "jsonb"), ("identities", "last_active_at", "timestamp without time zone"),
        ("agent_sessions", "parent_session_id", "uuid"), ("workspaces", "id", "integer"),
        ("messages", "to_project", "character varying"), ("messages", "thread_id", "uuid"), ("messages", "expires_at", "timestamp without time zone"),
        ("scheduled_jobs", "trigger_condition", "jsonb"), ("scheduled_jobs", "priority", "integer"),
        ("reminders", "check_after", "timestamp without time zone"), ("reminders", "reschedule_days", "integer"),
        ("activity_feed", "severity", "character varying"), ("knowledge", "applies_to_projects", "ARRAY"),
        ("knowledge", "confidence_level", "integer"), ("features", "short_code", "integer"),
        ("build_tasks", "project_id", "uuid"), ("requirements", "created_session_id", "uuid"),
        ("column_registry", "valid_values", "jsonb"),
    ];

    private Task<MigrationResult> MigrateAsync() => new MigrationRunner(ConnectionString).MigrateAsync();

    [Fact]
    public async Task A_fresh_database_gets_every_seed_table_with_its_documented_columns()
    {
        await MigrateAsync();

        foreach (var table in SeedTables)
            Assert.True(await Sql.ScalarAsync<bool>(ConnectionString, "SELECT to_regclass('claude.' || $1) IS NOT NULL", table), $"claude.{table} missing");
        foreach (var (table, column, type) in DocumentedColumns)
        {
            var actual = await Sql.ScalarAsync<string>(ConnectionString,
                "SELECT data_type::text FROM information_schema.columns WHERE table_schema = 'claude' AND table_name = $1 AND column_name = $2", table, column);
            Assert.True(type == actual, $"claude.{table}.{column}: expected {type}, found {actual ?? "no column"}");
        }
        Assert.Empty((await MigrateAsync()).Scripts);
    }

    [Fact]
    public async Task A_legacy_database_is_migrated_without_losing_a_row_or_retyping_a_column()
    {
        await Sql.ExecuteAsync(ConnectionString, await File.ReadAllTextAsync(Repository.TestSql("legacy_database.sql")));
        var countsBefore = await RowCountsAsync();
        var columnsBefore = await ColumnsAsync();
        var triggersBefore = await Sql.RowsAsync(ConnectionString,
            "SELECT tgname::text, tgenabled::text FROM pg_trigger WHERE tgrelid = 'claude.messages'::regclass AND NOT tgisinternal ORDER BY 1");
        Assert.Null(await Sql.ScalarAsync<string>(ConnectionString, "SELECT to_regclass('claude.feedback_comments')::text"));

        await MigrateAsync();

        var countsAfter = await RowCountsAsync();
        var inserted = (await Sql.RowsAsync(ConnectionString, "SELECT table_name, count(*) FROM claude.repair_log WHERE column_name = '*' GROUP BY 1"))
            .ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
        foreach (var (table, before) in countsBefore)
        {
            // The registry gains the seeds' rows by design; every other table keeps exactly its rows, plus the
            // rows the brownfield repair inserted and logged (a placeholder identity, projects for unmatched names).
            if (table == "column_registry")
                Assert.True(countsAfter[table] >= before, $"claude.{table} lost rows");
            else
                Assert.True(countsAfter[table] == before + inserted.GetValueOrDefault(table),
                    $"claude.{table}: {before} rows before, {countsAfter[table]} after, {inserted.GetValueOrDefault(table)} inserted by the repair");
        }
        var columnsAfter = await ColumnsAsync();
        // Seed 003 makes project_id NOT NULL on features and feedback when no row lacks it; no type changes anywhere.
        string[] madeNotNull = ["claude.features.project_id", "claude.feedback.project_id"];
        foreach (var (column, type) in columnsBefore)
        {
            var expected = madeNotNull.Contains(column) && !type.EndsWith(" not null", StringComparison.Ordinal) ? type + " not null" : type;
            Assert.True(columnsAfter.TryGetValue(column, out var after) && after == expected, $"{column} was {type}, is {after ?? "gone"}");
        }
        Assert.Contains("claude.sessions.status", columnsAfter.Keys);
        Assert.Contains("claude.agent_sessions.parent_session_id", columnsAfter.Keys);
        Assert.NotNull(await Sql.ScalarAsync<string>(ConnectionString, "SELECT to_regclass('claude.feedback_comments')::text"));
        // The user's own triggers stay, enabled; the toolkit adds its own beside them.
        var triggersAfter = await Sql.RowsAsync(ConnectionString,
            "SELECT tgname::text, tgenabled::text FROM pg_trigger WHERE tgrelid = 'claude.messages'::regclass AND NOT tgisinternal ORDER BY 1");
        Assert.All(triggersBefore, t => Assert.Contains(triggersAfter, a => a.SequenceEqual(t)));
        Assert.Empty((await MigrateAsync()).Scripts);
    }

    [Fact]
    public async Task Existing_rows_keep_their_values_and_new_rows_get_documented_defaults()
    {
        await Sql.ExecuteAsync(ConnectionString, await File.ReadAllTextAsync(Repository.TestSql("legacy_database.sql")));
        await RepairAudit.SnapshotAsync(ConnectionString);

        await MigrateAsync();

        // Old values are untouched except those the brownfield repair changed, each logged with its old value
        // (Brownfield/BrownfieldUpgradeTests); new columns such as status and project_id are derived.
        Assert.Empty(await RepairAudit.ViolationsAsync(ConnectionString));

        await Sql.ExecuteAsync(ConnectionString, "INSERT INTO claude.reminders (title, check_after) VALUES ('new row', now())");
        var row = Assert.Single(await Sql.RowsAsync(ConnectionString,
            "SELECT reminder_id IS NOT NULL, status, reschedule_days, max_reminders, reminder_count FROM claude.reminders WHERE title = 'new row'"));
        Assert.Equal([true, "pending", 7, 3, 0], row);
    }

    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        var counts = new Dictionary<string, long>();
        foreach (var row in await Sql.RowsAsync(ConnectionString,
                     "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'claude' AND table_type = 'BASE TABLE' AND table_name <> 'schemaversions'"))
        {
            var table = (string)row[0]!;
            counts[table] = await Sql.ScalarAsync<long>(ConnectionString, $"SELECT count(*) FROM claude.\"{table}\"");
        }
        return counts.Where(c => c.Key != "feedback_comments").ToDictionary();
    }

    private async Task<Dictionary<string, string>> ColumnsAsync() =>
        (await Sql.RowsAsync(ConnectionString,
            """
            SELECT table_schema || '.' || table_name || '.' || column_name,
                   format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
            FROM information_schema.columns c
            JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
            WHERE c.table_schema IN ('claude', 'claude_family', 'claude_pm')
            """))
        .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
}
