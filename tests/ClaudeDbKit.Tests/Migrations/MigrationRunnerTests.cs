using ClaudeDbKit.Migrations;
using ClaudeDbKit.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Migrations;

public sealed class MigrationRunnerTests : EmptyDatabaseTest, IDisposable
{
    private readonly ScriptFolder _scripts = new ScriptFolder()
        .Migration("0001_people.sql", "CREATE TABLE claude.people (id int PRIMARY KEY, name text);")
        .Migration("0002_people_rows.sql", "INSERT INTO claude.people VALUES (1, 'ada'), (2, 'grace');")
        .Function("people.sql", "CREATE OR REPLACE FUNCTION claude.people_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM claude.people $$;")
        .Function("zeta.sql", "CREATE OR REPLACE FUNCTION claude.zeta() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;");

    public void Dispose() => _scripts.Dispose();

    private MigrationRunner Runner(bool dryRun = false, bool acceptChanged = false) =>
        new(ConnectionString, new MigrationOptions { Scripts = _scripts.Source, DryRun = dryRun, AcceptChangedMigrations = acceptChanged });

    private Task<List<object?[]>> JournalAsync() =>
        Sql.RowsAsync(ConnectionString, "SELECT schemaversionsid, scriptname, applied, checksum, kind FROM claude.schemaversions ORDER BY 1");

    [Fact]
    public async Task Fresh_database_gets_every_script_and_a_second_run_changes_nothing()
    {
        var first = await Runner().MigrateAsync();

        Assert.Equal(
            ["migrations/0001_people.sql", "migrations/0002_people_rows.sql", "functions/people.sql", "functions/zeta.sql"],
            first.Scripts.Select(s => s.Name));
        Assert.All(first.Status, s => Assert.Equal(ScriptState.Applied, s.State));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT claude.people_count()"));
        var journal = await JournalAsync();

        var second = await Runner().MigrateAsync();

        Assert.Empty(second.Scripts);
        Assert.False(second.ChangedAnything);
        Assert.Equal(journal, await JournalAsync());
    }

