using System.Text.Json;
using ClaudeDbKit.Client;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Security;

/// <summary>A login role whose only right is membership in claude_app: the gateway works, everything else is refused.</summary>
public sealed class AppRoleTests : SecurityDatabaseTest
{
    private const string SearchPath = "search_path=pg_catalog, claude, pg_temp";

    [Fact]
    public async Task Every_gateway_function_is_definer_with_a_fixed_search_path_and_executable_by_the_app_role_only()
    {
        var functions = await Sql.RowsAsync(ConnectionString, GatewayCatalog.FunctionsSql);
        Assert.NotEmpty(functions);
        foreach (var f in functions)
        {
            var (signature, kind, pure, definer, config, publicExecute) = ((string)f[0]!, (string)f[1]!, (bool)f[2]!, (bool)f[3]!, (string)f[4]!, (bool)f[6]!);
            // An internal SQL helper declared without SET clauses (claude.job_is_due, claude.session_events) keeps none,
            // so that the planner can inline it; it runs as its caller, inside a definer function's fixed search_path.
            var inlinable = kind == "internal" && (string)f[8]! == "sql" && config.Length == 0 && !definer;
            Assert.True(inlinable || config.Contains(SearchPath, StringComparison.Ordinal), $"{signature} has no fixed search_path: '{config}'");
            // Pure computations need no elevation and stay executable by everyone.
            Assert.True(pure == publicExecute, $"{signature}: PUBLIC EXECUTE is {publicExecute}");
            var app = await Sql.ScalarAsync<bool>(ConnectionString, $"SELECT has_function_privilege('{AppRole}', '{signature}', 'EXECUTE')");
            Assert.True(app == (kind == "gateway" || pure), $"{signature} ({kind}): claude_app EXECUTE is {app}");
            if (kind == "gateway" && !pure || kind == "trigger" && signature != "claude.activity_feed_immutable()")
                Assert.True(definer, $"{signature} ({kind}) is not SECURITY DEFINER");
        }
        // The sandbox evaluates reminder conditions; everything else belongs to the deploying role.
        Assert.Equal(SandboxRole, Assert.Single(functions, f => (string)f[0]! == "claude.evaluate_reminder_condition(text,boolean)")[5]);
    }

