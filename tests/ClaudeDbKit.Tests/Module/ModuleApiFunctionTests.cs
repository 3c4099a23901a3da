using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.PowerShellModule;

/// <summary>
/// The cmdlets against the SQL API of a migrated database: the list of API functions is the database's own
/// (functions of schema claude that are not triggers and whose comment does not start with 'Internal'), so
/// a function added without a cmdlet, or a cmdlet left behind by a renamed function, fails here.
/// </summary>
public sealed class ModuleApiFunctionTests(ModuleContractTests.ModuleFixture module) : MigratedDatabaseTest, IClassFixture<ModuleContractTests.ModuleFixture>
{
    [Fact]
    public async Task Each_API_function_of_the_migrated_schema_has_exactly_one_cmdlet_and_each_cmdlet_names_an_API_function()
    {
        var functions = await ApiFunctionsAsync();
        Assert.NotEmpty(functions);

        Assert.Empty(ModuleRules.ApiMappingViolations(module.Cmdlets, functions));
    }

    [Fact]
    public async Task The_set_of_ClaudeApiFunction_names_equals_the_list_of_API_functions()
    {
        var functions = await ApiFunctionsAsync();
        var wrapped = module.Cmdlets.SelectMany(c => c.ApiFunctions).Select(f => f.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(functions, wrapped);
    }

    [Fact]
    public async Task The_query_leaves_out_trigger_functions_and_Internal_helpers()
    {
        var functions = await ApiFunctionsAsync();

        // sessions_before_write is a trigger function; resolve_project is commented 'Internal: ...'.
        Assert.DoesNotContain("sessions_before_write", functions);
        Assert.DoesNotContain("resolve_project", functions);
        Assert.Contains("start_session", functions);
    }

    private Task<List<string>> ApiFunctionsAsync() => SchemaCatalog.ApiFunctionsAsync(ConnectionString);
}
