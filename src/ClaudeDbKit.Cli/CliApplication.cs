using System.CommandLine;
using ClaudeDbKit.Cli.Commands;
using Npgsql;

namespace ClaudeDbKit.Cli;

/// <summary>The <c>claudedb</c> command tree. Results go to <c>output</c>, progress and errors to <c>diagnostics</c>.</summary>
internal sealed class CliApplication(TextReader input, TextWriter output, TextWriter diagnostics)
{
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        if (InvalidUtf8Argument(args) is { } garbled)
        {
            await diagnostics.WriteLineAsync($"claudedb: {garbled} is not valid UTF-8 text; pass every argument as UTF-8.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await diagnostics.WriteLineAsync($"claudedb: {error.Message}").ConfigureAwait(false);
            await diagnostics.WriteLineAsync("Run 'claudedb --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = diagnostics, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await diagnostics.WriteLineAsync($"claudedb: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (ClaudeDbException e)
        {
            await diagnostics.WriteLineAsync($"claudedb: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedFunction or PostgresErrorCodes.UndefinedTable)
        {
            await diagnostics.WriteLineAsync($"claudedb: {e.SqlState}: {e.MessageText}. The claude schema of this database is missing or older than this claudedb: run 'claudedb migrate'.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (PostgresException e)
        {
            // Any other refusal (a missing privilege, 22021 ...) is reported, never a crash.
            await diagnostics.WriteLineAsync($"claudedb: {e.SqlState}: {e.MessageText}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            await diagnostics.WriteLineAsync($"claudedb: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await diagnostics.WriteLineAsync("claudedb: cancelled.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// .NET decodes the bytes of argv as UTF-8 and turns what is not UTF-8 into U+FFFD: such an argument
    /// would silently become other text. Names the argument (never its content, which may be a secret).
    /// </summary>
    internal static string? InvalidUtf8Argument(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].Contains('\uFFFD', StringComparison.Ordinal))
                continue;
            if (args[i].StartsWith('-') && args[i].IndexOf('=', StringComparison.Ordinal) is > 0 and var equals && !args[i][..equals].Contains('\uFFFD', StringComparison.Ordinal))
                return $"the value of {args[i][..equals]}";
            return i > 0 && args[i - 1].StartsWith('-') && !args[i - 1].Contains('\uFFFD', StringComparison.Ordinal)
                ? $"the value of {args[i - 1]} (argument {i + 1})"
                : $"argument {i + 1}";
        }
        return null;
    }

    /// <summary>The whole command tree (tests walk it to check every API function has a subcommand).</summary>
    internal RootCommand BuildRoot()
    {
        var options = new GlobalOptions();
        var root = new RootCommand("claudedb: deploy and use the claude schema of ai_company_foundation.");
        options.AddTo(root);
        var context = new CommandContext(options, new ConnectionResolver(options, diagnostics), output, diagnostics);
        root.Subcommands.Add(MigrationCommands.Migrate(context));
        root.Subcommands.Add(MigrationCommands.Status(context));
        root.Subcommands.Add(SessionCommands.Create(context));
        root.Subcommands.Add(IdentityCommands.Create(context));
        root.Subcommands.Add(AgentCommands.Create(context));
        root.Subcommands.Add(ActivityCommands.Create(context));
        root.Subcommands.Add(RegistryCommands.Create(context));
        root.Subcommands.Add(MessageCommands.Create(context));
        root.Subcommands.Add(JobCommands.Create(context));
        root.Subcommands.Add(ReminderCommands.Create(context));
        root.Subcommands.Add(KnowledgeCommands.Create(context));
        root.Subcommands.Add(WorkCommands.Create(context));
        root.Subcommands.Add(BriefingCommand.Create(context));
        root.Subcommands.Add(DoctorCommand.Create(context));
        root.Subcommands.Add(HookCommands.Create(context, input));
        return root;
    }
}
