using System.CommandLine;
using System.Globalization;
using ClaudeDbKit.Client;
using static ClaudeDbKit.Cli.Commands.CommandBuilder;

namespace ClaudeDbKit.Cli.Commands;

/// <summary><c>claudedb work feature|feedback|task|requirement|status|show</c>: work items with short codes F&lt;n&gt;, FB&lt;n&gt;, BT&lt;n&gt;.</summary>
internal static class WorkCommands
{
    public static Command Create(CommandContext context)
    {
        var work = new Command("work", "Work tracking: features (F<n>), feedback (FB<n>), build tasks (BT<n>) and requirements.");

        var fProject = Required<string>("--project", "The project: its name (any case) or project_id.");
        var fName = Required<string>("--name", "The feature's name (at most 200 characters).");
        var fDescription = Optional<string?>("--description", "What the feature is.");
        var fPriority = WithDefault("--priority", "1 (highest) to 5.", 3);
        var fSession = Optional<Guid?>("--session", "The session that creates it.");
        work.Subcommands.Add(Call(context, "feature", "Create a feature (status draft); prints its code, e.g. F12.",
            [fProject, fName, fDescription, fPriority, fSession],
            async (client, parse, ct) => WriteCode(context, parse, await client.Work.CreateFeatureAsync(parse.GetValue(fProject)!, parse.GetValue(fName)!,
                parse.GetValue(fDescription), parse.GetValue(fPriority), parse.GetValue(fSession), ct).ConfigureAwait(false))));

        var bProject = Required<string>("--project", "The project: its name (any case) or project_id.");
        var bType = Required<string>("--type", "bug, design, question or change.");
        var bDescription = Required<string>("--description", "What was observed or asked.");
        var bTitle = Optional<string?>("--title", "A one-line title (at most 200 characters).");
        var bSession = Optional<Guid?>("--session", "The session that records it.");
        work.Subcommands.Add(Call(context, "feedback", "Record feedback (status new); prints its code, e.g. FB3.",
            [bProject, bType, bDescription, bTitle, bSession],
            async (client, parse, ct) => WriteCode(context, parse, await client.Work.CreateFeedbackAsync(parse.GetValue(bProject)!, parse.GetValue(bType)!,
                parse.GetValue(bDescription)!, parse.GetValue(bTitle), parse.GetValue(bSession), ct).ConfigureAwait(false))));

        var tFeature = Required<string>("--feature", "The feature: its code (F12) or feature_id.");
        var tName = Required<string>("--name", "The task's name (at most 200 characters).");
        var tDescription = Optional<string?>("--description", "What to do.");
        var tPriority = WithDefault("--priority", "1 (highest) to 5.", 3);
        var tSession = Optional<Guid?>("--session", "The session that creates it.");
        work.Subcommands.Add(Call(context, "task", "Create a build task (status pending) of a feature, in its project; prints its code, e.g. BT7.",
            [tFeature, tName, tDescription, tPriority, tSession],
            async (client, parse, ct) => WriteCode(context, parse, await client.Work.CreateBuildTaskAsync(parse.GetValue(tFeature)!, parse.GetValue(tName)!,
                parse.GetValue(tDescription), parse.GetValue(tPriority), parse.GetValue(tSession), ct).ConfigureAwait(false))));

        var rFeature = Required<string>("--feature", "The feature: its code (F12) or feature_id.");
        var rName = Required<string>("--name", "The requirement (acceptance criterion), at most 200 characters.");
        var rDescription = Optional<string?>("--description", "Details.");
        work.Subcommands.Add(Call(context, "requirement", "Add a requirement (status pending) to a feature; prints its id.", [rFeature, rName, rDescription],
            async (client, parse, ct) => context.WriteId(parse, await client.Work.AddRequirementAsync(parse.GetValue(rFeature)!, parse.GetValue(rName)!,
                parse.GetValue(rDescription), ct).ConfigureAwait(false))));

        var sCode = new Argument<string>("code") { Description = "F<n>, FB<n>, BT<n>, or a requirement id." };
        var sStatus = new Argument<string>("status") { Description = "The new status (claudedb registry values <table> status lists them)." };
        work.Subcommands.Add(Call(context, "status", "Move a work item to a registered status.", [sCode, sStatus],
            async (client, parse, ct) =>
            {
                await client.Work.SetStatusAsync(parse.GetValue(sCode)!, parse.GetValue(sStatus)!, ct).ConfigureAwait(false);
                context.WriteOk(parse, $"{parse.GetValue(sCode)!.Trim().ToUpperInvariant()} is {parse.GetValue(sStatus)}.");
            }));

        var showCode = new Argument<string>("code") { Description = "F<n>, FB<n> or BT<n> (any case)." };
        work.Subcommands.Add(Call(context, "show", "Show a work item with its project, feature, tasks and requirements.", [showCode],
            async (client, parse, ct) =>
            {
                var item = await client.Work.GetAsync(parse.GetValue(showCode)!, ct).ConfigureAwait(false);
                if (context.Json(parse))
                    context.Output.WriteLine(item.Json);
                else
                    WriteItem(context.Output, item);
            }));
        return work;
    }

    private static void WriteCode(CommandContext context, ParseResult parse, string code) =>
        context.Write(parse, new CodeResult(code), CliJsonContext.Default.CodeResult, (o, v) => o.WriteLine(v.Code));

    private static void WriteItem(TextWriter output, WorkItem item)
    {
        output.WriteLine($"{item.Code}  {item.Name}");
        output.WriteLine($"  kind      {item.Kind}{(item.FeedbackType is { } type ? $" ({type})" : "")}");
        output.WriteLine($"  status    {item.Status}");
        output.WriteLine($"  priority  {item.Priority}");
        output.WriteLine($"  project   {item.ProjectName} ({item.ProjectId})");
        if (item.FeatureCode is not null)
            output.WriteLine($"  feature   {item.FeatureCode}  {item.FeatureName}");
        output.WriteLine($"  created   {Time(item.CreatedAt)}");
        if (item.StartedAt is not null) output.WriteLine($"  started   {Time(item.StartedAt)}");
        if (item.CompletedAt is not null) output.WriteLine($"  completed {Time(item.CompletedAt)}");
        if (item.ResolvedAt is not null) output.WriteLine($"  resolved  {Time(item.ResolvedAt)}");
        if (!string.IsNullOrWhiteSpace(item.Description))
            output.WriteLine($"  {item.Description}");
        if (item.Tasks.Count > 0)
        {
            output.WriteLine();
            Table.Write(output, item.Tasks, ("TASK", t => t.Code), ("STATUS", t => t.Status), ("PRIORITY", t => t.Priority), ("NAME", t => t.Name));
        }
        if (item.Requirements.Count > 0)
        {
            output.WriteLine();
            Table.Write(output, item.Requirements, ("REQUIREMENT", r => r.Id), ("STATUS", r => r.Status), ("NAME", r => r.Name));
        }
    }

    private static string Time(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
}
