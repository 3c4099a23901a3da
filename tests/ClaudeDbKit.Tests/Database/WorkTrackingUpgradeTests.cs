using ClaudeDbKit.Migrations;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

/// <summary>Seed 003's migration on databases that already hold work items: codes in branch names never change.</summary>
public sealed class WorkTrackingUpgradeTests : EmptyDatabaseTest
{
    private Task<T?> Scalar<T>(string sql) => Sql.ScalarAsync<T>(ConnectionString, sql);

    private Task<List<object?[]>> Rows(string sql) => Sql.RowsAsync(ConnectionString, sql);

    [Fact]
    public async Task Legacy_short_codes_keep_their_numbers_and_new_items_continue_after_the_highest()
    {
        await Sql.ExecuteAsync(ConnectionString, await File.ReadAllTextAsync(Repository.TestSql("legacy_database.sql")));
        var before = await Rows("SELECT feature_id, short_code FROM claude.features ORDER BY feature_id");
        Assert.Equal(5, before.Count);

        await new MigrationRunner(ConnectionString).MigrateAsync();

        Assert.Equal(before, await Rows("SELECT feature_id, short_code FROM claude.features ORDER BY feature_id"));
        var project = await Scalar<string>("SELECT project_name FROM claude.projects WHERE project_id = (SELECT project_id FROM claude.features LIMIT 1)");
        Assert.Equal("F6", await Scalar<string>($"SELECT claude.create_feature('{project}', 'after the upgrade')"));
        // Legacy feedback and tasks had no short codes: they got codes in creation order, new ones follow.
        var feedbackCount = await Scalar<long>("SELECT count(*) FROM claude.feedback");
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM claude.feedback WHERE short_code IS NULL"));
        Assert.Equal(feedbackCount, await Scalar<long>("SELECT max(short_code)::bigint FROM claude.feedback"));
        Assert.Equal($"FB{feedbackCount + 1}", await Scalar<string>($"SELECT claude.create_feedback('{project}', 'bug', 'new')"));
        // Tasks took their feature's project.
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM claude.build_tasks t JOIN claude.features f USING (feature_id) WHERE t.project_id IS DISTINCT FROM f.project_id"));
    }

    [Fact]
    public async Task Gaps_null_codes_and_a_sequence_behind_the_data_are_handled_without_reusing_a_code()
    {
        await Sql.ExecuteAsync(ConnectionString,
            """
            CREATE SCHEMA claude;
            CREATE TABLE claude.projects AS SELECT '5a000000-0000-4000-8000-000000000001'::uuid AS project_id, 'alpha'::varchar(200) AS project_name;
            ALTER TABLE claude.projects ADD PRIMARY KEY (project_id);
            CREATE TABLE claude.features (feature_id uuid PRIMARY KEY, project_id uuid, feature_name varchar(200), status varchar(50),
                                          short_code serial, created_at timestamp);
            ALTER TABLE claude.features ALTER COLUMN short_code DROP NOT NULL;
            -- A sequence left behind the data (codes inserted by hand), a gap, and rows without a code.
            INSERT INTO claude.features VALUES
                ('f0000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', 'a', 'not_started', 3,  '2025-12-01'),
                ('f0000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', 'b', 'planned',     17, '2025-12-02');
            INSERT INTO claude.features (feature_id, project_id, feature_name, status, short_code, created_at) VALUES
                ('f0000000-0000-4000-8000-000000000003', '5a000000-0000-4000-8000-000000000001', 'c', 'planned', NULL, '2025-12-04'),
                ('f0000000-0000-4000-8000-000000000004', '5a000000-0000-4000-8000-000000000001', 'd', 'planned', NULL, '2025-12-03');
            """);

        await new MigrationRunner(ConnectionString).MigrateAsync();

        Assert.Equal([["a", 3], ["b", 17], ["d", 18], ["c", 19]], await Rows("SELECT feature_name, short_code FROM claude.features ORDER BY short_code"));
        Assert.Equal("F20", await Scalar<string>("SELECT claude.create_feature('alpha', 'new')"));
        Assert.Equal("F21", await Scalar<string>("SELECT claude.create_feature('alpha', 'newer')"));
        // project_id became NOT NULL through a validated CHECK (no rows were NULL), and the CHECK is gone again.
        Assert.True(await Scalar<bool>("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'claude.features'::regclass AND attname = 'project_id'"));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM pg_constraint WHERE conname = 'features_project_id_not_null'"));
        Assert.True(await Scalar<bool>("SELECT indisunique FROM pg_index WHERE indexrelid = 'claude.features_short_code_key'::regclass"));
    }

    [Fact]
    public async Task Feedback_without_a_project_keeps_its_rows_and_a_not_valid_check_guards_new_writes()
    {
        await Sql.ExecuteAsync(ConnectionString,
            """
            CREATE SCHEMA claude;
            CREATE TABLE claude.feedback (feedback_id uuid PRIMARY KEY, project_id uuid, feedback_type varchar(50), description text, status varchar(50));
            INSERT INTO claude.feedback VALUES ('fb000000-0000-4000-8000-000000000001', NULL, 'bug', 'orphan', 'new');
            """);

        await new MigrationRunner(ConnectionString).MigrateAsync();

        Assert.Equal([[null, 1]], await Rows("SELECT project_id, short_code FROM claude.feedback"));
        Assert.False(await Scalar<bool>("SELECT convalidated FROM pg_constraint WHERE conname = 'feedback_project_id_not_null'"));
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            Sql.ExecuteAsync(ConnectionString, "INSERT INTO claude.feedback (feedback_type, description) VALUES ('bug', 'no project')"));
        Assert.Equal("23514", error.SqlState);
    }
}
