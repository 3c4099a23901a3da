using System.CommandLine;
using static ClaudeDbKit.Cli.Commands.CommandBuilder;

namespace ClaudeDbKit.Cli.Commands;

/// <summary><c>claudedb activity log|recent|source|archive</c>.</summary>
internal static class ActivityCommands
{
    public static Command Create(CommandContext context)
    {
        var activity = new Command("activity", "Write and read the activity feed.");

        var sourceType = Required<string>("--source-type", "session, message, job, test, feedback, commit, alert, ...");
        var sourceId = Optional<Guid?>("--source-id", "Id of the record the entry is about.");
        var actor = Optional<string?>("--actor", "Who did it.");
        var type = Required<string>("--type", "Activity type, e.g. test_passed.");
        var title = Required<string>("--title", "One-line title.");
        var summary = Optional<string?>("--summary", "Details.");
        var project = Optional<string?>("--project", "Project name.");
        var severity = WithDefault("--severity", "info, success, warning or error.", "info");
        activity.Subcommands.Add(Call(context, "log", "Append an entry; prints its id.", [sourceType, sourceId, actor, type, title, summary, project, severity],
            async (client, parse, ct) => context.WriteId(parse, await client.Activity.LogAsync(
                parse.GetValue(sourceType)!, parse.GetValue(sourceId), parse.GetValue(actor), parse.GetValue(type)!, parse.GetValue(title)!,
                parse.GetValue(summary), parse.GetValue(project), parse.GetValue(severity)!, ct).ConfigureAwait(false))));

        var recentProject = Optional<string?>("--project", "Only this project (case-insensitive).");
        var recentSeverity = Optional<string?>("--severity", "Only this severity.");
        var limit = WithDefault("--limit", "At most this many (1-1000).", 50);
        activity.Subcommands.Add(Call(context, "recent", "Newest entries first.", [recentProject, recentSeverity, limit],
            async (client, parse, ct) => Write(context, parse, await client.Activity.RecentAsync(
                parse.GetValue(recentProject), parse.GetValue(recentSeverity), parse.GetValue(limit), ct).ConfigureAwait(false))));

        var bySourceType = Required<string>("--source-type", "Source type.");
        var bySourceId = Required<Guid>("--source-id", "Source id.");
        activity.Subcommands.Add(Call(context, "source", "Every entry about one source.", [bySourceType, bySourceId],
            async (client, parse, ct) => Write(context, parse, await client.Activity.BySourceAsync(
                parse.GetValue(bySourceType)!, parse.GetValue(bySourceId), ct).ConfigureAwait(false))));

        // The database decides what is a valid period (CD001); this only keeps the number a TimeSpan can hold.
        var days = WithDefault("--older-than-days", "Archive entries older than this.", 90.0).Bounded(-3_650_000, 3_650_000);
        activity.Subcommands.Add(Call(context, "archive", "Move old entries to claude.activity_feed_archive (the only way entries leave the feed).", [days],
            async (client, parse, ct) => context.WriteCount(parse,
                await client.Activity.ArchiveAsync(TimeSpan.FromDays(parse.GetValue(days)), ct).ConfigureAwait(false), "entr(ies) archived")));
        return activity;
    }

    private static void Write(CommandContext context, ParseResult parse, IReadOnlyList<Client.ActivityEntry> rows) =>
        context.Write(parse, rows, CliJsonContext.Default.IReadOnlyListActivityEntry,
            (o, r) => Table.Write(o, r, ("WHEN", e => e.CreatedAt), ("SEVERITY", e => e.Severity), ("TYPE", e => e.ActivityType),
                ("PROJECT", e => e.ProjectName), ("ACTOR", e => e.Actor), ("TITLE", e => e.Title)));
}
