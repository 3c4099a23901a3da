using System.CommandLine;
using ClaudeDbKit.Client;
using static ClaudeDbKit.Cli.Commands.CommandBuilder;

namespace ClaudeDbKit.Cli.Commands;

/// <summary><c>claudedb message send|broadcast|pending|read|ack|expire</c>.</summary>
internal static class MessageCommands
{
    public static Command Create(CommandContext context)
    {
        var message = new Command("message", "Send, read and acknowledge messages between sessions.");

        var from = Required<Guid>("--from", "Sending session id.");
        var to = Required<Guid>("--to", "Receiving session id.");
        var subject = Required<string>("--subject", "Subject.");
        var body = Required<string>("--body", "Body.");
        var type = WithDefault("--type", "task_request, status_update, question, notification, handoff or broadcast.", "notification");
        var priority = WithDefault("--priority", "urgent, normal or low.", "normal");
        var expires = WithDefault("--expires-in-days", "Days until the message expires.", 7);
        message.Subcommands.Add(Call(context, "send", "Send a direct message; prints its id.", [from, to, subject, body, type, priority, expires],
            async (client, parse, ct) => context.WriteId(parse, await client.Messages.SendAsync(parse.GetValue(from), parse.GetValue(to),
                parse.GetValue(subject)!, parse.GetValue(body)!, parse.GetValue(type)!, parse.GetValue(priority)!, parse.GetValue(expires), ct).ConfigureAwait(false))));

        var bFrom = Required<Guid>("--from", "Sending session id.");
        var project = Required<string>("--project", "Project name (case-insensitive).");
        var bSubject = Required<string>("--subject", "Subject.");
        var bBody = Required<string>("--body", "Body.");
        var bType = WithDefault("--type", "Message type.", "broadcast");
        var bPriority = WithDefault("--priority", "urgent, normal or low.", "normal");
        message.Subcommands.Add(Call(context, "broadcast", "Broadcast to a project's sessions; prints the message id.", [bFrom, project, bSubject, bBody, bType, bPriority],
            async (client, parse, ct) => context.WriteId(parse, await client.Messages.BroadcastAsync(parse.GetValue(bFrom), parse.GetValue(project)!,
                parse.GetValue(bSubject)!, parse.GetValue(bBody)!, parse.GetValue(bType)!, parse.GetValue(bPriority)!, ct).ConfigureAwait(false))));

        var session = Optional<Guid?>("--session", "Messages to this session and its project.");
        var pProject = Optional<string?>("--project", "Broadcasts to this project.");
        message.Subcommands.Add(Call(context, "pending", "Pending messages, urgent first, then oldest.", [session, pProject],
            async (client, parse, ct) => context.Write(parse, await client.Messages.PendingAsync(parse.GetValue(session), parse.GetValue(pProject), ct).ConfigureAwait(false),
                CliJsonContext.Default.IReadOnlyListMessageInfo,
                (o, rows) => Table.Write(o, rows, ("MESSAGE", m => m.MessageId), ("PRIORITY", m => m.Priority), ("TYPE", m => m.MessageType),
                    ("TO", m => m.ToProject ?? m.ToSessionId?.ToString()), ("SENT", m => m.CreatedAt), ("SUBJECT", m => m.Subject)))));

        message.Subcommands.Add(IdCall(context, "read", "Mark a message read.", (c, id, ct) => c.Messages.MarkReadAsync(id, ct), "marked read"));
        message.Subcommands.Add(IdCall(context, "ack", "Acknowledge a message.", (c, id, ct) => c.Messages.AcknowledgeAsync(id, ct), "acknowledged"));
        message.Subcommands.Add(Call(context, "expire", "Mark messages past their expiry as expired.", [],
            async (client, parse, ct) => context.WriteCount(parse, await client.Messages.ExpireAsync(ct).ConfigureAwait(false), "message(s) expired")));
        return message;
    }

    /// <summary>A subcommand taking one id argument and making one call with it.</summary>
    internal static Command IdCall(CommandContext context, string name, string description, Func<ClaudeDbClient, Guid, CancellationToken, Task> call, string done)
    {
        var id = new Argument<Guid>("id");
        return Call(context, name, description, [id], async (client, parse, ct) =>
        {
            await call(client, parse.GetValue(id), ct).ConfigureAwait(false);
            context.WriteOk(parse, $"{parse.GetValue(id)} {done}.");
        });
    }
}
