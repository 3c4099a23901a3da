using System.CommandLine;
using ClaudeDbKit.Client;
using Npgsql;
using static ClaudeDbKit.Cli.Commands.CommandBuilder;

namespace ClaudeDbKit.Cli.Commands;

/// <summary>
/// <c>claudedb doctor</c>: the health report of the database (schema drift and seed 000's data issues).
/// Exit 0 healthy, 1 something to fix, 2 when the check itself could not run (usage, connection, no
/// schema), so a script can tell "unhealthy" from "could not look".
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CommandContext context)
    {
        var staleHours = Optional<int?>("--stale-hours", "Sessions active longer than this count as stale (default 24).");
        var command = new Command("doctor", "Check the schema for drift and the data for seed 000's issues; exit 0 healthy, 1 issues found, 2 could not check.");
        command.Options.Add(staleHours);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(staleHours) is < 1)
                throw new UsageException("--stale-hours must be 1 or more.");
            HealthReport report;
            try
            {
                await using var client = await context.ClientAsync(parse, cancellationToken).ConfigureAwait(false);
                report = await client.Health.CheckAsync(parse.GetValue(staleHours), cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedFunction or PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
            {
                await context.Diagnostics.WriteLineAsync($"claudedb: {e.SqlState}: {e.MessageText}. The claude schema of this database is missing or older than this claudedb: run 'claudedb migrate'.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            catch (Exception e) when (e is DatabaseUnavailableException or NpgsqlException or TimeoutException or IOException)
            {
                await context.Diagnostics.WriteLineAsync($"claudedb: could not check the database: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (context.Json(parse))
                await context.Output.WriteLineAsync(report.Json).ConfigureAwait(false);
            else
                WriteText(context.Output, report);
            return report.Healthy ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static void WriteText(TextWriter output, HealthReport report)
    {
        output.WriteLine(report.Healthy ? "Healthy: no schema drift, no data issues." : "Not healthy.");
        output.WriteLine();
        output.WriteLine($"Schema drift ({report.SchemaDrift.Count}):");
        Table.Write(output, report.SchemaDrift, ("PROBLEM", d => d.Problem), ("TYPE", d => d.ObjectType), ("TABLE", d => d.Table),
            ("NAME", d => d.Name), ("DETAIL", d => d.Detail));
        output.WriteLine();
        output.WriteLine($"Data issues ({report.DataIssues.Count}, sessions stale after {report.StaleHours} hours):");
        Table.Write(output, report.DataIssues, ("ISSUE", i => i.Issue), ("WHERE", i => Where(i)), ("ROWS", i => i.Count),
            ("E.G.", i => string.Join(", ", i.Samples.Take(3))));
        if (!report.Healthy)
        {
            output.WriteLine();
            output.WriteLine("'claudedb doctor --json' gives every detail; CALL claude.repair_legacy_data() and CALL claude.upgrade_constraints() repair what the evidence allows.");
        }
    }

    private static string Where(DataIssue issue) =>
        issue.Constraint is { } constraint ? $"{issue.Table} ({constraint})"
        : issue.Column is { } column ? $"{issue.Table}.{column}"
        : issue.Table ?? "";
}
