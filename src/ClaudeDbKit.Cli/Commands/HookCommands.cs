using System.CommandLine;
using System.Text;
using ClaudeDbKit.Hooks;

namespace ClaudeDbKit.Cli.Commands;

/// <summary>
/// <c>claudedb hook session-start|session-end|subagent-start|subagent-stop|replay</c>: Claude Code
/// hooks. They always exit 0 and write nothing but the hook's JSON to stdout.
/// </summary>
internal static class HookCommands
{
    public static Command Create(CommandContext context, TextReader input)
    {
        var hook = new Command("hook", "Claude Code hooks: read the event from stdin, record it, fail open.");
        var identity = new Option<string?>("--identity") { Description = $"Identity (name or id) when the project has no default and ${HookSettings.IdentityVariable} is unset.", Recursive = true };
        var stateDir = new Option<string?>("--state-dir") { Description = $"Folder of the replay queue and hook.log (default: ${HookSettings.StateDirectoryVariable} or ~/.claudedb/state).", Recursive = true };
        var connectTimeout = new Option<double>("--connect-timeout") { Description = "Seconds to wait for the database before queueing the event.", DefaultValueFactory = _ => 2, Recursive = true }.Bounded(0, 3600);
        hook.Options.Add(identity);
        hook.Options.Add(stateDir);
        hook.Options.Add(connectTimeout);

        foreach (var (name, hookEvent, description) in new[]
                 {
                     ("session-start", HookEvent.SessionStart, "Record the session and print the startup briefing as SessionStart JSON."),
                     ("session-end", HookEvent.SessionEnd, "End the session (a summary is generated when none is given)."),
                     ("subagent-start", HookEvent.SubagentStart, "Record a spawned agent under its parent session."),
                     ("subagent-stop", HookEvent.SubagentStop, "Record that an agent finished."),
                 })
        {
            var command = new Command(name, description);
            command.SetAction(async (parse, cancellationToken) =>
            {
                var runner = new HookRunner(await SettingsAsync(context, parse, identity, stateDir, connectTimeout, hookEvent, cancellationToken).ConfigureAwait(false),
                    context.Output, context.Diagnostics);
                var stdin = await input.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                return await runner.RunAsync(hookEvent, stdin, cancellationToken).ConfigureAwait(false);
            });
            hook.Subcommands.Add(command);
        }

        var replay = new Command("replay", "Replay queued hook events now, in order; prints how many were applied.");
        replay.SetAction(async (parse, cancellationToken) =>
        {
            var settings = await SettingsAsync(context, parse, identity, stateDir, connectTimeout, null, cancellationToken).ConfigureAwait(false);
            var runner = new HookRunner(settings, context.Output, context.Diagnostics);
            var applied = await runner.ReplayAsync(cancellationToken).ConfigureAwait(false);
            context.WriteCount(parse, applied, "queued event(s) applied" + (runner.Queue.IsEmpty ? "" : "; some remain queued"));
            return ExitCodes.Success;
        });
        hook.Subcommands.Add(replay);
        return hook;
    }

    private static async Task<HookSettings> SettingsAsync(CommandContext context, ParseResult parse, Option<string?> identity, Option<string?> stateDir,
        Option<double> connectTimeout, HookEvent? hookEvent, CancellationToken cancellationToken)
    {
        string? connection;
        try
        {
            connection = await context.Connections.ResolveAsync(parse, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is UsageException or ClaudeDbException)
        {
            // Fail open: with no usable connection the event is queued, not lost.
            await context.Diagnostics.WriteLineAsync($"claudedb hook: {e.Message}").ConfigureAwait(false);
            connection = null;
        }
        var timeout = TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(connectTimeout)));
        return new HookSettings
        {
            ConnectionString = connection,
            DefaultIdentity = parse.GetValue(identity),
            StateDirectory = parse.GetValue(stateDir) ?? HookSettings.DefaultStateDirectory(),
            ConnectTimeout = timeout,
            // SessionEnd shares Claude Code's 1.5 s budget.
            CommandTimeout = hookEvent == HookEvent.SessionEnd ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5),
        };
    }
}
