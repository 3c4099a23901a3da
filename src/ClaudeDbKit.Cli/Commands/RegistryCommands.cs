using System.CommandLine;
using static ClaudeDbKit.Cli.Commands.CommandBuilder;

namespace ClaudeDbKit.Cli.Commands;

/// <summary><c>claudedb registry values|refresh</c>: the column registry.</summary>
internal static class RegistryCommands
{
    public static Command Create(CommandContext context)
    {
        var registry = new Command("registry", "Valid values of enumerated columns, and the CHECK constraints derived from them.");

        var table = new Argument<string>("table");
        var column = new Argument<string>("column");
        registry.Subcommands.Add(Call(context, "values", "Print the valid values of table.column, one per line.", [table, column],
            async (client, parse, ct) => context.Write(parse,
                await client.Registry.GetValidValuesAsync(parse.GetValue(table)!, parse.GetValue(column)!, ct).ConfigureAwait(false),
                CliJsonContext.Default.IReadOnlyListString,
                (o, values) => { foreach (var v in values) o.WriteLine(v); })));

        var refreshTable = Optional<string?>("--table", "Only this table.");
        var refreshColumn = Optional<string?>("--column", "Only this column.");
        registry.Subcommands.Add(Call(context, "refresh", "Re-derive CHECK constraints after editing claude.column_registry.", [refreshTable, refreshColumn],
            async (client, parse, ct) => context.WriteCount(parse,
                await client.Registry.RefreshConstraintsAsync(parse.GetValue(refreshTable), parse.GetValue(refreshColumn), ct).ConfigureAwait(false),
                "constraint(s) created or replaced")));
        return registry;
    }
}