    [Fact]
    public async Task Journal_rows_carry_checksum_kind_and_who_applied()
    {
        await Runner().MigrateAsync();

        var rows = await Sql.RowsAsync(ConnectionString,
            "SELECT scriptname, checksum, kind, execution_ms, applied_by FROM claude.schemaversions ORDER BY schemaversionsid");
        var expected = _scripts.Source.LoadScripts();
        Assert.Equal(expected.Select(s => s.Name), rows.Select(r => (string)r[0]!));
        Assert.Equal(expected.Select(s => s.Checksum), rows.Select(r => (string)r[1]!));
        Assert.Equal(["migration", "migration", "function", "function"], rows.Select(r => (string)r[2]!));
        Assert.All(rows, r => Assert.True((int)r[3]! >= 0));
        Assert.All(rows, r => Assert.Contains("ClaudeDbKit", (string)r[4]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Editing_an_applied_migration_fails_with_its_name_and_runs_nothing()
    {
        await Runner().MigrateAsync();
        _scripts.Migration("0002_people_rows.sql", "INSERT INTO claude.people VALUES (1, 'ada'), (2, 'grace'), (3, 'edsger');")
                .Migration("0003_more.sql", "CREATE TABLE claude.more (id int);")
                .Function("people.sql", "CREATE OR REPLACE FUNCTION claude.people_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) + 100 FROM claude.people $$;");
        var journal = await JournalAsync();

        var error = await Assert.ThrowsAsync<ChangedMigrationsException>(() => Runner().MigrateAsync());

        Assert.Equal(["migrations/0002_people_rows.sql"], error.ScriptNames);
        Assert.Contains("migrations/0002_people_rows.sql", error.Message, StringComparison.Ordinal);
        Assert.Equal(journal, await JournalAsync());
        Assert.Null(await Sql.ScalarAsync<string>(ConnectionString, "SELECT to_regclass('claude.more')::text"));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT claude.people_count()"));
    }

    [Fact]
    public async Task An_accepted_edit_is_journaled_without_running_the_migration_again()
    {
        await Runner().MigrateAsync();
        _scripts.Migration("0002_people_rows.sql", "-- reformatted\nINSERT INTO claude.people VALUES (1, 'ada'), (2, 'grace');");

        var result = await Runner(acceptChanged: true).MigrateAsync();

        var outcome = Assert.Single(result.Scripts);
        Assert.Equal(ScriptAction.Accepted, outcome.Action);
        Assert.Equal(2L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.people"));
        Assert.All(result.Status, s => Assert.Equal(ScriptState.Applied, s.State));
        Assert.Empty((await Runner().MigrateAsync()).Scripts);
    }

    [Fact]
    public async Task Editing_one_function_script_reapplies_that_script_only()
    {
        await Runner().MigrateAsync();
        _scripts.Function("people.sql", "CREATE OR REPLACE FUNCTION claude.people_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) * 10 FROM claude.people $$;");

        var result = await Runner().MigrateAsync();

        Assert.Equal(["functions/people.sql"], result.Scripts.Select(s => s.Name));
        Assert.Equal(20L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT claude.people_count()"));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.schemaversions WHERE scriptname = 'functions/people.sql'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.schemaversions WHERE scriptname = 'functions/zeta.sql'"));
    }

    [Fact]
    public async Task Line_ending_changes_alone_do_not_count_as_an_edit()
    {
        await Runner().MigrateAsync();
        _scripts.Migration("0001_people.sql", "CREATE TABLE claude.people (id int PRIMARY KEY, name text);".Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n");
        File.WriteAllText(Path.Combine(_scripts.Root, "migrations", "0001_people.sql"), "CREATE TABLE claude.people (id int PRIMARY KEY, name text);");
        _scripts.Function("zeta.sql", "CREATE OR REPLACE FUNCTION claude.zeta()\r\nRETURNS int LANGUAGE sql AS $$ SELECT 1 $$;");
        await Runner().MigrateAsync(); // zeta changed by content (new line break), applied once
        _scripts.Function("zeta.sql", "CREATE OR REPLACE FUNCTION claude.zeta()\nRETURNS int LANGUAGE sql AS $$ SELECT 1 $$;");

        var result = await Runner().MigrateAsync();

        Assert.Empty(result.Scripts);
    }

    [Fact]
    public async Task A_failing_script_rolls_back_completely_and_names_script_and_line()
    {
        _scripts.Migration("0003_broken.sql", "CREATE TABLE claude.half (id int);\nINSERT INTO claude.half VALUES (1);\n\nSELECT * FROM claude.no_such_table;\n")
                .Migration("0004_after.sql", "CREATE TABLE claude.after (id int);");

        var error = await Assert.ThrowsAsync<MigrationScriptException>(() => Runner().MigrateAsync());

        Assert.Equal("migrations/0003_broken.sql", error.ScriptName);
        Assert.Equal(4, error.Line);
        Assert.Equal(15, error.Column);
        Assert.Equal("42P01", error.SqlState);
        Assert.Contains("migrations/0003_broken.sql failed at line 4", error.Message, StringComparison.Ordinal);
        Assert.Null(await Sql.ScalarAsync<string>(ConnectionString, "SELECT to_regclass('claude.half')::text"));
        Assert.Null(await Sql.ScalarAsync<string>(ConnectionString, "SELECT to_regclass('claude.after')::text"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.schemaversions WHERE scriptname LIKE '%0003%' OR scriptname LIKE '%0004%'"));
        // Earlier scripts stay applied.
        Assert.Equal(2L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.people"));
    }

    [Fact]
    public async Task Dollar_quoted_bodies_of_every_tag_are_applied_byte_for_byte()
    {
        const string plain = "\nBEGIN\n  -- a comment; with a semicolon\n  RETURN 'it''s $fn$ and $BODY$; not ended';\nEND;\n";
        const string tagged = "\nDECLARE v text := $$nested; dollars$$;\nBEGIN\n  RETURN v || E'\\t;' || \"left\"(';x', 1);\nEND\n";
        const string body = "\nBEGIN\n  /* block; /* nested; */ still comment */\n  RETURN $q$;$q$;\nEND\n";
        _scripts.Function("quoting.sql",
            $"CREATE OR REPLACE FUNCTION claude.q_plain() RETURNS text LANGUAGE plpgsql AS $${plain}$$;\n" +
            $"CREATE OR REPLACE FUNCTION claude.q_fn() RETURNS text LANGUAGE plpgsql AS $fn${tagged}$fn$;\n" +
            $"CREATE OR REPLACE FUNCTION claude.q_body() RETURNS text LANGUAGE plpgsql AS $BODY${body}$BODY$;\n");

        await Runner().MigrateAsync();

        Assert.Equal(plain, await Sql.ScalarAsync<string>(ConnectionString, "SELECT prosrc FROM pg_proc WHERE proname = 'q_plain'"));
        Assert.Equal(tagged, await Sql.ScalarAsync<string>(ConnectionString, "SELECT prosrc FROM pg_proc WHERE proname = 'q_fn'"));
        Assert.Equal(body, await Sql.ScalarAsync<string>(ConnectionString, "SELECT prosrc FROM pg_proc WHERE proname = 'q_body'"));
        Assert.Equal("it's $fn$ and $BODY$; not ended", await Sql.ScalarAsync<string>(ConnectionString, "SELECT claude.q_plain()"));
        Assert.Equal("nested; dollars\t;;", await Sql.ScalarAsync<string>(ConnectionString, "SELECT claude.q_fn()"));
        Assert.Equal(";", await Sql.ScalarAsync<string>(ConnectionString, "SELECT claude.q_body()"));
    }

    [Fact]
    public async Task A_script_marked_no_transaction_can_create_an_index_concurrently()
    {
        _scripts.Migration("0003_index.sql", "-- claudedbkit:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS people_name_idx ON claude.people (name);\n");

        await Runner().MigrateAsync();

        Assert.True(await Sql.ScalarAsync<bool>(ConnectionString,
            "SELECT indisvalid FROM pg_index WHERE indexrelid = 'claude.people_name_idx'::regclass"));
    }

    [Fact]
    public async Task A_gexec_query_runs_each_statement_it_returns_and_nothing_for_null()
    {
        // Whether to build is decided in SQL, the build runs as its own statement outside any transaction.
        _scripts.Migration("0003_index.sql",
            "-- claudedbkit:no-transaction\n" +
            "SELECT 'CREATE INDEX CONCURRENTLY people_name_idx ON claude.people (name)'\n" +
            " WHERE NOT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = 'claude.people'::regclass AND indkey::text = '2')\n" +
            "\\gexec\n" +
            "SELECT NULL::text, 'CREATE INDEX CONCURRENTLY people_id_name_idx ON claude.people (id, name)'\n" +
            "\\gexec\n" +
            "SELECT 'CREATE INDEX CONCURRENTLY people_never_idx ON claude.people (name)' WHERE false\n" +
            "\\gexec\n");

        await Runner().MigrateAsync();

        Assert.Equal(["people_id_name_idx", "people_name_idx", "people_pkey"], (await Sql.RowsAsync(ConnectionString,
            "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'claude.people'::regclass AND indisvalid ORDER BY 1"))
            .Select(r => ((string)r[0]!).Replace("claude.", "", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public async Task A_failing_generated_statement_names_the_gexec_query_and_the_statement()
    {
        _scripts.Migration("0003_generated.sql", "SELECT 1;\n\nSELECT 'SELECT * FROM claude.no_such_table'\n\\gexec\n");

        var error = await Assert.ThrowsAsync<MigrationScriptException>(() => Runner().MigrateAsync());

        Assert.Equal(3, error.Line);
        Assert.Equal("42P01", error.SqlState);
        Assert.Equal("SELECT * FROM claude.no_such_table", error.GeneratedStatement);
        Assert.Contains("SELECT * FROM claude.no_such_table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_rolled_back_by_a_deadlock_with_a_client_runs_again_and_is_journaled_once()
    {
        await Sql.ExecuteAsync(ConnectionString, "CREATE SCHEMA IF NOT EXISTS claude; CREATE TABLE claude.a (id int); CREATE TABLE claude.b (id int);");
        // The script locks a then b; the client's transaction writes b then a.
        _scripts.Migration("0003_locks.sql",
            "LOCK TABLE claude.a IN SHARE MODE;\nLOCK TABLE claude.b IN SHARE MODE;\nINSERT INTO claude.people VALUES (3, 'locked');\n");
        await using var client = new NpgsqlConnection(ConnectionString);
        await client.OpenAsync();
        await using var transaction = await client.BeginTransactionAsync();
        await using (var first = new NpgsqlCommand("INSERT INTO claude.b VALUES (1)", client, transaction))
            await first.ExecuteNonQueryAsync();

        var messages = new List<string>();
        var deploy = Runner().MigrateAsync(new SynchronousProgress(p => { lock (messages) messages.Add(p.Message); }));
        // Once the script waits for b, the client asks for a: a deadlock, and the script waited first, so
        // the server's deadlock check (after deadlock_timeout) rolls the script back.
        while (!await Sql.ScalarAsync<bool>(ConnectionString,
                   "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE relation = 'claude.b'::regclass AND NOT granted)"))
            await Task.Delay(20);
        await using (var second = new NpgsqlCommand("INSERT INTO claude.a VALUES (1)", client, transaction))
            await second.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        await deploy;

        Assert.Contains(messages, m => m.Contains("deadlock", StringComparison.Ordinal) && m.Contains("attempt 2 of 3", StringComparison.Ordinal));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.people WHERE name = 'locked'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.schemaversions WHERE scriptname = 'migrations/0003_locks.sql'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM claude.a"));
    }

    private sealed class SynchronousProgress(Action<MigrationProgress> report) : IProgress<MigrationProgress>
    {
        public void Report(MigrationProgress value) => report(value);
    }

    [Fact]
    public async Task A_dry_run_lists_the_scripts_and_creates_nothing()
    {
        var result = await Runner(dryRun: true).MigrateAsync();

        Assert.True(result.DryRun);
        Assert.Equal(4, result.Scripts.Count);
        Assert.All(result.Scripts, s => Assert.Equal(ScriptAction.WouldApply, s.Action));
        Assert.Null(await Sql.ScalarAsync<string>(ConnectionString, "SELECT to_regnamespace('claude')::text"));
    }

    [Fact]
    public async Task Status_reports_applied_pending_changed_and_unknown_scripts()
    {
        await Runner().MigrateAsync();
        await Sql.ExecuteAsync(ConnectionString,
            "INSERT INTO claude.schemaversions (scriptname, applied) VALUES ('migrations/0000_from_elsewhere.sql', now())");
        _scripts.Migration("0003_new.sql", "SELECT 1;")
                .Function("zeta.sql", "CREATE OR REPLACE FUNCTION claude.zeta() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;");

        var status = (await Runner().GetStatusAsync()).ToDictionary(s => s.Name, s => s.State);

        Assert.Equal(ScriptState.Applied, status["migrations/0001_people.sql"]);
        Assert.Equal(ScriptState.Pending, status["migrations/0003_new.sql"]);
        Assert.Equal(ScriptState.Changed, status["functions/zeta.sql"]);
        Assert.Equal(ScriptState.Unknown, status["migrations/0000_from_elsewhere.sql"]);
    }

    [Fact]
    public async Task A_journal_created_by_DbUp_is_adopted_not_recreated()
    {
        await Sql.ExecuteAsync(ConnectionString, """
            CREATE SCHEMA claude;
            CREATE TABLE claude.schemaversions (
                schemaversionsid serial NOT NULL,
                scriptname character varying(255) NOT NULL,
                applied timestamp without time zone NOT NULL,
                CONSTRAINT "PK_schemaversions_Id" PRIMARY KEY (schemaversionsid));
            INSERT INTO claude.schemaversions (scriptname, applied) VALUES ('migrations/0001_people.sql', '2025-12-01 10:00');
            CREATE TABLE claude.people (id int PRIMARY KEY, name text);
            """);

        var result = await Runner().MigrateAsync();

        Assert.DoesNotContain("migrations/0001_people.sql", result.Scripts.Select(s => s.Name));
        var dbUpRow = Assert.Single(await Sql.RowsAsync(ConnectionString,
            "SELECT schemaversionsid, applied, checksum FROM claude.schemaversions WHERE scriptname = 'migrations/0001_people.sql'"));
        Assert.Equal(1, dbUpRow[0]);
        Assert.Equal(new DateTime(2025, 12, 1, 10, 0, 0), dbUpRow[1]);
        Assert.Null(dbUpRow[2]);
        // DbUp's own insert (only scriptname and applied) still works on the extended table.
        await Sql.ExecuteAsync(ConnectionString, "INSERT INTO claude.schemaversions (scriptname, applied) VALUES ('dbup-script', now())");
        Assert.Equal("PK_schemaversions_Id", await Sql.ScalarAsync<string>(ConnectionString,
            "SELECT conname::text FROM pg_constraint WHERE conrelid = 'claude.schemaversions'::regclass AND contype = 'p'"));
    }

    [Fact]
    public async Task A_deployment_waits_for_the_lock_and_gives_up_with_a_clear_error()
    {
        await using var holder = new NpgsqlConnection(ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(1129071682, 1)", holder))
            await take.ExecuteNonQueryAsync();
        var messages = new List<string>();
        var runner = new MigrationRunner(ConnectionString, new MigrationOptions { Scripts = _scripts.Source, LockWait = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<DeploymentLockTimeoutException>(() =>
            runner.MigrateAsync(new InlineProgress(p => messages.Add(p.Message))));

        Assert.Contains("server process", error.Message, StringComparison.Ordinal);
        Assert.Contains(messages, m => m.StartsWith("Waiting for another deployment", StringComparison.Ordinal));
        Assert.Null(await Sql.ScalarAsync<string>(ConnectionString, "SELECT to_regclass('claude.people')::text"));

        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(1129071682, 1)", holder))
            await release.ExecuteNonQueryAsync();
        Assert.Equal(4, (await runner.MigrateAsync()).Scripts.Count);
    }

    [Fact]
    public async Task A_statement_blocked_by_a_table_lock_fails_after_lock_timeout_instead_of_hanging()
    {
        await Runner().MigrateAsync();
        _scripts.Migration("0003_alter.sql", "ALTER TABLE claude.people ADD COLUMN age int;");
        await using var blocker = new NpgsqlConnection(ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var read = new NpgsqlCommand("SELECT * FROM claude.people", blocker, transaction))
            await read.ExecuteNonQueryAsync();
        var runner = new MigrationRunner(ConnectionString, new MigrationOptions { Scripts = _scripts.Source, LockTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<MigrationScriptException>(() => runner.MigrateAsync());

        Assert.Equal("55P03", error.SqlState);
        Assert.Equal("migrations/0003_alter.sql", error.ScriptName);
    }

    [Fact]
    public async Task Two_deployments_at_the_same_moment_journal_every_script_once()
    {
        _scripts.Migration("0003_slow.sql", "SELECT pg_sleep(0.3); CREATE TABLE claude.slow (id int);");
        var runners = Enumerable.Range(0, 4).Select(_ => Runner()).ToList();

        var results = await Task.WhenAll(runners.Select(r => Task.Run(() => r.MigrateAsync())));

        Assert.Equal(5, results.Sum(r => r.Scripts.Count));
        var counts = await Sql.RowsAsync(ConnectionString, "SELECT scriptname, count(*) FROM claude.schemaversions GROUP BY 1");
        Assert.Equal(5, counts.Count);
        Assert.All(counts, c => Assert.Equal(1L, c[1]));
    }

    private sealed class InlineProgress(Action<MigrationProgress> report) : IProgress<MigrationProgress>
    {
        public void Report(MigrationProgress value) => report(value);
    }
}
