using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

public sealed class KnowledgeTests : CoordinationApiTest
{
    private async Task<Guid> Record(string title, string description, string type, string projects, int confidence, int timesApplied = 0)
    {
        var id = await Scalar<Guid>($"SELECT claude.record_knowledge('{title}', '{description}', '{type}', '{projects}', {confidence})");
        if (timesApplied > 0)
            await Execute($"UPDATE claude.knowledge SET times_applied = {timesApplied} WHERE knowledge_id = '{id}'");
        return id;
    }

    private async Task<List<string>> Titles(string sql) => (await Rows(sql)).Select(r => (string)r[0]!).ToList();

    [Fact]
    public async Task Record_knowledge_stores_it_with_counters_at_zero()
    {
        var identity = await RegisterIdentity("claude-learner");
        var id = await Scalar<Guid>("SELECT claude.record_knowledge(' UPDATE has no LIMIT ', 'Use a subquery on the key.', 'gotcha', ARRAY[' claude-family '], 8, $1, 'UPDATE t SET ...')", identity);
        Assert.Equal(["UPDATE has no LIMIT", "Use a subquery on the key.", "gotcha", "{claude-family}", 8, 0, 0, identity, "UPDATE t SET ...", true, null],
            Assert.Single(await Rows($"""
                SELECT title, description, knowledge_type, applies_to_projects::text, confidence_level, times_applied, times_failed,
                       learned_by_identity_id, code_example, created_at IS NOT NULL, last_applied_at
                  FROM claude.knowledge WHERE knowledge_id = '{id}'
                """)));
        var plain = await Scalar<Guid>("SELECT claude.record_knowledge('t', 'd', 'pattern')");
        Assert.Equal(["{}", 5], Assert.Single(await Rows($"SELECT applies_to_projects::text, confidence_level FROM claude.knowledge WHERE knowledge_id = '{plain}'")));
    }

    [Fact]
    public async Task Record_knowledge_refuses_invalid_arguments_and_changes_nothing()
    {
        await AllRefused(
        [
            ("CD005", "SELECT claude.record_knowledge(' ', 'd', 'pattern')"),
            ("CD005", "SELECT claude.record_knowledge('t', NULL, 'pattern')"),
            ("CD005", "SELECT claude.record_knowledge('t', 'd', NULL)"),
            ("CD005", "SELECT claude.record_knowledge('t', 'd', 'pattern', p_confidence_level => NULL)"),
            ("CD001", "SELECT claude.record_knowledge('t', 'd', 'tip')"),
            ("CD001", "SELECT claude.record_knowledge('t', 'd', 'Pattern')"),
            ("CD001", "SELECT claude.record_knowledge(repeat('t', 201), 'd', 'pattern')"),
            ("CD001", "SELECT claude.record_knowledge('t', 'd', 'pattern', p_confidence_level => 0)"),
            ("CD001", "SELECT claude.record_knowledge('t', 'd', 'pattern', p_confidence_level => 11)"),
            ("CD001", "SELECT claude.record_knowledge('t', 'd', 'pattern', ARRAY['ok', ' '])"),
            ("CD001", "SELECT claude.record_knowledge('t', 'd', 'pattern', ARRAY['ok', NULL])"),
            ("CD002", "SELECT claude.record_knowledge('t', 'd', 'pattern', p_learned_by_identity_id => gen_random_uuid())"),
        ]);
    }

