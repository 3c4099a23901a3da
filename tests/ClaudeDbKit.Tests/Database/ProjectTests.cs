using Xunit;

namespace ClaudeDbKit.Tests.Database;

public sealed class ProjectTests : DatabaseApiTest
{
    [Fact]
    public async Task Resolve_project_matches_any_case_and_surrounding_spaces()
    {
        var id = await Scalar<Guid>("INSERT INTO claude.projects (project_name, status) VALUES ('ATO-Tax-Agent', 'active') RETURNING project_id");

        Assert.Equal(id, await Scalar<Guid>("SELECT claude.resolve_project('ato-tax-agent')"));
        Assert.Equal(id, await Scalar<Guid>("SELECT claude.resolve_project('  ATO-TAX-AGENT ', true)"));
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.projects"));
    }

    [Fact]
    public async Task An_unknown_project_is_CD002_with_a_suggestion_unless_registering()
    {
        await Execute("INSERT INTO claude.projects (project_name, status) VALUES ('ATO-Tax-Agent', 'active')");
        var error = await Refused("CD002", "SELECT claude.resolve_project('ato_tax_agent')");
        Assert.Contains("'ATO-Tax-Agent'", error.Hint, StringComparison.Ordinal);

        var id = await Scalar<Guid>("SELECT claude.resolve_project(' new-project ', true)");
        var row = Assert.Single(await Rows($"SELECT project_name, status FROM claude.projects WHERE project_id = '{id}'"));
        Assert.Equal(["new-project", "active"], row);
        var activity = Assert.Single(await Rows($"SELECT source_type, activity_type, project_name FROM claude.activity_feed WHERE source_id = '{id}'"));
        Assert.Equal(["project", "project_registered", "new-project"], activity);
    }

    [Theory]
    [InlineData("SELECT claude.resolve_project(NULL, true)")]
    [InlineData("SELECT claude.resolve_project('   ', true)")]
    public async Task A_blank_project_name_is_CD005(string sql) => await Refused("CD005", sql);

    [Fact]
    public async Task Concurrent_registrations_of_one_new_name_create_one_project()
    {
        var results = await Concurrently(10, c => Call(c, "SELECT claude.resolve_project('Brand-New', true)"));
        Assert.All(results, r => Assert.Null(r));
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.projects WHERE lower(project_name) = 'brand-new'"));
        Assert.Equal(1L, await Count("SELECT count(*) FROM claude.activity_feed WHERE activity_type = 'project_registered'"));
    }

    [Fact]
    public async Task Project_names_are_unique_regardless_of_case_for_direct_writers_too()
    {
        await Execute("INSERT INTO claude.projects (project_name, status) VALUES ('claude-family', 'active')");
        var error = await Refused("CD004", "INSERT INTO claude.projects (project_name, status) VALUES ('Claude-Family ', 'active')");
        Assert.Contains("resolve_project", error.Hint, StringComparison.Ordinal);
        Assert.True(await Scalar<bool>("SELECT indisunique FROM pg_index WHERE indexrelid = 'claude.projects_name_unique'::regclass"));
    }
}
