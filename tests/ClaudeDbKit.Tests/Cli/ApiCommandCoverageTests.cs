using System.CommandLine;
using ClaudeDbKit.Cli;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Cli;

/// <summary>Every SQL API function of a migrated schema has exactly one claudedb subcommand, and each mapped subcommand exists.</summary>
public sealed class ApiCommandCoverageTests : MigratedDatabaseTest
{
    [Fact]
    public async Task The_map_names_each_api_function_of_the_schema_once()
    {
        var functions = await SchemaCatalog.ApiFunctionsAsync(ConnectionString);

        Assert.Equal(functions, ApiCommandMap.Commands.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ApiCommandMap.Commands.Count, ApiCommandMap.Commands.Values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Each_mapped_subcommand_exists_in_the_command_tree()
    {
        var root = new CliApplication(TextReader.Null, TextWriter.Null, TextWriter.Null).BuildRoot();

        var missing = ApiCommandMap.Commands.Values.Where(path => Find(root, path) is null).ToList();

        Assert.Empty(missing);
        Assert.Null(Find(root, "session no-such-command"));
    }

    private static Command? Find(Command root, string path)
    {
        Command? current = root;
        foreach (var name in path.Split(' '))
            current = current?.Subcommands.FirstOrDefault(c => c.Name == name);
        return current;
    }
}
