using System.Diagnostics;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Security;

/// <summary>
/// Every parameter of every gateway function, attacked with the hostile values of its type, as the
/// app role: the outcome is a CD error, or the value stored verbatim. Never executed, never another
/// error, never a partial write. The functions and their parameters come from pg_proc; a function
/// without a valid call below fails <see cref="Every_gateway_function_has_a_valid_call_to_attack"/>.
/// </summary>
public sealed class HostileInputTests : SecurityDatabaseTest
{
    // A valid call of each gateway function (named arguments); the attacked parameter replaces its
    // entry. pg_temp.fresh_* make a new object per call, so a state reached earlier never hides a check;
    // STABLE functions see the statement's snapshot, so they read objects made beforehand (fixture).
    private static readonly Dictionary<string, Dictionary<string, string>> ValidCalls = new(StringComparer.Ordinal)
    {
        ["abandon_stale_sessions"] = new() { ["p_older_than"] = "interval '12 hours'" },
        ["acknowledge_message"] = new() { ["p_message_id"] = "pg_temp.fresh_message()" },
        ["add_requirement"] = new() { ["p_feature"] = "(SELECT feature FROM fixture)", ["p_requirement_name"] = "'requirement'" },
        ["apply_knowledge"] = new() { ["p_knowledge_id"] = "pg_temp.fresh_knowledge()" },
        ["archive_activity"] = new() { ["p_older_than"] = "interval '90 days'" },
        ["archive_identity"] = new() { ["p_identity_id"] = "pg_temp.fresh_identity()" },
        ["broadcast_to_project"] = new() { ["p_from_session_id"] = "pg_temp.fresh_session()", ["p_project_name"] = "'Hostile-Project'", ["p_subject"] = "'s'", ["p_body"] = "'b'" },
        ["check_reminder"] = new() { ["p_reminder_id"] = "pg_temp.fresh_reminder()" },
        ["complete_agent_session"] = new() { ["p_agent_id"] = "pg_temp.fresh_agent()", ["p_success"] = "true" },
        ["complete_reminder"] = new() { ["p_reminder_id"] = "pg_temp.fresh_reminder()" },
        ["create_build_task"] = new() { ["p_feature"] = "(SELECT feature FROM fixture)", ["p_task_name"] = "'task'" },
        ["create_feature"] = new() { ["p_project"] = "'Hostile-Project'", ["p_feature_name"] = "'feature'" },
        ["create_feedback"] = new() { ["p_project"] = "'Hostile-Project'", ["p_feedback_type"] = "'bug'", ["p_description"] = "'d'" },
        ["create_reminder"] = new() { ["p_title"] = "'reminder'", ["p_check_after"] = "now()::timestamp", ["p_check_type"] = "'file_exists'", ["p_check_condition"] = "'/tmp/x'" },
        ["create_scheduled_job"] = new() { ["p_job_name"] = "'job ' || gen_random_uuid()", ["p_job_type"] = "'maintenance'", ["p_command"] = "'true'" },
        ["dismiss_reminder"] = new() { ["p_reminder_id"] = "pg_temp.fresh_reminder()" },
        ["end_session"] = new() { ["p_session_id"] = "pg_temp.fresh_session()", ["p_summary"] = "'summary'" },
        ["execute_job"] = new() { ["p_job_id"] = "pg_temp.fresh_job()" },
        ["expire_messages"] = new(),
        ["get_active_identities"] = new(),
        ["get_active_session"] = new() { ["p_identity_id"] = "(SELECT identity_id FROM fixture)" },
        ["get_activity_by_source"] = new() { ["p_source_type"] = "'session'", ["p_source_id"] = "(SELECT session_id FROM fixture)" },
        ["get_due_jobs"] = new(),
        ["claim_due_job"] = new(),
        ["check_health"] = new(),
        ["get_due_reminders"] = new(),
        ["get_pending_messages"] = new() { ["p_session_id"] = "(SELECT session_id FROM fixture)" },
        ["get_recent_activity"] = new(),
        ["get_sessions"] = new(),
        ["get_startup_briefing"] = new() { ["p_session_id"] = "(SELECT session_id FROM fixture)", ["p_project_name"] = "'Hostile-Project'" },
        ["get_valid_values"] = new() { ["p_table_name"] = "'sessions'", ["p_column_name"] = "'status'" },
        ["get_work_item"] = new() { ["p_code"] = "(SELECT feature FROM fixture)" },
        ["hook_session_end"] = new() { ["p_event_id"] = "gen_random_uuid()", ["p_session_id"] = "pg_temp.fresh_session()", ["p_reason"] = "'logout'" },
        ["hook_session_start"] = new() { ["p_event_id"] = "gen_random_uuid()", ["p_session_id"] = "gen_random_uuid()", ["p_project_name"] = "'Hostile-Project'", ["p_identity"] = "'hostile-hook'", ["p_source"] = "'startup'" },
        ["hook_subagent_start"] = new() { ["p_event_id"] = "gen_random_uuid()", ["p_agent_id"] = "'agent-' || gen_random_uuid()", ["p_parent_session_id"] = "pg_temp.fresh_session()" },
        ["hook_subagent_stop"] = new() { ["p_event_id"] = "gen_random_uuid()", ["p_agent_id"] = "'agent-' || gen_random_uuid()", ["p_parent_session_id"] = "pg_temp.fresh_session()", ["p_success"] = "true" },
        ["log_activity"] = new() { ["p_source_type"] = "'test'", ["p_source_id"] = "NULL::uuid", ["p_actor"] = "'ci'", ["p_activity_type"] = "'hostile'", ["p_title"] = "'title'" },
        ["mark_message_read"] = new() { ["p_message_id"] = "pg_temp.fresh_message()" },
        ["next_cron_run"] = new() { ["p_schedule"] = "'0 3 * * 1'", ["p_after"] = "now()::timestamp" },
        ["record_knowledge"] = new() { ["p_title"] = "'k ' || gen_random_uuid()", ["p_description"] = "'d'", ["p_knowledge_type"] = "'pattern'" },
        ["refresh_registry_constraints"] = new(),
        ["register_identity"] = new() { ["p_identity_name"] = "'id ' || gen_random_uuid()", ["p_platform"] = "'claude-code'" },
        ["reschedule_reminder"] = new() { ["p_reminder_id"] = "pg_temp.fresh_reminder()" },
        ["search_knowledge"] = new(),
        ["send_message"] = new() { ["p_from_session_id"] = "pg_temp.fresh_session()", ["p_to_session_id"] = "pg_temp.fresh_session()", ["p_subject"] = "'s'", ["p_body"] = "'b'" },
        ["set_work_item_status"] = new() { ["p_code"] = "pg_temp.fresh_feature()", ["p_status"] = "'planned'" },
        ["start_agent_session"] = new() { ["p_agent_id"] = "'agent-' || gen_random_uuid()", ["p_parent_session_id"] = "pg_temp.fresh_session()" },
        ["start_session"] = new() { ["p_identity_id"] = "pg_temp.fresh_identity()", ["p_project_name"] = "'Hostile-Project'" },
        ["update_identity_activity"] = new() { ["p_identity_id"] = "pg_temp.fresh_identity()" },
        ["update_job_result"] = new() { ["p_job_id"] = "pg_temp.claimed_job()", ["p_status"] = "'SUCCESS'" },
        ["update_knowledge"] = new() { ["p_knowledge_id"] = "pg_temp.fresh_knowledge()", ["p_updates"] = """'{"description": "updated"}'""" },
    };

