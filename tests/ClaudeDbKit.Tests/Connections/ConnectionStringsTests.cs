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

    [Fact]
    public void Read_puts_the_credential_in_and_hands_back_only_strings_without_the_password_where_shown()
    {
        var details = ConnectionStrings.Read("postgres://old:old-pw@db.example:6543/claude", "alice", "s3cret-value");

        var builder = ConnectionStrings.Parse(details.ConnectionString);
        Assert.Equal(("alice", "s3cret-value"), (builder.Username, builder.Password));
        Assert.Equal(("db.example", 6543, "claude", "alice"), (details.Host, details.Port, details.Database, details.Username));
        Assert.Equal("alice@db.example:6543/claude", details.Description);
        Assert.DoesNotContain("s3cret-value", details.Redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_without_a_credential_keeps_the_user_and_password_of_the_connection_string()
    {
        var details = ConnectionStrings.Read("Host=h;Database=d;Username=u;Password=p");

        Assert.Equal(("u", "p"), (ConnectionStrings.Parse(details.ConnectionString).Username, ConnectionStrings.Parse(details.ConnectionString).Password));
        Assert.Throws<ArgumentException>(() => ConnectionStrings.Read("not a connection string", "alice", "pw"));
    }
}