    [Fact]
    public async Task No_definer_function_records_current_user_as_the_actor()
    {
        // Under SECURITY DEFINER current_user is the owner; the person or tool is session_user.
        var offenders = (await Sql.RowsAsync(ConnectionString, GatewayCatalog.FunctionsSql))
            .Where(f => (bool)f[3]! && ((string)f[7]!).Contains("current_user", StringComparison.OrdinalIgnoreCase))
            .Select(f => (string)f[0]!).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public async Task Every_client_flow_the_cmdlets_use_works_for_the_app_role()
    {
        var login = await LoginAsync(AppRole, "app");
        await using var client = new ClaudeDbClient(login);
        var identity = await client.Identities.RegisterAsync("app-role-flow", "claude-code", "least privilege");
        var session = await client.Sessions.StartAsync(identity, "App-Role-Project");
        var other = await client.Sessions.StartAsync(await client.Identities.RegisterAsync("app-role-peer", "claude-code"), "App-Role-Project");
        await client.Identities.TouchAsync(identity);
        Assert.Equal(session, await client.Sessions.GetActiveAsync(identity));
        Assert.Contains(await client.Sessions.ListAsync(projectName: "app-role-project"), s => s.SessionId == session);
        Assert.Contains(await client.Identities.ListActiveAsync(), i => i.IdentityId == identity);

        var message = await client.Messages.SendAsync(session, other, "hello", "from the gateway", priority: "urgent");
        await client.Messages.BroadcastAsync(session, "App-Role-Project", "all", "everyone");
        Assert.Contains(await client.Messages.PendingAsync(other), m => m.MessageId == message);
        await client.Messages.MarkReadAsync(message);
        await client.Messages.AcknowledgeAsync(message);
        Assert.True(await client.Messages.ExpireAsync() >= 0);

        var job = await client.Jobs.CreateAsync("app-role-job", "maintenance", "true");
        Assert.Contains(await client.Jobs.DueAsync(), j => j.JobId == job);
        await client.Jobs.ClaimAsync(job, session);
        await client.Jobs.ReportAsync(job, "SUCCESS", "ok");
        Assert.NotNull(await client.Jobs.NextCronRunAsync("0 3 * * 1", new DateTime(2026, 1, 1)));

        var reminder = await client.Reminders.CreateAsync("app-role-reminder", DateTime.UtcNow.AddMinutes(-1), checkType: "sql_query",
            checkCondition: "(SELECT count(*) FROM claude.active_sessions) > 0");
        Assert.True(await ReminderCheck.EvaluateAsync(client, reminder));
        var manual = await client.Reminders.CreateAsync("manual", DateTime.UtcNow.AddMinutes(-1));
        Assert.Contains(await client.Reminders.DueAsync(), r => r.ReminderId == manual);
        await client.Reminders.RescheduleAsync(manual);
        await client.Reminders.CompleteAsync(reminder);
        await client.Reminders.DismissAsync(await client.Reminders.CreateAsync("dismissed", DateTime.UtcNow));

        var knowledge = await client.Knowledge.RecordAsync("Gateway roles", "definer functions", "pattern", ["App-Role-Project"]);
        Assert.Contains(await client.Knowledge.SearchAsync("App-Role-Project", searchText: "definer"), k => k.KnowledgeId == knowledge);
        await client.Knowledge.ApplyAsync(knowledge);
        await client.Knowledge.UpdateAsync(knowledge, """{"description": "definer functions, fixed search_path"}""");

        var feature = await client.Work.CreateFeatureAsync("App-Role-Project", "Least privilege", sessionId: session);
        var task = await client.Work.CreateBuildTaskAsync(feature, "Gateway role");
        await client.Work.AddRequirementAsync(feature, "No direct writes");
        await client.Work.CreateFeedbackAsync("App-Role-Project", "question", "Does it hold?");
        await client.Work.SetStatusAsync(task, "in_progress");
        Assert.Single((await client.Work.GetAsync(feature)).Tasks);

        var agent = await client.Agents.StartAsync("agent-app-role", session, "explorer");
        await client.Agents.CompleteAsync("agent-app-role", success: true);
        await client.Activity.LogAsync("test", agent, "ci", "app_role_checked", "gateway works");
        Assert.NotEmpty(await client.Activity.RecentAsync("App-Role-Project"));
        Assert.NotEmpty(await client.Activity.BySourceAsync("session", session));
        Assert.Contains("active", await client.Registry.GetValidValuesAsync("sessions", "status"));
        Assert.True(await client.Registry.RefreshConstraintsAsync() >= 0);
        Assert.NotNull(await client.Briefing.GetAsync(session, "App-Role-Project"));
        await client.Sessions.EndAsync(session, "done as claude_app");
        Assert.True(await client.Sessions.AbandonStaleAsync(TimeSpan.FromHours(12)) >= 0);
        await client.Identities.ArchiveAsync(identity);
        Assert.True(await client.Activity.ArchiveAsync(TimeSpan.FromDays(90)) >= 0);

        // Actors are who logged in, not the functions' owner.
        var login_name = new Npgsql.NpgsqlConnectionStringBuilder(login).Username;
        Assert.Equal(login_name, await Sql.ScalarAsync<string>(ConnectionString, "SELECT created_by FROM claude.reminders WHERE reminder_id = $1", reminder));
        Assert.Equal(login_name, await Sql.ScalarAsync<string>(ConnectionString, "SELECT actor FROM claude.activity_feed WHERE activity_type = 'feature_created'"));
    }

    [Fact]
    public async Task Every_hook_flow_works_for_the_app_role()
    {
        var login = await LoginAsync(AppRole, "hook");
        var stateDir = Path.Combine(Path.GetTempPath(), "claudedbkit-sec-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Task<CliProcess.Result> Hook(string hookEvent, object payload) =>
                CliProcess.RunAsync(["hook", hookEvent, "--state-dir", stateDir, "--connect-timeout", "15"],
                    new Dictionary<string, string?> { ["CLAUDEDB_CONNECTION"] = login, ["CLAUDE_IDENTITY"] = "hook-app", ["CLAUDE_PROJECT_NAME"] = null },
                    JsonSerializer.Serialize(payload));
            var session = Guid.NewGuid();

            var start = await Hook("session-start", new { session_id = session, cwd = "/work/App-Hooks", hook_event_name = "SessionStart", source = "startup" });
            var agentStart = await Hook("subagent-start", new { session_id = session, agent_id = "agent-hook-app", agent_type = "Explore", cwd = "/w" });
            var agentStop = await Hook("subagent-stop", new { session_id = session, agent_id = "agent-hook-app", agent_type = "Explore", cwd = "/w" });
            var end = await Hook("session-end", new { session_id = session, reason = "logout", cwd = "/work/App-Hooks" });
            var replay = await CliProcess.RunAsync(["hook", "replay", "--state-dir", stateDir], new Dictionary<string, string?> { ["CLAUDEDB_CONNECTION"] = login });

            Assert.Contains("additionalContext", start.Stdout, StringComparison.Ordinal);
            foreach (var result in new[] { start, agentStart, agentStop, end, replay })
            {
                Assert.Equal(0, result.ExitCode);
                Assert.DoesNotContain("permission denied", result.Stderr, StringComparison.OrdinalIgnoreCase);
            }
            Assert.Equal(["ended", "App-Hooks"], Assert.Single(await Sql.RowsAsync(ConnectionString, $"SELECT status, project_name FROM claude.sessions WHERE session_id = '{session}'")));
            Assert.Equal([session, true], Assert.Single(await Sql.RowsAsync(ConnectionString, "SELECT parent_session_id, success FROM claude.agent_sessions")));
            Assert.False(File.Exists(Path.Combine(stateDir, "queue.jsonl")) && (await File.ReadAllTextAsync(Path.Combine(stateDir, "queue.jsonl"))).Trim().Length > 0);
        }
        finally
        {
            if (Directory.Exists(stateDir))
                Directory.Delete(stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task Direct_writes_reads_of_tables_and_calls_of_internal_functions_are_refused()
    {
        var login = await LoginAsync(AppRole, "direct");
        var before = await ContentDigestAsync();
        var tables = await Sql.RowsAsync(ConnectionString, GatewayCatalog.TablesSql);
        Assert.Contains(tables, t => (string)t[0]! == "claude.activity_feed");
        var refused = new List<string>();
        foreach (var t in tables)
        {
            var (table, column) = ((string)t[0]!, (string)t[1]!);
            refused.AddRange(new[]
            {
                $"INSERT INTO {table} DEFAULT VALUES", $"UPDATE {table} SET {column} = {column}", $"DELETE FROM {table}",
                $"TRUNCATE {table}", $"SELECT count(*) FROM {table}",
            });
        }
        foreach (var call in await Sql.RowsAsync(ConnectionString, GatewayCatalog.InternalCallsSql))
            refused.Add((string)call[0]!);
        // No object of the role's own can shadow a toolkit name.
        refused.AddRange(["CREATE TABLE claude.shadow (x int)", "CREATE FUNCTION claude.now() RETURNS timestamptz LANGUAGE sql AS 'SELECT now()'"]);

        foreach (var sql in refused)
            Assert.True(await SqlStateOf(login, sql) == "42501", $"not refused with 42501: {sql}");
        Assert.Equal(before, await ContentDigestAsync());
    }

    [Fact]
    public async Task Activity_feed_stays_immutable_also_for_a_role_that_was_granted_writes_and_sets_the_archive_flag()
    {
        await Sql.ExecuteAsync(ConnectionString, "SELECT claude.log_activity('test', NULL, 'ci', 'x', 'entry')");
        var writer = await LoginAsync(AppRole, "writer");
        var name = new Npgsql.NpgsqlConnectionStringBuilder(writer).Username;
        // An existing tool's role with table rights: the archive flag is no way around the trigger.
        await Sql.ExecuteAsync(ConnectionString, $"GRANT SELECT, UPDATE, DELETE ON claude.activity_feed TO \"{name}\"");

        Assert.Equal("CD003", await SqlStateOf(writer, "SELECT set_config('claude.activity_archiving', txid_current()::text, true); DELETE FROM claude.activity_feed"));
        Assert.Equal("CD003", await SqlStateOf(writer, "BEGIN; SELECT set_config('claude.activity_archiving', txid_current()::text, true); DELETE FROM claude.activity_feed; COMMIT"));
        Assert.Equal("CD003", await SqlStateOf(writer, "UPDATE claude.activity_feed SET title = 'rewritten'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.activity_feed WHERE title = 'entry'"));

        // archive_activity still moves old entries, also when the app role calls it.
        await Sql.ExecuteAsync(ConnectionString, "ALTER TABLE claude.activity_feed DISABLE TRIGGER activity_feed_immutable; UPDATE claude.activity_feed SET created_at = now() - interval '100 days'; ALTER TABLE claude.activity_feed ENABLE TRIGGER activity_feed_immutable");
        Assert.Equal(1, await Sql.ScalarAsync<int>(writer, "SELECT claude.archive_activity()"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.activity_feed_archive WHERE title = 'entry'"));
    }
}
