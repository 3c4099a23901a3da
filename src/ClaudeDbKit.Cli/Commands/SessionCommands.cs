using System.CommandLine;
using static ClaudeDbKit.Cli.Commands.CommandBuilder;

namespace ClaudeDbKit.Cli.Commands;

/// <summary><c>claudedb session start|end|active|list|abandon-stale</c>.</summary>
internal static class SessionCommands
{
    public static Command Create(CommandContext context)
    {
        var session = new Command("session", "Start, end and list work sessions.");
        session.Subcommands.Add(Start(context));
        session.Subcommands.Add(End(context));
        session.Subcommands.Add(Active(context));
        session.Subcommands.Add(List(context));
        session.Subcommands.Add(AbandonStale(context));
        return session;
    }

    private static Command Start(CommandContext context)
    {
        var identity = Optional<Guid?>("--identity", "Identity id (default: the project's default identity).");
        var project = Required<string>("--project", "Project name (case-insensitive; an unknown name is registered).");
        var schema = Optional<string?>("--schema", "Database schema of the project.");
        var sessionId = Optional<Guid?>("--session-id", "Use this id (Claude Code's session id); an existing id is resumed.");
        var supersede = Optional<bool>("--supersede", "End the identity's other active session as abandoned instead of failing.");
        return Call(context, "start", "Start or resume a session; prints its id.", [identity, project, schema, sessionId, supersede],
            async (client, parse, ct) => context.WriteId(parse, await client.Sessions.StartAsync(
                parse.GetValue(identity), parse.GetValue(project)!, parse.GetValue(schema), parse.GetValue(sessionId), parse.GetValue(supersede), ct).ConfigureAwait(false)));
    }

    private static Command End(CommandContext context)
    {
        var id = new Argument<Guid>("session-id") { Description = "The session to end." };
        var summary = Required<string>("--summary", "What the session did (required).");
        var tasks = Many("--task", "A completed task (repeatable).");
        var learnings = Many("--learning", "A learning (repeatable).");
        var challenges = Many("--challenge", "A challenge met (repeatable).");
        return Call(context, "end", "End an active session with its summary.", [id, summary, tasks, learnings, challenges],
            async (client, parse, ct) =>
            {
                await client.Sessions.EndAsync(parse.GetValue(id), parse.GetValue(summary)!, parse.GetValue(tasks), parse.GetValue(learnings),
                    parse.GetValue(challenges), ct).ConfigureAwait(false);
                context.WriteOk(parse, $"Session {parse.GetValue(id)} ended.");
            });
    }

    private static Command Active(CommandContext context)
    {
        var identity = Required<Guid>("--identity", "Identity id.");
        return Call(context, "active", "Print the identity's active session id (nothing when none).", [identity],
            async (client, parse, ct) => context.WriteId(parse, await client.Sessions.GetActiveAsync(parse.GetValue(identity), ct).ConfigureAwait(false)));
    }

    private static Command List(CommandContext context)
    {
        var identity = Optional<Guid?>("--identity", "Only this identity's sessions.");
        var project = Optional<string?>("--project", "Only this project's sessions (case-insensitive).");
        var status = Optional<string?>("--status", "active, ended or abandoned.");
        var limit = WithDefault("--limit", "At most this many, newest first.", 50);
        return Call(context, "list", "List sessions, newest first.", [identity, project, status, limit],
            async (client, parse, ct) => context.Write(parse,
                await client.Sessions.ListAsync(parse.GetValue(identity), parse.GetValue(project), parse.GetValue(status), parse.GetValue(limit), ct).ConfigureAwait(false),
                CliJsonContext.Default.IReadOnlyListSessionInfo,
                (o, rows) => Table.Write(o, rows, ("SESSION", r => r.SessionId), ("IDENTITY", r => r.IdentityName), ("PROJECT", r => r.ProjectName),
                    ("STATUS", r => r.Status), ("STARTED", r => r.SessionStart), ("ENDED", r => r.SessionEnd), ("SUMMARY", r => r.Summary))));
    }

    private static Command AbandonStale(CommandContext context)
    {
        var hours = WithDefault("--older-than-hours", "Close sessions active for longer than this.", 12.0);
        return Call(context, "abandon-stale", "Close sessions left active too long as abandoned.", [hours],
            async (client, parse, ct) => context.WriteCount(parse,
                await client.Sessions.AbandonStaleAsync(TimeSpan.FromHours(parse.GetValue(hours)), ct).ConfigureAwait(false), "session(s) abandoned"));
    }
}