    private const string FreshObjectsSql = """
        CREATE FUNCTION pg_temp.fresh_identity() RETURNS uuid LANGUAGE sql AS $$ SELECT claude.register_identity('hostile-' || gen_random_uuid(), 'claude-code') $$;
        CREATE FUNCTION pg_temp.fresh_session() RETURNS uuid LANGUAGE sql AS $$ SELECT claude.start_session(pg_temp.fresh_identity(), 'Hostile-Project') $$;
        CREATE FUNCTION pg_temp.fresh_job() RETURNS uuid LANGUAGE sql AS $$ SELECT claude.create_scheduled_job('hostile-' || gen_random_uuid(), 'maintenance', 'true') $$;
        CREATE FUNCTION pg_temp.claimed_job() RETURNS uuid LANGUAGE plpgsql AS $$ DECLARE v uuid := pg_temp.fresh_job(); BEGIN PERFORM claude.execute_job(v, NULL); RETURN v; END $$;
        CREATE FUNCTION pg_temp.fresh_reminder() RETURNS uuid LANGUAGE sql AS $$ SELECT claude.create_reminder('hostile', now()::timestamp - interval '1 minute') $$;
        CREATE FUNCTION pg_temp.fresh_message() RETURNS uuid LANGUAGE sql AS $$ SELECT claude.send_message(pg_temp.fresh_session(), pg_temp.fresh_session(), 'subject', 'body') $$;
        CREATE FUNCTION pg_temp.fresh_agent() RETURNS text LANGUAGE plpgsql AS $$ DECLARE v text := 'agent-' || gen_random_uuid(); BEGIN PERFORM claude.start_agent_session(v, pg_temp.fresh_session()); RETURN v; END $$;
        CREATE FUNCTION pg_temp.fresh_feature() RETURNS text LANGUAGE sql AS $$ SELECT claude.create_feature('Hostile-Project', 'feature ' || gen_random_uuid()) $$;
        CREATE FUNCTION pg_temp.fresh_knowledge() RETURNS uuid LANGUAGE sql AS $$ SELECT claude.record_knowledge('k ' || gen_random_uuid(), 'd', 'pattern') $$;
        CREATE TEMP TABLE fixture AS SELECT pg_temp.fresh_session() AS session_id, pg_temp.fresh_identity() AS identity_id;
        ALTER TABLE fixture ADD COLUMN feature text;
        UPDATE fixture SET feature = pg_temp.fresh_feature();
        """;

