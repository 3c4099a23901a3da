using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

public sealed class RegistryTests : DatabaseApiTest
{
    [Theory]
    // seed 003 wins over seed 001
    [InlineData("features", "status", """["draft", "planned", "in_progress", "blocked", "completed", "cancelled"]""")]
    [InlineData("feedback", "status", """["new", "triaged", "in_progress", "resolved", "wont_fix", "duplicate"]""")]
    [InlineData("build_tasks", "status", """["pending", "in_progress", "blocked", "completed", "cancelled"]""")]
    // seed 001
    [InlineData("sessions", "status", """["active", "ended", "abandoned"]""")]
    [InlineData("projects", "status", """["active", "paused", "archived", "completed"]""")]
    [InlineData("projects", "phase", """["idea", "research", "planning", "implementation", "maintenance", "archived"]""")]
    [InlineData("projects", "priority", "[1, 2, 3, 4, 5]")]
    [InlineData("feedback", "feedback_type", """["bug", "design", "question", "change"]""")]
    // seed 004
    [InlineData("identities", "status", """["active", "archived"]""")]
    [InlineData("messages", "status", """["pending", "read", "acknowledged", "expired"]""")]
    [InlineData("messages", "priority", """["urgent", "normal", "low"]""")]
    [InlineData("messages", "message_type", """["task_request", "status_update", "notification", "broadcast", "question", "handoff"]""")]
    [InlineData("scheduled_jobs", "job_type", """["maintenance", "sync", "backup", "audit", "health_check", "indexer", "security"]""")]
    [InlineData("scheduled_jobs", "trigger_type", """["session_start", "schedule", "on_demand", "session_end"]""")]
    [InlineData("scheduled_jobs", "last_status", """["SUCCESS", "FAILED", "TIMEOUT", "SKIPPED", "RUNNING"]""")]
    [InlineData("reminders", "status", """["pending", "done", "dismissed", "expired"]""")]
    [InlineData("reminders", "check_type", """["manual", "sql_query", "file_exists", "table_empty"]""")]
    [InlineData("activity_feed", "source_type", """["session", "message", "job", "test", "feedback", "commit", "alert", "identity", "project", "agent", "feature", "build_task", "requirement"]""")]
    [InlineData("activity_feed", "severity", """["info", "success", "warning", "error"]""")]
    [InlineData("knowledge", "knowledge_type", """["pattern", "gotcha", "best-practice", "bug-fix", "reference", "architecture", "troubleshooting", "api-reference"]""")]
    public async Task The_registry_holds_the_seed_values_and_a_validated_check_derived_from_them(string table, string column, string values)
    {
        Assert.True(await Scalar<bool>("SELECT claude.get_valid_values($1, $2) = $3::jsonb", table, column, values));
        // data_type is the real column type.
        Assert.True(await Scalar<bool>(
            """
            SELECT r.data_type = format_type(a.atttypid, a.atttypmod)
              FROM claude.column_registry r
              JOIN pg_attribute a ON a.attrelid = format('claude.%I', r.table_name)::regclass AND a.attname = r.column_name
             WHERE r.table_name = $1 AND r.column_name = $2
            """, table, column));
        Assert.True(await Scalar<bool>(
            "SELECT convalidated FROM pg_constraint WHERE conrelid = format('claude.%I', $1::text)::regclass AND conname = $1 || '_' || $2 || '_registry_check'",
            table, column));
    }

    [Fact]
    public async Task A_value_outside_the_registry_is_refused_by_the_derived_check()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            Execute("INSERT INTO claude.projects (project_name, status) VALUES ('p1', 'ACTIVE')"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal("projects_status_registry_check", error.ConstraintName);
        await Execute("INSERT INTO claude.projects (project_name, status, priority) VALUES ('p2', 'paused', 5)");
        error = await Assert.ThrowsAsync<PostgresException>(() =>
            Execute("INSERT INTO claude.projects (project_name, priority) VALUES ('p3', 0)"));
        Assert.Equal("projects_priority_registry_check", error.ConstraintName);
    }

    [Fact]
    public async Task Get_valid_values_refuses_unknown_and_blank_columns()
    {
        var unknown = await Refused("CD002", "SELECT claude.get_valid_values('sessions', 'colour')");
        Assert.Contains("sessions.colour", unknown.MessageText, StringComparison.Ordinal);
        Assert.Contains("status", unknown.Hint, StringComparison.Ordinal);
        await Refused("CD005", "SELECT claude.get_valid_values('', 'status')");
        await Refused("CD005", "SELECT claude.get_valid_values('sessions', NULL)");
    }

    [Fact]
    public async Task Assert_valid_value_raises_CD001_naming_the_value_and_listing_the_valid_ones()
    {
        var error = await Refused("CD001", "SELECT claude.assert_valid_value('sessions', 'status', 'paused')");
        Assert.Equal("'paused' is not a valid sessions.status", error.MessageText);
        Assert.Equal("valid values: active, ended, abandoned", error.Hint);
        await Scalar<object>("SELECT claude.assert_valid_value('sessions', 'status', 'ended')");
        await Scalar<object>("SELECT claude.assert_valid_value('projects', 'priority', '3')");
        await Refused("CD001", "SELECT claude.assert_valid_value('projects', 'priority', '6')");
    }

