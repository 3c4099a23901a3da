using ClaudeDbKit.Migrations;
using Xunit;

namespace ClaudeDbKit.Tests.Migrations;

public sealed class SqlStatementSplitterTests
{
    private static string[] Split(string sql) => SqlStatementSplitter.Split(sql).Select(s => s.Text.Trim()).ToArray();

    [Fact]
    public void Splits_at_top_level_semicolons_and_drops_empty_and_comment_only_chunks()
    {
        Assert.Equal(["SELECT 1", "SELECT 2"], Split("SELECT 1;; SELECT 2;\n-- trailing comment\n/* and a block */\n"));
    }

    [Theory]
    [InlineData("SELECT 'a;b'")]
    [InlineData("SELECT 'it''s; fine'")]
    [InlineData("SELECT E'back\\'slash; quote'")]
    [InlineData("SELECT \"odd;name\" FROM t")]
    [InlineData("SELECT $$a;b$$")]
    [InlineData("SELECT $fn$ a; $$ nested; $fn$")]
    [InlineData("SELECT $BODY$;$BODY$")]
    [InlineData("SELECT 1 -- comment; with semicolon\n")]
    [InlineData("SELECT /* outer /* inner; */ still; */ 1")]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END")]
    public void Keeps_semicolons_inside_quotes_comments_and_atomic_bodies(string statement)
    {
        Assert.Equal([statement.Trim()], Split(statement + ";\nSELECT 'next';").Take(1).ToArray());
        Assert.Equal(2, Split(statement + ";\nSELECT 'next';").Length);
    }

    [Fact]
    public void A_dollar_sign_inside_an_identifier_or_a_parameter_is_not_a_quote()
    {
        Assert.Equal(["SELECT a$b$c FROM t", "SELECT $1"], Split("SELECT a$b$c FROM t; SELECT $1;"));
    }

    [Fact]
    public void A_gexec_line_ends_a_statement_whose_values_are_run()
    {
        var statements = SqlStatementSplitter.Split("SELECT 'CREATE INDEX a ON t (x)'\n  \\gexec  \r\nSELECT 2;\nSELECT 3\n\\gexec");

        Assert.Equal(["SELECT 'CREATE INDEX a ON t (x)'", "SELECT 2", "SELECT 3"], statements.Select(s => s.Text.Trim()).ToArray());
        Assert.Equal([true, false, true], statements.Select(s => s.ExecutesResult).ToArray());
    }

    [Theory]
    [InlineData("SELECT '\n\\gexec\n'")]
    [InlineData("SELECT $$\n\\gexec\n$$")]
    [InlineData("SELECT 1 -- \\gexec\n")]
    [InlineData("SELECT 1 \\gexec_not_alone\n")]
    public void Gexec_inside_quotes_comments_or_not_alone_on_its_line_is_text(string statement)
    {
        var statements = SqlStatementSplitter.Split(statement + ";");

        Assert.Single(statements);
        Assert.False(statements[0].ExecutesResult);
    }

    [Fact]
    public void A_gexec_without_a_query_is_refused_with_its_line()
    {
        var error = Assert.Throws<FormatException>(() => SqlStatementSplitter.Split("SELECT 1;\n\\gexec\n"));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Offsets_point_at_each_statement_in_the_original_text()
    {
        const string script = "SELECT 1;\n  SELECT $$x;y$$;";
        var statements = SqlStatementSplitter.Split(script);

        Assert.Equal(2, statements.Count);
        foreach (var s in statements)
            Assert.Equal(s.Text, script.Substring(s.Offset, s.Text.Length));
    }

    [Fact]
    public void Error_positions_map_to_file_line_and_column()
    {
        const string script = "SELECT 1;\n\nSELECT\n  nope FROM x;";
        var second = SqlStatementSplitter.Split(script)[1];

        // PostgreSQL positions are 1-based within the statement text: "\n\nSELECT\n  nope" -> 'n' of nope.
        var position = second.Text.IndexOf("nope", StringComparison.Ordinal) + 1;

        Assert.Equal((4, 3), ScriptExecutor.Locate(script, second, position));
        Assert.Equal((3, 1), ScriptExecutor.Locate(script, second, 0));
    }

    [Fact]
    public void The_no_transaction_marker_is_read_from_the_first_line_only()
    {
        Assert.False(SqlScript.FromText("m.sql", ScriptKind.Migration, "-- claudedbkit:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);").RunsInTransaction);
        Assert.True(SqlScript.FromText("m.sql", ScriptKind.Migration, "SELECT 1;\n-- claudedbkit:no-transaction\n").RunsInTransaction);
        Assert.False(SqlScript.FromText("m.sql", ScriptKind.Migration, "\uFEFF-- claudedbkit:no-transaction\r\nSELECT 1;").RunsInTransaction);
    }
}