    // Input parameters of the gateway functions, in order.
    private const string ParametersSql = $$"""
        SELECT p.proname::text, a.name, format_type(a.type, NULL)
          FROM {{GatewayCatalog.ToolkitFunctions}}
          CROSS JOIN LATERAL unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]), p.proargnames,
                                    coalesce(p.proargmodes, array_fill('i'::"char", ARRAY[cardinality(coalesce(p.proallargtypes, p.proargtypes::oid[]))])))
                WITH ORDINALITY a(type, name, mode, ord)
         WHERE p.prokind = 'f' AND a.mode IN ('i', 'b') AND {{GatewayCatalog.IsGateway}}
           AND p.proname = $1
         ORDER BY a.ord
        """;

    // Where a successful call stored a text value: any column of any table of schema claude, exactly.
    private const string StoredVerbatimSql = """
        SELECT EXISTS (
            SELECT 1
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'claude'
             WHERE c.relkind = 'r'
               AND (xpath('/table/row/f/text()', query_to_xml(format(
                        'SELECT EXISTS (SELECT 1 FROM %s x, jsonb_each(to_jsonb(x)) e WHERE e.value = to_jsonb(%L::text) OR (jsonb_typeof(e.value) = ''array'' AND e.value @> jsonb_build_array(%L::text))) AS f',
                        c.oid::regclass, $1, $1), false, false, '')))[1]::text = 'true')
        """;

