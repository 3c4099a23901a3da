using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Connections;

/// <summary>Npgsql's exceptions told in plain values, as the PowerShell module's error records read them.</summary>
public sealed class DatabaseFailureTests
{
    [Theory]
    [InlineData("08006", DatabaseFailureKind.Unreachable)]
    [InlineData("3D000", DatabaseFailureKind.Unreachable)]
    [InlineData("57P03", DatabaseFailureKind.Unreachable)]
    [InlineData("53300", DatabaseFailureKind.Unreachable)]
    [InlineData("28P01", DatabaseFailureKind.LoginRefused)]
    [InlineData("42501", DatabaseFailureKind.PermissionDenied)]
    [InlineData("42883", DatabaseFailureKind.ServerError)]
    public void A_server_error_is_classified_by_its_SQLSTATE(string sqlState, DatabaseFailureKind kind)
    {
        var failure = DatabaseFailure.Of(new PostgresException("it failed", "ERROR", "ERROR", sqlState));

        Assert.Equal(new DatabaseFailure(kind, sqlState, $"{sqlState}: it failed"), failure);
    }

    [Fact]
    public void A_server_errors_hint_is_part_of_the_message()
    {
        var failure = DatabaseFailure.Of(new PostgresException("function claude.x() does not exist", "ERROR", "ERROR", "42883", hint: "Run claudedb migrate."))!;

        Assert.Equal("42883: function claude.x() does not exist HINT: Run claudedb migrate.", failure.Message);
    }

    [Fact]
    public void A_failure_before_any_server_answered_is_Unreachable_without_SQLSTATE_and_names_its_cause()
    {
        var failure = DatabaseFailure.Of(new NpgsqlException("Failed to connect to 127.0.0.1:1", new IOException("Connection refused")))!;

        Assert.Equal(DatabaseFailureKind.Unreachable, failure.Kind);
        Assert.Null(failure.SqlState);
        Assert.Equal("Failed to connect to 127.0.0.1:1 (Connection refused)", failure.Message);
    }

    [Fact]
    public void Any_other_exception_is_not_a_database_failure()
    {
        Assert.Null(DatabaseFailure.Of(new InvalidOperationException("a bug")));
    }
}