    [Fact]
    public async Task Changing_a_registry_row_records_history_and_rederives_its_check_leaving_other_checks_alone()
    {
        await Execute("ALTER TABLE claude.projects ADD CONSTRAINT projects_status_not_x CHECK (status <> 'x')");
        await Execute("UPDATE claude.column_registry SET valid_values = valid_values || '[\"on_hold\"]' WHERE table_name = 'projects' AND column_name = 'status'");

        await Execute("INSERT INTO claude.projects (project_name, status) VALUES ('held', 'on_hold')");
        var history = Assert.Single(await Rows(
            "SELECT old_values::text, new_values::text, changed_by IS NOT NULL FROM claude.column_registry_history WHERE table_name = 'projects' AND column_name = 'status' AND old_values IS NOT NULL"));
        Assert.Equal(["""["active", "paused", "archived", "completed"]""", """["active", "paused", "archived", "completed", "on_hold"]""", true], history);
        Assert.True(await Scalar<bool>("SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'projects_status_not_x')"));
        Assert.Equal(0, await Scalar<int>("SELECT claude.refresh_registry_constraints()"));

        // Removing a value that rows still use: the new check stays NOT VALID, and new writes are checked.
        await Execute("UPDATE claude.column_registry SET valid_values = '[\"active\", \"archived\"]' WHERE table_name = 'projects' AND column_name = 'status'");
        Assert.False(await Scalar<bool>("SELECT convalidated FROM pg_constraint WHERE conname = 'projects_status_registry_check'"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => Execute("INSERT INTO claude.projects (project_name, status) VALUES ('p', 'paused')"));
        Assert.Equal("projects_status_registry_check", error.ConstraintName);

        // Once the rows are repaired, a refresh validates it.
        await Execute("UPDATE claude.projects SET status = 'archived' WHERE project_name = 'held'");
        await Scalar<int>("SELECT claude.refresh_registry_constraints('projects', 'status')");
        Assert.True(await Scalar<bool>("SELECT convalidated FROM pg_constraint WHERE conname = 'projects_status_registry_check'"));
    }

    [Fact]
    public async Task Refresh_replaces_a_check_whose_list_changed_and_drops_it_with_its_registry_row()
    {
        await Execute(
            """
            ALTER TABLE claude.column_registry DISABLE TRIGGER column_registry_refresh_constraints;
            UPDATE claude.column_registry SET valid_values = '["idea", "research", "sketch"]' WHERE table_name = 'projects' AND column_name = 'phase';
            ALTER TABLE claude.column_registry ENABLE TRIGGER column_registry_refresh_constraints;
            """);
        // Without the refresh the old check still refuses the new value.
        await Assert.ThrowsAsync<PostgresException>(() => Execute("INSERT INTO claude.projects (project_name, phase) VALUES ('p1', 'sketch')"));
        Assert.Equal(1, await Scalar<int>("SELECT claude.refresh_registry_constraints('projects', 'phase')"));
        await Execute("INSERT INTO claude.projects (project_name, phase) VALUES ('p1', 'sketch')");
        await Assert.ThrowsAsync<PostgresException>(() => Execute("INSERT INTO claude.projects (project_name, phase) VALUES ('p2', 'planning')"));

        await Execute("DELETE FROM claude.column_registry WHERE table_name = 'projects' AND column_name = 'phase'");
        Assert.Equal(0L, await Count("SELECT count(*) FROM pg_constraint WHERE conname = 'projects_phase_registry_check'"));
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.column_registry_history WHERE table_name = 'projects' AND column_name = 'phase' AND new_values IS NULL"));
        await Execute("INSERT INTO claude.projects (project_name, phase) VALUES ('p2', 'planning')");
    }

    [Fact]
    public async Task A_new_registry_row_gets_its_check_at_once()
    {
        await Execute(
            """
            INSERT INTO claude.column_registry (table_name, column_name, data_type, valid_values)
            VALUES ('workspaces', 'project_type', 'character varying(50)', '["web-app", "infrastructure"]')
            """);
        await Execute("INSERT INTO claude.workspaces (project_name, project_type) VALUES ('w', 'web-app')");
        var error = await Assert.ThrowsAsync<PostgresException>(() => Execute("INSERT INTO claude.workspaces (project_name, project_type) VALUES ('w', 'cli')"));
        Assert.Equal("workspaces_project_type_registry_check", error.ConstraintName);
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.column_registry_history WHERE table_name = 'workspaces' AND old_values IS NULL"));
    }

    [Fact]
    public async Task A_check_left_not_valid_is_announced_with_a_notice_naming_the_offending_values()
    {
        await Execute("INSERT INTO claude.projects (project_name, phase) VALUES ('p', 'idea')");
        var notices = new List<string>();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await using (var command = new NpgsqlCommand(
                         "UPDATE claude.column_registry SET valid_values = '[\"research\", \"planning\"]' WHERE table_name = 'projects' AND column_name = 'phase'", connection))
            await command.ExecuteNonQueryAsync();

        Assert.Contains(notices, n => n.Contains("projects_phase_registry_check stays NOT VALID", StringComparison.Ordinal) && n.Contains("'idea'", StringComparison.Ordinal));
    }
}
