using System.CommandLine;
using static ClaudeDbKit.Cli.Commands.CommandBuilder;

namespace ClaudeDbKit.Cli.Commands;

/// <summary><c>claudedb knowledge record|search|apply|update</c>.</summary>
internal static class KnowledgeCommands
{
    public static Command Create(CommandContext context)
    {
        var knowledge = new Command("knowledge", "Shared knowledge: record, search, and track what works.");

        var title = Required<string>("--title", "Title.");
        var description = Required<string>("--description", "The knowledge itself.");
        var type = Required<string>("--type", "pattern, gotcha, best-practice, bug-fix, reference, architecture, troubleshooting or api-reference.");
        var projects = Many("--project", "A project it applies to (repeatable; none: every project).");
        var confidence = WithDefault("--confidence", "1 (experimental) to 10 (verified).", 5);
        var identity = Optional<Guid?>("--identity", "Who learned it.");
        var code = Optional<string?>("--code", "A code example.");
        knowledge.Subcommands.Add(Call(context, "record", "Record knowledge; prints its id.", [title, description, type, projects, confidence, identity, code],
            async (client, parse, ct) => context.WriteId(parse, await client.Knowledge.RecordAsync(parse.GetValue(title)!, parse.GetValue(description)!,
                parse.GetValue(type)!, parse.GetValue(projects), parse.GetValue(confidence), parse.GetValue(identity), parse.GetValue(code), ct).ConfigureAwait(false))));

        var sProject = Optional<string?>("--project", "Within this project's scope.");
        var sType = Optional<string?>("--type", "Only this knowledge type.");
        var text = Optional<string?>("--text", "Search text (web-search syntax: words, \"phrases\", -excluded).");
        var min = WithDefault("--min-confidence", "Only items at least this confident.", 5);
        knowledge.Subcommands.Add(Call(context, "search", "Search knowledge, most confident first.", [sProject, sType, text, min],
            async (client, parse, ct) => context.Write(parse, await client.Knowledge.SearchAsync(parse.GetValue(sProject), parse.GetValue(sType),
                    parse.GetValue(text), parse.GetValue(min), ct).ConfigureAwait(false),
                CliJsonContext.Default.IReadOnlyListKnowledgeItem,
                (o, rows) => Table.Write(o, rows, ("KNOWLEDGE", k => k.KnowledgeId), ("TYPE", k => k.KnowledgeType), ("CONFIDENCE", k => k.ConfidenceLevel),
                    ("APPLIED", k => k.TimesApplied), ("TITLE", k => k.Title)))));

        var applyId = new Argument<Guid>("id");
        var failed = Optional<bool>("--failed", "It did not work this time.");
        knowledge.Subcommands.Add(Call(context, "apply", "Record one use of a knowledge item (confidence follows the success ratio).", [applyId, failed],
            async (client, parse, ct) =>
            {
                await client.Knowledge.ApplyAsync(parse.GetValue(applyId), !parse.GetValue(failed), ct).ConfigureAwait(false);
                context.WriteOk(parse, $"{parse.GetValue(applyId)} applied.");
            }));

        var updateId = new Argument<Guid>("id");
        var updates = Required<string>("--set", "The fields to change as a JSON object, e.g. {\"confidence_level\": 8}.");
        knowledge.Subcommands.Add(Call(context, "update", "Update fields of a knowledge item.", [updateId, updates],
            async (client, parse, ct) =>
            {
                await client.Knowledge.UpdateAsync(parse.GetValue(updateId), parse.GetValue(updates)!, ct).ConfigureAwait(false);
                context.WriteOk(parse, $"{parse.GetValue(updateId)} updated.");
            }));
        return knowledge;
    }
}