    [Fact]
    public async Task Search_scopes_by_project_type_and_confidence_ranks_text_and_orders_by_confidence_use_then_rank()
    {
        await Record("Vacuum tuning", "Autovacuum settings for large tables", "pattern", "{}", 9, 3);
        await Record("Vacuum full locks", "VACUUM FULL takes an exclusive lock", "gotcha", "{ATO-Tax-Agent}", 9, 5);
        await Record("Index bloat", "Reindex concurrently after a big vacuum", "best-practice", "{beta}", 7, 9);
        await Record("Vacuum idea", "Maybe vacuum more often", "pattern", "{}", 2, 0);
        await Record("React hydration", "Render dates on the client", "bug-fix", "{}", 8, 1);
        await Record("Vacuum vacuum", "vacuum vacuum vacuum", "reference", "{}", 6, 0);
        await Record("Misc", "A long note about many other things that also mentions vacuum once", "reference", "{}", 6, 0);

        Assert.Equal(["Vacuum full locks", "Vacuum tuning", "Vacuum vacuum", "Misc"], await Titles("SELECT title FROM claude.search_knowledge('ato-TAX-agent', NULL, 'vacuum')"));
        Assert.Equal(["Vacuum full locks", "Vacuum tuning", "Index bloat", "Vacuum vacuum", "Misc", "Vacuum idea"], await Titles("SELECT title FROM claude.search_knowledge(NULL, NULL, 'vacuums', 1)"));
        var withoutFull = await Titles("SELECT title FROM claude.search_knowledge(NULL, NULL, 'vacuum -full')");   // websearch syntax: -word excludes
        Assert.Equal(["Index bloat", "Misc", "Vacuum tuning", "Vacuum vacuum"], withoutFull.Order(StringComparer.Ordinal));
        Assert.Equal(["Vacuum full locks"], await Titles("SELECT title FROM claude.search_knowledge(NULL, NULL, '\"exclusive lock\"')"));
        Assert.Equal(["Index bloat"], await Titles("SELECT title FROM claude.search_knowledge('beta', 'best-practice')"));
        Assert.Equal(["Vacuum tuning", "React hydration", "Misc", "Vacuum vacuum"], await Titles("SELECT title FROM claude.search_knowledge('gamma')"));
        Assert.Equal(6, (await Rows("SELECT 1 FROM claude.search_knowledge(NULL, NULL, 'the')")).Count);   // only stop words: no text filter
        var ranks = await Rows("SELECT title, rank FROM claude.search_knowledge(NULL, 'reference', 'vacuum')");
        Assert.Equal(["Vacuum vacuum", "Misc"], ranks.Select(r => (string)r[0]!));
        Assert.True((float)ranks[0][1]! > (float)ranks[1][1]!);
        Assert.Equal(0f, await Scalar<float>("SELECT rank FROM claude.search_knowledge(NULL, 'reference') LIMIT 1"));

        await Execute("INSERT INTO claude.knowledge (title, description, knowledge_type, confidence_level) SELECT 'bulk ' || g, 'vacuum ' || g, 'pattern', 5 FROM generate_series(1, 60) g");
        Assert.Equal(50, (await Rows("SELECT 1 FROM claude.search_knowledge(NULL, NULL, 'vacuum')")).Count);

        await AllRefused(
        [
            ("CD001", "SELECT * FROM claude.search_knowledge(p_min_confidence => 0)"),
            ("CD001", "SELECT * FROM claude.search_knowledge(p_min_confidence => 11)"),
            ("CD001", "SELECT * FROM claude.search_knowledge(p_knowledge_type => 'tip')"),
        ]);
    }