    public static TheoryData<string> Functions() => new(ValidCalls.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public async Task Every_gateway_function_has_a_valid_call_to_attack()
    {
        var names = (await Sql.RowsAsync(ConnectionString, GatewayCatalog.GatewayNamesSql)).Select(r => (string)r[0]!).ToList();
        Assert.Equal(names, ValidCalls.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Each_parameter_refuses_hostile_values_with_a_CD_error_or_stores_them_verbatim(string function)
    {
        var login = await LoginAsync(AppRole, "hostile");
        // The client's own timeout for reminder conditions; a pg_sleep(10) that ran would end in 57014.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(login) { Options = "-c statement_timeout=5000" }.ConnectionString);
        await connection.OpenAsync();
        await using (var helpers = new NpgsqlCommand(FreshObjectsSql, connection))
            await helpers.ExecuteNonQueryAsync();
        var template = ValidCalls[function];
        var parameters = await ParametersAsync(function);
        Assert.All(template.Keys, k => Assert.Contains(k, parameters.Select(p => p.Name)));

        // The valid call itself works: otherwise every attack would fail for the wrong reason.
        Assert.Null(await CallAsync(connection, function, template, null, null));

        var failures = new List<string>();
        var digest = await ContentDigestAsync();
        foreach (var (name, type) in parameters)
        {
            foreach (var value in HostileValues.For(type))
            {
                // Unique per call, so a value stored by an earlier call cannot pass for this one.
                var sent = value.MustRoundTrip ? value with { Value = $"{value.Value} #{Guid.NewGuid():N}" } : value;
                var clock = Stopwatch.StartNew();
                var error = await CallAsync(connection, function, template, name, sent);
                var where = $"{function}({name} => {value})";
                if (clock.Elapsed > TimeSpan.FromSeconds(4))
                    failures.Add($"{where}: took {clock.Elapsed}");
                if (error is null)
                {
                    if (sent.MustRoundTrip && !await Sql.ScalarAsync<bool>(ConnectionString, StoredVerbatimSql, (string)sent.Value) && !LookupOnly(function, name))
                        failures.Add($"{where}: succeeded but the value is stored nowhere verbatim");
                    digest = await ContentDigestAsync();
                    continue;
                }
                var expected = error.SqlState.StartsWith("CD", StringComparison.Ordinal) && error.SqlState.Length == 5 && error.SqlState[2..] is "001" or "002" or "003" or "004" or "005"
                               // PostgreSQL refuses NUL in text before any function runs; the client names the parameter (ClientHostileInputTests).
                               || value.Class == "NUL" && error.SqlState == "22021";
                if (!expected)
                    failures.Add($"{where}: {error.SqlState} {error.MessageText}");
                var after = await ContentDigestAsync();
                if (after != digest)
                    failures.Add($"{where}: failed with {error.SqlState} but changed the database");
                digest = after;
            }
        }
        Assert.True(await Sql.ScalarAsync<bool>(ConnectionString, "SELECT to_regclass('claude.sessions') IS NOT NULL"));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    // Parameters that only select (a filter, a name to look up) or are only echoed (the hook's source in its
    // answer, the end reason inside the generated summary): nothing stored, nothing to read back.
    private static bool LookupOnly(string function, string parameter) =>
        function.StartsWith("get_", StringComparison.Ordinal) || function.StartsWith("search_", StringComparison.Ordinal)
        || (function, parameter) is ("refresh_registry_constraints", _) or ("next_cron_run", _) or ("claim_due_job", "p_project_name")
            or ("hook_session_start", "p_source") or ("hook_session_end", "p_reason");

    private async Task<List<(string Name, string Type)>> ParametersAsync(string function)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(ParametersSql, connection) { Parameters = { new NpgsqlParameter { Value = function } } };
        await using var reader = await command.ExecuteReaderAsync();
        var parameters = new List<(string, string)>();
        while (await reader.ReadAsync())
            parameters.Add((reader.GetString(1), reader.GetString(2)));
        return parameters;
    }

    private static async Task<PostgresException?> CallAsync(NpgsqlConnection connection, string function, Dictionary<string, string> template, string? attacked, HostileValue? value)
    {
        var arguments = template.Where(a => a.Key != attacked).Select(a => $"{a.Key} => {a.Value}").ToList();
        if (attacked is not null)
            arguments.Add($"{attacked} => $1");
        await using var command = new NpgsqlCommand($"SELECT * FROM claude.{function}({string.Join(", ", arguments)})", connection);
        if (value is not null)
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = value.Type, Value = value.Value });
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
            return null;
        }
        catch (PostgresException e)
        {
            return e;
        }
    }
}
