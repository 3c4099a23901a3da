using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Performance;

/// <summary>
/// The SQL helpers that queries on hot paths call per row must stay inlinable after the whole deployment
/// (99_security alters functions late): any SET clause, or SECURITY DEFINER, makes the planner call them
/// row by row instead (get_due_jobs went from 0.4 to 1.6 ms when job_is_due got one).
/// </summary>
public sealed class InlinedHelperTests : MigratedDatabaseTest
{
    [Theory]
    [InlineData("claude.job_is_due(claude.scheduled_jobs)")]
    [InlineData("claude.session_events(claude.sessions,claude.sessions)")]
    public async Task A_per_row_helper_has_no_SET_clause_and_runs_as_its_caller(string signature)
    {
        var row = Assert.Single(await Sql.RowsAsync(ConnectionString,
            $"SELECT p.proconfig IS NULL, NOT p.prosecdef, l.lanname::text FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.oid = '{signature}'::regprocedure"));
        Assert.Equal([true, true, "sql"], row);
    }
}
