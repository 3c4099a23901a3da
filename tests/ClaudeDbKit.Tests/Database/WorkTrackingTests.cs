using System.Text.Json;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

public sealed class WorkTrackingTests : DatabaseApiTest
{
    private const string WorkStateSql =
        """
        SELECT md5(string_agg(j, E'\n' ORDER BY j)) FROM (
            SELECT 'f' || to_jsonb(t)::text AS j FROM claude.features t
            UNION ALL SELECT 'b' || to_jsonb(t)::text FROM claude.feedback t
            UNION ALL SELECT 't' || to_jsonb(t)::text FROM claude.build_tasks t
            UNION ALL SELECT 'r' || to_jsonb(t)::text FROM claude.requirements t
            UNION ALL SELECT 'c' || to_jsonb(t)::text FROM claude.components t
        ) x
        """;

    // The API validates before it inserts, so a refused call does not even consume a short code.
    private const string SequencesSql =
        "SELECT format('%s/%s/%s', (SELECT last_value FROM claude.features_short_code_seq), (SELECT last_value FROM claude.feedback_short_code_seq), (SELECT last_value FROM claude.build_tasks_short_code_seq))";

    private async Task WorkRefused(string sqlState, string sql, bool directWrite = false)
    {
        // A direct INSERT evaluates the short_code default before the triggers refuse it: a sequence never rolls back.
        var sequences = directWrite ? "SELECT ''" : SequencesSql;
        var before = (await StateAsync(), await Scalar<string>(WorkStateSql), await Scalar<string>(sequences));
        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<object>(ConnectionString, sql));
        Assert.True(sqlState == error.SqlState, $"expected {sqlState}, got {error.SqlState}: {error.MessageText} ({sql})");
        Assert.False(string.IsNullOrWhiteSpace(error.Hint), $"no hint for {sql}");
        Assert.Equal(before, (await StateAsync(), await Scalar<string>(WorkStateSql), await Scalar<string>(sequences)));
    }

    private async Task<Guid> Project(string name, bool archived = false) =>
        await Scalar<Guid>("INSERT INTO claude.projects (project_id, project_name, status, is_archived) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING project_id",
            name, archived ? "archived" : "active", archived);

    private async Task<JsonElement> Item(string code) =>
        JsonDocument.Parse((await Scalar<string>("SELECT claude.get_work_item($1)::text", code))!).RootElement;

    [Fact]
    public async Task A_feature_its_tasks_and_requirements_are_created_and_moved_through_their_statuses()
    {
        var project = await Project("ATO-Tax-Agent");
        var identity = await RegisterIdentity("claude-worker");
        var session = await StartSession(identity, "ato-tax-agent");

        Assert.Equal("F1", await Scalar<string>("SELECT claude.create_feature('ato-tax-agent', ' Login page ', 'Users sign in', 2, $1)", session));
        Assert.Equal("F2", await Scalar<string>($"SELECT claude.create_feature('{project}', 'Reports')"));
        Assert.Equal("BT1", await Scalar<string>("SELECT claude.create_build_task('f1', 'Form', p_priority => 1)"));
        var feature = await Scalar<Guid>("SELECT feature_id FROM claude.features WHERE short_code = 1");
        Assert.Equal("BT2", await Scalar<string>($"SELECT claude.create_build_task('{feature}', 'API')"));
        var requirement = await Scalar<Guid>("SELECT claude.add_requirement('F1', 'A user with a password can sign in')");

        Assert.Equal([project, "Login page", "draft", 2, session, false, false],
            Assert.Single(await Rows("SELECT project_id, feature_name, status, priority, created_session_id, started_at IS NOT NULL, completed_at IS NOT NULL FROM claude.features WHERE short_code = 1")));
        Assert.Equal([[project, feature, "pending", 1], [project, feature, "pending", 3]],
            await Rows("SELECT project_id, feature_id, status, priority FROM claude.build_tasks ORDER BY short_code"));
        Assert.Equal([project, "pending"], Assert.Single(await Rows($"SELECT project_id, status FROM claude.requirements WHERE requirement_id = '{requirement}'")));

        await Execute("SELECT claude.set_work_item_status('F1', 'in_progress')");
        await Execute("SELECT claude.set_work_item_status('bt1', 'in_progress')");
        await Execute("SELECT claude.set_work_item_status('BT1', 'completed')");
        await Execute("SELECT claude.set_work_item_status('BT2', 'cancelled')");
        await Execute($"SELECT claude.set_work_item_status('{requirement}', 'met')");
        await Execute("SELECT claude.set_work_item_status('F1', 'completed')");

        Assert.Equal(["completed", true, true, true],
            Assert.Single(await Rows("SELECT status, started_at IS NOT NULL, completed_at IS NOT NULL, started_at <= completed_at FROM claude.features WHERE short_code = 1")));
        Assert.Equal([["completed", true, true], ["cancelled", false, false]],
            await Rows("SELECT status, started_at IS NOT NULL, completed_at IS NOT NULL FROM claude.build_tasks ORDER BY short_code"));
        Assert.Equal("met", await Scalar<string>($"SELECT status FROM claude.requirements WHERE requirement_id = '{requirement}'"));

        // Reopening clears completed_at, keeps started_at.
        await Execute("SELECT claude.set_work_item_status('F1', 'in_progress')");
        Assert.Equal([true, false], Assert.Single(await Rows("SELECT started_at IS NOT NULL, completed_at IS NOT NULL FROM claude.features WHERE short_code = 1")));

        Assert.Equal(
            ["feature_created", "feature_created", "build_task_created", "build_task_created",
             "feature_status_changed", "build_task_status_changed", "build_task_status_changed", "build_task_status_changed", "feature_status_changed", "feature_status_changed"],
            (await Rows("SELECT activity_type FROM claude.activity_feed WHERE source_type IN ('feature', 'build_task') ORDER BY created_at, id")).Select(r => (string)r[0]!).ToList());
        Assert.Equal(["F1 in_progress -> completed: Login page", "success", "ATO-Tax-Agent"],
            Assert.Single(await Rows("SELECT title, severity, project_name FROM claude.activity_feed WHERE activity_type = 'feature_status_changed' AND title LIKE '%-> completed%'")));
    }

    [Fact]
    public async Task Feedback_is_created_resolved_and_reopened_with_resolved_at_following_the_status()
    {
        await Project("claude-family");
        Assert.Equal("FB1", await Scalar<string>("SELECT claude.create_feedback('CLAUDE-FAMILY', 'bug', 'Button misaligned', 'Login button')"));
        Assert.Equal("FB2", await Scalar<string>("SELECT claude.create_feedback('claude-family', 'question', 'Why two hooks?')"));
        Assert.Equal(["bug", "Login button", "new", false], Assert.Single(await Rows("SELECT feedback_type, title, status, resolved_at IS NOT NULL FROM claude.feedback WHERE short_code = 1")));
        await Execute("SELECT claude.set_work_item_status('fb1', 'triaged')");
        await Execute("SELECT claude.set_work_item_status('FB1', 'resolved')");
        Assert.True(await Scalar<bool>("SELECT resolved_at IS NOT NULL FROM claude.feedback WHERE short_code = 1"));
        await Execute("SELECT claude.set_work_item_status('FB1', 'in_progress')");
        Assert.True(await Scalar<bool>("SELECT resolved_at IS NULL FROM claude.feedback WHERE short_code = 1"));
        Assert.Equal(1, await Count("SELECT count(*) FROM claude.activity_feed WHERE activity_type = 'feedback_created' AND title = 'New bug FB1: Login button'"));
        Assert.Equal(3, await Count("SELECT count(*) FROM claude.activity_feed WHERE activity_type = 'feedback_status_changed'"));
    }

    [Fact]
    public async Task Invalid_statuses_unknown_projects_unknown_codes_and_cross_project_mistakes_are_refused_and_change_nothing()
    {
        var project = await Project("alpha");
        var other = await Project("beta");
        await Project("old-stuff", archived: true);
        await Execute("SELECT claude.create_feature('alpha', 'One')");
        await Execute("SELECT claude.create_feature('beta', 'Two')");
        await Execute("SELECT claude.create_build_task('F1', 'Task')");
        await Execute("SELECT claude.create_feedback('alpha', 'bug', 'Broken')");
        var featureTwo = await Scalar<Guid>("SELECT feature_id FROM claude.features WHERE short_code = 2");

        // Invalid statuses (registered values only, per kind).
        await WorkRefused("CD001", "SELECT claude.set_work_item_status('F1', 'done')");
        await WorkRefused("CD001", "SELECT claude.set_work_item_status('F1', 'pending')");
        await WorkRefused("CD001", "SELECT claude.set_work_item_status('BT1', 'todo')");
        await WorkRefused("CD001", "SELECT claude.set_work_item_status('FB1', 'closed')");
        await WorkRefused("CD001", "SELECT claude.set_work_item_status('F1', 'In_Progress')");
        await WorkRefused("CD005", "SELECT claude.set_work_item_status('F1', ' ')");
        await WorkRefused("CD005", "SELECT claude.set_work_item_status('F1', NULL)");
        // Unknown projects.
        await WorkRefused("CD002", "SELECT claude.create_feature('gamma', 'X')");
        await WorkRefused("CD002", "SELECT claude.create_feature(gen_random_uuid()::text, 'X')");
        await WorkRefused("CD002", "SELECT claude.create_feedback('gamma', 'bug', 'x')");
        await WorkRefused("CD005", "SELECT claude.create_feature(' ', 'X')");
        await WorkRefused("CD003", "SELECT claude.create_feature('old-stuff', 'X')");
        // Unknown and malformed codes.
        await WorkRefused("CD002", "SELECT claude.set_work_item_status('F99', 'planned')");
        await WorkRefused("CD002", "SELECT claude.set_work_item_status('BT99', 'completed')");
        await WorkRefused("CD002", "SELECT claude.set_work_item_status(gen_random_uuid()::text, 'met')");
        await WorkRefused("CD002", "SELECT claude.get_work_item('FB42')");
        await WorkRefused("CD002", "SELECT claude.create_build_task('F77', 'x')");
        await WorkRefused("CD002", "SELECT claude.add_requirement(gen_random_uuid()::text, 'x')");
        await WorkRefused("CD001", "SELECT claude.get_work_item('X1')");
        await WorkRefused("CD001", "SELECT claude.get_work_item('F-1')");
        await WorkRefused("CD001", "SELECT claude.get_work_item('F1; DROP TABLE claude.features')");
        await WorkRefused("CD001", "SELECT claude.create_build_task('FB1', 'x')");
        await WorkRefused("CD005", "SELECT claude.get_work_item('')");
        // Other invalid arguments.
        await WorkRefused("CD005", "SELECT claude.create_feature('alpha', '  ')");
        await WorkRefused("CD001", "SELECT claude.create_feature('alpha', repeat('x', 201))");
        await WorkRefused("CD001", "SELECT claude.create_feature('alpha', 'X', p_priority => 0)");
        await WorkRefused("CD001", "SELECT claude.create_build_task('F1', 'X', p_priority => 6)");
        await WorkRefused("CD002", "SELECT claude.create_feature('alpha', 'X', p_session_id => gen_random_uuid())");
        await WorkRefused("CD001", "SELECT claude.create_feedback('alpha', 'Bug', 'x')");
        await WorkRefused("CD005", "SELECT claude.create_feedback('alpha', NULL, 'x')");
        await WorkRefused("CD005", "SELECT claude.create_feedback('alpha', 'bug', ' ')");
        // States: open tasks block completion; a cancelled feature takes no new work.
        await WorkRefused("CD003", "SELECT claude.set_work_item_status('F1', 'completed')");
        await Execute("SELECT claude.set_work_item_status('F2', 'cancelled')");
        await WorkRefused("CD003", "SELECT claude.create_build_task('F2', 'x')");
        await WorkRefused("CD003", "SELECT claude.add_requirement('F2', 'x')");
        // Cross-project mistakes, by any writer.
        await WorkRefused("CD001", $"INSERT INTO claude.build_tasks (task_name, feature_id, project_id) VALUES ('x', '{featureTwo}', '{project}')", directWrite: true);
        await WorkRefused("CD001", $"UPDATE claude.build_tasks SET project_id = '{other}' WHERE short_code = 1");
        await WorkRefused("CD001", $"INSERT INTO claude.requirements (requirement_name, feature_id, project_id) VALUES ('x', '{featureTwo}', '{project}')");
        // Short codes are permanent.
        await WorkRefused("CD003", "UPDATE claude.features SET short_code = 50 WHERE short_code = 1");
    }

    [Fact]
    public async Task Get_work_item_resolves_each_kind_case_insensitively_with_project_and_parent_feature()
    {
        var project = await Project("Mission-Control");
        await Execute("SELECT claude.create_feature('mission-control', 'Dashboard', 'Shows state')");
        await Execute("SELECT claude.create_build_task('F1', 'Grid', p_priority => 2)");
        var requirement = await Scalar<Guid>("SELECT claude.add_requirement('F1', 'Loads in 1 s')");
        await Execute("SELECT claude.create_feedback('mission-control', 'design', 'Too dense', 'Density')");

        var feature = await Item(" f1 ");
        Assert.Equal("F1", feature.GetProperty("code").GetString());
        Assert.Equal("feature", feature.GetProperty("kind").GetString());
        Assert.Equal("Dashboard", feature.GetProperty("name").GetString());
        Assert.Equal(project, feature.GetProperty("project").GetProperty("id").GetGuid());
        Assert.Equal("Mission-Control", feature.GetProperty("project").GetProperty("name").GetString());
        Assert.Equal("BT1", Assert.Single(feature.GetProperty("tasks").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(requirement, Assert.Single(feature.GetProperty("requirements").EnumerateArray()).GetProperty("id").GetGuid());

        var task = await Item("bt1");
        Assert.Equal(("build_task", "Grid", 2), (task.GetProperty("kind").GetString(), task.GetProperty("name").GetString(), task.GetProperty("priority").GetInt32()));
        Assert.Equal("F1", task.GetProperty("feature").GetProperty("code").GetString());
        Assert.Equal("Mission-Control", task.GetProperty("project").GetProperty("name").GetString());

        var feedback = await Item("Fb1");
        Assert.Equal(("feedback", "design", "Density", "new"),
            (feedback.GetProperty("kind").GetString(), feedback.GetProperty("feedback_type").GetString(), feedback.GetProperty("name").GetString(), feedback.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_task_without_a_project_takes_its_features_and_moving_a_feature_moves_its_work()
    {
        await Project("alpha");
        var beta = await Project("beta");
        await Execute("SELECT claude.create_feature('alpha', 'One')");
        var feature = await Scalar<Guid>("SELECT feature_id FROM claude.features WHERE short_code = 1");
        await Execute($"INSERT INTO claude.build_tasks (task_name, feature_id) VALUES ('direct', '{feature}')");
        await Execute("SELECT claude.add_requirement('F1', 'r')");
        await Execute($"UPDATE claude.features SET project_id = '{beta}' WHERE feature_id = '{feature}'");
        Assert.Equal([[beta]], await Rows("SELECT DISTINCT project_id FROM (SELECT project_id FROM claude.build_tasks UNION ALL SELECT project_id FROM claude.requirements) x"));
    }

    [Fact]
    public async Task Concurrent_creators_get_distinct_consecutive_codes()
    {
        await Project("alpha");
        var results = await Concurrently(8, async c =>
        {
            await using var command = new NpgsqlCommand("SELECT claude.create_feature('alpha', 'parallel')", c);
            return (string?)await command.ExecuteScalarAsync();
        });
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"F{i}").Order(), results.Order());
    }

    [Fact]
    public async Task Views_answer_seed_001s_key_queries()
    {
        var alpha = await Project("alpha");
        var beta = await Project("beta");
        var archived = await Project("gone", archived: true);
        await Execute($"INSERT INTO claude.features (project_id, feature_name) VALUES ('{archived}', 'old')");
        await Execute("SELECT claude.create_feature('alpha', 'First', p_priority => 1)");
        await Execute("SELECT claude.create_feature('alpha', 'Second', p_priority => 2)");
        await Execute("SELECT claude.create_feedback('alpha', 'bug', 'a')");
        await Execute("SELECT claude.create_feedback('alpha', 'change', 'b')");
        await Execute("SELECT claude.create_feedback('alpha', 'bug', 'c')");
        await Execute("SELECT claude.set_work_item_status('FB3', 'resolved')");
        await Execute("SELECT claude.create_feedback('beta', 'question', 'd')");
        await Execute("SELECT claude.set_work_item_status('FB4', 'triaged')");

        Assert.Equal([[alpha, "alpha", 2L, 1L], [beta, "beta", 1L, 0L]],
            await Rows("SELECT project_id, project_name, open_count, open_bugs FROM claude.open_feedback_by_project ORDER BY project_name"));
        Assert.Equal([["alpha", 2L, 2L], ["beta", 0L, 1L]],
            await Rows("SELECT project_name, feature_count, open_feedback FROM claude.project_overview ORDER BY project_name"));

        // Build tracker: components in sort order with their tasks, then a component-less task; a feature without work has one row.
        var first = await Scalar<Guid>("SELECT feature_id FROM claude.features WHERE feature_name = 'First'");
        var ui = await Scalar<Guid>($"INSERT INTO claude.components (feature_id, component_name, status, sort_order) VALUES ('{first}', 'UI', 'planned', 2) RETURNING component_id");
        var db = await Scalar<Guid>($"INSERT INTO claude.components (feature_id, component_name, status, sort_order) VALUES ('{first}', 'DB', 'planned', 1) RETURNING component_id");
        await Execute($"INSERT INTO claude.build_tasks (task_name, component_id, priority) VALUES ('ui task', '{ui}', 1)");
        await Execute($"INSERT INTO claude.build_tasks (task_name, component_id, priority) VALUES ('db task 2', '{db}', 2), ('db task 1', '{db}', 1)");
        await Execute("SELECT claude.create_build_task('F3', 'loose task')");
        Assert.Equal(
            [["First", "DB", "db task 1"], ["First", "DB", "db task 2"], ["First", "UI", "ui task"], ["Second", null, "loose task"]],
            await Rows($"""
                SELECT feature_name, component_name, task_name FROM claude.build_tracker
                 WHERE project_id = '{alpha}' ORDER BY feature_priority, component_sort_order NULLS LAST, task_priority
                """));
        Assert.Equal(alpha, await Scalar<Guid>("SELECT project_id FROM claude.build_tasks WHERE task_name = 'ui task'"));
        Assert.Equal([["old", null, null]], await Rows($"SELECT feature_name, component_name, task_name FROM claude.build_tracker WHERE project_id = '{archived}'"));
    }

    [Fact]
    public async Task Audits_due_lists_active_schedules_past_their_date_or_interval_and_those_never_run()
    {
        var alpha = await Project("alpha");
        await Execute($"""
            INSERT INTO claude.audit_schedule (project_id, audit_type, frequency_days, last_run_at, next_due_at, is_active) VALUES
                ('{alpha}', 'past-date',      NULL, NULL,                         now() - interval '1 day', true),
                ('{alpha}', 'future-date',    NULL, NULL,                         now() + interval '1 day', true),
                ('{alpha}', 'interval-due',   7,    now() - interval '8 days',    NULL,                     true),
                ('{alpha}', 'interval-fresh', 7,    now() - interval '2 days',    NULL,                     true),
                ('{alpha}', 'never-run',      NULL, NULL,                         NULL,                     NULL),
                ('{alpha}', 'inactive',       1,    now() - interval '30 days',   NULL,                     false)
            """);
        Assert.Equal([["interval-due", "alpha", true], ["never-run", "alpha", null], ["past-date", "alpha", true]],
            await Rows("SELECT audit_type, project_name, overdue_by > interval '0' FROM claude.audits_due ORDER BY audit_type"));
    }
}