    [Fact]
    public async Task Text_search_uses_the_GIN_expression_index()
    {
        await Execute("INSERT INTO claude.knowledge (title, description, knowledge_type, confidence_level) SELECT 'note ' || g, 'text ' || g, 'pattern', 5 FROM generate_series(1, 200) g");
        await Record("Vacuum tuning", "Autovacuum settings", "pattern", "{}", 9);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var notices = new List<string>();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await Run(connection, "SET enable_seqscan = off");

        // The expression search_knowledge filters on, as EXPLAIN sees it.
        var plan = string.Join("\n", await Lines(connection,
            "EXPLAIN SELECT * FROM claude.knowledge k WHERE to_tsvector('english'::regconfig, COALESCE(k.title::text, '') || ' ' || COALESCE(k.description, '')) @@ websearch_to_tsquery('english', 'vacuum')"));
        Assert.Contains("idx_knowledge_fts", plan, StringComparison.Ordinal);

        // And the function's own query (auto_explain of nested statements; needs a superuser to LOAD it).
        if (await Scalar<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
        {
            await Run(connection, "LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice");
            Assert.Equal(["Vacuum tuning"], await Lines(connection, "SELECT title FROM claude.search_knowledge(NULL, NULL, 'vacuum')"));
            Assert.Contains(notices, n => n.Contains("claude.knowledge", StringComparison.Ordinal) && n.Contains("Bitmap Index Scan on idx_knowledge_fts", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Apply_knowledge_counts_uses_and_recalculates_confidence_by_the_documented_formula()
    {
        var id = await Record("k", "d", "pattern", "{}", 5);
        var outcomes = new[] { true, false, false, true, true, true, false, true, true, true, true, true, false, false, false, false, false, false, false, false };
        var applied = 0;
        var failed = 0;
        foreach (var success in outcomes)
        {
            await Scalar<object>("SELECT claude.apply_knowledge($1, $2)", id, success);
            applied++;
            if (!success) failed++;
            // Laplace-smoothed success ratio on 1..10: round(1 + 9 * (applied - failed + 1) / (applied + 2)), halves away from zero.
            var expected = (int)Math.Round(1 + 9.0m * (applied - failed + 1) / (applied + 2), MidpointRounding.AwayFromZero);
            Assert.Equal([applied, failed, expected, true],
                Assert.Single(await Rows($"SELECT times_applied, times_failed, confidence_level, last_applied_at IS NOT NULL FROM claude.knowledge WHERE knowledge_id = '{id}'")));
            Assert.InRange(expected, 1, 10);
        }
        var first = await Record("fresh", "d", "pattern", "{}", 9);
        await Scalar<object>("SELECT claude.apply_knowledge($1)", first);
        Assert.Equal(7, await Scalar<int>("SELECT confidence_level FROM claude.knowledge WHERE knowledge_id = $1", first));
        Assert.Contains("round(1 + 9 * (times_applied - times_failed + 1) / (times_applied + 2))",
            await Scalar<string>("SELECT obj_description('claude.apply_knowledge(uuid, boolean)'::regprocedure, 'pg_proc')"), StringComparison.Ordinal);

        await AllRefused(
        [
            ("CD005", "SELECT claude.apply_knowledge(NULL)"),
            ("CD005", "SELECT claude.apply_knowledge($1, NULL)"),
            ("CD002", "SELECT claude.apply_knowledge(gen_random_uuid())"),
        ], id);
    }

    [Fact]
    public async Task Update_knowledge_changes_only_the_known_fields_validated_and_sets_updated_at()
    {
        var id = await Record("old", "old description", "pattern", "{a}", 5);
        var other = await Record("other", "d", "pattern", "{}", 5);
        await Execute($"UPDATE claude.knowledge SET updated_at = now() - interval '1 day' WHERE knowledge_id = '{id}'");

        await Scalar<object>($$"""
            SELECT claude.update_knowledge($1, '{"title": " New title ", "description": "new", "knowledge_type": "gotcha", "knowledge_category": "postgresql",
                "applies_to_projects": [" x ", "y"], "applies_to_platforms": ["claude-code"], "confidence_level": 8, "code_example": "SELECT 1",
                "related_knowledge": ["{{other.ToString().ToUpperInvariant()}}"]}')
            """, id);

        Assert.Equal(["New title", "new", "gotcha", "postgresql", "{x,y}", "{claude-code}", 8, "SELECT 1", $"{{{other}}}", true],
            Assert.Single(await Rows($"""
                SELECT title, description, knowledge_type, knowledge_category, applies_to_projects::text, applies_to_platforms::text,
                       confidence_level, code_example, related_knowledge::text, updated_at > now() - interval '1 minute'
                  FROM claude.knowledge WHERE knowledge_id = '{id}'
                """)));
        await Scalar<object>("SELECT claude.update_knowledge($1, '{\"applies_to_projects\": null, \"knowledge_category\": null}')", id);
        Assert.Equal(["{}", null], Assert.Single(await Rows($"SELECT applies_to_projects::text, knowledge_category FROM claude.knowledge WHERE knowledge_id = '{id}'")));

        var unknown = await RefusedAll("CD001", "SELECT claude.update_knowledge($1, '{\"confidence_level\": 9, \"times_applied\": 100}')", [id]);
        Assert.Contains("'times_applied'", unknown.MessageText, StringComparison.Ordinal);
        await AllRefused(
        [
            ("CD005", "SELECT claude.update_knowledge(NULL, '{\"title\": \"t\"}')"),
            ("CD005", "SELECT claude.update_knowledge($1, NULL)"),
            ("CD005", "SELECT claude.update_knowledge($1, '{}')"),
            ("CD005", "SELECT claude.update_knowledge($1, '{\"title\": null}')"),
            ("CD005", "SELECT claude.update_knowledge($1, '{\"description\": \"  \"}')"),
            ("CD005", "SELECT claude.update_knowledge($1, '{\"description\": \"\\t\\n\"}')"),
            ("CD001", "SELECT claude.update_knowledge($1, '[]')"),
            ("CD001", "SELECT claude.update_knowledge($1, '{\"title\": 5}')"),
            ("CD001", "SELECT claude.update_knowledge($1, '{\"knowledge_type\": \"tip\"}')"),
            ("CD001", "SELECT claude.update_knowledge($1, '{\"confidence_level\": 11}')"),
            ("CD001", "SELECT claude.update_knowledge($1, '{\"confidence_level\": 7.5}')"),
            ("CD001", "SELECT claude.update_knowledge($1, '{\"confidence_level\": \"8\"}')"),
            ("CD001", "SELECT claude.update_knowledge($1, '{\"applies_to_projects\": \"x\"}')"),
            ("CD001", "SELECT claude.update_knowledge($1, '{\"applies_to_platforms\": [\"\"]}')"),
            ("CD001", "SELECT claude.update_knowledge($1, '{\"related_knowledge\": [\"not-a-uuid\"]}')"),
            ("CD001", "SELECT claude.update_knowledge($1, ('{\"related_knowledge\": [\"' || $1 || '\"]}')::jsonb)"),
            ("CD002", "SELECT claude.update_knowledge($1, ('{\"related_knowledge\": [\"' || gen_random_uuid() || '\"]}')::jsonb)"),
            ("CD002", "SELECT claude.update_knowledge(gen_random_uuid(), '{\"title\": \"t\"}')"),
        ], id);
    }

    [Fact]
    public async Task Direct_writers_are_held_to_the_knowledge_rules()
    {
        var id = await Record("k", "d", "pattern", "{}", 5);
        const string Insert = "INSERT INTO claude.knowledge (title, description, knowledge_type, confidence_level)";
        await WriteRefused("23514", $"{Insert} VALUES ('t', 'd', 'pattern', 11)", "knowledge_confidence_range_check");
        await WriteRefused("23514", $"{Insert} VALUES ('t', 'd', 'pattern', 0)", "knowledge_confidence_range_check");
        await WriteRefused("23514", $"{Insert} VALUES ('t', 'd', 'pattern', NULL)", "knowledge_confidence_required_check");
        await WriteRefused("23514", $"{Insert} VALUES ('t', 'd', 'tip', 5)", "knowledge_knowledge_type_registry_check");
        await WriteRefused("23514", $"{Insert} VALUES ('t', 'd', NULL, 5)", "knowledge_type_required_check");
        await WriteRefused("23514", $"{Insert} VALUES (NULL, 'd', 'pattern', 5)", "knowledge_title_required_check");
        await WriteRefused("23514", $"{Insert} VALUES ('t', ' ', 'pattern', 5)", "knowledge_description_required_check");
        await WriteRefused("23514", $"UPDATE claude.knowledge SET times_applied = 1, times_failed = 2 WHERE knowledge_id = '{id}'", "knowledge_counts_check");
        await WriteRefused("23503", $"UPDATE claude.knowledge SET learned_by_identity_id = gen_random_uuid() WHERE knowledge_id = '{id}'", "knowledge_learned_by_identity_id_fkey");
    }

    private static async Task Run(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> Lines(NpgsqlConnection connection, string sql)
    {
        var lines = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(0));
        return lines;
    }
}
