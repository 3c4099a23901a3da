using ClaudeDbKit.Connections;
using Xunit;

namespace ClaudeDbKit.Tests.Connections;

public sealed class ConnectionStringsTests
{
    [Fact]
    public void A_postgres_url_becomes_an_npgsql_connection_string()
    {
        var builder = ConnectionStrings.Parse("postgres://claude:p%40ss%3Bword@db.example:6543/ai_company_foundation?sslmode=disable&application_name=hook");

        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("claude", builder.Username);
        Assert.Equal("p@ss;word", builder.Password);
        Assert.Equal("ai_company_foundation", builder.Database);
        Assert.Equal("hook", builder.ApplicationName);
        Assert.Equal(Npgsql.SslMode.Disable, builder.SslMode);
    }

    [Fact]
    public void A_url_without_port_keeps_the_default_port()
    {
        Assert.Equal(5432, ConnectionStrings.Parse("postgresql://localhost/db").Port);
    }

    [Fact]
    public void A_key_value_string_is_accepted_as_is()
    {
        var builder = ConnectionStrings.Parse("Host=h;Database=d;Username=u");
        Assert.Equal(("h", "d", "u"), (builder.Host, builder.Database, builder.Username));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("this is not a connection string")]
    [InlineData("postgres://host/db?no_such_option=1")]
    public void Bad_input_is_refused_with_the_expected_forms_named(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => ConnectionStrings.Parse(value));
        Assert.Contains("postgres://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_and_describe_never_show_the_password()
    {
        var builder = ConnectionStrings.Parse("Host=h;Database=d;Username=u;Password=s3cret-value");

        Assert.DoesNotContain("s3cret-value", ConnectionStrings.Redact(builder), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", ConnectionStrings.Describe(builder), StringComparison.Ordinal);
        Assert.Equal("s3cret-value", builder.Password);
    }
}
