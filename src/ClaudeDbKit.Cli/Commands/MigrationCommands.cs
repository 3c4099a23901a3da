using System.CommandLine;
using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.Cli.Commands;

/// <summary><c>claudedb migrate</c> and <c>claudedb status</c>.</summary>
internal static class MigrationCommands
{
    public static Command Migrate(CommandContext context)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "List the scripts that would run; change nothing." };
        var acceptChanged = new Option<bool>("--accept-changed") { Description = "Journal edited migrations' new checksums instead of failing (they are not run again)." };
        var lockWait = new Option<int>("--lock-wait") { Description = "Seconds to wait for another deployment to finish.", DefaultValueFactory = _ => 300 };
        var lockTimeout = new Option<int>("--lock-timeout") { Description = "Seconds a statement may wait for a table lock before the script fails and rolls back.", DefaultValueFactory = _ => 30 };
        var appRole = new Option<string?>("--app-role") { Description = "Name of the gateway role: EXECUTE on the API functions, SELECT on the views (default claude_app, or the name given before)." };
        var readerRole = new Option<string?>("--reader-role") { Description = "Name of the read-only role: SELECT on the views (default claude_reader, or the name given before)." };
        var command = new Command("migrate", "Deploy the claude schema: pending migrations, then changed function scripts.")
        {
            dryRun, acceptChanged, lockWait, lockTimeout, appRole, readerRole,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(lockWait) < 0 || result.GetValue(lockTimeout) < 0)
                result.AddError("--lock-wait and --lock-timeout take a number of seconds, 0 or more.");
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = await context.Connections.ResolveAsync(parse, cancellationToken).ConfigureAwait(false);
            var runner = new MigrationRunner(connection, new MigrationOptions
            {
                Scripts = context.Scripts(parse),
                DryRun = parse.GetValue(dryRun),
                AcceptChangedMigrations = parse.GetValue(acceptChanged),
                LockWait = TimeSpan.FromSeconds(parse.GetValue(lockWait)),
                LockTimeout = TimeSpan.FromSeconds(parse.GetValue(lockTimeout)),
                AppRole = parse.GetValue(appRole),
                ReaderRole = parse.GetValue(readerRole),
            });
            var progress = new SynchronousProgress<MigrationProgress>(p => context.Diagnostics.WriteLine(p.Message));
            var result = await runner.MigrateAsync(progress, cancellationToken).ConfigureAwait(false);
            if (context.Json(parse))
                JsonOutput.Write(context.Output, result);
            else
                TextOutput.Write(context.Output, result);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Status(CommandContext context)
    {
        var command = new Command("status", "Show each script: applied, pending, changed, or journaled but unknown to this build.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = await context.Connections.ResolveAsync(parse, cancellationToken).ConfigureAwait(false);
            var status = await new MigrationRunner(connection, new MigrationOptions { Scripts = context.Scripts(parse) })
                .GetStatusAsync(cancellationToken).ConfigureAwait(false);
            if (context.Json(parse))
                JsonOutput.Write(context.Output, status);
            else
                TextOutput.Write(context.Output, status);
            return ExitCodes.Success;
        });
        return command;
    }
}
