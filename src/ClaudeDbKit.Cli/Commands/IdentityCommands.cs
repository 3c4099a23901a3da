using System.CommandLine;
using static ClaudeDbKit.Cli.Commands.CommandBuilder;

namespace ClaudeDbKit.Cli.Commands;

/// <summary><c>claudedb identity register|list|touch|archive</c>.</summary>
internal static class IdentityCommands
{
    public static Command Create(CommandContext context)
    {
        var identity = new Command("identity", "Register, list and archive Claude identities.");

        var name = Required<string>("--name", "Identity name (unique among active identities, case-insensitively).");
        var platform = Required<string>("--platform", "Where it runs, e.g. claude-code.");
        var role = Optional<string?>("--role", "Role description.");
        var capabilities = Optional<string?>("--capabilities", "Capabilities as a JSON object.");
        identity.Subcommands.Add(Call(context, "register", "Register an identity; prints its id.", [name, platform, role, capabilities],
            async (client, parse, ct) => context.WriteId(parse, await client.Identities.RegisterAsync(
                parse.GetValue(name)!, parse.GetValue(platform)!, parse.GetValue(role), parse.GetValue(capabilities), ct).ConfigureAwait(false))));

        identity.Subcommands.Add(Call(context, "list", "List active identities, most recently active first.", [],
            async (client, parse, ct) => context.Write(parse, await client.Identities.ListActiveAsync(ct).ConfigureAwait(false),
                CliJsonContext.Default.IReadOnlyListIdentityInfo,
                (o, rows) => Table.Write(o, rows, ("IDENTITY", r => r.IdentityId), ("NAME", r => r.IdentityName), ("PLATFORM", r => r.Platform),
                    ("LAST ACTIVE", r => r.LastActiveAt), ("ROLE", r => r.RoleDescription)))));

        var touchId = new Argument<Guid>("identity-id");
        identity.Subcommands.Add(Call(context, "touch", "Record that the identity is active now.", [touchId],
            async (client, parse, ct) =>
            {
                await client.Identities.TouchAsync(parse.GetValue(touchId), ct).ConfigureAwait(false);
                context.WriteOk(parse, $"Identity {parse.GetValue(touchId)} marked active now.");
            }));

        var archiveId = new Argument<Guid>("identity-id");
        identity.Subcommands.Add(Call(context, "archive", "Archive an identity (never deleted).", [archiveId],
            async (client, parse, ct) =>
            {
                await client.Identities.ArchiveAsync(parse.GetValue(archiveId), ct).ConfigureAwait(false);
                context.WriteOk(parse, $"Identity {parse.GetValue(archiveId)} archived.");
            }));
        return identity;
    }
}
