using System.CommandLine;
using ClaudeDbKit.Client;
using static ClaudeDbKit.Cli.Commands.CommandBuilder;

namespace ClaudeDbKit.Cli.Commands;

/// <summary><c>claudedb briefing</c>: the one-call startup briefing.</summary>
internal static class BriefingCommand
{
    public static Command Create(CommandContext context)
    {
        var session = Optional<Guid?>("--session", "The starting session.");
        var project = Optional<string?>("--project", "The project (default: the session's).");
        return Call(context, "briefing", "Due reminders, pending messages, due jobs and recent activity, in one call.", [session, project],
            async (client, parse, ct) =>
            {
                var briefing = await client.Briefing.GetAsync(parse.GetValue(session), parse.GetValue(project), ct).ConfigureAwait(false);
                if (context.Json(parse))
                    context.Output.WriteLine(briefing.Json);
                else
                    context.Output.Write(BriefingText.Format(briefing));
            });
    }
}
